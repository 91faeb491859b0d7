// A post appears in several caches at once (the feed, timelines, hashtag pages, its own page): these helpers change
// it everywhere, so a reaction or an edit shows on every card without refetching whole lists.
import type { Page, Post } from '@edumatrix/contracts';
import type { InfiniteData, QueryClient } from '@tanstack/react-query';
import { socialKeys } from './queries.ts';

type PostList = InfiniteData<Page<Post>, string | null>;

function mapLists(queryClient: QueryClient, fn: (items: Post[]) => Post[]) {
  for (const queryKey of [socialKeys.feed(), socialKeys.timelines(), socialKeys.hashtags()]) {
    queryClient.setQueriesData<PostList>({ queryKey }, (data) =>
      data ? { ...data, pages: data.pages.map((page) => ({ ...page, items: fn(page.items) })) } : data,
    );
  }
}

/** Applies `change` to the post (and to reposts embedding it, for deletion) wherever it is cached. */
export function patchPost(queryClient: QueryClient, postId: string, change: (post: Post) => Post) {
  mapLists(queryClient, (items) => items.map((post) => (post.id === postId ? change(post) : post)));
  queryClient.setQueryData<Post>(socialKeys.post(postId), (post) => (post ? change(post) : post));
}

export function removePost(queryClient: QueryClient, postId: string) {
  mapLists(queryClient, (items) =>
    items.filter((post) => post.id !== postId).map((post) => (post.original?.id === postId ? { ...post, original: null } : post)),
  );
  // Its own page's cache stays until that page is left: removing it under the page would refetch a 404.
  void queryClient.invalidateQueries({ queryKey: socialKeys.post(postId), refetchType: 'none' });
}

/** The counts after the viewer's reaction moves from `before` to `after` (either may be none). */
export function moveReaction<T extends { reactions: Record<string, number>; myReaction: Post['myReaction'] }>(
  target: T,
  after: Post['myReaction'],
): T {
  const reactions = { ...target.reactions };
  const before = target.myReaction;
  if (before) {
    const left = (reactions[before] ?? 1) - 1;
    if (left > 0) reactions[before] = left;
    else delete reactions[before];
  }
  if (after) reactions[after] = (reactions[after] ?? 0) + 1;
  return { ...target, reactions, myReaction: after };
}

/**
 * Shows the newest posts: keeps only the first page and fetches it again, so the list starts at the
 * top with what arrived, without refetching every page scrolled through.
 */
export async function reloadFirstPage(queryClient: QueryClient) {
  await queryClient.cancelQueries({ queryKey: socialKeys.feed() });
  queryClient.setQueryData<PostList>(socialKeys.feed(), (data) =>
    data ? { pages: data.pages.slice(0, 1), pageParams: data.pageParams.slice(0, 1) } : data,
  );
  await queryClient.refetchQueries({ queryKey: socialKeys.feed(), exact: true });
}
