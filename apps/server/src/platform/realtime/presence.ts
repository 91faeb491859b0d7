// Who is online, and when each user was last seen. A process refreshes its connected users on a
// heartbeat; an entry not refreshed within the TTL means offline (the process died or the user left).
// In-process for the embedded default; Redis in a cluster, so every process sees every user.
import type { Redis } from 'ioredis';

export type PresenceStore = {
  /** Marks users online now (refreshing their TTL) */
  touch(userIds: string[]): Promise<void>;
  /** Marks a user offline now (their last socket closed). */
  leave(userId: string): Promise<void>;
  get(userIds: string[]): Promise<{ userId: string; online: boolean; lastSeenAt: string | null }[]>;
};

export function createMemoryPresence(ttlMs: number, now: () => number = Date.now): PresenceStore {
  const onlineUntil = new Map<string, number>();
  const lastSeen = new Map<string, number>();
  return {
    async touch(userIds) {
      for (const id of userIds) {
        onlineUntil.set(id, now() + ttlMs);
        lastSeen.set(id, now());
      }
    },
    async leave(userId) {
      onlineUntil.delete(userId);
      lastSeen.set(userId, now());
    },
    async get(userIds) {
      return userIds.map((userId) => {
        const seen = lastSeen.get(userId);
        return { userId, online: (onlineUntil.get(userId) ?? 0) > now(), lastSeenAt: seen ? new Date(seen).toISOString() : null };
      });
    },
  };
}

export function createRedisPresence(redis: Redis, ttlMs: number): PresenceStore {
  const onlineKey = (id: string) => `edumatrix:presence:online:${id}`;
  const seenKey = (id: string) => `edumatrix:presence:seen:${id}`;
  return {
    async touch(userIds) {
      if (userIds.length === 0) return;
      const at = String(Date.now());
      const batch = redis.multi();
      for (const id of userIds) batch.set(onlineKey(id), '1', 'PX', ttlMs).set(seenKey(id), at);
      await batch.exec();
    },
    async leave(userId) {
      await redis.multi().del(onlineKey(userId)).set(seenKey(userId), String(Date.now())).exec();
    },
    async get(userIds) {
      if (userIds.length === 0) return [];
      const online = await redis.mget(...userIds.map(onlineKey));
      const seen = await redis.mget(...userIds.map(seenKey));
      return userIds.map((userId, i) => ({
        userId,
        online: online[i] === '1',
        lastSeenAt: seen[i] ? new Date(Number(seen[i])).toISOString() : null,
      }));
    },
  };
}
