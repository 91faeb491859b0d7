// Rows to API shapes, and events to the JSON body receivers get.
import type { EventEnvelope, Webhook, WebhookDelivery, WebhookDeliveryDetail } from '@edumatrix/contracts';
import { isoOrNull as iso } from '../../platform/time/zoned.ts';
import type { DeliveryRow, EndpointRow } from './webhooks.repository.ts';

export const presentWebhook = (r: EndpointRow): Webhook => ({
  id: r.id,
  url: r.url,
  description: r.description,
  eventTypes: r.event_types,
  enabled: r.enabled,
  disabledReason: r.disabled_reason,
  consecutiveFailures: r.consecutive_failures,
  createdAt: iso(r.created_at) as string,
  updatedAt: iso(r.updated_at) as string,
});

export const presentDelivery = (r: DeliveryRow): WebhookDelivery => ({
  id: r.id,
  webhookId: r.endpoint_id,
  eventId: r.event_id,
  eventType: r.event_type,
  status: r.status,
  attempts: r.attempts,
  nextAttemptAt: iso(r.next_attempt_at),
  createdAt: iso(r.created_at) as string,
  completedAt: iso(r.completed_at),
});

export const presentDeliveryDetail = (r: DeliveryRow): WebhookDeliveryDetail => ({ ...presentDelivery(r), body: r.body });

/** The body receivers get: Standard Webhooks' { type, timestamp, data } plus the event's identity. */
export const webhookBody = (event: Pick<EventEnvelope, 'id' | 'type' | 'version' | 'occurredAt' | 'tenantId' | 'payload'>) =>
  JSON.stringify({
    id: event.id,
    type: event.type,
    version: event.version,
    timestamp: event.occurredAt,
    institutionId: event.tenantId,
    data: event.payload,
  });
