// The Redis connection of a cluster deployment (REDIS_URL). Later it carries the shared rate
// limits, cache, presence and the socket adapter; today readiness reports whether it answers.
import { Redis } from 'ioredis';
import type { Logger } from '../observability/logger.ts';

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
