// Readiness covers Redis and NATS when they are configured. The full suite starts real servers and
// passes their URLs in TEST_REDIS_URL and TEST_NATS_URL.
import { describe, expect, it } from 'vitest';
import { freePort } from '../../testing/processes.ts';
import { dbLabel, startTestPlatform } from '../../testing/test-platform.ts';

const redisUrl = process.env.TEST_REDIS_URL;
const natsUrl = process.env.TEST_NATS_URL;

async function readiness(url: string, until: (status: number) => boolean) {
  for (let i = 0; i < 50; i++) {
    const res = await fetch(`${url}/health/ready`);
    const body = (await res.json()) as { checks?: Record<string, string>; detail?: string };
    if (until(res.status) || i === 49) return { status: res.status, body };
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('unreachable');
}

describe(`readiness with Redis and NATS on ${dbLabel()}`, () => {
  it.skipIf(!redisUrl || !natsUrl)('is ready when the real Redis and NATS answer', async () => {
    const t = await startTestPlatform({ env: { REDIS_URL: redisUrl as string, NATS_URL: natsUrl as string } });
    try {
      const { status, body } = await readiness(t.url, (s) => s === 200);
      expect(status).toBe(200);
      expect(body.checks).toEqual({ database: 'up', redis: 'up', nats: 'up' });
    } finally {
      await t.close();
    }
  });

  it('answers 503 naming Redis and NATS when they do not answer', async () => {
    const t = await startTestPlatform({
      env: { REDIS_URL: `redis://127.0.0.1:${await freePort()}`, NATS_URL: `nats://127.0.0.1:${await freePort()}` },
    });
    try {
      const { status, body } = await readiness(t.url, () => true);
      expect(status).toBe(503);
      expect(body.detail).toMatch(/redis is down/);
      expect(body.detail).toMatch(/nats is down/);
      expect(body.detail).not.toMatch(/database is down/);
    } finally {
      await t.close();
    }
  });
});
