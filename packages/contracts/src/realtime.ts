// The real-time protocol over Socket.IO, shared by the gateway and its clients.
import type { ChatMembersPush, ChatReadPush, Message, ReadCommand, SendMessageCommand } from './chat.ts';
import type { EventPayload, Notification } from './events.ts';
import type { ImportProgress, RosterImport } from './roster.ts';
import type { FeedNewPostPush } from './social.ts';

type MemberEventType = 'institutions.member_joined' | 'institutions.member_role_changed' | 'institutions.member_removed';
/** Pushes to a room name it and the event they come from, so a client can ask for what it missed. */
export type RoomPush = { room: string; eventId: string };
type MemberEvent<T extends MemberEventType> = RoomPush & { type: T; actorId: string | null } & EventPayload<T>;

export type MemberChanged =
  | MemberEvent<'institutions.member_joined'>
  | MemberEvent<'institutions.member_role_changed'>
  | MemberEvent<'institutions.member_removed'>;

export type TypingSignal = { room: string; userId: string; typing: boolean };

/** What the server pushes, by event name. */
/** An import's progress, pushed to the person who started it. */
export type ImportProgressPush = { importId: string; institutionId: string; status: RosterImport['status']; progress: ImportProgress };

export type ServerEvents = {
  'imports:progress': ImportProgressPush;
  'notifications:unread': { count: number };
  /** A new inbox entry, or a grouped one whose title and count changed. */
  'notifications:entry': Notification;
  'institutions:member_changed': MemberChanged;
  /** Someone you follow or are connected to posted (ids only): refresh the feed. */
  'feed:new_post': FeedNewPostPush;
  typing: TypingSignal;
  /** A new message, to the conversation's room and every member's user room (once per socket). */
  'chat:message': Message;
  /** An edited or deleted message, or its reactions changed. */
  'chat:message_updated': Message;
  'chat:read': ChatReadPush;
  'chat:members': ChatMembersPush;
};

/** The acknowledgement of subscribe (and unsubscribe). */
export type RoomReply = { ok: true } | { ok: false; code: string; detail: string };

/** Missed room pushes, oldest first; `complete: false` means too many or too old: reload instead. */
export type CatchUpReply =
  | { ok: true; messages: { event: keyof ServerEvents; data: ServerEvents[keyof ServerEvents] }[]; complete: boolean }
  | { ok: false; code: string; detail: string };

/** The ack of a registered command (`chat:send`, ...): its answer, or why it failed (with the fields at fault). */
export type CommandReply<T> =
  | ({ ok: true } & T)
  | { ok: false; code: string; detail: string; errors?: { field: string; message: string }[] };

export type ClientEvents = {
  /** Sends a message; acked once it is stored. Resending the same clientId acks the stored one (`created: false`). */
  'chat:send': (command: SendMessageCommand, ack: (reply: CommandReply<{ message: Message; created: boolean }>) => void) => void;
  /** Moves the read position (the read receipt). */
  'chat:read': (command: ReadCommand, ack: (reply: CommandReply<{ lastReadSeq: number; unreadCount: number }>) => void) => void;
  /**
   * For gaps longer than connection-state recovery: the pushes to a joined room after `after`, the
   * last event id seen (institution rooms) or the last message sequence number seen (conversation rooms).
   */
  catchup: (request: { room: string; after: string }, ack: (reply: CatchUpReply) => void) => void;
  subscribe: (room: string, ack: (reply: RoomReply) => void) => void;
  unsubscribe: (room: string, ack?: (reply: RoomReply) => void) => void;
  typing: (signal: { room: string; typing: boolean }) => void;
};

/** Handshake refusals arrive as connect_error with `data.code` one of these. */
export type HandshakeRefusal = 'auth.required' | 'auth.invalid_token' | 'auth.token_expired' | 'auth.session_revoked';
