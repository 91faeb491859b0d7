import { ActionIcon, Drawer, Indicator, Popover } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { BellIcon } from '../shell/icons.tsx';
import { usePhone } from '../ui/FormActions.tsx';
import { NotificationInbox } from './NotificationInbox.tsx';
import { unreadCountQuery } from './queries.ts';
import { useLiveNotifications } from './useLiveNotifications.ts';

const TITLE_ID = 'notification-inbox-title';

export function NotificationBell() {
  useLiveNotifications();
  const count = useQuery(unreadCountQuery()).data ?? 0;
  const [opened, inbox] = useDisclosure(false);
  // A popover of 360 pixels does not fit a phone; there the inbox slides up from the bottom.
  const phone = usePhone();
  const label = count > 0 ? `Notifications, ${count} unread` : 'Notifications';

  const bell = (target: ReactNode) => (
    <Indicator
      inline
      label={<span aria-hidden="true">{count > 99 ? '99+' : count}</span>}
      disabled={count === 0}
      size={16}
      offset={6}
      color="red"
      withBorder
    >
      {target}
    </Indicator>
  );

  const icon = (
    <ActionIcon
      variant="subtle"
      color="gray"
      size={36}
      radius="xl"
      aria-label={label}
      onClick={inbox.toggle}
      {...(phone ? { 'aria-haspopup': 'dialog' as const, 'aria-expanded': opened } : {})}
    >
      <BellIcon width={20} height={20} />
    </ActionIcon>
  );

  if (phone) {
    return (
      <>
        {bell(icon)}
        <Drawer
          opened={opened}
          onClose={inbox.close}
          position="bottom"
          title="Notifications"
          radius="md"
          padding={0}
          // As tall as its content: a few notifications should not open a blank sheet.
          styles={{ content: { height: 'auto', maxHeight: '85dvh' }, header: { paddingInline: 'var(--mantine-spacing-md)' } }}
          closeButtonProps={{ 'aria-label': 'Close notifications' }}
        >
          <NotificationInbox onClose={inbox.close} />
        </Drawer>
      </>
    );
  }

  return (
    <Popover
      opened={opened}
      onChange={(next) => (next ? inbox.open() : inbox.close())}
      position="bottom-end"
      width={360}
      shadow="md"
      trapFocus
      returnFocus
    >
      {bell(<Popover.Target>{icon}</Popover.Target>)}
      <Popover.Dropdown p={0} aria-labelledby={TITLE_ID}>
        <NotificationInbox titleId={TITLE_ID} onClose={inbox.close} />
      </Popover.Dropdown>
    </Popover>
  );
}
