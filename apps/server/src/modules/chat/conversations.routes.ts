// HTTP for conversations and their members: create (direct, idempotently; group), list, unread
// totals, read one, rename, add/remove members, change roles, leave, and move the read position.
import {
  AddMembersBody,
  ChatUnread,
  Conversation,
  ConversationDetail,
  ConversationQuery,
  CreateDirectBody,
  CreateGroupBody,
  pageOf,
  ReadBody,
  UpdateChatMemberBody,
  UpdateGroupBody,
} from '@edumatrix/contracts';
import { z } from 'zod';
import { userOf } from '../../platform/http/guards.ts';
import type { HttpApp, RouteDeps } from '../../platform/http/types.ts';
import { CHAT_BUDGETS } from './budgets.ts';
import type { ConversationsService } from './conversations.service.ts';

const Params = z.object({ id: z.uuid() });
const MemberParams = z.object({ id: z.uuid(), userId: z.uuid() });

export function conversationsRoutes(app: HttpApp, deps: RouteDeps & { conversations: ConversationsService }) {
  const { guards, conversations } = deps;
  const tags = ['chat'];
  const base = '/api/v1/conversations';

  app.post(
    `${base}/direct`,
    {
      schema: {
        tags,
        summary: 'Open the direct conversation with someone (201 when new, 200 when it existed)',
        body: CreateDirectBody,
        response: { 200: ConversationDetail, 201: ConversationDetail },
      },
      onRequest: guards.user(CHAT_BUDGETS.start),
    },
    async (req, reply) => {
      const { conversation, created } = await conversations.createDirect(userOf(req).id, req.body.userId);
      return reply.code(created ? 201 : 200).send(conversation);
    },
  );

  app.post(
    `${base}/group`,
    {
      schema: { tags, summary: 'Start a group; you are its first admin', body: CreateGroupBody, response: { 201: ConversationDetail } },
      onRequest: guards.user(CHAT_BUDGETS.start),
    },
    async (req, reply) => reply.code(201).send(await conversations.createGroup(userOf(req).id, req.body)),
  );

  app.get(
    base,
    {
      schema: {
        tags,
        summary: 'Your conversations, most recently active first, with unread counts',
        querystring: ConversationQuery,
        response: { 200: pageOf(Conversation) },
      },
      onRequest: guards.user(),
    },
    async (req) => conversations.list(userOf(req).id, req.query),
  );

  app.get(
    `${base}/unread`,
    {
      schema: {
        tags,
        summary: 'Unread over all your conversations: how many have unread messages, and how many messages',
        response: { 200: ChatUnread },
      },
      onRequest: guards.user(),
    },
    async (req) => conversations.unread(userOf(req).id),
  );

  app.get(
    `${base}/:id`,
    {
      schema: {
        tags,
        summary: 'A conversation with its members and their read positions',
        params: Params,
        response: { 200: ConversationDetail },
      },
      onRequest: guards.user(),
    },
    async (req) => conversations.detail(userOf(req).id, req.params.id),
  );

  app.patch(
    `${base}/:id`,
    {
      schema: {
        tags,
        summary: 'Rename a group (its admins)',
        params: Params,
        body: UpdateGroupBody,
        response: { 200: ConversationDetail },
      },
      onRequest: guards.user(),
    },
    async (req) => conversations.rename(userOf(req).id, req.params.id, req.body.title),
  );

  app.post(
    `${base}/:id/members`,
    {
      schema: {
        tags,
        summary: 'Add people to a group (its admins)',
        params: Params,
        body: AddMembersBody,
        response: { 200: ConversationDetail },
      },
      onRequest: guards.user(),
    },
    async (req) => conversations.addMembers(userOf(req).id, req.params.id, req.body),
  );

  app.patch(
    `${base}/:id/members/:userId`,
    {
      schema: {
        tags,
        summary: "Promote or demote a group's member (its admins)",
        params: MemberParams,
        body: UpdateChatMemberBody,
        response: { 200: ConversationDetail },
      },
      onRequest: guards.user(),
    },
    async (req) => conversations.setRole(userOf(req).id, req.params.id, req.params.userId, req.body.role),
  );

  app.delete(
    `${base}/:id/members/:userId`,
    { schema: { tags, summary: 'Remove someone from a group (its admins)', params: MemberParams }, onRequest: guards.user() },
    async (req, reply) => {
      await conversations.removeMember(userOf(req).id, req.params.id, req.params.userId);
      return reply.code(204).send();
    },
  );

  app.post(
    `${base}/:id/leave`,
    {
      schema: { tags, summary: 'Leave a group (its last admin hands over to the oldest member)', params: Params },
      onRequest: guards.user(),
    },
    async (req, reply) => {
      await conversations.leave(userOf(req).id, req.params.id);
      return reply.code(204).send();
    },
  );

  app.post(
    `${base}/:id/read`,
    {
      schema: {
        tags,
        summary: 'Mark messages read up to a sequence number (the read receipt)',
        params: Params,
        body: ReadBody,
        response: { 200: z.object({ lastReadSeq: z.number().int(), unreadCount: z.number().int() }) },
      },
      onRequest: guards.user(),
    },
    async (req) => conversations.markRead(userOf(req).id, req.params.id, req.body.seq),
  );
}
