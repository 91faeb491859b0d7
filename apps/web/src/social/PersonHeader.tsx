// Who wrote something: initials avatar, name linking to their profile, and a second line (headline,
// handle or time). Used by posts, comments and the people lists so they look alike.
import type { PersonSummary } from '@edumatrix/contracts';
import { Anchor, Avatar, Group, Indicator, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { personPath } from './linkify.ts';

type AvatarSize = 'sm' | 'md' | 'lg' | 'xl';
type Props = { person: PersonSummary; detail?: ReactNode; size?: Exclude<AvatarSize, 'xl'>; trailing?: ReactNode; online?: boolean };

/** With `online`, a green dot on the avatar (decorative: the text beside it says it in words). */
export function PersonAvatar({ person, size = 'md', online = false }: { person: PersonSummary; size?: AvatarSize; online?: boolean }) {
  // Without a picture (or while it fails to load) Mantine shows the initials.
  const avatar = (
    <Avatar src={person.avatarUrl} alt="" name={person.displayName} color="initials" size={size} radius={1000} aria-hidden="true" />
  );
  if (!online) return avatar;
  const dot = size === 'xl' ? 16 : size === 'sm' ? 9 : 11;
  return (
    <Indicator color="green" size={dot} offset={size === 'xl' ? 9 : 4} position="bottom-end" withBorder data-online="true">
      {avatar}
    </Indicator>
  );
}

export function PersonHeader({ person, detail, size = 'md', trailing, online }: Props) {
  return (
    <Group gap="sm" wrap="nowrap" align="flex-start" style={{ minWidth: 0 }}>
      <PersonAvatar person={person} size={size} online={online ?? false} />
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
