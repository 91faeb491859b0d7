// The home feed of Students Interlinked: the composer, the live "new posts" pill and the posts of
// the people one follows and is connected to, scrolled by cursor. The old `?tag=` links (the feed
// narrowed to a hashtag) now go to the hashtag's own page, which shows everyone's posts.
import { Button, Group, Stack, Title } from '@mantine/core';
import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { Link, Navigate, useSearchParams } from 'react-router';
import { notifyError } from '../ui/problem.ts';
import { usePageTitle } from '../ui/usePageTitle.ts';
import { Composer } from './Composer.tsx';
import { WithFeedAside } from './FeedAside.tsx';
import { hashtagPath } from './linkify.ts';
import { NewPostsPill } from './NewPostsPill.tsx';
import { PostList, uniquePosts } from './PostList.tsx';
import { reloadFirstPage } from './post-cache.ts';
import { feedQuery } from './queries.ts';
import { useNewPosts } from './useNewPosts.ts';

export function FeedPage() {
  const [params] = useSearchParams();
  const tag = params.get('tag');
  return tag ? <Navigate to={hashtagPath(tag)} replace /> : <Feed />;
}

function Feed() {
  usePageTitle('Feed');
  const queryClient = useQueryClient();
  const list = useInfiniteQuery(feedQuery());
  const shownIds = useMemo(() => new Set(uniquePosts(list.data?.pages).map((p) => p.id)), [list.data]);
  const fresh = useNewPosts(shownIds);
  const [loadingNew, setLoadingNew] = useState(false);

  async function showNew() {
    setLoadingNew(true);
    try {
      await reloadFirstPage(queryClient);
      fresh.clear();
      window.scrollTo({ top: 0, behavior: 'smooth' });
    } catch (error) {
      notifyError(error, 'Could not load the new posts');
    } finally {
      setLoadingNew(false);
    }
  }

  return (
    <WithFeedAside>
      <Stack gap="md" maw={720}>
        <Group justify="space-between" gap="xs">
          <Title order={1}>Feed</Title>
          <Button component={Link} to="/me/profile" variant="light" size="xs" hiddenFrom="md">
            Your profile
          </Button>
        </Group>
        <Composer onPosted={fresh.clear} />
        <NewPostsPill count={fresh.count} missed={fresh.missed} loading={loadingNew} onShow={() => void showNew()} />
        <PostList list={list} empty="Your feed is empty. Follow or connect with people (see Network) and their posts appear here." />
      </Stack>
    </WithFeedAside>
  );
}
