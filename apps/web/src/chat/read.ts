// The read receipt: moves our read position to the newest message seen, over the socket when
// connected and over HTTP otherwise. Positions only move forward, so sending one twice is harmless.
import type { QueryClient } from '@tanstack/react-query';
import { client } from '../api.ts';
import { NotConnectedError, realtime } from '../realtime/connection.ts';
import { applyOwnRead } from './cache.ts';

/** The highest position asked for per conversation, so scrolling does not repeat it. */
const asked = new Map<string, number>();

export async function markRead(queryClient: QueryClient, me: string, conversationId: string, seq: number) {
  const key = `${me}:${conversationId}`;
  if (seq <= (asked.get(key) ?? 0)) return;
  asked.set(key, seq);
  try {
    let answer: { lastReadSeq: number; unreadCount: number };
    try {
      const reply = await realtime.emitWithAck('chat:read', { conversationId, seq });
      if (!reply.ok) throw new Error(reply.detail);
      answer = reply;
    } catch (error) {
      if (!(error instanceof NotConnectedError)) throw error;
      answer = await client.chat.markRead(conversationId, seq);
    }
    applyOwnRead(queryClient, conversationId, me, answer.lastReadSeq, answer.unreadCount);
  } catch {
    // Not marked: the next message seen asks again.
    asked.delete(key);
  }
}
