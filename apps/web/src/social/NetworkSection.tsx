// One list on the Network page, with its own loading, error and empty states, so a slow or failed
// list does not hold up the others.
import { Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { LoadError, Loading } from '../ui/states.tsx';

type Props<T> = {
  title: string;
  query: UseQueryResult<T[]>;
  empty: string;
  children: (item: T) => ReactNode;
  keyOf: (item: T) => string;
};

export function NetworkSection<T>({ title, query, empty, children, keyOf }: Props<T>) {
  const id = `network-${title.toLowerCase().replaceAll(' ', '-')}`;
  return (
    <Paper withBorder radius="md" p={{ base: 'sm', sm: 'md' }} component="section" aria-labelledby={id}>
      <Group gap="xs" mb="sm">
        <Title order={2} size="h4" id={id}>
          {title}
        </Title>
        {query.data && query.data.length > 0 && (
          <Badge variant="light" color="gray" size="sm">
            {query.data.length}
          </Badge>
        )}
      </Group>
      {query.isPending ? (
        <Loading label={`Loading ${title.toLowerCase()}`} />
      ) : query.isError ? (
        <LoadError error={query.error} title={`Could not load ${title.toLowerCase()}`} />
      ) : query.data.length === 0 ? (
        <Text size="sm" c="dimmed">
          {empty}
        </Text>
      ) : (
        <Stack gap="sm">
          {query.data.map((item) => (
            <div key={keyOf(item)}>{children(item)}</div>
          ))}
        </Stack>
      )}
    </Paper>
  );
}
