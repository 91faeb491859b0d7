// Chat owns direct and group conversations, their messages (sequenced per conversation), threads,
// reactions, read receipts and attachments. It learns about blocks from the social module through
// an injected `blocked(a, b)` and pushes live through the gateway.
export { type AttachmentsService, createAttachmentsService } from './attachments.service.ts';
export type { ChatDeps, ChatLive } from './chat.deps.ts';
export { chatMigrations } from './chat.migrations.ts';
export { registerChatSocket } from './chat.socket.ts';
export { conversationsRoutes } from './conversations.routes.ts';
export { type ConversationsService, createConversationsService } from './conversations.service.ts';
export { messagesRoutes } from './messages.routes.ts';
export { createMessagesService, type MessagesService } from './messages.service.ts';

import { createAttachmentsService } from './attachments.service.ts';
import type { ChatDeps } from './chat.deps.ts';
import { createConversationsService } from './conversations.service.ts';
import { createMessagesService } from './messages.service.ts';

/** The three chat services over one set of dependencies. */
export function createChatServices(deps: ChatDeps) {
  return {
    conversations: createConversationsService(deps),
    messages: createMessagesService(deps),
    attachments: createAttachmentsService(deps),
  };
}
