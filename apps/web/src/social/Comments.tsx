// A post's comments as two-level threads: top comments in order, each with its replies beneath.
// Replying to a reply opens the form under its top comment, addressed to the reply's author.
import type { Comment, Post } from '@edumatrix/contracts';
import { Box, Stack, Text } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { LoadMore } from '../ui/LoadMore.tsx';
import { LoadError, Loading } from '../ui/states.tsx';
import { CommentForm } from './CommentForm.tsx';
import { CommentItem } from './CommentItem.tsx';
import { commentsQuery } from './queries.ts';

type Thread = { top: Comment; replies: Comment[] };

function threadsOf(comments: Comment[]): Thread[] {
  const threads = new Map<string, Thread>();
  for (const c of comments) if (!c.parentId) threads.set(c.id, { top: c, replies: [] });
  for (const c of comments) if (c.parentId) threads.get(c.parentId)?.replies.push(c);
  return [...threads.values()];
}

export function Comments({ post }: { post: Post }) {
  const list = useInfiniteQuery(commentsQuery(post.id));
  // The top comment a reply form is open under, and the comment it answers.
  const [replying, setReplying] = useState<{ threadId: string; to: Comment } | null>(null);

  if (list.isPending) return <Loading label="Loading comments" />;
  if (list.isError) return <LoadError error={list.error} title="Could not load the comments" />;
  const comments = list.data.pages.flatMap((page) => page.items);
  const threads = threadsOf(comments);

  return (
    <Stack gap="sm" component="section" aria-label="Comments">
      {threads.length === 0 && (
        <Text size="sm" c="dimmed">
          No comments yet. Start the conversation.
        </Text>
      )}
      {threads.map(({ top, replies }) => (
        <Stack key={top.id} gap="xs">
          <CommentItem comment={top} postAuthorId={post.author.userId} onReply={(to) => setReplying({ threadId: top.id, to })} />
          {(replies.length > 0 || replying?.threadId === top.id) && (
            <Stack
              gap="xs"
              pl={{ base: 'md', sm: 38 }}
              ml={{ base: 4, sm: 0 }}
              style={{ borderLeft: '2px solid var(--mantine-color-default-border)' }}
            >
              {replies.map((reply) => (
                <CommentItem
                  key={reply.id}
                  comment={reply}
                  postAuthorId={post.author.userId}
                  onReply={(to) => setReplying({ threadId: top.id, to })}
                />
              ))}
              {replying?.threadId === top.id && (
                <Box pl={4}>
                  <CommentForm
                    key={replying.to.id}
                    postId={post.id}
                    parentId={replying.to.id}
                    label={`Reply to ${replying.to.author.displayName}`}
                    initial={replying.to.id !== top.id && replying.to.author.handle ? `@${replying.to.author.handle} ` : ''}
                    autoFocus
                    onDone={() => setReplying(null)}
                  />
                </Box>
              )}
            </Stack>
          )}
        </Stack>
      ))}
      <LoadMore list={list} />
      <CommentForm postId={post.id} />
    </Stack>
  );
}
