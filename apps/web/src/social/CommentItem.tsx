// One comment: author, time, Markdown text, reactions, and Reply / Delete / Report. A deleted one
// keeps its place so its replies still read in context.
import type { Comment } from '@edumatrix/contracts';
import { Anchor, Group, Menu, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useCurrentUser } from '../auth/session-store.ts';
import { formatDateTime, formatRelative } from '../ui/format.ts';
import { ConfirmAction } from './ConfirmAction.tsx';
import { MoreButton } from './MoreButton.tsx';
import { PersonHeader } from './PersonHeader.tsx';
import { PostBody } from './PostBody.tsx';
import { useDeleteComment, useReactToComment } from './post-mutations.ts';
import { ReactionBar } from './ReactionBar.tsx';
import { ReportModal } from './ReportModal.tsx';

type Props = { comment: Comment; postAuthorId: string; onReply: (comment: Comment) => void };

export function CommentItem({ comment, postAuthorId, onReply }: Props) {
  const me = useCurrentUser();
  const react = useReactToComment(comment);
  const remove = useDeleteComment(comment);
  const [dialog, setDialog] = useState<'delete' | 'report' | null>(null);
  const mayDelete = comment.author.userId === me.id || postAuthorId === me.id;

  if (comment.deleted) {
    return (
      <Text size="sm" c="dimmed" fs="italic" py={4} data-comment={comment.id}>
        This comment was deleted.
      </Text>
    );
  }
  return (
    <Stack gap={4} data-comment={comment.id} component="article" aria-label={`Comment by ${comment.author.displayName}`}>
      <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
        <PersonHeader
          person={comment.author}
          size="sm"
          detail={
            <time dateTime={comment.createdAt} title={formatDateTime(comment.createdAt)}>
              {formatRelative(comment.createdAt)}
            </time>
          }
        />
        <Menu position="bottom-end" withinPortal>
          <Menu.Target>
            <MoreButton label="Comment actions" />
          </Menu.Target>
          <Menu.Dropdown>
            {mayDelete && (
              <Menu.Item color="red" onClick={() => setDialog('delete')}>
                Delete comment
              </Menu.Item>
            )}
            {comment.author.userId !== me.id && <Menu.Item onClick={() => setDialog('report')}>Report comment</Menu.Item>}
          </Menu.Dropdown>
        </Menu>
      </Group>
      <div style={{ paddingLeft: 38 }}>
        <PostBody text={comment.body} mentions={comment.mentions} />
        <Group gap="xs" mt={2} wrap="wrap">
          <ReactionBar
            size="compact-xs"
            withLabels={false}
            reactions={comment.reactions}
            mine={comment.myReaction}
            onReact={(kind) => react.mutate(kind)}
          />
          <Anchor component="button" type="button" size="xs" onClick={() => onReply(comment)}>
            Reply
          </Anchor>
        </Group>
      </div>
      <ConfirmAction
        opened={dialog === 'delete'}
        title="Delete this comment?"
        confirmLabel="Delete comment"
        onConfirm={() => remove.mutateAsync()}
        onClose={() => setDialog(null)}
      >
        The comment’s text is removed for everyone. Replies to it stay.
      </ConfirmAction>
      <ReportModal target={{ type: 'comment', id: comment.id }} opened={dialog === 'report'} onClose={() => setDialog(null)} />
    </Stack>
  );
}
