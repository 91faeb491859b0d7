// The connection part of a profile's actions: Connect, or Withdraw while one's request waits, or
// Accept / Decline when theirs does. The relationship says who asked; the request's id comes from
// the matching list of pending requests.
import type { Profile } from '@edumatrix/contracts';
import { Badge, Button } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { ConnectModal } from './ConnectModal.tsx';
import { useGraphAction } from './graph-mutations.ts';
import { requestsQuery } from './queries.ts';

export function ConnectionButtons({ profile }: { profile: Profile }) {
  const pending = profile.relationship?.pendingRequest ?? null;
  const requests = useQuery({ ...requestsQuery(pending === 'sent' ? 'outgoing' : 'incoming'), enabled: pending !== null });
  const request = requests.data?.find((r) => (pending === 'sent' ? r.to.userId : r.from.userId) === profile.userId);
  const action = useGraphAction();
  const [connecting, setConnecting] = useState(false);
  const busy = action.isPending || (pending !== null && requests.isPending);

  if (profile.relationship?.connected) {
    return (
      <Badge variant="light" color="teal" size="lg" tt="none">
        Connected
      </Badge>
    );
  }
  if (pending === 'sent') {
    return (
      <Button
        variant="default"
        loading={busy}
        disabled={!request}
        onClick={() => request && action.mutate({ type: 'withdraw', requestId: request.id })}
      >
        Withdraw request
      </Button>
    );
  }
  if (pending === 'received') {
    return (
      <>
        <Button loading={busy} disabled={!request} onClick={() => request && action.mutate({ type: 'accept', requestId: request.id })}>
          Accept request
        </Button>
        <Button
          variant="default"
          disabled={busy || !request}
          onClick={() => request && action.mutate({ type: 'decline', requestId: request.id })}
        >
          Decline
        </Button>
      </>
    );
  }
  const person = { userId: profile.userId, displayName: profile.displayName, handle: profile.handle, avatarUrl: profile.avatarUrl };
  return (
    <>
      <Button variant="light" onClick={() => setConnecting(true)}>
        Connect
      </Button>
      <ConnectModal person={person} opened={connecting} onClose={() => setConnecting(false)} />
    </>
  );
}
