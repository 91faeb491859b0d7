// Follow, connect, block and mute. Each changes who sees whom, so afterwards the profiles, the
// network lists and (for blocks and mutes) the feed are loaded again rather than patched.
import { type QueryClient, useMutation, useQueryClient } from '@tanstack/react-query';
import { client } from '../api.ts';
import { notifyError } from '../ui/problem.ts';
import { socialKeys } from './queries.ts';

export type GraphAction =
  | { type: 'follow' | 'unfollow' | 'block' | 'unblock' | 'mute' | 'unmute' | 'disconnect'; userId: string }
  | { type: 'connect'; userId: string; message: string }
  | { type: 'accept' | 'decline' | 'withdraw'; requestId: string };

export function runGraphAction(action: GraphAction): Promise<unknown> {
  const s = client.social;
  switch (action.type) {
    case 'follow':
      return s.follow(action.userId);
    case 'unfollow':
      return s.unfollow(action.userId);
    case 'block':
      return s.block(action.userId);
    case 'unblock':
      return s.unblock(action.userId);
    case 'mute':
      return s.mute(action.userId);
    case 'unmute':
      return s.unmute(action.userId);
    case 'disconnect':
      return s.removeConnection(action.userId);
    case 'connect':
      return s.requestConnection({ userId: action.userId, message: action.message });
    case 'accept':
      return s.acceptRequest(action.requestId);
    case 'decline':
      return s.declineRequest(action.requestId);
    case 'withdraw':
      return s.withdrawRequest(action.requestId);
  }
}

export function refreshGraph(queryClient: QueryClient, action: GraphAction) {
  void queryClient.invalidateQueries({ queryKey: socialKeys.network() });
  void queryClient.invalidateQueries({ queryKey: socialKeys.profiles() });
  if (['block', 'unblock', 'mute', 'unmute', 'disconnect', 'accept', 'follow', 'unfollow'].includes(action.type)) {
    void queryClient.invalidateQueries({ queryKey: socialKeys.feed() });
    void queryClient.invalidateQueries({ queryKey: socialKeys.timelines() });
    void queryClient.invalidateQueries({ queryKey: socialKeys.hashtags() });
  }
}

/** For buttons: failures are told in a notification. Dialogs use runGraphAction to keep errors inside. */
export function useGraphAction() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: runGraphAction,
    onSuccess: (_, action) => refreshGraph(queryClient, action),
    onError: (error) => notifyError(error),
  });
}
