// Standard Webhooks signing (https://www.standardwebhooks.com): receivers verify with any of its
// libraries. The secret is `whsec_` + base64 key; the signature is base64 HMAC-SHA256 over
// `${id}.${timestamp}.${body}`, sent as `webhook-signature: v1,<signature>`.
import { createHmac, randomBytes } from 'node:crypto';

const PREFIX = 'whsec_';

export const newWebhookSecret = () => `${PREFIX}${randomBytes(24).toString('base64')}`;

export function signWebhook(secret: string, id: string, timestampSeconds: number, body: string): string {
  const key = Buffer.from(secret.slice(PREFIX.length), 'base64');
  return `v1,${createHmac('sha256', key).update(`${id}.${timestampSeconds}.${body}`).digest('base64')}`;
}

/** The headers of one delivery attempt. The timestamp is fresh per attempt, so receivers can refuse replays. */
export function webhookHeaders(secret: string, deliveryId: string, eventType: string, body: string, now = new Date()) {
  const timestamp = Math.floor(now.getTime() / 1000);
  return {
    'content-type': 'application/json',
    'user-agent': 'EduMatrix-Webhooks/1.0',
    'webhook-id': deliveryId,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': signWebhook(secret, deliveryId, timestamp, body),
    'x-edumatrix-event': eventType,
  };
}
