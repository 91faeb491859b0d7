// Who of one's connections is online now (a green dot) and who was here lately ("Last seen 5
// minutes ago"), as each lets the viewer see it; connections who hide it are not listed at all.
import type { Presence } from '@edumatrix/contracts';
import { Anchor, Badge, Group, Paper, SimpleGrid, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { formatRelative } from '../ui/format.ts';
import { LoadError, Loading } from '../ui/states.tsx';
import { PersonHeader } from './PersonHeader.tsx';
import { onlineConnectionsQuery } from './queries.ts';

/** "Online now", "Last seen 5 minutes ago", or null for someone never seen (or hidden). */
export function presenceLabel(p: Pick<Presence, 'online' | 'lastSeenAt'>, now = Date.now()): string | null {
  if (p.online) return 'Online now';
  if (!p.lastSeenAt) return null;
  return now - new Date(p.lastSeenAt).getTime() < 60_000 ? 'Last seen just now' : `Last seen ${formatRelative(p.lastSeenAt, now)}`;
}

/** `wide` (the Network page): a heading like its other sections', and people side by side. */
export function OnlineNow({ limit, withLink = false, wide = false }: { limit: number; withLink?: boolean; wide?: boolean }) {
  const list = useQuery(onlineConnectionsQuery(limit));
  // Never-seen connections say nothing useful here; they stay on the Network page's list.
  const seen = list.data?.items.filter((p) => p.online || p.lastSeenAt) ?? [];
  return (
    <Paper withBorder radius="md" p={{ base: 'sm', sm: 'md' }} component="section" aria-labelledby="online-now">
      <Group gap="xs" mb="sm">
        <Title order={2} size={wide ? 'h4' : 'h5'} id="online-now">
          Online now
        </Title>
        {(list.data?.onlineCount ?? 0) > 0 && (
          <Badge variant="light" color="green" size="sm" aria-label={`${list.data?.onlineCount} online`}>
            {list.data?.onlineCount}
          </Badge>
        )}
      </Group>
      {list.isPending ? (
        <Loading label="Loading who is online" />
      ) : list.isError ? (
        <LoadError error={list.error} title="Could not load who is online" />
      ) : seen.length === 0 ? (
        <Text size="sm" c="dimmed">
          None of your connections is online right now.
        </Text>
      ) : (
        <SimpleGrid cols={wide ? { base: 1, sm: 2, lg: 3 } : 1} spacing="md" verticalSpacing="sm" data-testid="online-connections">
          {seen.map((p) => (
            <div key={p.userId} data-person={p.userId} data-online={p.online}>
              <PersonHeader person={p} size="sm" online={p.online} detail={presenceLabel(p)} />
            </div>
          ))}
        </SimpleGrid>
      )}
      {withLink && (
        <Anchor component={Link} to="/network" size="sm" mt="sm" display="block">
          All your connections
        </Anchor>
      )}
    </Paper>
  );
}
