// What the chat services need, passed in by the composition root. Blocks come from the social module
// (through this function, never its tables), as does reading chat's inbox entries (the notifications
// module's); pushes go through the real-time gateway when this process has one.
import type { Db } from '../../platform/db/database.ts';
import type { EventPublisher } from '../../platform/events/outbox.ts';
import type { PresenceStore } from '../../platform/realtime/presence.ts';
import type { Storage } from '../../platform/storage/storage.ts';

/** What chat needs of the real-time gateway. */
export type ChatLive = {
  /** One emit to the union of rooms: a socket in several of them gets it once. */
  push(rooms: string[], event: string, data: unknown): void;
  leave(from: string, room: string): void;
};

export type ChatDeps = {
  db: Db;
  events: EventPublisher;
  storage: Storage;
  presence: Pick<PresenceStore, 'get'>;
  /** Who of the two blocked whom (the social module's answer). */
  blockState(a: string, b: string): Promise<{ aBlockedB: boolean; bBlockedA: boolean }>;
  displayNames(userIds: string[]): Promise<Map<string, string>>;
  /** Profile pictures (the social module's answer); absent or null for people without one. */
  avatarUrls(userIds: string[]): Promise<Map<string, string | null>>;
  live(): ChatLive | null;
};

/** Whether either of the two blocked the other: then neither may message the other. */
export async function isBlockedEitherWay(deps: Pick<ChatDeps, 'blockState'>, a: string, b: string): Promise<boolean> {
  const s = await deps.blockState(a, b);
  return s.aBlockedB || s.bBlockedA;
}

export const conversationRoom = (id: string) => `conversation:${id}`;
export const userRoom = (id: string) => `user:${id}`;
/** The notification group of a conversation's messages: one inbox entry per conversation. */
export const notificationGroupOf = (conversationId: string) => `chat.message:${conversationId}`;
