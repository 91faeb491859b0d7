import type { Notification, NotificationQuery, Page } from '@edumatrix/contracts';
import { type InfiniteData, infiniteQueryOptions, type QueryClient, queryOptions } from '@tanstack/react-query';
import { client } from '../api.ts';

export const notificationKeys = {
  all: ['notifications'] as const,
  unreadCount: () => [...notificationKeys.all, 'unread-count'] as const,
  lists: () => [...notificationKeys.all, 'list'] as const,
  list: (unreadOnly: boolean) => [...notificationKeys.lists(), unreadOnly ? 'unread' : 'all'] as const,
};

export const unreadCountQuery = () =>
  queryOptions({ queryKey: notificationKeys.unreadCount(), queryFn: () => client.notifications.unreadCount().then((r) => r.count) });

/** The inbox and the full page share the first page of this list. */
export const notificationsQuery = (unreadOnly: boolean) =>
  infiniteQueryOptions({
    queryKey: notificationKeys.list(unreadOnly),
    queryFn: ({ pageParam }) => {
      const query: Partial<NotificationQuery> = { limit: 20 };
      if (unreadOnly) query.unread = 'true';
      if (pageParam) query.cursor = pageParam;
      return client.notifications.list(query);
    },
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
  });

/** Marks cached entries read at once, so the highlight goes when the click happens. */
export function markCachedRead(queryClient: QueryClient, which: (item: Notification) => boolean) {
  const now = new Date().toISOString();
  queryClient.setQueriesData<InfiniteData<Page<Notification>>>({ queryKey: notificationKeys.lists() }, (data) =>
    data
      ? {
          ...data,
          pages: data.pages.map((page) => ({
            ...page,
            items: page.items.map((item) => (!item.readAt && which(item) ? { ...item, readAt: now } : item)),
          })),
        }
      : data,
  );
}

/**
 * Puts a pushed entry into the cached lists: a grouped entry whose title and count changed is
 * replaced where it is (its place is its first request's time), a new one goes on top.
 */
export function upsertCachedEntry(queryClient: QueryClient, entry: Notification) {
  for (const unreadOnly of [false, true]) {
    queryClient.setQueryData<InfiniteData<Page<Notification>>>(notificationKeys.list(unreadOnly), (data) => {
      if (!data) return data;
      const known = data.pages.some((page) => page.items.some((item) => item.id === entry.id));
      if (known) {
        return {
          ...data,
          pages: data.pages.map((page) => ({ ...page, items: page.items.map((item) => (item.id === entry.id ? entry : item)) })),
        };
      }
      if (unreadOnly && entry.readAt) return data;
      const [first, ...rest] = data.pages;
      return first ? { ...data, pages: [{ ...first, items: [entry, ...first.items] }, ...rest] } : data;
    });
  }
}
