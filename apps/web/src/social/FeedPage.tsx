// The home feed of Students Interlinked: the composer, the live "new posts" pill and the posts of
// the people one follows and is connected to, scrolled by cursor. `?tag=` narrows it to a hashtag.
import { Badge, Button, CloseButton, Grid, Group, Stack, Text, Title } from '@mantine/core';
import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { notifyError } from '../ui/problem.ts';
import { usePageTitle } from '../ui/usePageTitle.ts';
import { Composer } from './Composer.tsx';
import { FeedAside } from './FeedAside.tsx';
import { NewPostsPill } from './NewPostsPill.tsx';
import { PostList, uniquePosts } from './PostList.tsx';
import { reloadFirstPage } from './post-cache.ts';
import { feedQuery } from './queries.ts';
import { useNewPosts } from './useNewPosts.ts';

export function FeedPage() {
  const [params, setParams] = useSearchParams();
  const tag = params.get('tag')?.toLowerCase() ?? null;
  usePageTitle(tag ? `#${tag}` : 'Feed');
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
    <Grid gap="lg">
      <Grid.Col span={{ base: 12, md: 8 }}>
        <Stack gap="md" maw={720}>
          <Group justify="space-between" gap="xs">
            <Title order={1}>Feed</Title>
            <Button component={Link} to="/me/profile" variant="light" size="xs" hiddenFrom="md">
              Your profile
            </Button>
          </Group>
          <Composer onPosted={fresh.clear} />
          <NewPostsPill count={fresh.count} missed={fresh.missed} loading={loadingNew} onShow={() => void showNew()} />
          {tag && (
            <Group gap="xs" justify="space-between" wrap="nowrap">
              <Text size="sm">
                Posts tagged{' '}
                <Badge variant="light" tt="none" size="lg">
                  #{tag}
                </Badge>{' '}
                in your feed
              </Text>
              <CloseButton aria-label="Show all posts" onClick={() => setParams({}, { replace: true })} />
            </Group>
          )}
          <PostList
            list={list}
            filter={tag ? (post) => post.hashtags.includes(tag) : undefined}
            empty={
              tag
                ? `No posts tagged #${tag} in your feed.`
                : 'Your feed is empty. Follow or connect with people (see Network) and their posts appear here.'
            }
          />
        </Stack>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 4 }} visibleFrom="md">
        <FeedAside />
      </Grid.Col>
    </Grid>
  );
}
