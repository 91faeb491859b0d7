// The in-app inbox: stored per user, listed newest first, read one by one or all at once. Requests
// with a group key fold into the open entry of their group (see grouping.ts).
import type { EventPayload, Notification, NotificationCategory, NotificationQuery, Page } from '@edumatrix/contracts';
import { uuidv7 } from 'uuidv7';
import type { Db } from '../../platform/db/database.ts';
import { notFound } from '../../platform/http/app-error.ts';
import { decodeCursor, toPage } from '../../platform/http/cursor.ts';
import { categoryOf } from './categories.ts';
import { groupTitle, withActor } from './grouping.ts';
import { type InboxRow, notificationsRepository } from './notifications.repository.ts';

/** Grouping fields are optional: events stored before they existed, and mapped foundation events, lack them. */
export type NotificationRequest = Omit<EventPayload<'notifications.notification_requested'>, 'groupKey' | 'actorName'> & {
  groupKey?: string | null;
  actorName?: string | null;
};
export type NotificationsService = ReturnType<typeof createNotificationsService>;

/**
 * Told whenever a user's unread count may have changed (the realtime gateway pushes it), with the
 * entry that was added or updated when there is one (pushed as it is now).
 */
export type UnreadListener = (userId: string, entry?: Notification) => void;

/** What storing a request did: a new entry, or one more in an open group (no new e-mail or push). */
export type Delivered = { id: string; grouped: boolean /** As listed now; null while hidden. */; entry: Notification | null };

const present = (r: InboxRow): Notification => ({
  id: r.id,
  kind: r.kind,
  category: r.category as NotificationCategory,
  title: r.title,
  body: r.body,
  link: r.link,
  institutionId: r.institution_id,
  createdAt: new Date(r.created_at).toISOString(),
  readAt: r.read_at ? new Date(r.read_at).toISOString() : null,
  count: r.count,
});

async function listed(r: ReturnType<typeof notificationsRepository>, id: string): Promise<Notification | null> {
  const row = await r.byId(id);
  return row && !row.hidden ? present(row) : null;
}

export function createNotificationsService(deps: {
  db: Db;
  onUnreadChanged?: UnreadListener;
  /** Requests of one group within this window fold into one entry (0: never). */
  groupWindowMs?: number;
  now?: () => Date;
}) {
  const repo = notificationsRepository(deps.db);
  const changed = (userId: string) => deps.onUnreadChanged?.(userId);
  const now = deps.now ?? (() => new Date());
  const groupWindowMs = deps.groupWindowMs ?? 15 * 60_000;

  return {
    /**
     * Stores a notification inside the consumer's transaction. `hidden`: the person switched the
     * category's in-app channel off; the entry is kept only for the other channels.
     */
    async deliver(
      trx: Db,
      request: NotificationRequest,
      sourceEventId: string | null,
      options: { hidden?: boolean } = {},
    ): Promise<Delivered> {
      const r = notificationsRepository(trx);
      const groupKey = request.groupKey ?? null;
      const actorName = request.actorName ?? null;
      if (groupKey && groupWindowMs > 0) {
        const open = await r.openGroup(request.userId, groupKey, new Date(now().getTime() - groupWindowMs));
        if (open) {
          const actors = withActor({ actors: open.actors, actorCount: open.actor_count }, actorName);
          const count = open.count + 1;
          await r.updateGroup(open.id, {
            title: groupTitle({ title: request.title, actorName, ...actors, count }),
            body: request.body,
            link: request.link,
            count,
            actors: actors.actors,
            actor_count: actors.actorCount,
          });
          return { id: open.id, grouped: true, entry: await listed(r, open.id) };
        }
      }
      const id = uuidv7();
      await r.insert({
        id,
        user_id: request.userId,
        kind: request.kind,
        category: categoryOf(request.kind),
        title: request.title,
        body: request.body,
        link: request.link,
        institution_id: request.institutionId,
        source_event_id: sourceEventId,
        group_key: groupKey,
        actors: JSON.stringify(actorName ? [actorName] : []),
        actor_count: actorName ? 1 : 0,
        hidden: options.hidden ?? false,
        created_at: now(),
      });
      return { id, grouped: false, entry: await listed(r, id) };
    },

    /** Tells the listener after commit, with the entry as it was stored (read in the same transaction, so pushes keep order). */
    notifyChanged(userId: string, entry?: Notification | null) {
      deps.onUnreadChanged?.(userId, entry ?? undefined);
    },

    /** The entry as the API shows it (e-mail and push render from this). */
    async entry(id: string): Promise<(Notification & { userId: string; hidden: boolean }) | null> {
      const row = await repo.byId(id);
      return row ? { ...present(row), userId: row.user_id, hidden: row.hidden } : null;
    },

    /** Unread, listed entries since `since`, newest first (digests). */
    async unreadSince(userId: string, since: Date, limit: number): Promise<Notification[]> {
      return (await repo.unreadSince(userId, since, limit)).map(present);
    },

    async list(userId: string, query: NotificationQuery): Promise<Page<Notification>> {
      const rows = await repo.list(userId, {
        unreadOnly: query.unread === 'true',
        ...(query.category ? { category: query.category } : {}),
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

    /** Reads the user's unread entries of `groupKey` (another module saw to what they were about); pushes the count only when some were. */
    async markAllRead(userId: string) {
      await repo.markAllRead(userId);
      changed(userId);
    },
  };
}
