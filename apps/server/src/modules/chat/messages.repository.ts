// SQL for messages, their attachments and reactions. Pages are by sequence number, never by time:
// the sequence is the conversation's delivery order.
import { type Selectable, sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import { containsPattern } from '../../platform/http/cursor.ts';
import { type AttachmentTable, chatDb, type MessageTable } from './chat.tables.ts';

export type MessageRow = Selectable<MessageTable>;
export type AttachmentRow = Selectable<AttachmentTable>;
export type ReactionRow = { message_id: string; emoji: string; user_ids: string[] };

export function messagesRepository(executor: Db) {
  const db = chatDb(executor);
  const messages = () => db.selectFrom('chat.messages').selectAll();
  return {
    byId: (conversationId: string, id: string) =>
      messages().where('conversation_id', '=', conversationId).where('id', '=', id).executeTakeFirst(),
    byClientId: (conversationId: string, senderId: string, clientId: string) =>
      messages()
        .where('conversation_id', '=', conversationId)
        .where('sender_id', '=', senderId)
        .where('client_id', '=', clientId)
        .executeTakeFirst(),
    bySeq: (conversationId: string, seq: number) =>
      messages().where('conversation_id', '=', conversationId).where('seq', '=', seq).executeTakeFirst(),
    insert: (row: Pick<MessageRow, 'id' | 'conversation_id' | 'seq' | 'sender_id' | 'client_id' | 'body' | 'thread_id'>) =>
      db.insertInto('chat.messages').values(row).returningAll().executeTakeFirstOrThrow(),
    countReply: (rootId: string) =>
      db.updateTable('chat.messages').set({ reply_count: sql`reply_count + 1` }).where('id', '=', rootId).execute(),
    edit: (id: string, body: string) =>
      db.updateTable('chat.messages').set({ body, edited_at: sql`now()` }).where('id', '=', id).returningAll().executeTakeFirstOrThrow(),
    softDelete: (id: string) =>
      db
        .updateTable('chat.messages')
        .set({ body: '', deleted_at: sql`now()` })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow(),

    /** Up to `limit` messages, returned oldest first: after `after`, or else before `before` (the newest by default). */
    async page(conversationId: string, options: { before?: number | undefined; after?: number | undefined; limit: number }) {
      let q = messages().where('conversation_id', '=', conversationId).limit(options.limit);
      if (options.after !== undefined) return q.where('seq', '>', options.after).orderBy('seq', 'asc').execute();
      if (options.before !== undefined) q = q.where('seq', '<', options.before);
      return (await q.orderBy('seq', 'desc').execute()).reverse();
    },
    /** A thread's replies, oldest first. */
    thread: (rootId: string, options: { after: number; limit: number }) =>
      messages().where('thread_id', '=', rootId).where('seq', '>', options.after).orderBy('seq').limit(options.limit).execute(),
    /** Live messages whose text contains `text` (case-insensitive), newest first. */
    search: (conversationId: string, text: string, options: { before?: number | undefined; limit: number }) => {
      let q = messages()
        .where('conversation_id', '=', conversationId)
        .where('deleted_at', 'is', null)
        .where(sql<boolean>`body ilike ${containsPattern(text)}`)
        .orderBy('seq', 'desc')
        .limit(options.limit);
      if (options.before !== undefined) q = q.where('seq', '<', options.before);
      return q.execute();
    },
    lastOf: (conversationIds: string[]) =>
      conversationIds.length === 0
        ? Promise.resolve([])
        : db
            .selectFrom('chat.messages as x')
            .innerJoin('chat.conversations as c', (j) => j.onRef('c.id', '=', 'x.conversation_id').onRef('c.last_seq', '=', 'x.seq'))
            .selectAll('x')
            .where('c.id', 'in', conversationIds)
            .execute(),

    attachmentsOf: (messageIds: string[]) =>
      messageIds.length === 0
        ? Promise.resolve([])
        : db.selectFrom('chat.attachments').selectAll().where('message_id', 'in', messageIds).orderBy('id').execute(),
    attachment: (conversationId: string, id: string) =>
      db.selectFrom('chat.attachments').selectAll().where('conversation_id', '=', conversationId).where('id', '=', id).executeTakeFirst(),
    insertAttachment: (row: Omit<AttachmentRow, 'created_at' | 'message_id'>) => db.insertInto('chat.attachments').values(row).execute(),
    /** Attaches the sender's unused uploads; answers how many it took. */
    claimAttachments: async (conversationId: string, uploaderId: string, ids: string[], messageId: string) =>
      ids.length === 0
        ? 0
        : Number(
            (
              await db
                .updateTable('chat.attachments')
                .set({ message_id: messageId })
                .where('conversation_id', '=', conversationId)
                .where('uploader_id', '=', uploaderId)
                .where('message_id', 'is', null)
                .where('id', 'in', ids)
                .executeTakeFirst()
            ).numUpdatedRows,
          ),
    /** Forgets a deleted message's attachments, answering their storage keys. */
    dropAttachments: async (messageId: string) =>
      (await db.deleteFrom('chat.attachments').where('message_id', '=', messageId).returning('storage_key').execute()).map(
        (r) => r.storage_key,
      ),

    reactionsOf: async (messageIds: string[]): Promise<ReactionRow[]> =>
      messageIds.length === 0
        ? []
        : (
            await sql<ReactionRow>`
              select message_id, emoji, array_agg(user_id order by created_at, user_id) as user_ids
              from chat.reactions where message_id = any(${messageIds}::uuid[])
              group by message_id, emoji order by message_id, min(created_at), emoji`.execute(executor)
          ).rows,
    addReaction: (messageId: string, userId: string, emoji: string) =>
      db
        .insertInto('chat.reactions')
        .values({ message_id: messageId, user_id: userId, emoji })
        .onConflict((oc) => oc.columns(['message_id', 'user_id', 'emoji']).doNothing())
        .execute(),
    removeReaction: (messageId: string, userId: string, emoji: string) =>
      db
        .deleteFrom('chat.reactions')
        .where('message_id', '=', messageId)
        .where('user_id', '=', userId)
        .where('emoji', '=', emoji)
        .execute(),
  };
}
