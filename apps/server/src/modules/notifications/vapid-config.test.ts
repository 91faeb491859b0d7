import { describe, expect, it } from 'vitest';
import webpush from 'web-push';
import { loadConfig } from '../../platform/config.ts';

describe('web push configuration', () => {
  const keys = webpush.generateVAPIDKeys();

  it('is off without VAPID variables, and takes all three', () => {
    expect(loadConfig({}).VAPID_PUBLIC_KEY).toBeUndefined();
    const config = loadConfig({
      VAPID_PUBLIC_KEY: keys.publicKey,
      VAPID_PRIVATE_KEY: keys.privateKey,
      VAPID_SUBJECT: 'mailto:ops@example.org',
    });
    expect(config.VAPID_SUBJECT).toBe('mailto:ops@example.org');
  });

  it('names what is missing or malformed', () => {
    expect(() => loadConfig({ VAPID_PUBLIC_KEY: keys.publicKey })).toThrow(
      /VAPID_PRIVATE_KEY: is required[\s\S]*VAPID_SUBJECT: is required/,
    );
    expect(() => loadConfig({ VAPID_PUBLIC_KEY: 'nope', VAPID_PRIVATE_KEY: keys.privateKey, VAPID_SUBJECT: 'mailto:a@b.c' })).toThrow(
      /VAPID_PUBLIC_KEY/,
    );
    expect(() =>
      loadConfig({ VAPID_PUBLIC_KEY: keys.publicKey, VAPID_PRIVATE_KEY: keys.privateKey, VAPID_SUBJECT: 'ops@example.org' }),
    ).toThrow(/VAPID_SUBJECT: must be a mailto: or https:\/\/ URL/);
  });
});
