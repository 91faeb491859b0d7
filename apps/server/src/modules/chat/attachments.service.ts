// Attachments: uploaded into a conversation first (bytes checked against their type, stored through
// the storage port), then named by the message that sends them; downloaded by the conversation's members.
import type { Attachment } from '@edumatrix/contracts';
import { uuidv7 } from 'uuidv7';
import { type ChatDeps, isBlockedEitherWay } from './chat.deps.ts';
import { attachmentNotFound, blockedPair } from './chat.errors.ts';
import { attachmentDisposition, checkChatFile } from './chat-files.ts';
import { conversationsRepository } from './conversations.repository.ts';
import { requireMember } from './conversations.service.ts';
import { messagesRepository } from './messages.repository.ts';

export type AttachmentsService = ReturnType<typeof createAttachmentsService>;

export function createAttachmentsService(deps: ChatDeps) {
  const repo = messagesRepository(deps.db);
  return {
    async upload(userId: string, conversationId: string, bytes: Buffer, type: string, name: string): Promise<Attachment> {
      const { conversation } = await requireMember(deps.db, conversationId, userId);
      if (conversation.kind === 'direct') {
        const other = (await conversationsRepository(deps.db).members(conversationId)).find((m) => m.user_id !== userId);
        if (other && (await isBlockedEitherWay(deps, userId, other.user_id))) throw blockedPair();
      }
      checkChatFile(bytes, type);
      const id = uuidv7();
      const key = `chat/${conversationId}/${id}`;
      await deps.storage.put(key, bytes, type);
      try {
        await repo.insertAttachment({
          id,
          conversation_id: conversationId,
          uploader_id: userId,
          storage_key: key,
          name,
          type,
          size: bytes.length,
        });
      } catch (err) {
        await deps.storage.delete(key);
        throw err;
      }
      return { id, name, type, size: bytes.length };
    },

    /** Members may download what was sent; an upload not yet sent is its uploader's alone. */
    async download(userId: string, conversationId: string, attachmentId: string) {
      await requireMember(deps.db, conversationId, userId);
      const row = await repo.attachment(conversationId, attachmentId);
      if (!row || (row.message_id === null && row.uploader_id !== userId)) throw attachmentNotFound();
      const stored = await deps.storage.get(row.storage_key);
      if (!stored) throw attachmentNotFound();
      return { bytes: stored.bytes, type: row.type, name: row.name, disposition: attachmentDisposition(row.name) };
    },
  };
}
