// A hashtag's page (/hashtags/:tag): everyone's posts with the tag that the viewer may see, newest
// first, not only those of people they follow. Tags in posts and in search results link here.
import { Stack, Text, Title } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { usePageTitle } from '../ui/usePageTitle.ts';
import { WithFeedAside } from './FeedAside.tsx';
import { PostList, uniquePosts } from './PostList.tsx';
import { hashtagQuery } from './queries.ts';

export function HashtagPage() {
  const { tag: raw = '' } = useParams();
  // The server keeps tags in lower case and without their #, whatever the link said.
  const tag = raw.replace(/^#/, '').toLowerCase();
  usePageTitle(`#${tag}`);
  const list = useInfiniteQuery(hashtagQuery(tag));
  // Counted from what is loaded, so only said once every page is: a total would need its own query
  // and the visibility rules run over every tagged post.
  const count = list.isSuccess && !list.hasNextPage ? uniquePosts(list.data.pages).length : null;

  return (
    <WithFeedAside>
      <Stack gap="md" maw={720}>
        <Stack gap={2}>
          <Title order={1} style={{ overflowWrap: 'anywhere' }}>
            #{tag}
          </Title>
          <Text size="sm" c="dimmed">
            {count ? `${count} ${count === 1 ? 'post' : 'posts'}` : 'Posts'} you can see, from everyone, newest first
          </Text>
        </Stack>
        <PostList list={list} empty={`No posts tagged #${tag} that you can see yet.`} />
      </Stack>
    </WithFeedAside>
  );
}
