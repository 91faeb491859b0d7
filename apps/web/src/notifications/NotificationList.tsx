import type { Notification } from '@edumatrix/contracts';
import { Stack, Text } from '@mantine/core';
import { NotificationItem } from './NotificationItem.tsx';

type Props = { items: Notification[]; empty: string; compact?: boolean; onOpened?: () => void };

export function NotificationList({ items, empty, compact, onOpened }: Props) {
  if (items.length === 0) {
    return (
      <Text size="sm" c="dimmed" px="md" py="lg" ta="center">
        {empty}
      </Text>
    );
  }
  return (
    <Stack component="ul" gap={2} p={0} m={0} style={{ listStyle: 'none' }}>
      {items.map((notification) => (
        <li key={notification.id}>
          <NotificationItem notification={notification} compact={compact} onOpened={onOpened} />
        </li>
      ))}
    </Stack>
  );
}
