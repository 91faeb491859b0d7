// One open conversation (/chat/:conversationId): its header, the live list of messages, the
// composer, and the panels for a thread, search and the group's settings. It holds the
// conversation's room while open: typing signals, and catch-up by sequence after a lost connection.
import type { Message } from '@edumatrix/contracts';
import { ActionIcon, Anchor, Avatar, Box, Group, Stack, Text, Title, Tooltip } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useCurrentUser } from '../auth/session-store.ts';
import { refetchIfOlder } from '../realtime/catch-up.ts';
import { useRoom } from '../realtime/hooks.ts';
import { notifyError, problemOf } from '../ui/problem.ts';
import { LoadError, Loading, Notice } from '../ui/states.tsx';
import { usePageTitle } from '../ui/usePageTitle.ts';
import { Composer } from './Composer.tsx';
import { type ConversationContext, ConversationCtx } from './conversation-context.ts';
import { initials } from './format.ts';
import { GroupSettings } from './GroupSettings.tsx';
import { BackIcon, SearchIcon, SettingsIcon } from './icons.tsx';
import { MessageList } from './MessageList.tsx';
import { usePending } from './pending.ts';
import { chatKeys, conversationQuery, loadOlder, type MessageRun, messagesQuery, newestSeq } from './queries.ts';
import { SearchPanel } from './SearchPanel.tsx';
import { ThreadPanel } from './ThreadPanel.tsx';
import { typingText, useTypingIn } from './typing.ts';

/** Older pages to load, at most, to reach a search result. */
const MAX_PAGES_TO_RESULT = 40;

function BackToList() {
  return (
    <ActionIcon component={Link} to="/chat" variant="subtle" color="gray" size="lg" hiddenFrom="md" aria-label="Back to conversations">
      <BackIcon width={20} height={20} />
    </ActionIcon>
  );
}

function Conversation({ id }: { id: string }) {
  const me = useCurrentUser().id;
  const queryClient = useQueryClient();
  const detail = useQuery(conversationQuery(id));
  const run = useQuery(messagesQuery(queryClient, id));
  const pending = usePending(id);
  const room = `conversation:${id}`;
  const [threadRoot, setThreadRoot] = useState<string | null>(null);
  const [searching, search] = useDisclosure(false);
  const [showingSettings, settings] = useDisclosure(false);
  const [highlight, setHighlight] = useState<string | null>(null);
  usePageTitle(detail.data?.title ?? 'Messages');

  useRoom(
    room,
    // Joined without a position to catch up from: whatever was loaded before now may miss pushes.
    (since) => void refetchIfOlder(queryClient, chatKeys.messages(id), since),
    () => {
      const held = queryClient.getQueryData<MessageRun>(chatKeys.messages(id));
      return held ? String(newestSeq(held)) : null;
    },
  );

  const members = detail.data?.members;
  const nameOf = useCallback((userId: string) => members?.find((m) => m.userId === userId)?.displayName ?? 'Former member', [members]);
  const typing = useTypingIn(room);
  const typingLine = typingText(typing.filter((userId) => userId !== me).map(nameOf));

  const context = useMemo<ConversationContext | null>(
    () =>
      detail.data
        ? {
            conversation: detail.data,
            me,
            nameOf,
            isAdmin: detail.data.myRole === 'admin',
            openThread: setThreadRoot,
          }
        : null,
    [detail.data, me, nameOf],
  );

  async function jumpTo(message: Message) {
    search.close();
    if (message.threadId) {
      setThreadRoot(message.threadId);
      return;
    }
    try {
      for (let page = 0; page < MAX_PAGES_TO_RESULT; page++) {
        const held = queryClient.getQueryData<MessageRun>(chatKeys.messages(id));
        if (!held?.hasOlder || (held.messages[0]?.seq ?? 0) <= message.seq) break;
        await loadOlder(queryClient, id);
      }
      setHighlight(null);
      requestAnimationFrame(() => setHighlight(message.id));
    } catch (error) {
      notifyError(error, 'Could not load the message');
    }
  }

  if (detail.isError || run.isError) {
    const error = detail.error ?? run.error;
    return (
      <Stack p="md" gap="sm">
        <Group>
          <BackToList />
        </Group>
        {problemOf(error)?.code === 'chat.conversation_not_found' ? (
          <Notice>This conversation does not exist, or you are no longer in it.</Notice>
        ) : (
          <LoadError error={error} title="Could not load this conversation" />
        )}
        <Anchor component={Link} to="/chat" size="sm">
          Back to your conversations
        </Anchor>
      </Stack>
    );
  }
  if (!context || !run.data) return <Loading label="Loading the conversation" />;
  const conversation = context.conversation;
  const group = conversation.kind === 'group';

  return (
    <ConversationCtx.Provider value={context}>
      <Group
        px="sm"
        py={8}
        justify="space-between"
        wrap="nowrap"
        gap="xs"
        style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}
      >
        <Group gap="xs" wrap="nowrap" style={{ minWidth: 0 }}>
          <BackToList />
          <Avatar radius="xl" color={group ? 'teal' : 'blue'} src={conversation.avatarUrl} alt="" aria-hidden="true">
            {initials(conversation.title)}
          </Avatar>
          <Box style={{ minWidth: 0 }}>
            <Title order={2} size="h4" lineClamp={1}>
              {conversation.title}
            </Title>
            <Text size="xs" c="dimmed" truncate>
              {group ? `Group · ${conversation.memberCount} members` : 'Direct message'}
            </Text>
          </Box>
        </Group>
        <Group gap={2} wrap="nowrap" style={{ flex: 'none' }}>
          <Tooltip label="Search">
            <ActionIcon variant="subtle" color="gray" size="lg" onClick={search.open} aria-label="Search this conversation">
              <SearchIcon width={20} height={20} />
            </ActionIcon>
          </Tooltip>
          <Tooltip label={group ? 'Group settings' : 'Details'}>
            <ActionIcon
              variant="subtle"
              color="gray"
              size="lg"
              onClick={settings.open}
              aria-label={group ? 'Group settings' : 'Conversation details'}
            >
              <SettingsIcon width={20} height={20} />
            </ActionIcon>
          </Tooltip>
        </Group>
      </Group>
      <MessageList run={run.data} pending={pending} typingLine={typingLine} highlight={highlight} />
      <Composer conversationId={id} />
      <ThreadPanel rootId={threadRoot} onClose={() => setThreadRoot(null)} />
      <SearchPanel opened={searching} onClose={search.close} onChoose={(m) => void jumpTo(m)} />
      <GroupSettings conversation={conversation} me={me} opened={showingSettings} onClose={settings.close} />
    </ConversationCtx.Provider>
  );
}

/** Keyed by the conversation, so switching starts with fresh panels and state. */
export function ConversationView() {
  const { conversationId = '' } = useParams();
  return <Conversation key={conversationId} id={conversationId} />;
}
