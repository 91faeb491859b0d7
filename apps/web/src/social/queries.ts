// Query keys and loaders for the social pages. Everything lives under ['social'] so signing out
// (which clears the cache) and broad refreshes after graph changes reach it all.
import { infiniteQueryOptions, type QueryClient, queryOptions } from '@tanstack/react-query';
import { client } from '../api.ts';

export const socialKeys = {
  all: ['social'] as const,
  feed: () => [...socialKeys.all, 'feed'] as const,
  timelines: () => [...socialKeys.all, 'timeline'] as const,
  timeline: (userId: string) => [...socialKeys.timelines(), userId] as const,
  hashtags: () => [...socialKeys.all, 'hashtag'] as const,
  hashtag: (tag: string) => [...socialKeys.hashtags(), tag] as const,
  posts: () => [...socialKeys.all, 'post'] as const,
  post: (postId: string) => [...socialKeys.posts(), postId] as const,
  comments: (postId: string) => [...socialKeys.all, 'comments', postId] as const,
  history: (postId: string) => [...socialKeys.all, 'history', postId] as const,
  profiles: () => [...socialKeys.all, 'profile'] as const,
  profile: (userId: string) => [...socialKeys.profiles(), userId] as const,
  myProfile: () => [...socialKeys.profiles(), 'me'] as const,
  /** Requests, connections, suggestions, blocks and mutes: what a graph change moves. */
  network: () => [...socialKeys.all, 'network'] as const,
  requests: (direction: 'incoming' | 'outgoing') => [...socialKeys.network(), 'requests', direction] as const,
  connections: () => [...socialKeys.network(), 'connections'] as const,
  suggestions: () => [...socialKeys.network(), 'suggestions'] as const,
  blocked: () => [...socialKeys.network(), 'blocked'] as const,
  muted: () => [...socialKeys.network(), 'muted'] as const,
  onlineConnections: (limit: number) => [...socialKeys.network(), 'online', limit] as const,
  presence: (userId: string) => [...socialKeys.all, 'presence', userId] as const,
};

/** Files that never change under their key (post images, link previews): a broad refresh leaves them. */
const FIXED = new Set(['image', 'link-preview']);

/** Everything social that shows people or posts, for changes that reach many of them (a new picture, a removal). */
export function refreshSocial(queryClient: QueryClient) {
  return queryClient.invalidateQueries({
    queryKey: socialKeys.all,
    predicate: (query) => !FIXED.has(String(query.queryKey[1])),
  });
}

const PAGE_SIZE = 20;

export const feedQuery = () =>
  infiniteQueryOptions({
    queryKey: socialKeys.feed(),
    queryFn: ({ pageParam }) => client.social.feed({ limit: PAGE_SIZE, ...(pageParam ? { cursor: pageParam } : {}) }),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
  });

export const timelineQuery = (userId: string) =>
  infiniteQueryOptions({
    queryKey: socialKeys.timeline(userId),
    queryFn: ({ pageParam }) => client.social.timeline(userId, { limit: PAGE_SIZE, ...(pageParam ? { cursor: pageParam } : {}) }),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
  });

/** Everyone's posts with the tag that the viewer may see, not only those in their feed. */
export const hashtagQuery = (tag: string) =>
  infiniteQueryOptions({
    queryKey: socialKeys.hashtag(tag),
    queryFn: ({ pageParam }) => client.social.tagged(tag, { limit: PAGE_SIZE, ...(pageParam ? { cursor: pageParam } : {}) }),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
  });

export const postQuery = (postId: string) => queryOptions({ queryKey: socialKeys.post(postId), queryFn: () => client.social.post(postId) });

export const commentsQuery = (postId: string) =>
  infiniteQueryOptions({
    queryKey: socialKeys.comments(postId),
    queryFn: ({ pageParam }) => client.social.comments(postId, { limit: 50, ...(pageParam ? { cursor: pageParam } : {}) }),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
  });

export const historyQuery = (postId: string) =>
  queryOptions({ queryKey: socialKeys.history(postId), queryFn: () => client.social.history(postId).then((r) => r.items) });

export const profileQuery = (userId: string) =>
  queryOptions({ queryKey: socialKeys.profile(userId), queryFn: () => client.social.profile(userId) });

export const myProfileQuery = () => queryOptions({ queryKey: socialKeys.myProfile(), queryFn: () => client.social.myProfile() });

export const requestsQuery = (direction: 'incoming' | 'outgoing') =>
  queryOptions({
    queryKey: socialKeys.requests(direction),
    queryFn: () => client.social.connectionRequests(direction).then((r) => r.items),
  });

export const connectionsQuery = () =>
  queryOptions({ queryKey: socialKeys.connections(), queryFn: () => client.social.connections().then((r) => r.items) });

export const suggestionsQuery = () =>
  queryOptions({ queryKey: socialKeys.suggestions(), queryFn: () => client.social.suggestions().then((r) => r.items) });

export const blockedQuery = () =>
  queryOptions({ queryKey: socialKeys.blocked(), queryFn: () => client.social.blocked().then((r) => r.items) });

// Presence is polled, not pushed: the gateway sends no presence changes, and pushing every
// connect and disconnect to each of a person's connections (each push checked against their
// privacy) costs far more than a glance at a list is worth. Presence is only exact to the
// server's presence TTL (60 s: a process that dies is noticed when its entries expire), so one
// cheap query a minute per open page is about as fresh.
const PRESENCE_POLL_MS = 60_000;

export const onlineConnectionsQuery = (limit: number) =>
  queryOptions({
    queryKey: socialKeys.onlineConnections(limit),
    queryFn: () => client.social.onlineConnections({ limit }),
    refetchInterval: PRESENCE_POLL_MS,
  });

/** Someone's presence, when they let the viewer see it (otherwise it reads as never seen). */
export const presenceQuery = (userId: string) =>
  queryOptions({
    queryKey: socialKeys.presence(userId),
    queryFn: async () => (await client.social.presence([userId])).items[0] ?? null,
    refetchInterval: PRESENCE_POLL_MS,
  });

export const mutedQuery = () => queryOptions({ queryKey: socialKeys.muted(), queryFn: () => client.social.muted().then((r) => r.items) });
