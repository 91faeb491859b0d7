// One place that folds a message or a push into every cache that shows it: the conversation's run
// of messages, an open thread, the conversation list (order, preview, unread) and the pending
// sends. Every path (socket ack, push, catch-up, HTTP) goes through here, so a message met twice
// is still shown once.
import type { ChatMembersPush, ChatReadPush, Conversation, ConversationDetail, Message } from '@edumatrix/contracts';
import type { QueryClient } from '@tanstack/react-query';
import { client } from '../api.ts';
import { pendingStore } from './pending.ts';
import { type ConversationPages, chatKeys, type MessageRun, mergeMessages, newestSeq, type ThreadData } from './queries.ts';

function mapConversations(data: ConversationPages, change: (c: Conversation) => Conversation): ConversationPages {
  return { ...data, pages: data.pages.map((page) => ({ ...page, items: page.items.map(change) })) };
}

/** Moves the conversation to the top with its newest message; unknown conversations reload the list. */
function touchList(queryClient: QueryClient, message: Message, me: string) {
  let known = false;
  queryClient.setQueryData<ConversationPages>(chatKeys.lists(), (data) => {
    if (!data) return data;
    let conversation: Conversation | undefined;
    const pages = data.pages.map((page) => ({
      ...page,
      items: page.items.filter((c) => {
        if (c.id !== message.conversationId) return true;
        conversation = c;
        return false;
      }),
    }));
    if (!conversation) return data;
    known = true;
    // Met before (an ack and then its push, or a replay): counted once.
    if (message.seq <= conversation.lastSeq) return data;
    const mine = message.senderId === me;
    const updated: Conversation = {
      ...conversation,
      lastSeq: message.seq,
      lastMessage: message,
      lastMessageAt: message.createdAt,
      // Sending is reading: the server moves the sender's read position to their own message.
      unreadCount: mine ? 0 : conversation.unreadCount + 1,
    };
    const [first, ...rest] = pages;
    return first ? { ...data, pages: [{ ...first, items: [updated, ...first.items] }, ...rest] } : data;
  });
  if (!known) void queryClient.invalidateQueries({ queryKey: chatKeys.lists() });
}

/** Fetches what lies between the held run and a message that arrived past its end. */
async function fillGap(queryClient: QueryClient, conversationId: string, after: number, upTo: number) {
  let from = after;
  for (let page = 0; page < 10 && from < upTo; page++) {
    const next = await client.chat.messages(conversationId, { after: from, limit: 100 });
    queryClient.setQueryData<MessageRun>(chatKeys.messages(conversationId), (run) => (run ? mergeMessages(run, next.items) : run));
    from = next.items.at(-1)?.seq ?? upTo;
    if (!next.hasMore) break;
  }
}

let unreadTimer: ReturnType<typeof setTimeout> | undefined;

/**
 * The nav's total: counted by the server over every conversation, so asked again when it may have
 * changed, at most once a second however many pushes arrive (a busy group sends many).
 */
export function refreshUnread(queryClient: QueryClient) {
  if (unreadTimer) return;
  unreadTimer = setTimeout(() => {
    unreadTimer = undefined;
    void queryClient.invalidateQueries({ queryKey: chatKeys.unread() });
  }, 1000);
}

/** A new message, from any path. */
export function receiveMessage(queryClient: QueryClient, message: Message, me: string) {
  const key = chatKeys.messages(message.conversationId);
  const run = queryClient.getQueryData<MessageRun>(key);
  const known = run?.messages.some((m) => m.id === message.id) ?? false;
  if (run) {
    const newest = newestSeq(run);
    let next = mergeMessages(run, [message]);
    // A new reply raises its root's count at once; the server then pushes the root with its stored
    // count (chat:message_updated), which settles it even when a reply was missed or met twice.
    if (!known && message.threadId) {
      next = {
        ...next,
        messages: next.messages.map((m) => (m.id === message.threadId ? { ...m, replyCount: m.replyCount + 1 } : m)),
      };
    }
    queryClient.setQueryData<MessageRun>(key, next);
    // Messages are delivered in order; a hole means some were missed: fetch them.
    if (message.seq > newest + 1 && (run.messages.length > 0 || !run.hasOlder)) {
      void fillGap(queryClient, message.conversationId, newest, message.seq).catch(() => {});
    }
  }
  if (message.threadId) {
    queryClient.setQueryData<ThreadData>(chatKeys.thread(message.conversationId, message.threadId), (thread) => {
      if (!thread || thread.items.some((m) => m.id === message.id)) return thread;
      const items = [...thread.items, message].sort((a, b) => a.seq - b.seq);
      return { ...thread, items, root: { ...thread.root, replyCount: thread.root.replyCount + 1 } };
    });
  }
  if (message.senderId === me) pendingStore.settle(message.conversationId, message.clientId);
  // Sending is reading: the server moves the sender's read position without a receipt push.
  applyRead(queryClient, { conversationId: message.conversationId, userId: message.senderId, seq: message.seq }, '');
  touchList(queryClient, message, me);
  // Someone else's is one more unread; our own reads everything before it.
  refreshUnread(queryClient);
}

/** An edited or deleted message, or one whose reactions changed. */
export function updateMessage(queryClient: QueryClient, message: Message) {
  const replace = (m: Message) => (m.id === message.id ? message : m);
  queryClient.setQueryData<MessageRun>(chatKeys.messages(message.conversationId), (run) =>
    run?.messages.some((m) => m.id === message.id) ? { ...run, messages: run.messages.map(replace) } : run,
  );
  const rootId = message.threadId ?? message.id;
  queryClient.setQueryData<ThreadData>(chatKeys.thread(message.conversationId, rootId), (thread) =>
    thread ? { ...thread, root: replace(thread.root), items: thread.items.map(replace) } : thread,
  );
  queryClient.setQueryData<ConversationPages>(chatKeys.lists(), (data) =>
    data ? mapConversations(data, (c) => (c.lastMessage?.id === message.id ? { ...c, lastMessage: message } : c)) : data,
  );
  // A deleted message is no longer unread.
  if (message.deletedAt) refreshUnread(queryClient);
}

/** A read position moved: the receipts of the open conversation, and our own unread count. */
export function applyRead(queryClient: QueryClient, push: ChatReadPush, me: string) {
  queryClient.setQueryData<ConversationDetail>(chatKeys.detail(push.conversationId), (detail) =>
    detail
      ? {
          ...detail,
          members: detail.members.map((m) => (m.userId === push.userId ? { ...m, lastReadSeq: Math.max(m.lastReadSeq, push.seq) } : m)),
        }
      : detail,
  );
  if (push.userId !== me) return;
  refreshUnread(queryClient);
  let exact = true;
  queryClient.setQueryData<ConversationPages>(chatKeys.lists(), (data) =>
    data
      ? mapConversations(data, (c) => {
          if (c.id !== push.conversationId || c.unreadCount === 0) return c;
          // Read to the end is none unread; part way, only the server can count what is left.
          if (push.seq >= c.lastSeq) return { ...c, unreadCount: 0 };
          exact = false;
          return c;
        })
      : data,
  );
  if (!exact) void queryClient.invalidateQueries({ queryKey: chatKeys.lists() });
}

/** Our own read position as the server acknowledged it, with the exact unread count. */
export function applyOwnRead(queryClient: QueryClient, conversationId: string, me: string, lastReadSeq: number, unreadCount: number) {
  applyRead(queryClient, { conversationId, userId: me, seq: lastReadSeq }, '');
  queryClient.setQueryData<ConversationPages>(chatKeys.lists(), (data) =>
    data ? mapConversations(data, (c) => (c.id === conversationId ? { ...c, unreadCount } : c)) : data,
  );
  refreshUnread(queryClient);
}

/** Members changed: reload who is in it; someone removed (us, perhaps) no longer sees it. */
export function applyMembers(queryClient: QueryClient, push: ChatMembersPush, me: string) {
  if (push.removedIds.includes(me)) {
    queryClient.setQueryData<ConversationPages>(chatKeys.lists(), (data) =>
      data ? { ...data, pages: data.pages.map((p) => ({ ...p, items: p.items.filter((c) => c.id !== push.conversationId) })) } : data,
    );
    queryClient.removeQueries({ queryKey: chatKeys.messages(push.conversationId) });
  }
  void queryClient.invalidateQueries({ queryKey: chatKeys.detail(push.conversationId) });
  void queryClient.invalidateQueries({ queryKey: chatKeys.lists() });
  refreshUnread(queryClient);
}
