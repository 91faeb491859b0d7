// A message we sent that the server has not acknowledged yet: "Sending…", or why it failed with
// Retry (the same clientId, so it is stored once whatever happened before) and Discard.
import { Anchor, Group, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { Attachments } from './Attachments.tsx';
import { useConversation } from './conversation-context.ts';
import classes from './MessageItem.module.css';
import type { PendingMessage } from './pending.ts';
import { discardMessage, retryMessage } from './send.ts';

export function PendingItem({ pending }: { pending: PendingMessage }) {
  const queryClient = useQueryClient();
  const { me } = useConversation();
  const failed = pending.status === 'failed';
  return (
    <div className={classes.row} data-mine data-status={pending.status} data-testid="pending-message">
      <div className={classes.stack}>
        {pending.body && (
          <div className={classes.bubble} data-testid="bubble">
            {pending.body}
          </div>
        )}
        <Attachments conversationId={pending.conversationId} attachments={pending.attachments} />
        {failed ? (
          <Group gap={8} px={4} wrap="wrap" justify="flex-end" role="alert">
            <Text size="xs" c="red">
              Not sent: {pending.error}
            </Text>
            <Anchor component="button" type="button" size="xs" fw={600} onClick={() => void retryMessage(queryClient, me, pending)}>
              Retry
            </Anchor>
            <Anchor component="button" type="button" size="xs" c="dimmed" onClick={() => discardMessage(pending)}>
              Discard
            </Anchor>
          </Group>
        ) : (
          <Text size="xs" c="dimmed" px={4}>
            Sending…
          </Text>
        )}
      </div>
    </div>
  );
}
