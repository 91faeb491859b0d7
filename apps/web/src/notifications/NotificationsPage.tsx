import { Button, Group, Paper, Stack, Switch, Text, Title } from '@mantine/core';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { LoadError, Loading } from '../ui/states.tsx';
import { usePageTitle } from '../ui/usePageTitle.ts';
import { useMarkAllRead } from './mutations.ts';
import { NotificationList } from './NotificationList.tsx';
import { notificationsQuery, unreadCountQuery } from './queries.ts';

export function NotificationsPage() {
  usePageTitle('Notifications');
  // In the address, so coming back from a notification's page keeps the filter.
  const [params, setParams] = useSearchParams();
  const unreadOnly = params.get('unread') === 'true';
  const list = useInfiniteQuery({
    ...notificationsQuery(unreadOnly),
    // Keeps the list on screen while the other filter loads.
    placeholderData: (previous) => previous,
  });
  const count = useQuery(unreadCountQuery()).data ?? 0;
  const markAll = useMarkAllRead();
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Stack maw={760} gap="lg">
      <Group justify="space-between" align="flex-end" gap="sm">
        <div>
          <Title order={1}>Notifications</Title>
          <Text c="dimmed" size="sm">
            {count > 0 ? `${count} unread` : 'You are all caught up.'}
          </Text>
        </div>
        <Group gap="md">
          <Switch
            label="Unread only"
            checked={unreadOnly}
            onChange={(event) => setParams(event.currentTarget.checked ? { unread: 'true' } : {}, { replace: true })}
          />
          <Button variant="light" onClick={() => markAll.mutate()} disabled={count === 0}>
            Mark all read
          </Button>
        </Group>
      </Group>
      {list.isPending ? (
        <Loading label="Loading notifications" />
      ) : list.isError ? (
        <LoadError error={list.error} title="Could not load your notifications" />
      ) : (
        <Paper withBorder radius="md" p={4} aria-busy={list.isPlaceholderData || undefined}>
          <NotificationList items={items} empty={unreadOnly ? 'No unread notifications.' : 'No notifications yet.'} />
        </Paper>
      )}
      {list.hasNextPage && (
        <Group justify="center">
          <Button variant="default" loading={list.isFetchingNextPage} onClick={() => list.fetchNextPage()}>
            Load more
          </Button>
        </Group>
      )}
    </Stack>
  );
}
