// The chat module's events, spread into the platform's catalog (events.ts). No message text travels
// in events: the event log outlives a deleted message, its content must not.
import { z } from 'zod';
import type { EventDefinition } from './events.ts';

export const chatEvents = {
  /** A message was stored with sequence `seq` in its conversation (key: the conversation id). */
  'chat.message_sent': {
    version: 1,
    priority: 'p1' as const,
    payload: z.object({
      conversationId: z.uuid(),
      messageId: z.uuid(),
      seq: z.number().int().min(1),
      senderId: z.uuid(),
      kind: z.enum(['direct', 'group']),
      threadId: z.uuid().nullable(),
      attachments: z.number().int().min(0),
      memberIds: z.array(z.uuid()),
    }),
  },
} satisfies Record<string, EventDefinition>;
