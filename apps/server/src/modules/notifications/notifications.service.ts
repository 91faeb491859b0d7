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
export type NotificationRequest = Omit<EventPayload<'notifications.notification_requested'>, 'groupKey' | 'actorName' | 'actorId'> & {
  groupKey?: string | null;
  actorName?: string | null;
  actorId?: string | null;
};
export type NotificationsService = ReturnType<typeof createNotificationsService>;

/**
 * Told whenever a user's unread count may have changed (the realtime gateway pushes it), with the
 * entry that was added or updated when there is one (pushed as it is now).
 */
export type UnreadListener = (userId: string, entry?: Notification) => void;

/** What storing a request did: a new entry, or one more in an open group (no new e-mail or push). */
export type Delivered = {
  id: string;
  grouped: boolean;
  /** As listed now; null while hidden. */
  entry: Notification | null;
};

/**
 * Looks up people's pictures (the social module answers), through `executor` when given (inside a
 * transaction, PGlite's single connection is taken); without a lookup, entries show initials.
 */
export type AvatarLookup = (userIds: string[], executor?: Db) => Promise<Map<string, string | null>>;

const present = (r: InboxRow, pictures: Map<string, string | null>): Notification => ({
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
  // The kept names are newest first, so the first is the person who acted last.
  actor: r.actor_id ? { userId: r.actor_id, displayName: r.actors[0] ?? '', avatarUrl: pictures.get(r.actor_id) ?? null } : null,
});

export function createNotificationsService(deps: {
  db: Db;
  onUnreadChanged?: UnreadListener;
  /** Requests of one group within this window fold into one entry (0: never). */
  groupWindowMs?: number;
  now?: () => Date;
  avatarUrls?: AvatarLookup;
}) {
  const repo = notificationsRepository(deps.db);
  /** Rows as the API shows them, with one picture lookup for all of them. */
  async function presentAll(rows: InboxRow[], executor: Db = deps.db): Promise<Notification[]> {
    const actorIds = [...new Set(rows.flatMap((r) => (r.actor_id ? [r.actor_id] : [])))];
    const pictures = actorIds.length > 0 && deps.avatarUrls ? await deps.avatarUrls(actorIds, executor) : new Map<string, string | null>();
    return rows.map((r) => present(r, pictures));
  }
  /** The entry as listed now, read in the consumer's transaction; null while hidden. */
  async function listed(trx: Db, id: string): Promise<Notification | null> {
    const row = await notificationsRepository(trx).byId(id);
    return row && !row.hidden ? ((await presentAll([row], trx))[0] ?? null) : null;
  }
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
      const actorId = request.actorId ?? null;
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
            actor_id: actorId ?? open.actor_id,
          });
          return { id: open.id, grouped: true, entry: await listed(trx, open.id) };
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
        actor_id: actorId,
        hidden: options.hidden ?? false,
        created_at: now(),
      });
      return { id, grouped: false, entry: await listed(trx, id) };
    },

    /** Tells the listener after commit, with the entry as it was stored (read in the same transaction, so pushes keep order). */
    notifyChanged(userId: string, entry?: Notification | null) {
      deps.onUnreadChanged?.(userId, entry ?? undefined);
    },

    /** The entry as the API shows it (e-mail and push render from this). */
    async entry(id: string): Promise<(Notification & { userId: string; hidden: boolean }) | null> {
      const row = await repo.byId(id);
      if (!row) return null;
      const [shown] = await presentAll([row]);
      return shown ? { ...shown, userId: row.user_id, hidden: row.hidden } : null;
    },

    /** Unread, listed entries since `since`, newest first (digests). */
    async unreadSince(userId: string, since: Date, limit: number): Promise<Notification[]> {
      return presentAll(await repo.unreadSince(userId, since, limit));
    },

    async list(userId: string, query: NotificationQuery): Promise<Page<Notification>> {
      const rows = await repo.list(userId, {
        unreadOnly: query.unread === 'true',
        ...(query.category ? { category: query.category } : {}),
        limit: query.limit + 1,
        ...(query.cursor ? { before: decodeCursor(query.cursor) } : {}),
      });
      const page = toPage(rows, query.limit, (row) => row);
      return { items: await presentAll(page.items), nextCursor: page.nextCursor };
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
