import { useQueryClient } from '@tanstack/react-query';
import { refetchIfOlder } from '../realtime/catch-up.ts';
import { useResync, useSocketEvent } from '../realtime/hooks.ts';
import { notificationKeys, upsertCachedEntry } from './queries.ts';

/** Keeps the unread count and the lists current from the server's pushes. Mount once. */
export function useLiveNotifications() {
  const queryClient = useQueryClient();
  // The entry as it is now: a new one, or a group ("Ana and 4 others…") that changed in place.
  useSocketEvent('notifications:entry', (entry) => upsertCachedEntry(queryClient, entry));
  useSocketEvent('notifications:unread', ({ count }) => {
    queryClient.setQueryData(notificationKeys.unreadCount(), count);
    // The count moves when something arrives or is read elsewhere; either way the lists changed.
    void queryClient.invalidateQueries({ queryKey: notificationKeys.lists() });
  });
  useResync((since) => void refetchIfOlder(queryClient, notificationKeys.all, since));
}
