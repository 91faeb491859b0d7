// What one can do on someone else's profile: follow, connect, message, and (behind "More") mute,
// block and remove the connection, each of the last asked for again before it happens.
import type { Profile } from '@edumatrix/contracts';
import { Alert, Button, Group, Menu } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { ConfirmAction } from './ConfirmAction.tsx';
import { ConnectionButtons } from './ConnectionButtons.tsx';
import { type GraphAction, refreshGraph, runGraphAction, useGraphAction } from './graph-mutations.ts';
import { MoreButton } from './MoreButton.tsx';

type Confirm = 'block' | 'mute' | 'disconnect';

export function ProfileActions({ profile }: { profile: Profile }) {
  const queryClient = useQueryClient();
  const action = useGraphAction();
  const [confirm, setConfirm] = useState<Confirm | null>(null);
  const rel = profile.relationship;
  if (!rel) return null;
  const userId = profile.userId;
  const name = profile.displayName;

  const confirmed = async (next: GraphAction) => {
    await runGraphAction(next);
    refreshGraph(queryClient, next);
  };

  if (rel.blocked) {
    return (
      <Alert color="gray" variant="light" title={`You blocked ${name}`}>
        They cannot see your profile or posts, and you do not see theirs.{' '}
        <Button
          size="compact-sm"
          variant="default"
          ml={4}
          loading={action.isPending}
          onClick={() => action.mutate({ type: 'unblock', userId })}
        >
          Unblock
        </Button>
      </Alert>
    );
  }

  return (
    <Group gap="xs" wrap="wrap">
      <Button
        variant={rel.following ? 'default' : 'filled'}
        loading={action.isPending && (action.variables?.type === 'follow' || action.variables?.type === 'unfollow')}
        aria-pressed={rel.following}
        onClick={() => action.mutate({ type: rel.following ? 'unfollow' : 'follow', userId })}
      >
        {rel.following ? 'Following' : 'Follow'}
      </Button>
      <ConnectionButtons profile={profile} />
      <Button component={Link} to={`/chat?with=${encodeURIComponent(userId)}`} variant="default">
        Message
      </Button>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <MoreButton label={`More actions for ${name}`} />
        </Menu.Target>
        <Menu.Dropdown>
          {rel.muted ? (
            <Menu.Item onClick={() => action.mutate({ type: 'unmute', userId })}>Unmute</Menu.Item>
          ) : (
            <Menu.Item onClick={() => setConfirm('mute')}>Mute</Menu.Item>
          )}
          {rel.connected && <Menu.Item onClick={() => setConfirm('disconnect')}>Remove connection</Menu.Item>}
          <Menu.Item color="red" onClick={() => setConfirm('block')}>
            Block
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>

      <ConfirmAction
        opened={confirm === 'mute'}
        title={`Mute ${name}?`}
        confirmLabel="Mute"
        danger={false}
        onConfirm={() => confirmed({ type: 'mute', userId })}
        onClose={() => setConfirm(null)}
      >
        Their posts leave your feed. They are not told, and you stay connected and can still visit their profile.
      </ConfirmAction>
      <ConfirmAction
        opened={confirm === 'disconnect'}
        title={`Remove ${name} from your connections?`}
        confirmLabel="Remove connection"
        onConfirm={() => confirmed({ type: 'disconnect', userId })}
        onClose={() => setConfirm(null)}
      >
        Posts and profile fields shared with connections only will no longer be visible between you.
      </ConfirmAction>
      <ConfirmAction
        opened={confirm === 'block'}
        title={`Block ${name}?`}
        confirmLabel="Block"
        onConfirm={() => confirmed({ type: 'block', userId })}
        onClose={() => setConfirm(null)}
      >
        {name} will no longer see your profile or posts, and cannot follow, connect, comment, react or mention you. Your connection and
        follows between you end. You can unblock them later from your Network page.
      </ConfirmAction>
    </Group>
  );
}
