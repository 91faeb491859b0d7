// The conversations, most recently active first, kept in order live by the pushes (useChatLive):
// title, the last message, when, and how many are unread.
import type { Conversation } from '@edumatrix/contracts';
import { Avatar, Badge, Box, Button, Group, ScrollArea, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useCurrentUser } from '../auth/session-store.ts';
import { LoadMore } from '../ui/LoadMore.tsx';
import { LoadError, Loading } from '../ui/states.tsx';
import classes from './ConversationList.module.css';
import { initials, previewOf, shortTime } from './format.ts';
import { NewGroupModal } from './NewGroupModal.tsx';
import { conversationsQuery } from './queries.ts';

function Item({ conversation, active, me }: { conversation: Conversation; active: boolean; me: string }) {
  const last = conversation.lastMessage;
  const unread = conversation.unreadCount;
  const preview = last ? `${last.senderId === me ? 'You: ' : ''}${previewOf(last)}` : 'No messages yet';
  return (
    <Link
      to={`/chat/${conversation.id}`}
      className={classes.item}
      data-active={active || undefined}
      aria-current={active ? 'page' : undefined}
      data-conversation={conversation.title}
    >
      <Avatar radius="xl" color={conversation.kind === 'group' ? 'teal' : 'blue'} src={conversation.avatarUrl} alt="" aria-hidden="true">
        {initials(conversation.title)}
      </Avatar>
      <div className={classes.body}>
        <Group gap="xs" wrap="nowrap" justify="space-between">
          <Text size="sm" fw={unread > 0 ? 700 : 600} truncate>
            {conversation.title}
          </Text>
          {conversation.lastMessageAt && (
            <Text size="xs" c="dimmed" style={{ flex: 'none' }}>
              {shortTime(conversation.lastMessageAt)}
            </Text>
          )}
        </Group>
        <Group gap="xs" wrap="nowrap" justify="space-between">
          <Text size="sm" c={unread > 0 ? undefined : 'dimmed'} truncate>
            {preview}
          </Text>
          {unread > 0 && (
            <Badge size="sm" color="red" circle={unread < 10} style={{ flex: 'none' }} aria-label={`${unread} unread`}>
              {unread > 99 ? '99+' : unread}
            </Badge>
          )}
        </Group>
      </div>
    </Link>
  );
}

export function ConversationList({ activeId }: { activeId: string | null }) {
  const me = useCurrentUser().id;
  const list = useInfiniteQuery(conversationsQuery());
  const [creating, create] = useDisclosure(false);
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <>
      <Group
        justify="space-between"
        px="md"
        py="sm"
        wrap="nowrap"
        style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}
      >
        <Title order={1} size="h3">
          Messages
        </Title>
        <Button size="xs" variant="light" onClick={create.open}>
          New group
        </Button>
      </Group>
      <ScrollArea style={{ flex: 1 }} type="auto">
        {list.isPending ? (
          <Loading label="Loading your conversations" />
        ) : list.isError ? (
          <Box p="md">
            <LoadError error={list.error} title="Could not load your conversations" />
          </Box>
        ) : items.length === 0 ? (
          <Stack p="md" gap={4}>
            <Text fw={600} size="sm">
              No conversations yet
            </Text>
            <Text size="sm" c="dimmed">
              Message someone from their profile, or start a group with your connections.
            </Text>
          </Stack>
        ) : (
          <nav aria-label="Your conversations">
            {items.map((c) => (
              <Item key={c.id} conversation={c} active={c.id === activeId} me={me} />
            ))}
            <Box p="sm">
              <LoadMore list={list} />
            </Box>
          </nav>
        )}
      </ScrollArea>
      <NewGroupModal opened={creating} onClose={create.close} />
    </>
  );
}
