// HTTP for messages: send (the fallback when the socket is down; idempotent by clientId), history
// by sequence, threads, search, edit, delete and reactions; attachments upload and download.
import {
  EditMessageBody,
  Message,
  MessagePage,
  MessageQuery,
  MessageSearchQuery,
  ReactionEmoji,
  SendMessageBody,
} from '@edumatrix/contracts';
import { z } from 'zod';
import { userOf } from '../../platform/http/guards.ts';
import type { HttpApp, RouteDeps } from '../../platform/http/types.ts';
import type { AttachmentsService } from './attachments.service.ts';
import { CHAT_BUDGETS } from './budgets.ts';
import { CHAT_FILE_MAX_BYTES, CHAT_FILE_TYPES, unsupportedChatFile } from './chat-files.ts';
import type { MessagesService } from './messages.service.ts';

const Params = z.object({ id: z.uuid() });
const MessageParams = z.object({ id: z.uuid(), messageId: z.uuid() });
const ReactionParams = MessageParams.extend({ emoji: ReactionEmoji });
const AttachmentInfo = z.object({ id: z.uuid(), name: z.string(), type: z.string(), size: z.number().int() });

export function messagesRoutes(app: HttpApp, deps: RouteDeps & { messages: MessagesService; attachments: AttachmentsService }) {
  const { guards, messages, attachments } = deps;
  const tags = ['chat'];
  const base = '/api/v1/conversations/:id';

  app.post(
    `${base}/messages`,
    {
      schema: {
        tags,
        summary: 'Send a message (201); resending the same clientId answers the stored one (200)',
        params: Params,
        body: SendMessageBody,
        response: { 200: Message, 201: Message },
      },
      onRequest: guards.user(CHAT_BUDGETS.send),
    },
    async (req, reply) => {
      const { message, created } = await messages.send(userOf(req).id, req.params.id, req.body);
      return reply.code(created ? 201 : 200).send(message);
    },
  );

  app.get(
    `${base}/messages`,
    {
      schema: {
        tags,
        summary: 'History by sequence: the newest page, `before` a sequence (older), or `after` one (newer), oldest first',
        params: Params,
        querystring: MessageQuery,
        response: { 200: MessagePage },
      },
      onRequest: guards.user(),
    },
    async (req) => messages.history(userOf(req).id, req.params.id, req.query),
  );

  app.get(
    `${base}/messages/search`,
    {
      schema: {
        tags,
        summary: 'Messages containing the text, newest first',
        params: Params,
        querystring: MessageSearchQuery,
        response: { 200: MessagePage },
      },
      onRequest: guards.user(),
    },
    async (req) => messages.search(userOf(req).id, req.params.id, req.query),
  );

  app.get(
    `${base}/messages/:messageId/thread`,
    {
      schema: {
        tags,
        summary: "A message's thread: its root and the replies, oldest first",
        params: MessageParams,
        querystring: z.strictObject({
          after: z.coerce.number().int().min(0).optional(),
          limit: z.coerce.number().int().min(1).max(100).default(50),
        }),
        response: { 200: MessagePage.extend({ root: Message }) },
      },
      onRequest: guards.user(),
    },
    async (req) => messages.thread(userOf(req).id, req.params.id, req.params.messageId, req.query),
  );

  app.patch(
    `${base}/messages/:messageId`,
    {
      schema: { tags, summary: 'Edit your message', params: MessageParams, body: EditMessageBody, response: { 200: Message } },
      onRequest: guards.user(),
    },
    async (req) => messages.edit(userOf(req).id, req.params.id, req.params.messageId, req.body.body),
  );

  app.delete(
    `${base}/messages/:messageId`,
    {
      schema: {
        tags,
        summary: "Delete your message (a group's admins may delete any): its content goes, its place stays",
        params: MessageParams,
        response: { 200: Message },
      },
      onRequest: guards.user(),
    },
    async (req) => messages.remove(userOf(req).id, req.params.id, req.params.messageId),
  );

  app.put(
    `${base}/messages/:messageId/reactions/:emoji`,
    {
      schema: { tags, summary: 'React to a message (once per emoji)', params: ReactionParams, response: { 200: Message } },
      onRequest: guards.user(),
    },
    async (req) => messages.react(userOf(req).id, req.params.id, req.params.messageId, req.params.emoji, true),
  );

  app.delete(
    `${base}/messages/:messageId/reactions/:emoji`,
    { schema: { tags, summary: 'Take your reaction back', params: ReactionParams, response: { 200: Message } }, onRequest: guards.user() },
    async (req) => messages.react(userOf(req).id, req.params.id, req.params.messageId, req.params.emoji, false),
  );

  app.register(async (scope: HttpApp) => {
    scope.addContentTypeParser(CHAT_FILE_TYPES, { parseAs: 'buffer', bodyLimit: CHAT_FILE_MAX_BYTES }, (_req, body, done) =>
      done(null, body),
    );
    scope.post(
      `${base}/attachments`,
      {
        schema: {
          tags,
          summary: `Upload a file to send: the bytes as the body, typed (${CHAT_FILE_TYPES.length} types), at most 25 MB`,
          params: Params,
          querystring: z.strictObject({ name: z.string().trim().min(1, 'is required').max(200) }),
          response: { 201: AttachmentInfo },
        },
        bodyLimit: CHAT_FILE_MAX_BYTES,
        onRequest: guards.user(CHAT_BUDGETS.upload),
      },
      async (req, reply) => {
        const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim() ?? '';
        if (!Buffer.isBuffer(req.body)) throw unsupportedChatFile();
        return reply.code(201).send(await attachments.upload(userOf(req).id, req.params.id, req.body, type, req.query.name));
      },
    );
  });

  app.get(
    `${base}/attachments/:attachmentId`,
    {
      schema: { tags, summary: 'Download an attachment', params: z.object({ id: z.uuid(), attachmentId: z.uuid() }) },
      onRequest: guards.user(),
    },
    async (req, reply) => {
      const file = await attachments.download(userOf(req).id, req.params.id, req.params.attachmentId);
      return reply
        .type(file.type)
        .header('content-disposition', file.disposition)
        .header('cache-control', 'private, no-store')
        .send(Buffer.from(file.bytes));
    },
  );
}
