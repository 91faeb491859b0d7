// /network: who of one's connections is online, connection requests to answer and waiting, one's
// connections, people to meet (with why),
// and the people one blocked or muted, each with its undo.
import type { ConnectionRequest, PersonSummary } from '@edumatrix/contracts';
import { Button, type ButtonProps, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { Link } from 'react-router';
import { formatDate, formatRelative } from '../ui/format.ts';
import { usePageTitle } from '../ui/usePageTitle.ts';
import { ConfirmAction } from './ConfirmAction.tsx';
import { type GraphAction, refreshGraph, runGraphAction, useGraphAction } from './graph-mutations.ts';
import { NetworkSection } from './NetworkSection.tsx';
import { OnlineNow } from './OnlineNow.tsx';
import { PersonHeader } from './PersonHeader.tsx';
import { blockedQuery, connectionsQuery, mutedQuery, requestsQuery, suggestionsQuery } from './queries.ts';
import { SuggestionRow } from './SuggestionRow.tsx';

function Row({ person, detail, children }: { person: PersonSummary; detail?: string; children: ReactNode }) {
  return (
    <Group justify="space-between" gap="xs" wrap="wrap" data-person={person.userId}>
      <PersonHeader person={person} detail={detail} />
      <Group gap={6}>{children}</Group>
    </Group>
  );
}

function ActionButton({ action, label, variant = 'default' }: { action: GraphAction; label: string; variant?: ButtonProps['variant'] }) {
  const run = useGraphAction();
  return (
    <Button size="compact-sm" variant={variant} loading={run.isPending} onClick={() => run.mutate(action)}>
      {label}
    </Button>
  );
}

const requestDetail = (r: ConnectionRequest) => [formatRelative(r.createdAt), r.message && `“${r.message}”`].filter(Boolean).join(' · ');

export function NetworkPage() {
  usePageTitle('Network');
  const queryClient = useQueryClient();
  const incoming = useQuery(requestsQuery('incoming'));
  const outgoing = useQuery(requestsQuery('outgoing'));
  const connections = useQuery(connectionsQuery());
  const suggestions = useQuery(suggestionsQuery());
  const blocked = useQuery(blockedQuery());
  const muted = useQuery(mutedQuery());
  const [removing, setRemoving] = useState<PersonSummary | null>(null);

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end" gap="sm">
        <div>
          <Title order={1}>Network</Title>
          <Text c="dimmed" size="sm">
            People you are connected to see your “connections only” posts and profile fields.
          </Text>
        </div>
        <Button component={Link} to="/me/profile" variant="light" size="sm">
          Your profile and privacy
        </Button>
      </Group>
      <OnlineNow limit={21} wide />
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg" verticalSpacing="lg">
        <NetworkSection title="Requests to you" query={incoming} empty="No requests waiting for you." keyOf={(r) => r.id}>
          {(r) => (
            <Row person={r.from} detail={requestDetail(r)}>
              <ActionButton action={{ type: 'accept', requestId: r.id }} label="Accept" variant="filled" />
              <ActionButton action={{ type: 'decline', requestId: r.id }} label="Decline" />
            </Row>
          )}
        </NetworkSection>
        <NetworkSection title="Requests you sent" query={outgoing} empty="No requests waiting for an answer." keyOf={(r) => r.id}>
          {(r) => (
            <Row person={r.to} detail={requestDetail(r)}>
              <ActionButton action={{ type: 'withdraw', requestId: r.id }} label="Withdraw" />
            </Row>
          )}
        </NetworkSection>
        <NetworkSection title="Connections" query={connections} empty="No connections yet." keyOf={(c) => c.userId}>
          {(c) => (
            <Row person={c} detail={`Connected since ${formatDate(c.since)}`}>
              <Button size="compact-sm" variant="default" onClick={() => setRemoving(c)}>
                Remove
              </Button>
            </Row>
          )}
        </NetworkSection>
        <NetworkSection title="People you may know" query={suggestions} empty="No suggestions right now." keyOf={(s) => s.userId}>
          {(s) => <SuggestionRow suggestion={s} />}
        </NetworkSection>
        <NetworkSection title="Blocked" query={blocked} empty="You have not blocked anyone." keyOf={(p) => p.userId}>
          {(p) => (
            <Row person={p}>
              <ActionButton action={{ type: 'unblock', userId: p.userId }} label="Unblock" />
            </Row>
          )}
        </NetworkSection>
        <NetworkSection title="Muted" query={muted} empty="You have not muted anyone." keyOf={(p) => p.userId}>
          {(p) => (
            <Row person={p}>
              <ActionButton action={{ type: 'unmute', userId: p.userId }} label="Unmute" />
            </Row>
          )}
        </NetworkSection>
      </SimpleGrid>
      <ConfirmAction
        opened={removing !== null}
        title={`Remove ${removing?.displayName ?? ''} from your connections?`}
        confirmLabel="Remove connection"
        onConfirm={async () => {
          if (!removing) return;
          const action = { type: 'disconnect' as const, userId: removing.userId };
          await runGraphAction(action);
          refreshGraph(queryClient, action);
        }}
        onClose={() => setRemoving(null)}
      >
        Posts and profile fields shared with connections only will no longer be visible between you.
      </ConfirmAction>
    </Stack>
  );
}
