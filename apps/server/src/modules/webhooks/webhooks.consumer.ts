// Fans an institution's events out to its subscribed endpoints: one delivery row per endpoint,
// queued in the same transaction as the group's processed record (so each event is queued once).
import { type EventEnvelope, WEBHOOK_EVENT_TYPES } from '@edumatrix/contracts';
import type { Db } from '../../platform/db/database.ts';
import type { Consumer } from '../../platform/events/consumer.ts';
import { webhookBody } from './webhooks.present.ts';
import { queueDelivery, webhooksRepository } from './webhooks.repository.ts';

export function webhooksConsumer(deps: { wake(): void }): Consumer {
  return {
    group: 'webhooks',
    types: WEBHOOK_EVENT_TYPES,
    async handle(event: EventEnvelope, trx: Db) {
      if (!event.tenantId) return;
      const body = webhookBody(event);
      for (const endpoint of await webhooksRepository(trx, event.tenantId).subscribedTo(event.type)) {
        await queueDelivery(trx, event.tenantId, endpoint.id, { id: event.id, type: event.type, body });
      }
    },
    afterCommit: () => deps.wake(),
  };
}
