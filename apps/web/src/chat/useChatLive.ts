// Keeps every chat cache current from the server's pushes, which reach our user room wherever we
// are in the app: the list reorders and counts unread, an open conversation gains its messages,
// edits, reactions and receipts. Mounted once, by the nav's Messages entry.
import { useQueryClient } from '@tanstack/react-query';
import { useSession } from '../auth/session-store.ts';
import { refetchIfOlder } from '../realtime/catch-up.ts';
import { useResync, useSocketEvent } from '../realtime/hooks.ts';
import { applyMembers, applyRead, receiveMessage, updateMessage } from './cache.ts';
import { chatKeys } from './queries.ts';

export function useChatLive() {
  const queryClient = useQueryClient();
  const session = useSession();
  const me = session.status === 'signedIn' ? session.user.id : '';
  useSocketEvent('chat:message', (message) => receiveMessage(queryClient, message, me));
  useSocketEvent('chat:message_updated', (message) => updateMessage(queryClient, message));
  useSocketEvent('chat:read', (push) => applyRead(queryClient, push, me));
  useSocketEvent('chat:members', (push) => applyMembers(queryClient, push, me));
  // Pushes to our user room were lost in the gap: the list, the unread total and the details may be
  // behind. New messages of an open conversation catch up through its room, by sequence number, but
  // edits, deletes, reactions and reply counts are not replayed: the messages and threads held are
  // reloaded (the open ones now, the others when next shown; see loadMessages).
  useResync((since) => {
    void refetchIfOlder(queryClient, chatKeys.lists(), since);
    void refetchIfOlder(queryClient, chatKeys.unread(), since);
    void refetchIfOlder(queryClient, [...chatKeys.all, 'conversation'], since);
    void refetchIfOlder(queryClient, [...chatKeys.all, 'messages'], since);
    void refetchIfOlder(queryClient, [...chatKeys.all, 'thread'], since);
  });
}
