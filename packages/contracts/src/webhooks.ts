// Outgoing webhooks: an institution's admins register HTTPS endpoints that receive the
// institution's events, signed per the Standard Webhooks scheme (webhook-id, webhook-timestamp,
// webhook-signature: v1,<base64 HMAC-SHA256 of "id.timestamp.body">).
import { z } from 'zod';

/** Events an endpoint may subscribe to: those that belong to one institution. Later modules add theirs. */
export const WEBHOOK_EVENT_TYPES = [
  'institutions.member_invited',
  'institutions.member_joined',
  'institutions.member_role_changed',
  'institutions.member_removed',
  'institutions.structure_changed',
  'institutions.people_changed',
  'institutions.enrolment_changed',
  'institutions.attendance_alert',
  'institutions.grade_updated',
  'institutions.announcement_published',
] as const;
export const WebhookEventType = z.enum(WEBHOOK_EVENT_TYPES);
export type WebhookEventType = z.infer<typeof WebhookEventType>;

/** The event type of a test delivery sent from the admin page. */
export const WEBHOOK_PING = 'webhooks.ping';

const WebhookUrl = z.url({ protocol: /^https?$/, error: 'must be an http or https URL' }).max(2000);
const EventTypes = z.array(WebhookEventType).min(1, 'choose at least one event type').max(WEBHOOK_EVENT_TYPES.length);

export const CreateWebhookBody = z.strictObject({
  url: WebhookUrl,
  eventTypes: EventTypes,
  description: z.string().trim().max(200).default(''),
});
export type CreateWebhookBody = z.input<typeof CreateWebhookBody>;

export const UpdateWebhookBody = z.strictObject({
  url: WebhookUrl.optional(),
  eventTypes: EventTypes.optional(),
  description: z.string().trim().max(200).optional(),
  /** true re-enables an endpoint that was disabled after failures (and resets the failure count). */
  enabled: z.boolean().optional(),
});
export type UpdateWebhookBody = z.infer<typeof UpdateWebhookBody>;

export const Webhook = z.object({
  id: z.uuid(),
  url: z.string(),
  description: z.string(),
  eventTypes: z.array(z.string()),
  enabled: z.boolean(),
  /** Why it is disabled: by an admin, or after repeated failures. */
  disabledReason: z.string().nullable(),
  consecutiveFailures: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Webhook = z.infer<typeof Webhook>;

/** Creation and secret rotation answer the signing secret, once. */
export const WebhookWithSecret = Webhook.extend({ secret: z.string() });
export type WebhookWithSecret = z.infer<typeof WebhookWithSecret>;

export const WebhookDeliveryStatus = z.enum(['pending', 'succeeded', 'failed']);
export type WebhookDeliveryStatus = z.infer<typeof WebhookDeliveryStatus>;

export const WebhookAttempt = z.object({
  at: z.string(),
  durationMs: z.number().int(),
  statusCode: z.number().int().nullable(),
  error: z.string().nullable(),
});
export type WebhookAttempt = z.infer<typeof WebhookAttempt>;

export const WebhookDelivery = z.object({
  id: z.uuid(),
  webhookId: z.uuid(),
  eventId: z.uuid(),
  eventType: z.string(),
  status: WebhookDeliveryStatus,
  attempts: z.array(WebhookAttempt),
  nextAttemptAt: z.string().nullable(),
  createdAt: z.string(),
  completedAt: z.string().nullable(),
});
export type WebhookDelivery = z.infer<typeof WebhookDelivery>;

/** One delivery with the exact body that was signed and sent. */
export const WebhookDeliveryDetail = WebhookDelivery.extend({ body: z.string() });
export type WebhookDeliveryDetail = z.infer<typeof WebhookDeliveryDetail>;

export const WebhookDeliveryQuery = z.strictObject({
  status: WebhookDeliveryStatus.optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});
export type WebhookDeliveryQuery = z.infer<typeof WebhookDeliveryQuery>;
