import type { EventPayload } from '@edumatrix/contracts';

type MemberEventType = 'institutions.member_joined' | 'institutions.member_role_changed' | 'institutions.member_removed';

type MemberEvent<T extends MemberEventType> = { type: T; eventId: string } & EventPayload<T>;

export type MemberChanged =
  | MemberEvent<'institutions.member_joined'>
  | MemberEvent<'institutions.member_role_changed'>
  | MemberEvent<'institutions.member_removed'>;

/** What the server pushes, by event name. */
export type ServerEvents = {
  'notifications:unread': { count: number };
  'institutions:member_changed': MemberChanged;
};

export type RoomReply = { ok: true } | { ok: false; code: string; detail: string };

export type ClientEvents = {
  subscribe: (room: string, ack: (reply: RoomReply) => void) => void;
  unsubscribe: (room: string) => void;
};
