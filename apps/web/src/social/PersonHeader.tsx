// Who wrote something: initials avatar, name linking to their profile, and a second line (headline,
// handle or time). Used by posts, comments and the people lists so they look alike.
import type { PersonSummary } from '@edumatrix/contracts';
import { Anchor, Avatar, Group, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { personPath } from './linkify.ts';

type Props = { person: PersonSummary; detail?: ReactNode; size?: 'sm' | 'md' | 'lg'; trailing?: ReactNode };

export function PersonAvatar({ person, size = 'md' }: { person: PersonSummary; size?: 'sm' | 'md' | 'lg' | 'xl' }) {
  return <Avatar name={person.displayName} color="initials" size={size} radius={1000} aria-hidden="true" />;
}

export function PersonHeader({ person, detail, size = 'md', trailing }: Props) {
  return (
    <Group gap="sm" wrap="nowrap" align="flex-start" style={{ minWidth: 0 }}>
      <PersonAvatar person={person} size={size} />
      <div style={{ minWidth: 0, flex: 1 }}>
        <Group gap={6} wrap="wrap" style={{ rowGap: 0 }}>
          <Anchor component={Link} to={personPath(person.userId)} fw={600} size="sm" c="inherit">
            {person.displayName}
          </Anchor>
          {person.handle && (
            <Text size="xs" c="dimmed">
              @{person.handle}
            </Text>
          )}
          {trailing}
        </Group>
        {detail && (
          <Text size="xs" c="dimmed" component="div" style={{ overflowWrap: 'anywhere' }}>
            {detail}
          </Text>
        )}
      </div>
    </Group>
  );
}
