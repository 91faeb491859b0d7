// /me/profile: one's own social profile and its privacy settings (who sees each field).
import { Anchor, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useCurrentUser } from '../auth/session-store.ts';
import { LoadError, Loading } from '../ui/states.tsx';
import { usePageTitle } from '../ui/usePageTitle.ts';
import { AvatarSection } from './AvatarSection.tsx';
import { ProfileForm } from './ProfileForm.tsx';
import { myProfileQuery } from './queries.ts';

export function MyProfilePage() {
  usePageTitle('Your profile');
  const me = useCurrentUser();
  const profile = useQuery(myProfileQuery());
  return (
    <Stack gap="lg" maw={860}>
      <div>
        <Title order={1}>Your profile</Title>
        <Text c="dimmed" size="sm">
          What people see about you on Students Interlinked, and who sees each part.{' '}
          <Anchor component={Link} to={`/people/${me.id}`}>
            View your profile
          </Anchor>
          . Your name is changed on your{' '}
          <Anchor component={Link} to="/profile">
            account page
          </Anchor>
          .
        </Text>
      </div>
      <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }}>
        {profile.isPending ? (
          <Loading label="Loading your profile" />
        ) : profile.isError ? (
          <LoadError error={profile.error} title="Could not load your profile" />
        ) : (
          <Stack gap="xl">
            <AvatarSection profile={profile.data} />
            <ProfileForm profile={profile.data} />
          </Stack>
        )}
      </Paper>
    </Stack>
  );
}
