// Fans an institution's events out to its subscribed endpoints: one delivery row per endpoint,
// queued in the same transaction as the group's processed record (so each event is queued once).
import { type EventEnvelope, WEBHOOK_EVENT_TYPES } from '@edumatrix/contracts';
import { uuidv7 } from 'uuidv7';
import type { Db } from '../../platform/db/database.ts';
import type { Consumer } from '../../platform/events/consumer.ts';
import { webhookBody } from './webhooks.present.ts';
import { webhookQueue, webhooksRepository } from './webhooks.repository.ts';

export function webhooksConsumer(deps: { wake(): void }): Consumer {
  return {
    group: 'webhooks',
    types: WEBHOOK_EVENT_TYPES,
    async handle(event: EventEnvelope, trx: Db) {
      if (!event.tenantId) return;
      const repo = webhooksRepository(trx, event.tenantId);
      const queue = webhookQueue(trx);
      for (const endpoint of await repo.subscribedTo(event.type)) {
        const delivery = await repo.insertDelivery({
          id: uuidv7(),
          endpoint_id: endpoint.id,
          event_id: event.id,
          event_type: event.type,
          body: webhookBody(event),
          next_attempt_at: new Date(),
        });
        if (delivery) await queue.enqueue(delivery.id, event.tenantId, new Date());
      }
    },
    afterCommit: () => deps.wake(),
  };
}
