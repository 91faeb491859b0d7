// The Redis connection of a cluster deployment (REDIS_URL): shared rate limits and readiness; the
// socket adapter has its own connections (it blocks on stream reads).
import { Redis } from 'ioredis';
import type { Logger } from '../observability/logger.ts';
import type { RateLimiter } from '../ratelimit/rate-limiter.ts';

export type RedisConnection = { client: Redis; check(): Promise<void>; close(): Promise<void> };

export function connectRedis(url: string, log: Logger): RedisConnection {
  // No offline queue: while Redis is down, calls fail at once instead of piling up.
  const client = new Redis(url, { maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 2000 });
  let lastError = '';
  client.on('error', (err: Error) => {
    if (err.message !== lastError) log.warn({ err: err.message }, 'redis connection error');
    lastError = err.message;
  });
  client.on('ready', () => {
    lastError = '';
  });
  return {
    client,
    async check() {
      if (client.status !== 'ready') throw new Error(`not connected (${client.status})`);
      await client.ping();
    },
    async close() {
      client.disconnect();
    },
  };
}

/**
 * Fixed-window rate limits shared by every process. When Redis does not answer, requests are let
 * through (and logged): readiness already reports Redis down, and refusing everyone would be worse.
 */
export function createRedisRateLimiter(client: Redis, log: Logger): RateLimiter {
  const script = `local c = redis.call('INCR', KEYS[1])
    if c == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
    return {c, redis.call('PTTL', KEYS[1])}`;
  return {
    async hit(key, limit, windowSeconds) {
      try {
        const [count, ttl] = (await client.eval(script, 1, `edumatrix:rl:${key}`, String(windowSeconds * 1000))) as [number, number];
        return { allowed: count <= limit, remaining: Math.max(0, limit - count), retryAfterSeconds: Math.max(1, Math.ceil(ttl / 1000)) };
      } catch (err) {
        log.warn({ err: (err as Error).message, key }, 'rate limit check skipped: redis unavailable');
        return { allowed: true, remaining: limit, retryAfterSeconds: 0 };
      }
    },
    async reset(key) {
      await client.del(`edumatrix:rl:${key}`).catch(() => 0);
    },
  };
}
