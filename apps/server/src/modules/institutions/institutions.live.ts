// Live updates for people looking at an institution: member changes pushed to its room.
import type { Consumer } from '../../platform/events/consumer.ts';

/** What this module needs of the real-time gateway. */
export type LiveRooms = {
  push(room: string, event: string, data: unknown): void;
  leave(from: string, room: string): void;
};

export function liveMembersConsumer(rooms: () => LiveRooms | null): Consumer {
  return {
    group: 'realtime.institutions',
    types: ['institutions.member_joined', 'institutions.member_role_changed', 'institutions.member_removed'],
    // Nothing to store: the push happens once the event is recorded as processed.
    async handle() {},
    afterCommit(event) {
      const live = rooms();
      if (!live) return;
      const payload = event.payload as { institutionId: string; userId: string };
      const room = `institution:${payload.institutionId}`;
      live.push(room, 'institutions:member_changed', { type: event.type, eventId: event.id, actorId: event.actorId, ...payload });
      // A removed member stops hearing about the institution at once, on every open tab.
      if (event.type === 'institutions.member_removed') live.leave(`user:${payload.userId}`, room);
    },
  };
}
