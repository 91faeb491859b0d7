// The nav's "Messages" entry with the total unread badge; it also mounts the chat's live updates,
// since the nav is on every signed-in page.
import { Badge, NavLink } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useLocation } from 'react-router';
import { ChatIcon } from './icons.tsx';
import { unreadQuery } from './queries.ts';
import { useChatLive } from './useChatLive.ts';

export function ChatNavLink({ onNavigate }: { onNavigate: () => void }) {
  useChatLive();
  const { pathname } = useLocation();
  // Counted by the server over every conversation (the list holds only its first pages).
  const unread = useQuery(unreadQuery()).data?.messages ?? 0;
  const active = pathname === '/chat' || pathname.startsWith('/chat/');
  return (
    <NavLink
      component={Link}
      to="/chat"
      label="Messages"
      aria-label={unread > 0 ? `Messages, ${unread} unread` : 'Messages'}
      leftSection={<ChatIcon />}
      rightSection={
        unread > 0 ? (
          <Badge size="sm" color="red" variant="filled" circle={unread < 10} aria-hidden="true">
            {unread > 99 ? '99+' : unread}
          </Badge>
        ) : undefined
      }
      active={active}
      aria-current={pathname === '/chat' ? 'page' : undefined}
      onClick={onNavigate}
      style={{ borderRadius: 'var(--mantine-radius-md)' }}
    />
  );
}
