// One post as the feed, a profile and the post page show it: author, meta line, Markdown body with
// linked tags and mentions, its images, the first link's preview, the shared original for reposts,
// reactions, comments and the menu.
import type { Post } from '@edumatrix/contracts';
import { Button, Group, Menu, Paper, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { useCurrentUser } from '../auth/session-store.ts';
import { AuthorHeadline, PostMeta } from './AuthorLine.tsx';
import { Comments } from './Comments.tsx';
import { ConfirmAction } from './ConfirmAction.tsx';
import { EditPostModal } from './EditPostModal.tsx';
import { HistoryModal } from './HistoryModal.tsx';
import { LinkPreviewCard } from './LinkPreviewCard.tsx';
import { plural } from './labels.ts';
import { MoreButton } from './MoreButton.tsx';
import { PersonHeader } from './PersonHeader.tsx';
import { PostBody } from './PostBody.tsx';
import { PostImages } from './PostImages.tsx';
import { useDeletePost, useReactToPost } from './post-mutations.ts';
import { ReactionBar } from './ReactionBar.tsx';
import { ReportModal } from './ReportModal.tsx';
import { RepostModal } from './RepostModal.tsx';
import { SharedPost } from './SharedPost.tsx';

type Dialog = 'edit' | 'delete' | 'report' | 'repost' | 'history';

type Props = { post: Post; showComments?: boolean; onDeleted?: () => void };

export function PostCard({ post, showComments = false, onDeleted }: Props) {
  const me = useCurrentUser();
  const mine = post.author.userId === me.id;
  const react = useReactToPost(post);
  const remove = useDeletePost();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [commentsOpen, setCommentsOpen] = useState(showComments);
  const close = () => setDialog(null);

  return (
    <Paper
      withBorder
      radius="md"
      p={{ base: 'sm', sm: 'md' }}
      component="article"
      aria-label={`Post by ${post.author.displayName}`}
      data-post={post.id}
    >
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
          <PersonHeader
            person={post.author}
            trailing={
              post.repostOf ? (
                <Text size="xs" c="dimmed">
                  reposted
                </Text>
              ) : undefined
            }
            detail={
              <>
                <AuthorHeadline headline={post.authorHeadline} />
                <PostMeta post={post} onShowHistory={() => setDialog('history')} />
              </>
            }
          />
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>
              <MoreButton label="Post actions" />
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Item component={Link} to={`/posts/${post.id}`}>
                Open post
              </Menu.Item>
              {mine ? (
                <>
                  <Menu.Item onClick={() => setDialog('edit')}>Edit post</Menu.Item>
                  <Menu.Item color="red" onClick={() => setDialog('delete')}>
                    Delete post
                  </Menu.Item>
                </>
              ) : (
                <Menu.Item onClick={() => setDialog('report')}>Report post</Menu.Item>
              )}
            </Menu.Dropdown>
          </Menu>
        </Group>

        {post.body && <PostBody text={post.body} hashtags={post.hashtags} mentions={post.mentions} />}
        {post.images.length > 0 && <PostImages images={post.images} author={post.author.displayName} />}
        {post.linkPreview && <LinkPreviewCard preview={post.linkPreview} />}
        {post.repostOf && <SharedPost original={post.original} />}

        <Group justify="space-between" gap="xs" wrap="wrap">
          <ReactionBar reactions={post.reactions} mine={post.myReaction} onReact={(kind) => react.mutate(kind)} />
          <Group gap={4}>
            <Button
              size="compact-sm"
              variant="subtle"
              color="gray"
              aria-expanded={commentsOpen}
              onClick={() => setCommentsOpen((open) => !open)}
            >
              {post.commentCount > 0 ? plural(post.commentCount, 'comment', 'comments') : 'Comment'}
            </Button>
            <Button size="compact-sm" variant="subtle" color="gray" onClick={() => setDialog('repost')}>
              {post.repostCount > 0 ? `Repost · ${post.repostCount}` : 'Repost'}
            </Button>
          </Group>
        </Group>
        {commentsOpen && <Comments post={post} />}
      </Stack>

      <HistoryModal postId={post.id} opened={dialog === 'history'} onClose={close} />
      <EditPostModal post={post} opened={dialog === 'edit'} onClose={close} />
      <RepostModal post={post} opened={dialog === 'repost'} onClose={close} />
      <ReportModal target={{ type: 'post', id: post.id }} opened={dialog === 'report'} onClose={close} />
      <ConfirmAction
        opened={dialog === 'delete'}
        title="Delete this post?"
        confirmLabel="Delete post"
        onConfirm={() => remove.mutateAsync(post.id).then(() => onDeleted?.())}
        onClose={close}
      >
        The post, its comments and reactions disappear for everyone. Reposts of it will say it is gone.
      </ConfirmAction>
    </Paper>
  );
}
