// Rows to the API's Message shape: attachments and reactions are loaded for a whole page at once.
import type { Message } from '@edumatrix/contracts';
import type { Db } from '../../platform/db/database.ts';
import { isoOrNull } from '../../platform/time/zoned.ts';
import { type MessageRow, messagesRepository } from './messages.repository.ts';

export async function presentMessages(db: Db, rows: MessageRow[]): Promise<Message[]> {
  const repo = messagesRepository(db);
  const ids = rows.map((r) => r.id);
  const [attachments, reactions] = await Promise.all([repo.attachmentsOf(ids), repo.reactionsOf(ids)]);
  return rows.map((r) => ({
    id: r.id,
    conversationId: r.conversation_id,
    seq: Number(r.seq),
    clientId: r.client_id,
    senderId: r.sender_id,
    body: r.body,
    threadId: r.thread_id,
    replyCount: Number(r.reply_count),
    attachments: attachments
      .filter((a) => a.message_id === r.id)
      .map((a) => ({ id: a.id, name: a.name, type: a.type, size: Number(a.size) })),
    reactions: reactions.filter((x) => x.message_id === r.id).map((x) => ({ emoji: x.emoji, userIds: x.user_ids })),
    createdAt: isoOrNull(r.created_at) as string,
    editedAt: isoOrNull(r.edited_at),
    deletedAt: isoOrNull(r.deleted_at),
  }));
}

export async function presentMessage(db: Db, row: MessageRow): Promise<Message> {
  return (await presentMessages(db, [row]))[0] as Message;
}
