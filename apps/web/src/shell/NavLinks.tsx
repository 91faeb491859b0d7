import { NavLink, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Link, useLocation } from 'react-router';
import { ChatNavLink } from '../chat/ChatNavLink.tsx';
import { roleLabel } from '../institutions/options.ts';
import { institutionsQuery } from '../institutions/queries.ts';
import { ShieldIcon, useIsModerator } from '../moderation/moderator.tsx';
import { FeedIcon } from '../social/icons.tsx';
import { BookIcon, BuildingIcon, DevicesIcon, HomeIcon, PeopleIcon, PlusIcon, UserIcon } from './icons.tsx';
import { useCurrentInstitutionId } from './useCurrentInstitutionId.ts';

type Item = { to: string; label: string; icon?: ReactNode };

function Links({ items, onNavigate }: { items: Item[]; onNavigate: () => void }) {
  const { pathname } = useLocation();
  return items.map((item) => {
    const active = pathname === item.to;
    return (
      <NavLink
        key={item.to}
        component={Link}
        to={item.to}
        label={item.label}
        leftSection={item.icon}
        active={active}
        aria-current={active ? 'page' : undefined}
        onClick={onNavigate}
        style={{ borderRadius: 'var(--mantine-radius-md)' }}
      />
    );
  });
}

function Heading({ children }: { children: ReactNode }) {
  return (
    <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" mt="md" mb={4} truncate>
      {children}
    </Text>
  );
}

export function NavLinks({ onNavigate }: { onNavigate: () => void }) {
  const institutions = useQuery(institutionsQuery());
  const currentId = useCurrentInstitutionId();
  const { pathname } = useLocation();
  const moderator = useIsModerator();

  return (
    <Stack gap={2}>
      <Links
        onNavigate={onNavigate}
        items={[
          { to: '/', label: 'Home', icon: <HomeIcon /> },
          { to: '/feed', label: 'Feed', icon: <FeedIcon /> },
          { to: '/network', label: 'Network', icon: <PeopleIcon /> },
          { to: '/catalogue', label: 'Course catalogue', icon: <BookIcon /> },
          { to: '/institutions/new', label: 'New institution', icon: <PlusIcon /> },
        ]}
      />
      <ChatNavLink onNavigate={onNavigate} />
      {(institutions.data?.length ?? 0) > 0 && <Heading>Your institutions</Heading>}
      {institutions.data?.map((institution) => {
        const active = institution.id === currentId;
        return (
          <NavLink
            key={institution.id}
            component={Link}
            to={`/institutions/${institution.id}`}
            label={institution.name}
            description={roleLabel(institution.myRole)}
            leftSection={<BuildingIcon />}
            active={active}
            aria-current={active && pathname === `/institutions/${institution.id}` ? 'page' : undefined}
            onClick={onNavigate}
            style={{ borderRadius: 'var(--mantine-radius-md)' }}
          />
        );
      })}
      {moderator && (
        <>
          <Heading>Platform</Heading>
          <Links onNavigate={onNavigate} items={[{ to: '/moderation', label: 'Moderation', icon: <ShieldIcon /> }]} />
        </>
      )}
      <Heading>Account</Heading>
      <Links
        onNavigate={onNavigate}
        items={[
          { to: '/profile', label: 'Profile', icon: <UserIcon /> },
          { to: '/sessions', label: 'Sessions', icon: <DevicesIcon /> },
        ]}
      />
    </Stack>
  );
}
