import { Button, Group, Text } from '@mantine/core';

type PagedList = { hasNextPage: boolean; isFetchingNextPage: boolean; fetchNextPage(): unknown };

/**
 * The foot of a paged list: a button for the next page while there is one and, given a noun, how
 * many are shown ("Showing 25 students so far").
 */
export function LoadMore({ list, count, noun }: { list: PagedList; count?: number; noun?: [one: string, many: string] }) {
  const button = list.hasNextPage && (
    <Button variant="default" loading={list.isFetchingNextPage} onClick={() => list.fetchNextPage()}>
      Load more
    </Button>
  );
  if (!noun || count === undefined) return button ? <Group justify="center">{button}</Group> : null;
  return (
    <Group justify={list.hasNextPage ? 'space-between' : 'flex-start'} gap="sm">
      <Text size="sm" c="dimmed" role="status">
        Showing {count} {count === 1 ? noun[0] : noun[1]}
        {list.hasNextPage ? ' so far' : ''}
      </Text>
      {button}
    </Group>
  );
}
