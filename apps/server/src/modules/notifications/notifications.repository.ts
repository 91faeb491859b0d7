// The only file with SQL for the notifications module.
import type { Generated, Insertable, Kysely, Selectable } from 'kysely';
import type { Db } from '../../platform/db/database.ts';

type InboxTable = {
  id: string;
  user_id: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  institution_id: string | null;
  source_event_id: string | null;
  created_at: Generated<Date>;
  read_at: Date | null;
};
export type InboxRow = Selectable<InboxTable>;
type Tables = { 'notifications.inbox': InboxTable };

export function notificationsRepository(executor: Db) {
  const db = executor as Kysely<Tables>;
  return {
    insert: (row: Insertable<InboxTable>) => db.insertInto('notifications.inbox').values(row).execute(),
    list: (userId: string, options: { unreadOnly: boolean; before?: string; limit: number }) => {
      let q = db.selectFrom('notifications.inbox').selectAll().where('user_id', '=', userId).orderBy('id', 'desc').limit(options.limit);
      if (options.unreadOnly) q = q.where('read_at', 'is', null);
      if (options.before) q = q.where('id', '<', options.before);
      return q.execute();
    },
    unreadCount: async (userId: string) => {
      const row = await db
        .selectFrom('notifications.inbox')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('user_id', '=', userId)
        .where('read_at', 'is', null)
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
    exists: async (userId: string, id: string) =>
      (await db.selectFrom('notifications.inbox').select('id').where('user_id', '=', userId).where('id', '=', id).executeTakeFirst()) !==
      undefined,
    markAllRead: (userId: string) =>
      db
        .updateTable('notifications.inbox')
        .set({ read_at: new Date() })
        .where('user_id', '=', userId)
        .where('read_at', 'is', null)
        .execute(),
  };
}
