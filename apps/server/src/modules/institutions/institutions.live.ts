// Live updates for people looking at an institution: member changes pushed to its room.
import type { Consumer } from '../../platform/events/consumer.ts';

export type RoomPush = (room: string, event: string, data: unknown) => void;

export function liveMembersConsumer(push: RoomPush): Consumer {
  return {
    group: 'realtime.institutions',
    types: ['institutions.member_joined', 'institutions.member_role_changed', 'institutions.member_removed'],
    // Nothing to store: the push happens once the event is recorded as processed.
    async handle() {},
    afterCommit(event) {
      const payload = event.payload as { institutionId: string };
      push(`institution:${payload.institutionId}`, 'institutions:member_changed', { type: event.type, eventId: event.id, ...payload });
    },
  };
}
