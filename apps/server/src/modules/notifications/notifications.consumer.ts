// Turns events into inbox entries: explicit requests from any module, and foundation events that
// concern a user (invited to an institution, role changed, removed; security-relevant sign-outs).
// In the same transaction it queues the entry's e-mail and push by the person's settings, so an
// event is stored and planned exactly once (the group's processed record), and the queue outlives restarts.
import type { EventEnvelope, EventPayload, Notification } from '@edumatrix/contracts';
import { uuidv7 } from 'uuidv7';
import type { Db } from '../../platform/db/database.ts';
import type { Consumer } from '../../platform/events/consumer.ts';
import { categoryOf, isMailedElsewhere } from './categories.ts';
import { channelsRepository } from './channels.repository.ts';
import { planChannels } from './delivery-plan.ts';
import { notificationsRepository } from './notifications.repository.ts';
import type { NotificationRequest, NotificationsService } from './notifications.service.ts';
import { quietUntil } from './schedule.ts';
import { loadPreferences } from './settings.service.ts';

const ROLE_NAMES: Record<string, string> = {
  owner: 'owner',
  admin: 'administrator',
  teacher: 'teacher',
  student: 'student',
  staff: 'staff member',
  parent: 'parent',
};

/** Sign-outs worth telling the person about (their own sign-out and revoking one session are not). */
const SECURITY_NOTICES: Record<string, { title: string; body: string }> = {
  password_changed: {
    title: 'Your password was changed',
    body: 'Your other sessions were signed out. If this was not you, reset your password now.',
  },
  password_reset: {
    title: 'Your password was reset',
    body: 'Every session was signed out. If this was not you, reset your password again and contact your administrator.',
  },
  refresh_token_reuse: {
    title: 'A session was signed out for your safety',
    body: 'An old sign-in token was used again, which can mean it was copied. Sign in again; if this keeps happening, change your password.',
  },
};

export type ChannelsDeps = {
  /** The server has VAPID keys. */
  pushEnabled: boolean;
  /** Wakes the channel sender when something was queued to go now. */
  wake?: () => void;
  now?: () => Date;
};

export function notificationsConsumer(deps: { notifications: NotificationsService; channels?: ChannelsDeps }): Consumer {
  const recipients = new Map<string, { userId: string; entry: Notification | null; queued: boolean }>();
  const now = deps.channels?.now ?? (() => new Date());

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
      case 'identity.sessions_revoked': {
        const p = event.payload as EventPayload<'identity.sessions_revoked'>;
        const notice = SECURITY_NOTICES[p.reason];
        if (!notice) return null;
        return { userId: p.userId, kind: 'account.security', ...notice, link: null, institutionId: null };
      }
      default:
        return null;
    }
  }

  /** Stores the entry and queues its e-mail and push; a fold into an open group queues nothing. */
  async function store(trx: Db, request: NotificationRequest, eventId: string) {
    const prefs = await loadPreferences(trx, request.userId);
    const category = categoryOf(request.kind);
    const channels = prefs.channels(category);
    const delivered = await deps.notifications.deliver(trx, request, eventId, { hidden: !channels.in_app });
    if (delivered.grouped) return { entry: delivered.entry, queued: false };
    const repo = channelsRepository(trx);
    const at = now();
    const canPush = (deps.channels?.pushEnabled ?? false) && channels.push && (await repo.subscriptions(request.userId)).length > 0;
    const plan = planChannels({
      category,
      channels: { ...channels, email: channels.email && !isMailedElsewhere(request.kind) },
      quietUntil: quietUntil(at, prefs.quietHours, prefs.timeZone),
      digest: prefs.digest,
      canPush,
      now: at,
    });
    const rows = (['email', 'push'] as const).flatMap((channel) => {
      const due = plan[channel];
      return due ? [{ id: uuidv7(), user_id: request.userId, channel, inbox_id: delivered.id, due_at: due }] : [];
    });
    await repo.enqueue(rows);
    return { entry: delivered.entry, queued: rows.some((r) => r.due_at.getTime() <= at.getTime()) };
  }

  return {
    group: 'notifications',
    types: [
      'notifications.notification_requested',
      'notifications.group_read_requested',
      'institutions.member_invited',
      'institutions.member_role_changed',
      'institutions.member_removed',
      'identity.sessions_revoked',
    ],
    async handle(event: EventEnvelope, trx: Db) {
      if (event.type === 'notifications.group_read_requested') {
        const { userId, groupKey } = event.payload as EventPayload<'notifications.group_read_requested'>;
        const read = await notificationsRepository(trx).markGroupRead(userId, groupKey);
        if (Number(read.numUpdatedRows) > 0) recipients.set(event.id, { userId, entry: null, queued: false });
        return;
      }
      const request = requestFor(event);
      if (!request) return;
      const stored = await store(trx, request, event.id);
      recipients.set(event.id, { userId: request.userId, ...stored });
    },
    afterCommit(event: EventEnvelope) {
      const done = recipients.get(event.id);
      recipients.delete(event.id);
      if (!done) return;
      deps.notifications.notifyChanged(done.userId, done.entry);
      if (done.queued) deps.channels?.wake?.();
    },
  };
}
