import type { Notification } from '@edumatrix/contracts';
import { type QueryClient, useMutation, useQueryClient } from '@tanstack/react-query';
import { client } from '../api.ts';
import { realtime } from '../realtime/connection.ts';
import { notifyError } from '../ui/problem.ts';
import { markCachedRead, notificationKeys } from './queries.ts';

// The cache changes at once; the server then pushes the true unread count, and the lists follow it.
// Without a live connection nothing is pushed, so we ask.
function settle(queryClient: QueryClient) {
  if (realtime.getState() !== 'connected') void queryClient.invalidateQueries({ queryKey: notificationKeys.all });
}

export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (notification: Notification) => client.notifications.markRead(notification.id),
    onMutate: (notification) => {
      markCachedRead(queryClient, (item) => item.id === notification.id);
      if (!notification.readAt) {
        queryClient.setQueryData<number>(notificationKeys.unreadCount(), (count) => (count ? count - 1 : count));
      }
    },
    onError: (error) => {
      notifyError(error, 'Could not mark the notification read');
      void queryClient.invalidateQueries({ queryKey: notificationKeys.all });
    },
    onSuccess: () => settle(queryClient),
  });
}

export function useMarkAllRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => client.notifications.markAllRead(),
    onMutate: () => {
      markCachedRead(queryClient, () => true);
      queryClient.setQueryData(notificationKeys.unreadCount(), 0);
    },
    onError: (error) => {
      notifyError(error, 'Could not mark your notifications read');
      void queryClient.invalidateQueries({ queryKey: notificationKeys.all });
    },
    onSuccess: () => settle(queryClient),
  });
}
