import type { Session } from '@edumatrix/contracts';
import { Badge, Button, Group, Paper, Stack, Text, Title, Tooltip, VisuallyHidden } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { client } from '../api.ts';
import { formatDateTime, formatRelative } from '../ui/format.ts';
import { notifyError, notifySuccess } from '../ui/problem.ts';
import { LoadError, Loading } from '../ui/states.tsx';
import { usePageTitle } from '../ui/usePageTitle.ts';
import { describeUserAgent } from './describe-user-agent.ts';
import { sessionsKey, sessionsQuery } from './sessions-query.ts';

export function SessionsPage() {
  usePageTitle('Sessions');
  const queryClient = useQueryClient();
  const sessions = useQuery(sessionsQuery());

  const revoke = useMutation({
    mutationFn: (ids: string[]) => Promise.all(ids.map((id) => client.me.revokeSession(id))),
    onSuccess: (_, ids) => notifySuccess(ids.length === 1 ? 'That session was signed out.' : `${ids.length} sessions were signed out.`),
    onError: (error) => notifyError(error, 'Could not sign out the session'),
    onSettled: () => queryClient.invalidateQueries({ queryKey: sessionsKey }),
  });

  const items = [...(sessions.data ?? [])].sort((a, b) => Number(b.current) - Number(a.current));
  const others = items.filter((s) => !s.current).map((s) => s.id);
  const pendingIds = revoke.isPending ? (revoke.variables ?? []) : [];

  return (
    <Stack maw={760} gap="lg">
      <Group justify="space-between" align="flex-end" gap="sm">
        <div>
          <Title order={1}>Sessions</Title>
          <Text c="dimmed" size="sm">
            Devices signed in to your account. Sign out any you do not recognise.
          </Text>
        </div>
        {others.length > 0 && (
          <Button variant="light" color="red" onClick={() => revoke.mutate(others)} loading={revoke.isPending && pendingIds.length > 1}>
            Sign out all other sessions
          </Button>
        )}
      </Group>
      {sessions.isPending ? (
        <Loading label="Loading sessions" />
      ) : sessions.isError ? (
        <LoadError error={sessions.error} title="Could not load your sessions" />
      ) : (
        <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
          {items.map((session) => (
            <SessionCard
              key={session.id}
              session={session}
              revoking={pendingIds.includes(session.id)}
              onRevoke={() => revoke.mutate([session.id])}
            />
          ))}
        </Stack>
      )}
    </Stack>
  );
}

type SessionCardProps = { session: Session; revoking: boolean; onRevoke: () => void };

function SessionCard({ session, revoking, onRevoke }: SessionCardProps) {
  const device = describeUserAgent(session.userAgent);
  return (
    <Paper component="li" withBorder radius="md" p="md">
      <Group justify="space-between" wrap="nowrap" align="flex-start" gap="sm">
        <Stack gap={4} miw={0}>
          <Group gap="xs">
            <Tooltip label={session.userAgent ?? 'No browser details were recorded'} multiline maw={320}>
              <Text fw={600}>{device}</Text>
            </Tooltip>
            {session.current && (
              <Badge color="teal" variant="light">
                This device
              </Badge>
            )}
          </Group>
          <Text size="sm" c="dimmed">
            Last active {formatRelative(session.lastUsedAt)} · Signed in {formatDateTime(session.createdAt)}
          </Text>
          {session.ip && (
            <Text size="sm" c="dimmed">
              IP address {session.ip}
            </Text>
          )}
        </Stack>
        {!session.current && (
          <Button variant="default" size="xs" onClick={onRevoke} loading={revoking}>
            Sign out<VisuallyHidden> {device}</VisuallyHidden>
          </Button>
        )}
      </Group>
    </Paper>
  );
}
