// Changing a message: edit, delete and reactions over HTTP. The answer is the changed message, put
// in the caches at once; the same change arrives for everyone else as a `chat:message_updated` push.
import type { Message, ReactionEmoji } from '@edumatrix/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { client } from '../api.ts';
import { notifyError } from '../ui/problem.ts';
import { updateMessage } from './cache.ts';

export function useEditMessage() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ message, body }: { message: Message; body: string }) => client.chat.edit(message.conversationId, message.id, { body }),
    onSuccess: (message) => updateMessage(queryClient, message),
    onError: (error) => notifyError(error, 'Could not edit the message'),
  });
}

export function useDeleteMessage() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (message: Message) => client.chat.remove(message.conversationId, message.id),
    onSuccess: (message) => updateMessage(queryClient, message),
    onError: (error) => notifyError(error, 'Could not delete the message'),
  });
}

export function useReact() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ message, emoji, on }: { message: Message; emoji: ReactionEmoji; on: boolean }) =>
      on ? client.chat.react(message.conversationId, message.id, emoji) : client.chat.unreact(message.conversationId, message.id, emoji),
    onSuccess: (message) => updateMessage(queryClient, message),
    onError: (error) => notifyError(error, 'Could not change the reaction'),
  });
}
