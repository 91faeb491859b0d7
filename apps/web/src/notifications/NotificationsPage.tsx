import { Anchor, Button, Group, Paper, SegmentedControl, Select, Stack, Text, Title } from '@mantine/core';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Link, useSearchParams } from 'react-router';
import { LoadError, Loading } from '../ui/states.tsx';
import { usePageTitle } from '../ui/usePageTitle.ts';
import { useMarkAllRead } from './mutations.ts';
import { NotificationList } from './NotificationList.tsx';
import { notificationsQuery, unreadCountQuery } from './queries.ts';
import { isSource, SOURCES, sourceOf } from './sources.ts';

/** With a source chosen, pages are fetched on their own until this many match (or this many pages are in). */
const WANTED = 10;
const MAX_AUTO_PAGES = 5;

const SOURCE_OPTIONS = [{ value: 'all', label: 'Everything' }, ...SOURCES];

export function NotificationsPage() {
  usePageTitle('Notifications');
  // In the address, so coming back from a notification's page keeps the filters.
  const [params, setParams] = useSearchParams();
  const unreadOnly = params.get('unread') === 'true';
  const rawSource = params.get('from');
  const source = isSource(rawSource) ? rawSource : null;
  const list = useInfiniteQuery({
    ...notificationsQuery(unreadOnly),
    // Keeps the list on screen while the other filter loads.
    placeholderData: (previous) => previous,
  });
  const count = useQuery(unreadCountQuery()).data ?? 0;
  const markAll = useMarkAllRead();
  const loaded = list.data?.pages.flatMap((page) => page.items) ?? [];
  const items = source ? loaded.filter((item) => sourceOf(item.kind) === source) : loaded;
  const pagesIn = list.data?.pages.length ?? 0;

  // The server filters by read state only; for a source the list is filtered here, so a few more
  // pages are fetched rather than showing an empty list while matches wait further down.
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = list;
  const wantsMore = source !== null && items.length < WANTED && pagesIn < MAX_AUTO_PAGES;
  useEffect(() => {
    if (wantsMore && hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [wantsMore, hasNextPage, isFetchingNextPage, fetchNextPage]);

  function setFilter(name: 'unread' | 'from', value: string | null) {
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(name, value);
        else next.delete(name);
        return next;
      },
      { replace: true },
    );
  }

  const empty = source
    ? `No ${unreadOnly ? 'unread ' : ''}notifications from ${SOURCES.find((s) => s.value === source)?.label.toLowerCase()}${hasNextPage ? ' among the latest' : ''}.`
    : unreadOnly
      ? 'No unread notifications.'
      : 'No notifications yet.';

  return (
    <Stack maw={760} gap="lg">
      <Group justify="space-between" align="flex-end" gap="sm">
        <div>
          <Title order={1}>Notifications</Title>
          <Text c="dimmed" size="sm">
            {count > 0 ? `${count} unread` : 'You are all caught up.'}
          </Text>
        </div>
        <Group gap="sm">
          <Anchor component={Link} to="/settings/notifications" size="sm">
            Notification settings
          </Anchor>
          <Button variant="light" onClick={() => markAll.mutate()} disabled={count === 0}>
            Mark all read
          </Button>
        </Group>
      </Group>
      <Group gap="sm" align="flex-end" wrap="wrap">
        <SegmentedControl
          aria-label="Show"
          value={unreadOnly ? 'unread' : 'all'}
          onChange={(value) => setFilter('unread', value === 'unread' ? 'true' : null)}
          data={[
            { value: 'all', label: 'All' },
            { value: 'unread', label: 'Unread' },
          ]}
        />
        <Select
          label="From"
          data={SOURCE_OPTIONS}
          value={source ?? 'all'}
          onChange={(value) => setFilter('from', value && value !== 'all' ? value : null)}
          allowDeselect={false}
          w={{ base: '100%', xs: 240 }}
          comboboxProps={{ withinPortal: false }}
        />
      </Group>
      {list.isPending ? (
        <Loading label="Loading notifications" />
      ) : list.isError ? (
        <LoadError error={list.error} title="Could not load your notifications" />
      ) : (
        <Paper withBorder radius="md" p={4} aria-busy={list.isPlaceholderData || isFetchingNextPage || undefined}>
          <NotificationList items={items} empty={empty} />
        </Paper>
      )}
      {hasNextPage && (
        <Group justify="center">
          <Button variant="default" loading={isFetchingNextPage} onClick={() => fetchNextPage()}>
            Load more
          </Button>
        </Group>
      )}
    </Stack>
  );
}
