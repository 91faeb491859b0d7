// A message's thread beside the conversation (a full-screen sheet on phones): the root, its
// replies as they come, and a composer whose messages reply in it.
import { Divider, Drawer, ScrollArea, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { usePhone } from '../ui/FormActions.tsx';
import { LoadError, Loading } from '../ui/states.tsx';
import { Composer } from './Composer.tsx';
import { useConversation } from './conversation-context.ts';
import { MessageItem } from './MessageItem.tsx';
import { PendingItem } from './PendingItem.tsx';
import { usePending } from './pending.ts';
import { threadQuery } from './queries.ts';

function Thread({ rootId }: { rootId: string }) {
  const { conversation } = useConversation();
  const thread = useQuery(threadQuery(conversation.id, rootId));
  const pending = usePending(conversation.id).filter((p) => p.replyTo === rootId);
  const viewport = useRef<HTMLDivElement>(null);
  const count = (thread.data?.items.length ?? 0) + pending.length;
  // A new reply, ours or someone's, comes into view at the foot of the thread.
  useEffect(() => {
    if (count > 0) viewport.current?.scrollTo({ top: viewport.current.scrollHeight });
  }, [count]);
  if (thread.isPending) return <Loading label="Loading the thread" />;
  if (thread.isError) return <LoadError error={thread.error} title="Could not load the thread" />;
  const { root, items } = thread.data;
  return (
    <Stack gap={0} h="100%">
      <ScrollArea style={{ flex: 1 }} type="auto" viewportRef={viewport}>
        <Stack gap={4} py="sm">
          <MessageItem message={root} showSender inThread />
          <Divider my="xs" label={items.length === 1 ? '1 reply' : `${items.length} replies`} labelPosition="left" mx="md" />
          {items.length === 0 && pending.length === 0 && (
            <Text size="sm" c="dimmed" px="md">
              No replies yet.
            </Text>
          )}
          {items.map((m) => (
            <MessageItem key={m.id} message={m} showSender inThread />
          ))}
          {pending.map((p) => (
            <PendingItem key={p.clientId} pending={p} />
          ))}
        </Stack>
      </ScrollArea>
      {!root.deletedAt && <Composer conversationId={conversation.id} replyTo={root.id} placeholder="Reply in thread…" label="Reply" />}
    </Stack>
  );
}

export function ThreadPanel({ rootId, onClose }: { rootId: string | null; onClose: () => void }) {
  const phone = usePhone();
  return (
    <Drawer
      opened={rootId !== null}
      onClose={onClose}
      position="right"
      size={phone ? '100%' : 440}
      title="Thread"
      padding={0}
      styles={{
        header: { paddingInline: 'var(--mantine-spacing-md)', borderBottom: '1px solid var(--mantine-color-default-border)' },
        content: { display: 'flex', flexDirection: 'column' },
        body: { flex: 1, minHeight: 0 },
      }}
      closeButtonProps={{ 'aria-label': 'Close thread' }}
    >
      {rootId && <Thread rootId={rootId} />}
    </Drawer>
  );
}
