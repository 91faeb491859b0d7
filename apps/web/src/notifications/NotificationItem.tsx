import type { Notification } from '@edumatrix/contracts';
import { Stack, Text, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { useNavigate } from 'react-router';
import { formatDateTime, formatRelative } from '../ui/format.ts';
import { useMarkRead } from './mutations.ts';
import classes from './NotificationItem.module.css';

// Links come from the server's own paths; anything else (another site, "//host") is not followed.
const internalPath = (link: string | null) => (link?.startsWith('/') && !link.startsWith('//') ? link : null);

/** `onOpened` runs when the entry takes the reader to its page. */
type Props = { notification: Notification; compact?: boolean; onOpened?: () => void };

export function NotificationItem({ notification, compact = false, onOpened }: Props) {
  const navigate = useNavigate();
  const markRead = useMarkRead();
  const unread = notification.readAt === null;
  const path = internalPath(notification.link);

  function open() {
    if (unread) markRead.mutate(notification);
    // Without a page to go to, the inbox stays open and shows the entry read.
    if (!path) return;
    onOpened?.();
    void navigate(path);
  }

  // Every entry stays a button, read or not: one turning into text under the focus would drop it,
  // and keyboard users reach each entry with Tab.
  return (
    <UnstyledButton className={classes.item} data-unread={unread || undefined} onClick={open}>
      <span className={classes.marker} aria-hidden="true" />
      <Stack gap={2} className={classes.text}>
        {unread && <VisuallyHidden>Unread:</VisuallyHidden>}
        <Text size="sm" fw={unread ? 600 : 500}>
          {notification.title}
        </Text>
        {notification.body && (
          <Text size="sm" c="dimmed" lineClamp={compact ? 2 : undefined}>
            {notification.body}
          </Text>
        )}
        <Text size="xs" c="dimmed" title={formatDateTime(notification.createdAt)}>
          {formatRelative(notification.createdAt)}
        </Text>
      </Stack>
    </UnstyledButton>
  );
}
