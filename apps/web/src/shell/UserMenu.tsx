import { Avatar, Group, Menu, Text, UnstyledButton } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { client } from '../api.ts';
import { useCurrentUser } from '../auth/session-store.ts';
import { unsubscribeThisDevice } from '../notifications/web-push.ts';
import { myProfileQuery } from '../social/queries.ts';
import { notifyError } from '../ui/problem.ts';
import { BellIcon, DevicesIcon, LogoutIcon, UserIcon } from './icons.tsx';

const initials = (name: string) =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]?.toUpperCase())
    .join('');

export function UserMenu() {
  const user = useCurrentUser();
  const navigate = useNavigate();
  // The social profile holds the picture (shared with the profile pages' cache).
  const profile = useQuery(myProfileQuery());

  async function signOut() {
    // Leave protected pages first, so signing out lands on the start page rather than the sign-in form.
    await navigate('/');
    // Pushes carry notification titles: a browser signed out of should stop receiving this person's.
    await unsubscribeThisDevice().catch(() => {});
    await client.auth.logout().catch((error) => notifyError(error, 'Could not sign out cleanly'));
  }

  return (
    <Menu position="bottom-end" width={220} withinPortal>
      <Menu.Target>
        <UnstyledButton aria-label="Account menu" style={{ borderRadius: 999 }}>
          <Group gap={8} wrap="nowrap">
            <Avatar color="indigo" radius="xl" size={34} src={profile.data?.avatarUrl} alt="">
              {initials(user.displayName)}
            </Avatar>
            <Text size="sm" fw={500} visibleFrom="md" maw={160} truncate>
              {user.displayName}
            </Text>
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>
          <Text size="xs" truncate>
            {user.email}
          </Text>
        </Menu.Label>
        <Menu.Item component={Link} to="/profile" leftSection={<UserIcon />}>
          Profile
        </Menu.Item>
        <Menu.Item component={Link} to="/sessions" leftSection={<DevicesIcon />}>
          Sessions
        </Menu.Item>
        <Menu.Item component={Link} to="/settings/notifications" leftSection={<BellIcon />}>
          Notification settings
        </Menu.Item>
        <Menu.Divider />
        <Menu.Item color="red" leftSection={<LogoutIcon />} onClick={signOut}>
          Sign out
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
