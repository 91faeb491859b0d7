// The only file with SQL for the notifications module.
import type { ColumnType, Generated, Insertable, Kysely, Selectable } from 'kysely';
import type { Db } from '../../platform/db/database.ts';

type InboxTable = {
  id: string;
  user_id: string;
  kind: string;
  category: ColumnType<string, string, string>;
  title: string;
  body: string;
  link: string | null;
  institution_id: string | null;
  source_event_id: string | null;
  created_at: Generated<Date>;
  read_at: Date | null;
  group_key: string | null;
  count: Generated<number>;
  /** Distinct actor names of a group, newest first (JSON array). */
  actors: ColumnType<string[], string | undefined, string>;
  actor_count: Generated<number>;
  /** The person who acted last. */
  actor_id: string | null;
  /** Kept for e-mail and push while its in-app channel is off: not listed, not counted. */
  hidden: Generated<boolean>;
  updated_at: Generated<Date>;
};
export type InboxRow = Selectable<InboxTable>;
type Tables = { 'notifications.inbox': InboxTable };

export function notificationsRepository(executor: Db) {
  const db = executor as Kysely<Tables>;
  return {
    insert: (row: Insertable<InboxTable>) => db.insertInto('notifications.inbox').values(row).execute(),
    list: (userId: string, options: { unreadOnly: boolean; category?: string; before?: string; limit: number }) => {
      let q = db
        .selectFrom('notifications.inbox')
        .selectAll()
        .where('user_id', '=', userId)
        .where('hidden', '=', false)
        .orderBy('id', 'desc')
        .limit(options.limit);
      if (options.unreadOnly) q = q.where('read_at', 'is', null);
      if (options.category) q = q.where('category', '=', options.category);
      if (options.before) q = q.where('id', '<', options.before);
      return q.execute();
    },
    unreadCount: async (userId: string) => {
      const row = await db
        .selectFrom('notifications.inbox')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('user_id', '=', userId)
        .where('read_at', 'is', null)
        .where('hidden', '=', false)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
    markRead: (userId: string, id: string) =>
      db
        .updateTable('notifications.inbox')
        .set({ read_at: new Date() })
        .where('user_id', '=', userId)
        .where('id', '=', id)
        .where('read_at', 'is', null)
        .executeTakeFirst(),
    /** The unread entry of `groupKey` started after `since`, locked against a concurrent fold. */
    openGroup: (userId: string, groupKey: string, since: Date) =>
      db
        .selectFrom('notifications.inbox')
        .selectAll()
        .where('user_id', '=', userId)
        .where('group_key', '=', groupKey)
        .where('read_at', 'is', null)
        .where('created_at', '>', since)
        .orderBy('created_at', 'desc')
        .limit(1)
        .forUpdate()
        .executeTakeFirst(),
    updateGroup: (
      id: string,
      values: {
        title: string;
        body: string;
        link: string | null;
        count: number;
        actors: string[];
        actor_count: number;
        actor_id: string | null;
      },
    ) =>
      db
        .updateTable('notifications.inbox')
        .set({ ...values, actors: JSON.stringify(values.actors), updated_at: new Date() })
        .where('id', '=', id)
        .execute(),
    byId: (id: string) => db.selectFrom('notifications.inbox').selectAll().where('id', '=', id).executeTakeFirst(),
    /** Unread, listed entries created after `since`, newest first (the digest). */
    unreadSince: (userId: string, since: Date, limit: number) =>
      db
        .selectFrom('notifications.inbox')
        .selectAll()
        .where('user_id', '=', userId)
        .where('read_at', 'is', null)
        .where('hidden', '=', false)
        .where('created_at', '>=', since)
        .orderBy('id', 'desc')
        .limit(limit)
        .execute(),
    exists: async (userId: string, id: string) =>
      (await db.selectFrom('notifications.inbox').select('id').where('user_id', '=', userId).where('id', '=', id).executeTakeFirst()) !==
      undefined,
    /** Reads every unread entry of one group (all its windows). */
    markGroupRead: (userId: string, groupKey: string) =>
      db
        .updateTable('notifications.inbox')
        .set({ read_at: new Date() })
        .where('user_id', '=', userId)
        .where('group_key', '=', groupKey)
        .where('read_at', 'is', null)
        .executeTakeFirst(),
    markAllRead: (userId: string) =>
      db
        .updateTable('notifications.inbox')
        .set({ read_at: new Date() })
        .where('user_id', '=', userId)
        .where('read_at', 'is', null)
        .execute(),
  };
}
