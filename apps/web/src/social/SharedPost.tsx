// The post a repost shares, framed inside it; or a note when the original is gone or hidden from the
// viewer (the server sends null then, without saying which).
import type { Post } from '@edumatrix/contracts';
import { Anchor, Paper, Text } from '@mantine/core';
import { Link } from 'react-router';
import { formatDateTime, formatRelative } from '../ui/format.ts';
import { PersonHeader } from './PersonHeader.tsx';
import { PostBody } from './PostBody.tsx';

export function SharedPost({ original }: { original: Post['original'] }) {
  if (!original) {
    return (
      <Paper withBorder radius="md" p="sm">
        <Text size="sm" c="dimmed">
          The shared post is no longer available.
        </Text>
      </Paper>
    );
  }
  return (
    <Paper withBorder radius="md" p="sm" component="figure" m={0} aria-label={`Shared post by ${original.author.displayName}`}>
      <PersonHeader
        person={original.author}
        size="sm"
        detail={
          <Anchor component={Link} to={`/posts/${original.id}`} c="dimmed" size="xs">
            <time dateTime={original.createdAt} title={formatDateTime(original.createdAt)}>
              {formatRelative(original.createdAt)}
            </time>
          </Anchor>
        }
      />
      <PostBody text={original.body} />
    </Paper>
  );
}
