// Sending a message: over the socket with an acknowledgement when connected, over HTTP otherwise
// (or when the ack does not come), always under the clientId chosen when it was written, so a
// retry or a fallback after a lost ack answers the stored message and never makes a second one.
import type { Attachment, Message } from '@edumatrix/contracts';
import type { QueryClient } from '@tanstack/react-query';
import { client } from '../api.ts';
import { NotConnectedError, realtime } from '../realtime/connection.ts';
import { errorMessage } from '../ui/problem.ts';
import { receiveMessage } from './cache.ts';
import { type PendingMessage, pendingStore } from './pending.ts';

/** Unique per message and sender; randomUUID needs a secure context, which production and localhost are. */
export function newClientId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The server's refusal over the socket, worded for the person (a problem's detail). */
class SendRefused extends Error {}

async function deliver(pending: PendingMessage): Promise<Message> {
  const body = {
    clientId: pending.clientId,
    body: pending.body,
    attachmentIds: pending.attachments.map((a) => a.id),
    ...(pending.replyTo ? { replyTo: pending.replyTo } : {}),
  };
  try {
    const reply = await realtime.emitWithAck('chat:send', { conversationId: pending.conversationId, ...body });
    if (reply.ok) return reply.message;
    // The server answered and said no: the same problem over HTTP would follow.
    throw new SendRefused(reply.detail);
  } catch (error) {
    // No connection, or no answer in time: HTTP either stores it or finds it stored.
    if (!(error instanceof NotConnectedError)) throw error;
    return client.chat.send(pending.conversationId, body);
  }
}

async function attempt(queryClient: QueryClient, pending: PendingMessage, me: string) {
  pendingStore.put({ ...pending, status: 'sending', error: null });
  try {
    receiveMessage(queryClient, await deliver(pending), me);
  } catch (error) {
    pendingStore.fail(pending.conversationId, pending.clientId, error instanceof SendRefused ? error.message : errorMessage(error));
  }
}

export function sendMessage(
  queryClient: QueryClient,
  me: string,
  input: { conversationId: string; body: string; replyTo?: string | null; attachments?: Attachment[] },
) {
  const pending: PendingMessage = {
    clientId: newClientId(),
    conversationId: input.conversationId,
    body: input.body,
    replyTo: input.replyTo ?? null,
    attachments: input.attachments ?? [],
    status: 'sending',
    error: null,
    createdAt: new Date().toISOString(),
  };
  return attempt(queryClient, pending, me);
}

/** Tries a failed message again under its own clientId. */
export function retryMessage(queryClient: QueryClient, me: string, pending: PendingMessage) {
  return attempt(queryClient, pending, me);
}

/** Gives up on a failed message. */
export const discardMessage = (pending: PendingMessage) => pendingStore.settle(pending.conversationId, pending.clientId);
