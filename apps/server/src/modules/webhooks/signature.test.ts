import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { newWebhookSecret, signWebhook, webhookHeaders } from './signature.ts';

describe('webhook signature (Standard Webhooks)', () => {
  it('matches the published test vector', () => {
    // From the Standard Webhooks specification's reference tests.
    const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    const body = '{"test": 2432232314}';
    expect(signWebhook(secret, 'msg_p5jXN8AQM9LWM0D4loKWxJek', 1614265330, body)).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
  });

  it('signs id, timestamp and body, so changing any of them breaks it', () => {
    const secret = newWebhookSecret();
    const headers = webhookHeaders(secret, 'd1', 'institutions.member_joined', '{"a":1}', new Date('2026-11-22T10:00:00Z'));
    expect(headers['webhook-timestamp']).toBe('1795341600');
    const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
    const expected = createHmac('sha256', key).update(`d1.1795341600.{"a":1}`).digest('base64');
    expect(headers['webhook-signature']).toBe(`v1,${expected}`);
    expect(signWebhook(secret, 'd1', 1795341600, '{"a":2}')).not.toBe(headers['webhook-signature']);
    expect(signWebhook(secret, 'd2', 1795341600, '{"a":1}')).not.toBe(headers['webhook-signature']);
    expect(signWebhook(newWebhookSecret(), 'd1', 1795341600, '{"a":1}')).not.toBe(headers['webhook-signature']);
  });
});
