// Messages: sending (idempotent by clientId, sequenced under the conversation's row lock, committed
// before anyone is told), history and catch-up by sequence, threads, search, edits, deletes and
// reactions. Every change is pushed to the conversation's room and its members' user rooms.
import type { Message, MessagePage, MessageQuery, MessageSearchQuery, ReactionEmoji } from '@edumatrix/contracts';
import { uuidv7 } from 'uuidv7';
import { isUuid } from '../../platform/http/cursor.ts';
import { type ChatDeps, conversationRoom, isBlockedEitherWay, notificationGroupOf, userRoom } from './chat.deps.ts';
import {
  attachmentUnavailable,
  blockedPair,
  conversationNotFound,
  emptyMessage,
  messageDeleted,
  messageNotFound,
  notAuthor,
  replyNotFound,
} from './chat.errors.ts';
import { presentMessage, presentMessages } from './chat.present.ts';
import { conversationsRepository } from './conversations.repository.ts';
import { requireMember } from './conversations.service.ts';
import { type MessageRow, messagesRepository } from './messages.repository.ts';

export type MessagesService = ReturnType<typeof createMessagesService>;
export type SendInput = { clientId: string; body: string; replyTo?: string | undefined; attachmentIds: string[] };

const PREVIEW_LENGTH = 140;

/** A short, single-line preview for notifications. */
export function previewOf(body: string, attachments: number): string {
  const text = body.replace(/\s+/g, ' ').trim();
  if (text) return text.length > PREVIEW_LENGTH ? `${text.slice(0, PREVIEW_LENGTH - 1)}…` : text;
  return attachments === 1 ? 'Sent an attachment' : `Sent ${attachments} attachments`;
}

export function createMessagesService(deps: ChatDeps) {
  const repo = messagesRepository(deps.db);

  /** Pushes to whoever sees the conversation: its room, and every member's user room (their list). */
  async function pushToMembers(conversationId: string, event: string, data: unknown, memberIds?: string[]) {
    const live = deps.live();
    if (!live) return;
    const ids = memberIds ?? (await conversationsRepository(deps.db).members(conversationId)).map((m) => m.user_id);
    live.push([conversationRoom(conversationId), ...ids.map(userRoom)], event, data);
  }

  async function ownMessage(userId: string, conversationId: string, messageId: string) {
    const { conversation, member } = await requireMember(deps.db, conversationId, userId);
    const message = await repo.byId(conversationId, messageId);
    if (!message) throw messageNotFound();
    return { conversation, member, message };
  }

  async function changed(row: MessageRow): Promise<Message> {
    const message = await presentMessage(deps.db, row);
    await pushToMembers(row.conversation_id, 'chat:message_updated', message);
    return message;
  }

  return {
    /**
     * Stores the message (or finds the one already stored under this clientId) and answers it once
     * committed; `created` is false for a resend.
     */
    async send(userId: string, conversationId: string, input: SendInput): Promise<{ message: Message; created: boolean }> {
      if (!input.body.trim() && input.attachmentIds.length === 0) throw emptyMessage();
      const { conversation } = await requireMember(deps.db, conversationId, userId);
      const earlier = await repo.byClientId(conversationId, userId, input.clientId);
      if (earlier) return { message: await presentMessage(deps.db, earlier), created: false };
      const members = await conversationsRepository(deps.db).members(conversationId);
      if (conversation.kind === 'direct') {
        const other = members.find((m) => m.user_id !== userId);
        if (other && (await isBlockedEitherWay(deps, userId, other.user_id))) throw blockedPair();
      }
      const senderName = (await deps.displayNames([userId])).get(userId) ?? 'Someone';

      const stored = await deps.db.transaction().execute(async (trx) => {
        const conversations = conversationsRepository(trx);
        const messages = messagesRepository(trx);
        // The row lock orders every send of this conversation: sequence numbers come without gaps.
        if (!(await conversations.lock(conversationId)) || !(await conversations.member(conversationId, userId))) {
          throw conversationNotFound();
        }
        const again = await messages.byClientId(conversationId, userId, input.clientId);
        if (again) return { row: again, created: false, memberIds: [] as string[] };
        let threadId: string | null = null;
        if (input.replyTo) {
          const parent = await messages.byId(conversationId, input.replyTo);
          if (!parent) throw replyNotFound();
          threadId = parent.thread_id ?? parent.id;
        }
        const seq = await conversations.nextSeq(conversationId);
        const row = await messages.insert({
          id: uuidv7(),
          conversation_id: conversationId,
          seq,
          sender_id: userId,
          client_id: input.clientId,
          body: input.body,
          thread_id: threadId,
        });
        if (threadId) await messages.countReply(threadId);
        const ids = [...new Set(input.attachmentIds)];
        if ((await messages.claimAttachments(conversationId, userId, ids, row.id)) !== ids.length) throw attachmentUnavailable();
        // Sending is reading: the sender has seen everything up to their own message.
        await conversations.markRead(conversationId, userId, seq);
        const memberIds = (await conversations.members(conversationId)).map((m) => m.user_id);
        await deps.events.publish(trx, {
          type: 'chat.message_sent',
          key: conversationId,
          actorId: userId,
          payload: {
            conversationId,
            messageId: row.id,
            seq,
            senderId: userId,
            kind: conversation.kind,
            threadId,
            attachments: ids.length,
            memberIds,
          },
        });
        const others = memberIds.filter((id) => id !== userId);
        const offline = (await deps.presence.get(others)).filter((p) => !p.online).map((p) => p.userId);
        for (const recipient of offline) {
          await deps.events.publish(trx, {
            type: 'notifications.notification_requested',
            key: recipient,
            actorId: userId,
            payload: {
              userId: recipient,
              kind: 'chat.message',
              title: `${senderName}: new message`.slice(0, 200),
              body: previewOf(input.body, ids.length),
              link: `/chat/${conversationId}`,
              // One inbox entry (and e-mail, and push) per conversation while messages keep coming.
              groupKey: notificationGroupOf(conversationId),
              actorName: senderName.slice(0, 100),
              actorId: userId,
            },
          });
        }
        return { row, created: true, memberIds };
      });
      const message = await presentMessage(deps.db, stored.row);
      if (stored.created) {
        await pushToMembers(conversationId, 'chat:message', message, stored.memberIds);
        // The root's reply count as stored: an absolute value, so a client that missed a reply or met it twice still shows it right.
        const root = stored.row.thread_id ? await repo.byId(conversationId, stored.row.thread_id) : undefined;
        if (root) await pushToMembers(conversationId, 'chat:message_updated', await presentMessage(deps.db, root), stored.memberIds);
      }
      return { message, created: stored.created };
    },

    async history(userId: string, conversationId: string, query: MessageQuery & { limit: number }): Promise<MessagePage> {
      await requireMember(deps.db, conversationId, userId);
      const rows = await repo.page(conversationId, {
        before: query.before,
        after: query.after,
        limit: query.limit + 1,
      });
      // One more than asked says whether there is more; which end it sits at depends on the direction.
      const more = rows.length > query.limit;
      const page = !more ? rows : query.after !== undefined ? rows.slice(0, query.limit) : rows.slice(1);
      return { items: await presentMessages(deps.db, page), hasMore: more };
    },

    /** The room's catch-up: messages after sequence `after`, in order; incomplete when more remain. */
    async catchUp(conversationId: string, after: number, limit: number) {
      const rows = await repo.page(conversationId, { after, limit: limit + 1 });
      return { messages: await presentMessages(deps.db, rows.slice(0, limit)), complete: rows.length <= limit };
    },

    /** Room authoriser: members only. */
    async mayJoin(userId: string, conversationId: string) {
      if (!isUuid(conversationId)) throw conversationNotFound();
      await requireMember(deps.db, conversationId, userId);
    },

    async thread(userId: string, conversationId: string, messageId: string, query: { after?: number | undefined; limit: number }) {
      const { message } = await ownMessage(userId, conversationId, messageId);
      const rootId = message.thread_id ?? message.id;
      const root = rootId === message.id ? message : await repo.byId(conversationId, rootId);
      const replies = await repo.thread(rootId, { after: query.after ?? 0, limit: query.limit + 1 });
      return {
        root: await presentMessage(deps.db, root as MessageRow),
        items: await presentMessages(deps.db, replies.slice(0, query.limit)),
        hasMore: replies.length > query.limit,
      };
    },

    async search(userId: string, conversationId: string, query: MessageSearchQuery & { q: string; limit: number }): Promise<MessagePage> {
      await requireMember(deps.db, conversationId, userId);
      const rows = await repo.search(conversationId, query.q, { before: query.before, limit: query.limit + 1 });
      return { items: await presentMessages(deps.db, rows.slice(0, query.limit)), hasMore: rows.length > query.limit };
    },

    async edit(userId: string, conversationId: string, messageId: string, body: string) {
      const { message } = await ownMessage(userId, conversationId, messageId);
      if (message.sender_id !== userId) throw notAuthor();
      if (message.deleted_at) throw messageDeleted();
      return changed(await repo.edit(messageId, body));
    },

    /** Soft delete by the author or a group admin: the row stays (the sequence has no holes), its content goes. */
    async remove(userId: string, conversationId: string, messageId: string) {
      const { message, member, conversation } = await ownMessage(userId, conversationId, messageId);
      const moderator = conversation.kind === 'group' && member.role === 'admin';
      if (message.sender_id !== userId && !moderator) throw notAuthor();
      if (message.deleted_at) return presentMessage(deps.db, message);
      const { row, keys } = await deps.db.transaction().execute(async (trx) => ({
        keys: await messagesRepository(trx).dropAttachments(messageId),
        row: await messagesRepository(trx).softDelete(messageId),
      }));
      await Promise.all(keys.map((key) => deps.storage.delete(key)));
      return changed(row);
    },

    async react(userId: string, conversationId: string, messageId: string, emoji: ReactionEmoji, on: boolean) {
      const { message } = await ownMessage(userId, conversationId, messageId);
      if (message.deleted_at) throw messageDeleted();
      if (on) await repo.addReaction(messageId, userId, emoji);
      else await repo.removeReaction(messageId, userId, emoji);
      return changed(message);
    },
  };
}
