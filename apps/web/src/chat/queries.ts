// The chat's server state in TanStack Query: the conversation list, one conversation with its
// members, and a conversation's messages held as one contiguous run by sequence number, so live
// pushes, catch-up and older pages all merge into the same ordered list.
import type { Conversation, Message, Page } from '@edumatrix/contracts';
import { type InfiniteData, infiniteQueryOptions, type QueryClient, queryOptions } from '@tanstack/react-query';
import { client } from '../api.ts';

export const chatKeys = {
  all: ['chat'] as const,
  lists: () => [...chatKeys.all, 'conversations'] as const,
  unread: () => [...chatKeys.all, 'unread'] as const,
  detail: (id: string) => [...chatKeys.all, 'conversation', id] as const,
  messages: (id: string) => [...chatKeys.all, 'messages', id] as const,
  thread: (id: string, rootId: string) => [...chatKeys.all, 'thread', id, rootId] as const,
  search: (id: string, q: string) => [...chatKeys.all, 'search', id, q] as const,
  connections: () => [...chatKeys.all, 'connections'] as const,
};

export type ConversationPages = InfiniteData<Page<Conversation>>;

/** Most recently active first, each with its unread count. */
export const conversationsQuery = () =>
  infiniteQueryOptions({
    queryKey: chatKeys.lists(),
    queryFn: ({ pageParam }) => client.chat.list({ limit: 50, ...(pageParam ? { cursor: pageParam } : {}) }),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
  });

/** Unread over all one's conversations (the nav badge); refetched as chat pushes arrive. */
export const unreadQuery = () => queryOptions({ queryKey: chatKeys.unread(), queryFn: () => client.chat.unread() });

export const conversationQuery = (id: string) => queryOptions({ queryKey: chatKeys.detail(id), queryFn: () => client.chat.get(id) });

/** The messages held for a conversation: every one from the oldest loaded to the newest, by `seq`. */
export type MessageRun = { messages: Message[]; hasOlder: boolean };

const PAGE = 50;
const CATCH_UP_PAGE = 100;
const MAX_CATCH_UP_PAGES = 20;

/** Adds or replaces messages by sequence number, keeping the run ordered. */
export function mergeMessages(run: MessageRun, incoming: Message[]): MessageRun {
  if (incoming.length === 0) return run;
  const bySeq = new Map(run.messages.map((m) => [m.seq, m]));
  for (const m of incoming) bySeq.set(m.seq, m);
  return { ...run, messages: [...bySeq.values()].sort((a, b) => a.seq - b.seq) };
}

export const newestSeq = (run: MessageRun | undefined) => run?.messages.at(-1)?.seq ?? 0;

/**
 * First load: the newest page. A later load (a refetch after a lost connection) reloads everything
 * held, from its oldest message on, rather than only what came after it: edits, deletes and reactions
 * made meanwhile reached nobody, and the room's catch-up replays only new messages. A run too long to
 * reload starts afresh from the newest page.
 */
async function loadMessages(queryClient: QueryClient, id: string): Promise<MessageRun> {
  const key = chatKeys.messages(id);
  const held = queryClient.getQueryData<MessageRun>(key);
  const newest = await client.chat.messages(id, { limit: PAGE });
  const fresh = { messages: newest.items, hasOlder: newest.hasMore };
  const oldest = held?.messages[0]?.seq;
  if (!held || oldest === undefined) return fresh;
  const first = newest.items[0]?.seq ?? Number.POSITIVE_INFINITY;
  let after = oldest - 1;
  // When the newest page reaches back past what was held, it says whether anything is older.
  let run: MessageRun = { messages: [], hasOlder: first <= oldest ? newest.hasMore : held.hasOlder };
  for (let page = 0; first > after + 1 && page < MAX_CATCH_UP_PAGES; page++) {
    const next = await client.chat.messages(id, { after, limit: CATCH_UP_PAGE });
    run = mergeMessages(run, next.items);
    after = newestSeq(run) || after;
    if (!next.hasMore) break;
  }
  if (first > after + 1) return fresh;
  run = mergeMessages(run, newest.items);
  // Pushed while this was loading: kept, not dropped with the run it replaces.
  const since = queryClient.getQueryData<MessageRun>(key)?.messages.filter((m) => m.seq > newestSeq(run)) ?? [];
  return mergeMessages(run, since);
}

export const messagesQuery = (queryClient: QueryClient, id: string) =>
  queryOptions({ queryKey: chatKeys.messages(id), queryFn: () => loadMessages(queryClient, id), staleTime: Number.POSITIVE_INFINITY });

/** One page further back; the caller merges it into the run. */
export async function loadOlder(queryClient: QueryClient, id: string): Promise<void> {
  const run = queryClient.getQueryData<MessageRun>(chatKeys.messages(id));
  const oldest = run?.messages[0]?.seq;
  if (!run || !oldest || !run.hasOlder) return;
  const page = await client.chat.messages(id, { before: oldest, limit: PAGE });
  queryClient.setQueryData<MessageRun>(chatKeys.messages(id), (current) =>
    current ? { ...mergeMessages(current, page.items), hasOlder: page.hasMore } : current,
  );
}

export type ThreadData = { root: Message; items: Message[]; hasMore: boolean };

export const threadQuery = (id: string, rootId: string) =>
  queryOptions({
    queryKey: chatKeys.thread(id, rootId),
    queryFn: (): Promise<ThreadData> => client.chat.thread(id, rootId, { limit: 100 }),
    staleTime: Number.POSITIVE_INFINITY,
  });

export const searchQuery = (id: string, q: string) =>
  queryOptions({ queryKey: chatKeys.search(id, q), queryFn: () => client.chat.search(id, { q, limit: 25 }), enabled: q.length > 0 });

/** The people you may start a group with: your connections (the social API has no people search). */
export const connectionsQuery = () =>
  queryOptions({ queryKey: chatKeys.connections(), queryFn: () => client.social.connections().then((r) => r.items) });
