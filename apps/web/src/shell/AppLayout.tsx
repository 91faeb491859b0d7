import { Anchor, AppShell, Burger, Button, Container, Group, ScrollArea, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Link, Outlet } from 'react-router';
import { EmailVerificationBanner } from '../auth/EmailVerificationBanner.tsx';
import { useSession } from '../auth/session-store.ts';
import { NotificationBell } from '../notifications/NotificationBell.tsx';
import { ConnectionStatus } from '../realtime/ConnectionStatus.tsx';
import { HeaderSearch } from '../search/SearchBox.tsx';
import { Loading } from '../ui/states.tsx';
import { InstitutionSwitcher } from './InstitutionSwitcher.tsx';
import { LogoMark } from './icons.tsx';
import { NavLinks } from './NavLinks.tsx';
import { SkipLink } from './SkipLink.tsx';
import { UserMenu } from './UserMenu.tsx';

export function AppLayout() {
  const session = useSession();
  const signedIn = session.status === 'signedIn';
  const [navOpened, nav] = useDisclosure(false);

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={signedIn ? { width: 260, breakpoint: 'sm', collapsed: { mobile: !navOpened } } : undefined}
      padding={{ base: 'md', sm: 'lg' }}
    >
      <AppShell.Header px={{ base: 'sm', sm: 'md' }}>
        <SkipLink />
        <Group h="100%" justify="space-between" wrap="nowrap" gap="sm">
          <Group gap="xs" wrap="nowrap" style={{ flex: 'none' }}>
            {signedIn && (
              <Burger
                opened={navOpened}
                onClick={nav.toggle}
                hiddenFrom="sm"
                size="sm"
                aria-label={navOpened ? 'Close navigation' : 'Open navigation'}
                aria-expanded={navOpened}
                aria-controls="app-navigation"
              />
            )}
            <Anchor component={Link} to="/" underline="never" c="inherit" aria-label="EDU Matrix Interlinked, home">
              <Group gap={8} wrap="nowrap">
                <LogoMark />
                <Text fw={700} size="lg" visibleFrom={signedIn ? 'sm' : undefined} style={{ whiteSpace: 'nowrap' }}>
                  EDU Matrix
                  <Text span c="dimmed" fw={500} inherit visibleFrom="lg">
                    {' '}
                    Interlinked
                  </Text>
                </Text>
              </Group>
            </Anchor>
          </Group>
          {signedIn ? (
            <Group gap="sm" wrap="nowrap" justify="flex-end" style={{ flex: 1, minWidth: 0 }}>
              <HeaderSearch />
              <InstitutionSwitcher onSwitched={nav.close} />
              <Group gap={4} wrap="nowrap" style={{ flex: 'none' }}>
                <ConnectionStatus />
                <NotificationBell />
              </Group>
              <UserMenu />
            </Group>
          ) : session.status === 'signedOut' ? (
            <Group gap="xs" wrap="nowrap">
              <Button component={Link} to="/catalogue" variant="subtle" color="gray" size="sm" visibleFrom="sm">
                Catalogue
              </Button>
              <Button component={Link} to="/signin" variant="subtle" size="sm">
                Sign in
              </Button>
              <Button component={Link} to="/signup" size="sm">
                Sign up
              </Button>
            </Group>
          ) : null}
        </Group>
      </AppShell.Header>
      {signedIn && (
        <AppShell.Navbar p="sm" id="app-navigation" aria-label="Main navigation">
          <AppShell.Section grow component={ScrollArea}>
            <NavLinks onNavigate={nav.close} />
          </AppShell.Section>
        </AppShell.Navbar>
      )}
      <AppShell.Main id="main-content" tabIndex={-1} style={{ outline: 'none' }}>
        <Container size="lg" px={0}>
          <EmailVerificationBanner />
          {session.status === 'restoring' ? <Loading label="Restoring your session" /> : <Outlet />}
        </Container>
      </AppShell.Main>
    </AppShell>
  );
}
