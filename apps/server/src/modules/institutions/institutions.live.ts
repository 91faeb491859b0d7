// Live updates for people looking at an institution: member changes pushed to its room.
import type { EventEnvelope, MemberChanged } from '@edumatrix/contracts';
import type { Consumer } from '../../platform/events/consumer.ts';

export const MEMBER_EVENT_TYPES = ['institutions.member_joined', 'institutions.member_role_changed', 'institutions.member_removed'];

/** The push an event becomes, live and when a client catches up. */
export function memberChangedPush(event: EventEnvelope) {
  const payload = event.payload as Omit<MemberChanged, 'type' | 'eventId' | 'actorId' | 'room'>;
  const room = `institution:${payload.institutionId}`;
  const data = { type: event.type, eventId: event.id, actorId: event.actorId, room, ...payload } as MemberChanged;
  return { room, event: 'institutions:member_changed' as const, data };
}

/** What this module needs of the real-time gateway. */
export type LiveRooms = {
  push(room: string, event: string, data: unknown): void;
  leave(from: string, room: string): void;
};

export function liveMembersConsumer(rooms: () => LiveRooms | null): Consumer {
  return {
    group: 'realtime.institutions',
    types: MEMBER_EVENT_TYPES,
    // Nothing to store: the push happens once the event is recorded as processed.
    async handle() {},
    afterCommit(event) {
      const live = rooms();
      if (!live) return;
      const { room, event: name, data } = memberChangedPush(event);
      live.push(room, name, data);
      // A removed member stops hearing about the institution at once, on every open tab.
      if (data.type === 'institutions.member_removed') live.leave(`user:${data.userId}`, room);
    },
  };
}
