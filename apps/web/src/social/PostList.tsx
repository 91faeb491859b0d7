// A paged list of posts (the feed, a timeline or a hashtag) with infinite scroll and its empty and error states.
import type { Page, Post } from '@edumatrix/contracts';
import { Stack } from '@mantine/core';
import type { InfiniteData, UseInfiniteQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { LoadMore } from '../ui/LoadMore.tsx';
import { LoadError, Loading, Notice } from '../ui/states.tsx';
import { InfiniteSentinel } from './InfiniteSentinel.tsx';
import { PostCard } from './PostCard.tsx';

type Props = {
  list: UseInfiniteQueryResult<InfiniteData<Page<Post>>>;
  empty: ReactNode;
};

/** Pages cut by id can meet a post twice when the feed moved between two loads: show it once. */
export function uniquePosts(pages: Page<Post>[] | undefined): Post[] {
  const seen = new Set<string>();
  return (pages ?? [])
    .flatMap((page) => page.items)
    .filter((post) => {
      if (seen.has(post.id)) return false;
      seen.add(post.id);
      return true;
    });
}

export function PostList({ list, empty }: Props) {
  if (list.isPending) return <Loading label="Loading posts" />;
  if (list.isError) return <LoadError error={list.error} title="Could not load the posts" />;
  const posts = uniquePosts(list.data.pages);
  return (
    <Stack gap="md" aria-busy={list.isFetching || undefined}>
      {posts.length === 0 && !list.hasNextPage && <Notice>{empty}</Notice>}
      {posts.map((post) => (
        <PostCard key={post.id} post={post} />
      ))}
      <InfiniteSentinel list={list} />
      <LoadMore list={list} />
    </Stack>
  );
}
