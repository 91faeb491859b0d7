// Turns events into inbox entries: explicit requests from any module, and foundation events that
// concern a user (invited to an institution, role changed, removed).
import type { EventEnvelope, EventPayload } from '@edumatrix/contracts';
import type { Db } from '../../platform/db/database.ts';
import type { Consumer } from '../../platform/events/consumer.ts';
import type { NotificationRequest, NotificationsService } from './notifications.service.ts';

const ROLE_NAMES: Record<string, string> = {
  owner: 'owner',
  admin: 'administrator',
  teacher: 'teacher',
  student: 'student',
  staff: 'staff member',
  parent: 'parent',
};

export function notificationsConsumer(deps: { notifications: NotificationsService }): Consumer {
  const recipients = new Map<string, string>();

  function requestFor(event: EventEnvelope): NotificationRequest | null {
    switch (event.type) {
      case 'notifications.notification_requested':
        return event.payload as NotificationRequest;
      case 'institutions.member_invited': {
        const p = event.payload as EventPayload<'institutions.member_invited'>;
        // Only people who already have an account have an inbox; others get the email alone.
        if (!p.inviteeUserId) return null;
        return {
          userId: p.inviteeUserId,
          kind: 'institutions.invited',
          title: `You are invited to ${p.institutionName}`,
          body: `You were invited as ${ROLE_NAMES[p.role] ?? p.role}. Open the link in the email we sent to ${p.email} to accept.`,
          link: null,
          institutionId: p.institutionId,
        };
      }
      case 'institutions.member_role_changed': {
        const p = event.payload as EventPayload<'institutions.member_role_changed'>;
        return {
          userId: p.userId,
          kind: 'institutions.role_changed',
          title: `Your role in ${p.institutionName} changed`,
          body: `You are now ${ROLE_NAMES[p.to] ?? p.to} (before: ${ROLE_NAMES[p.from] ?? p.from}).`,
          link: `/institutions/${p.institutionId}`,
          institutionId: p.institutionId,
        };
      }
      case 'institutions.member_removed': {
        const p = event.payload as EventPayload<'institutions.member_removed'>;
        return {
          userId: p.userId,
          kind: 'institutions.removed',
          title: `You were removed from ${p.institutionName}`,
          body: 'An administrator ended your membership.',
          link: null,
          institutionId: p.institutionId,
        };
      }
      default:
        return null;
    }
  }

  return {
    group: 'notifications',
    types: [
      'notifications.notification_requested',
      'institutions.member_invited',
      'institutions.member_role_changed',
      'institutions.member_removed',
    ],
    async handle(event: EventEnvelope, trx: Db) {
      const request = requestFor(event);
      if (!request) return;
      await deps.notifications.deliver(trx, request, event.id);
      recipients.set(event.id, request.userId);
    },
    afterCommit(event: EventEnvelope) {
      const userId = recipients.get(event.id);
      recipients.delete(event.id);
      if (userId) deps.notifications.notifyChanged(userId);
    },
  };
}
