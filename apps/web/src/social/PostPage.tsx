// /posts/:postId: one post with its comments open, where notifications about it lead. A post the
// viewer may not see is "not found" to them, as if it did not exist.
import { Anchor, Stack } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { problemOf } from '../ui/problem.ts';
import { LoadError, Loading, Notice } from '../ui/states.tsx';
import { usePageTitle } from '../ui/usePageTitle.ts';
import { PostCard } from './PostCard.tsx';
import { postQuery } from './queries.ts';

export function PostPage() {
  const { postId = '' } = useParams();
  const navigate = useNavigate();
  const post = useQuery(postQuery(postId));
  usePageTitle(post.data ? `Post by ${post.data.author.displayName}` : 'Post');
  return (
    <Stack gap="md" maw={720}>
      <Anchor component={Link} to="/feed" size="sm">
        ← Back to the feed
      </Anchor>
      {post.isPending ? (
        <Loading label="Loading the post" />
      ) : post.isError ? (
        problemOf(post.error)?.status === 404 ? (
          <Notice>This post is not available. It may have been deleted, or it is not shared with you.</Notice>
        ) : (
          <LoadError error={post.error} title="Could not load this post" />
        )
      ) : (
        <PostCard post={post.data} showComments onDeleted={() => void navigate('/feed', { replace: true })} />
      )}
    </Stack>
  );
}
