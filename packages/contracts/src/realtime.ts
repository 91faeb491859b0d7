// The real-time protocol over Socket.IO, shared by the gateway and its clients.
import type { EventPayload } from './events.ts';
import type { ImportProgress, RosterImport } from './roster.ts';

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
  'institutions:member_changed': MemberChanged;
  typing: TypingSignal;
};

/** The acknowledgement of subscribe (and unsubscribe). */
export type RoomReply = { ok: true } | { ok: false; code: string; detail: string };

/** Missed room pushes, oldest first; `complete: false` means too many or too old: reload instead. */
export type CatchUpReply =
  | { ok: true; messages: { event: keyof ServerEvents; data: ServerEvents[keyof ServerEvents] }[]; complete: boolean }
  | { ok: false; code: string; detail: string };

export type ClientEvents = {
  /** For gaps longer than connection-state recovery: the pushes to a joined room after event `after`. */
  catchup: (request: { room: string; after: string }, ack: (reply: CatchUpReply) => void) => void;
  subscribe: (room: string, ack: (reply: RoomReply) => void) => void;
  unsubscribe: (room: string, ack?: (reply: RoomReply) => void) => void;
  typing: (signal: { room: string; typing: boolean }) => void;
};

/** Handshake refusals arrive as connect_error with `data.code` one of these. */
export type HandshakeRefusal = 'auth.required' | 'auth.invalid_token' | 'auth.token_expired' | 'auth.session_revoked';
