// The in-app inbox: stored per user, listed newest first, read one by one or all at once.
import type { EventPayload, Notification, NotificationQuery, Page } from '@edumatrix/contracts';
import { uuidv7 } from 'uuidv7';
import type { Db } from '../../platform/db/database.ts';
import { notFound } from '../../platform/http/app-error.ts';
import { decodeCursor, toPage } from '../../platform/http/cursor.ts';
import { type InboxRow, notificationsRepository } from './notifications.repository.ts';

export type NotificationRequest = EventPayload<'notifications.notification_requested'>;
export type NotificationsService = ReturnType<typeof createNotificationsService>;

/** Told whenever a user's unread count may have changed (the realtime gateway pushes it). */
export type UnreadListener = (userId: string) => void;

const present = (r: InboxRow): Notification => ({
  id: r.id,
  kind: r.kind,
  title: r.title,
  body: r.body,
  link: r.link,
  institutionId: r.institution_id,
  createdAt: new Date(r.created_at).toISOString(),
  readAt: r.read_at ? new Date(r.read_at).toISOString() : null,
});

export function createNotificationsService(deps: { db: Db; onUnreadChanged?: UnreadListener }) {
  const repo = notificationsRepository(deps.db);
  const changed = (userId: string) => deps.onUnreadChanged?.(userId);

  return {
    /** Stores a notification inside the consumer's transaction. */
    async deliver(trx: Db, request: NotificationRequest, sourceEventId: string | null) {
      await notificationsRepository(trx).insert({
        id: uuidv7(),
        user_id: request.userId,
        kind: request.kind,
        title: request.title,
        body: request.body,
        link: request.link,
        institution_id: request.institutionId,
        source_event_id: sourceEventId,
      });
    },
    notifyChanged: changed,

    async list(userId: string, query: NotificationQuery): Promise<Page<Notification>> {
      const rows = await repo.list(userId, {
        unreadOnly: query.unread === 'true',
        limit: query.limit + 1,
        ...(query.cursor ? { before: decodeCursor(query.cursor) } : {}),
      });
      return toPage(rows, query.limit, present);
    },

    unreadCount: (userId: string) => repo.unreadCount(userId),

    async markRead(userId: string, id: string) {
      const result = await repo.markRead(userId, id);
      if (Number(result.numUpdatedRows) === 0 && !(await repo.exists(userId, id)))
        throw notFound('notifications.not_found', 'Notification');
      changed(userId);
    },

    async markAllRead(userId: string) {
      await repo.markAllRead(userId);
      changed(userId);
    },
  };
}
