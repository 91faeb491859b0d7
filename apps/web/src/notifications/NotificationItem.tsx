import type { Notification } from '@edumatrix/contracts';
import { Badge, Group, Stack, Text, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { useNavigate } from 'react-router';
import { PersonAvatar } from '../social/PersonHeader.tsx';
import { formatDateTime, formatRelative } from '../ui/format.ts';
import { useMarkRead } from './mutations.ts';
import classes from './NotificationItem.module.css';
import { destinationOf } from './sources.ts';

// Links come from the server's own paths; anything else (another site, "//host") is not followed.
const internalPath = (link: string | null) => (link?.startsWith('/') && !link.startsWith('//') ? link : null);

/** `onOpened` runs when the entry takes the reader to its page. */
type Props = { notification: Notification; compact?: boolean; onOpened?: () => void };

export function NotificationItem({ notification, compact = false, onOpened }: Props) {
  const navigate = useNavigate();
  const markRead = useMarkRead();
  const unread = notification.readAt === null;
  const path = internalPath(notification.link);
  const destination = path ? destinationOf(path) : null;
  const grouped = notification.count > 1;

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
      {/* Who acted, at a glance; the title names them, so the picture is decorative. */}
      {notification.actor && (
        <span className={classes.actor} data-testid="notification-actor">
          <PersonAvatar person={{ ...notification.actor, handle: null }} size={compact ? 'sm' : 'md'} />
        </span>
      )}
      <Stack gap={2} className={classes.body}>
        {unread && <VisuallyHidden>Unread:</VisuallyHidden>}
        <Group gap={6} wrap="nowrap" align="flex-start" justify="space-between">
          <Text size="sm" fw={unread ? 600 : 500} className={classes.text}>
            {notification.title}
          </Text>
          {grouped && (
            // The title names a few people; the count says how many requests the entry stands for.
            <Badge size="sm" variant="light" color="gray" radius="sm" className={classes.count} data-testid="notification-count">
              <span aria-hidden="true">×{notification.count}</span>
              <VisuallyHidden>{`${notification.count} notifications grouped`}</VisuallyHidden>
            </Badge>
          )}
        </Group>
        {notification.body && (
          <Text size="sm" c="dimmed" lineClamp={compact ? 2 : undefined}>
            {notification.body}
          </Text>
        )}
        <Text size="xs" c="dimmed">
          <span title={formatDateTime(notification.createdAt)}>{formatRelative(notification.createdAt)}</span>
          {destination && <span> · {destination}</span>}
        </Text>
      </Stack>
    </UnstyledButton>
  );
}
