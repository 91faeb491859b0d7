import { Anchor, Box, Button, Divider, Group, Text } from '@mantine/core';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { LoadError, Loading } from '../ui/states.tsx';
import { useMarkAllRead } from './mutations.ts';
import { NotificationList } from './NotificationList.tsx';
import { notificationsQuery, unreadCountQuery } from './queries.ts';

const LATEST = 8;

type Props = { titleId?: string; onClose: () => void };

/** The latest notifications, in the header's popover (or drawer on phones). */
export function NotificationInbox({ titleId, onClose }: Props) {
  const list = useInfiniteQuery(notificationsQuery(false));
  const count = useQuery(unreadCountQuery()).data ?? 0;
  const markAll = useMarkAllRead();

  return (
    <Box>
      <Group justify="space-between" wrap="nowrap" gap="xs" px="md" py="xs">
        {titleId ? (
          <Text fw={600} id={titleId}>
            Notifications
          </Text>
        ) : (
          <Text size="sm" c="dimmed">
            {count > 0 ? `${count} unread` : 'All caught up'}
          </Text>
        )}
        <Button variant="subtle" size="compact-sm" onClick={() => markAll.mutate()} disabled={count === 0}>
          Mark all read
        </Button>
      </Group>
      <Divider />
      <Box p={4} mah="min(60vh, 440px)" style={{ overflowY: 'auto' }}>
        {list.isPending ? (
          <Loading label="Loading notifications" />
        ) : list.isError ? (
          <Box p="sm">
            <LoadError error={list.error} title="Could not load your notifications" />
          </Box>
        ) : (
          <NotificationList
            items={list.data.pages[0]?.items.slice(0, LATEST) ?? []}
            empty="No notifications yet."
            compact
            onOpened={onClose}
          />
        )}
      </Box>
      <Divider />
      <Group justify="center" gap="lg" py="xs">
        <Anchor component={Link} to="/notifications" size="sm" onClick={onClose}>
          See all
        </Anchor>
        <Anchor component={Link} to="/settings/notifications" size="sm" onClick={onClose}>
          Settings
        </Anchor>
      </Group>
    </Box>
  );
}
