// Chat over the socket: the conversation room kind (members only, catch-up by sequence number) and
// the commands `chat:send` and `chat:read`, acked once the change is committed.
import { ReadCommand, SendMessageCommand } from '@edumatrix/contracts';
import type { z } from 'zod';
import { AppError } from '../../platform/http/app-error.ts';
import type { Gateway } from '../../platform/realtime/gateway.ts';
import type { ConversationsService } from './conversations.service.ts';
import type { MessagesService } from './messages.service.ts';

/** The command's input checked like an HTTP body: problems name the offending fields. */
function parse<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const fields = parsed.error.issues.map((i) => ({ field: i.path.join('.') || '(input)', message: i.message }));
  throw new AppError('invalid', 'request.validation_failed', `Invalid ${fields.map((f) => f.field).join(', ')}`, { fields });
}

export function registerChatSocket(gateway: Gateway, deps: { messages: MessagesService; conversations: ConversationsService }) {
  gateway.registerRoomKind(
    'conversation',
    (user, id) => deps.messages.mayJoin(user.id, id),
    async (id, after, limit) => {
      const missed = await deps.messages.catchUp(id, Number(after), limit);
      return { messages: missed.messages.map((data) => ({ event: 'chat:message' as const, data })), complete: missed.complete };
    },
    'sequence',
  );
  gateway.registerCommand('chat:send', async (user, input) => {
    const { conversationId, ...body } = parse(SendMessageCommand, input);
    const { message, created } = await deps.messages.send(user.id, conversationId, body);
    return { message, created };
  });
  gateway.registerCommand('chat:read', async (user, input) => {
    const { conversationId, seq } = parse(ReadCommand, input);
    return deps.conversations.markRead(user.id, conversationId, seq);
  });
}
