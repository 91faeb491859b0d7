// SQL for conversations and their members. Reads that a send depends on take the conversation's row
// lock (lock()), which is what serialises sequence numbers per conversation.
import { type Selectable, sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import { type ConversationTable, chatDb, type MemberTable } from './chat.tables.ts';

export type ConversationRow = Selectable<ConversationTable>;
export type MemberRow = Selectable<MemberTable>;
/** A conversation as one member sees it in their list. */
export type ListedRow = ConversationRow & {
  role: 'admin' | 'member';
  unread: number;
  member_count: number;
  other_id: string | null;
  /** Sort key with full precision, for the cursor. */
  activity: string;
};

export function conversationsRepository(executor: Db) {
  const db = chatDb(executor);
  return {
    get: (id: string) => db.selectFrom('chat.conversations').selectAll().where('id', '=', id).executeTakeFirst(),
    /** The conversation, locked until the transaction ends. */
    lock: (id: string) => db.selectFrom('chat.conversations').selectAll().where('id', '=', id).forUpdate().executeTakeFirst(),
    findDirect: (key: string) => db.selectFrom('chat.conversations').selectAll().where('direct_key', '=', key).executeTakeFirst(),
    insert: (row: Pick<ConversationRow, 'id' | 'kind' | 'title' | 'direct_key' | 'created_by'>) =>
      db
        .insertInto('chat.conversations')
        .values(row)
        .onConflict((oc) => oc.column('direct_key').doNothing())
        .returning('id')
        .executeTakeFirst(),
    setTitle: (id: string, title: string) => db.updateTable('chat.conversations').set({ title }).where('id', '=', id).execute(),
    /** Hands out the next sequence number (the caller holds the row lock). */
    nextSeq: async (id: string) =>
      (
        await db
          .updateTable('chat.conversations')
          .set({ last_seq: sql`last_seq + 1`, last_message_at: sql`now()` })
          .where('id', '=', id)
          .returning('last_seq')
          .executeTakeFirstOrThrow()
      ).last_seq,

    member: (conversationId: string, userId: string) =>
      db
        .selectFrom('chat.members')
        .selectAll()
        .where('conversation_id', '=', conversationId)
        .where('user_id', '=', userId)
        .executeTakeFirst(),
    /** Oldest first: the order in which a group's admin role passes on. */
    members: (conversationId: string) =>
      db
        .selectFrom('chat.members')
        .selectAll()
        .where('conversation_id', '=', conversationId)
        .orderBy('joined_at')
        .orderBy('user_id')
        .execute(),
    addMembers: (conversationId: string, members: { userId: string; role: 'admin' | 'member' }[]) =>
      members.length === 0
        ? Promise.resolve()
        : db
            .insertInto('chat.members')
            // One statement, one clock reading (PGlite's is millisecond-coarse): a millisecond apart
            // each, so the listed order (the creator first) is the join order, and admin succession follows it.
            .values(
              members.map((m, i) => ({
                conversation_id: conversationId,
                user_id: m.userId,
                role: m.role,
                joined_at: sql<Date>`clock_timestamp() + ${i} * interval '1 millisecond'`,
              })),
            )
            .onConflict((oc) => oc.columns(['conversation_id', 'user_id']).doNothing())
            .execute(),
    removeMember: (conversationId: string, userId: string) =>
      db.deleteFrom('chat.members').where('conversation_id', '=', conversationId).where('user_id', '=', userId).execute(),
    setRole: (conversationId: string, userId: string, role: 'admin' | 'member') =>
      db.updateTable('chat.members').set({ role }).where('conversation_id', '=', conversationId).where('user_id', '=', userId).execute(),
    /** Moves a read position forward only (a late, older receipt changes nothing). */
    markRead: (conversationId: string, userId: string, seq: number) =>
      db
        .updateTable('chat.members')
        .set({ last_read_seq: sql`greatest(last_read_seq, ${seq})` })
        .where('conversation_id', '=', conversationId)
        .where('user_id', '=', userId)
        .returning('last_read_seq')
        .executeTakeFirst(),

    /** Unread totals over all the user's memberships, counted as the list counts them. */
    async unreadTotals(userId: string): Promise<{ conversations: number; messages: number }> {
      const { rows } = await sql<{ conversations: number; messages: number }>`
        select count(distinct x.conversation_id)::int as conversations, count(*)::int as messages
        from chat.members m join chat.messages x on x.conversation_id = m.conversation_id and x.seq > m.last_read_seq
        where m.user_id = ${userId} and x.sender_id <> m.user_id and x.deleted_at is null`.execute(executor);
      return rows[0] ?? { conversations: 0, messages: 0 };
    },

    /** The user's conversations, most recently active first, with unread counts. */
    async listFor(userId: string, options: { limit: number; after?: { activity: string; id: string }; only?: string }) {
      const after = options.after;
      const { rows } = await sql<ListedRow>`
        select c.*, m.role,
          (select count(*) from chat.messages x
            where x.conversation_id = c.id and x.seq > m.last_read_seq and x.sender_id <> m.user_id and x.deleted_at is null)::int as unread,
          (select count(*) from chat.members y where y.conversation_id = c.id)::int as member_count,
          (select o.user_id from chat.members o where o.conversation_id = c.id and o.user_id <> m.user_id limit 1) as other_id,
          coalesce(c.last_message_at, c.created_at)::text as activity
        from chat.members m join chat.conversations c on c.id = m.conversation_id
        where m.user_id = ${userId}
          ${options.only ? sql`and c.id = ${options.only}` : sql``}
          ${after ? sql`and (coalesce(c.last_message_at, c.created_at), c.id) < (${after.activity}::timestamptz, ${after.id}::uuid)` : sql``}
        order by coalesce(c.last_message_at, c.created_at) desc, c.id desc
        limit ${options.limit}`.execute(executor);
      return rows;
    },
  };
}
