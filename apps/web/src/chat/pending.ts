// Messages on their way: shown at once as "sending…", kept when the send fails so it can be retried
// with the same clientId (the server then answers the stored message rather than a second one).
// A module store rather than component state, so leaving the conversation does not lose them.
import type { Attachment } from '@edumatrix/contracts';
import { useSyncExternalStore } from 'react';

export type PendingMessage = {
  clientId: string;
  conversationId: string;
  body: string;
  replyTo: string | null;
  attachments: Attachment[];
  status: 'sending' | 'failed';
  error: string | null;
  createdAt: string;
};

const NONE: PendingMessage[] = [];
let byConversation = new Map<string, PendingMessage[]>();
const listeners = new Set<() => void>();

function set(conversationId: string, next: PendingMessage[]) {
  byConversation = new Map(byConversation);
  if (next.length === 0) byConversation.delete(conversationId);
  else byConversation.set(conversationId, next);
  for (const listener of listeners) listener();
}

export const pendingStore = {
  get: (conversationId: string): PendingMessage[] => byConversation.get(conversationId) ?? NONE,
  find: (conversationId: string, clientId: string) => pendingStore.get(conversationId).find((p) => p.clientId === clientId),
  /** Adds a message, or marks one already there as sending again (a retry). */
  put(message: PendingMessage) {
    const list = pendingStore.get(message.conversationId).filter((p) => p.clientId !== message.clientId);
    set(message.conversationId, [...list, message]);
  },
  fail(conversationId: string, clientId: string, error: string) {
    const list = pendingStore.get(conversationId);
    if (!list.some((p) => p.clientId === clientId)) return;
    set(
      conversationId,
      list.map((p) => (p.clientId === clientId ? { ...p, status: 'failed' as const, error } : p)),
    );
  },
  /** The server has it: the stored message takes its place. */
  settle(conversationId: string, clientId: string) {
    const list = pendingStore.get(conversationId);
    if (list.some((p) => p.clientId === clientId))
      set(
        conversationId,
        list.filter((p) => p.clientId !== clientId),
      );
  },
  subscribe(listener: () => void) {
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  },
};

export function usePending(conversationId: string): PendingMessage[] {
  return useSyncExternalStore(pendingStore.subscribe, () => pendingStore.get(conversationId));
}
