// The top of a profile: who they are (name, handle, headline), their counts and verified
// institutions, whether they are online (when they let the viewer see it), and the actions. Fields
// the owner hides from the viewer are absent, so not shown.
import type { Profile } from '@edumatrix/contracts';
import { Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { plural } from './labels.ts';
import { presenceLabel } from './OnlineNow.tsx';
import { PersonAvatar } from './PersonHeader.tsx';
import { ProfileActions } from './ProfileActions.tsx';
import { presenceQuery } from './queries.ts';

export function ProfileCard({ profile, isMe }: { profile: Profile; isMe: boolean }) {
  const rel = profile.relationship;
  // Not for oneself (always online here) nor for someone one blocked (the server would hide it anyway).
  const presence = useQuery({ ...presenceQuery(profile.userId), enabled: !isMe && !rel?.blocked });
  const online = presence.data?.online ?? false;
  const seen = presence.data ? presenceLabel(presence.data) : null;
  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} component="section" aria-label="Profile">
      <Stack gap="md">
        <Group gap="md" wrap="nowrap" align="flex-start">
          <PersonAvatar person={profile} size="xl" online={online} />
          <Stack gap={2} style={{ minWidth: 0, flex: 1 }}>
            <Title order={1} size="h2" style={{ overflowWrap: 'anywhere' }}>
              {profile.displayName}
            </Title>
            <Group gap="xs">
              {profile.handle && (
                <Text c="dimmed" size="sm">
                  @{profile.handle}
                </Text>
              )}
              {rel?.followsYou && (
                <Badge size="sm" variant="light" color="gray" tt="none">
                  Follows you
                </Badge>
              )}
              {rel?.muted && (
                <Badge size="sm" variant="light" color="yellow" tt="none">
                  Muted
                </Badge>
              )}
              {seen && (
                <Text size="sm" c={online ? 'green.8' : 'dimmed'} data-field="presence">
                  {seen}
                </Text>
              )}
            </Group>
            {profile.headline && (
              <Text size="md" data-field="headline">
                {profile.headline}
              </Text>
            )}
            <Text size="sm" c="dimmed">
              {plural(profile.followers, 'follower', 'followers')} · {profile.following} following ·{' '}
              {plural(profile.connections, 'connection', 'connections')}
            </Text>
          </Stack>
        </Group>
        {profile.affiliations && profile.affiliations.length > 0 && (
          <Group gap="xs" data-field="affiliations" aria-label="Institutions">
            {profile.affiliations.map((a) => (
              <Badge key={a.institutionId} variant="outline" tt="none" size="lg" leftSection="✓" title="Verified by institution membership">
                {a.name} · {a.role}
              </Badge>
            ))}
          </Group>
        )}
        {isMe ? (
          <Group>
            <Button component={Link} to="/me/profile" variant="light">
              Edit profile and privacy
            </Button>
          </Group>
        ) : (
          <ProfileActions profile={profile} />
        )}
      </Stack>
    </Paper>
  );
}
