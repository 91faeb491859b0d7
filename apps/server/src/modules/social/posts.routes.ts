// HTTP for posts, comments, reactions, reports and the feed.
import {
  Comment,
  CreateCommentBody,
  CreatePostBody,
  FeedQuery,
  PageQuery,
  Post,
  PostHistory,
  pageOf,
  QueuedReport,
  ReactBody,
  Report,
  ReportBody,
  ResolveReportBody,
  UpdatePostBody,
} from '@edumatrix/contracts';
import { z } from 'zod';
import { userOf } from '../../platform/http/guards.ts';
import type { HttpApp, RouteDeps } from '../../platform/http/types.ts';
import { SOCIAL_BUDGETS } from './budgets.ts';
import type { CommentsService } from './comments.service.ts';
import type { FeedService } from './feed.service.ts';
import type { ModerationService } from './moderation.service.ts';
import type { PostsService } from './posts.service.ts';
import type { ReactionsService } from './reactions.service.ts';

const PostParams = z.object({ postId: z.uuid() });
const CommentParams = z.object({ commentId: z.uuid() });
const UserParams = z.object({ userId: z.uuid() });
const CommentQuery = PageQuery.extend({ limit: z.coerce.number().int().min(1).max(100).default(50) }).strict();

export function postsRoutes(
  app: HttpApp,
  deps: RouteDeps & {
    posts: PostsService;
    comments: CommentsService;
    reactions: ReactionsService;
    moderation: ModerationService;
    feed: FeedService;
  },
) {
  const { guards, posts, comments, reactions, moderation, feed } = deps;
  const tags = ['social'];
  const user = guards.user();

  app.get(
    '/api/v1/feed',
    {
      schema: {
        tags,
        summary: 'Your feed: newest first, ranked within each page',
        querystring: FeedQuery,
        response: { 200: pageOf(Post) },
      },
      onRequest: user,
    },
    async (req) => feed.feed(userOf(req).id, { ...req.query, limit: req.query.limit ?? 20 }),
  );
  app.get(
    '/api/v1/hashtags/:tag/posts',
    {
      schema: {
        tags,
        summary: 'Posts with a hashtag that you may see, newest first',
        params: z.object({ tag: z.string().trim().min(1).max(100) }),
        querystring: FeedQuery,
        response: { 200: pageOf(Post) },
      },
      onRequest: user,
    },
    async (req) => feed.tagged(userOf(req).id, req.params.tag, { ...req.query, limit: req.query.limit ?? 20 }),
  );
  app.get(
    '/api/v1/people/:userId/posts',
    {
      schema: {
        tags,
        summary: "Someone's posts that you may see",
        params: UserParams,
        querystring: FeedQuery,
        response: { 200: pageOf(Post) },
      },
      onRequest: user,
    },
    async (req) => feed.timeline(userOf(req).id, req.params.userId, { ...req.query, limit: req.query.limit ?? 20 }),
  );

  app.post(
    '/api/v1/posts',
    {
      schema: { tags, summary: 'Post (or repost, with repostOf)', body: CreatePostBody, response: { 201: Post } },
      onRequest: guards.user(SOCIAL_BUDGETS.post),
    },
    async (req, reply) => reply.code(201).send(await posts.create(userOf(req).id, req.body)),
  );
  app.get(
    '/api/v1/posts/:postId',
    { schema: { tags, summary: 'One post', params: PostParams, response: { 200: Post } }, onRequest: user },
    async (req) => posts.get(userOf(req).id, req.params.postId),
  );
  app.patch(
    '/api/v1/posts/:postId',
    {
      schema: {
        tags,
        summary: 'Edit your post (the old text is kept in its history)',
        params: PostParams,
        body: UpdatePostBody,
        response: { 200: Post },
      },
      onRequest: guards.user(SOCIAL_BUDGETS.edit),
    },
    async (req) => posts.update(userOf(req).id, req.params.postId, req.body),
  );
  app.delete(
    '/api/v1/posts/:postId',
    { schema: { tags, summary: 'Delete your post', params: PostParams }, onRequest: user },
    async (req, reply) => {
      await posts.remove(userOf(req).id, req.params.postId);
      return reply.code(204).send();
    },
  );
  app.get(
    '/api/v1/posts/:postId/history',
    { schema: { tags, summary: "A post's versions, newest first", params: PostParams, response: { 200: PostHistory } }, onRequest: user },
    async (req) => posts.history(userOf(req).id, req.params.postId),
  );

  app.get(
    '/api/v1/posts/:postId/comments',
    {
      schema: {
        tags,
        summary: "A post's comments, oldest first (replies carry parentId)",
        params: PostParams,
        querystring: CommentQuery,
        response: { 200: pageOf(Comment) },
      },
      onRequest: user,
    },
    async (req) => comments.list(userOf(req).id, req.params.postId, req.query),
  );
  app.post(
    '/api/v1/posts/:postId/comments',
    {
      schema: { tags, summary: 'Comment, or reply to a comment', params: PostParams, body: CreateCommentBody, response: { 201: Comment } },
      onRequest: guards.user(SOCIAL_BUDGETS.comment),
    },
    async (req, reply) => reply.code(201).send(await comments.create(userOf(req).id, req.params.postId, req.body)),
  );
  app.delete(
    '/api/v1/comments/:commentId',
    { schema: { tags, summary: 'Delete a comment (yours, or on your post)', params: CommentParams }, onRequest: user },
    async (req, reply) => {
      await comments.remove(userOf(req).id, req.params.commentId);
      return reply.code(204).send();
    },
  );

  const targets = [
    { type: 'post', path: '/api/v1/posts/:postId', params: PostParams, id: (p: Record<string, string>) => p.postId as string },
    {
      type: 'comment',
      path: '/api/v1/comments/:commentId',
      params: CommentParams,
      id: (p: Record<string, string>) => p.commentId as string,
    },
  ] as const;
  for (const t of targets) {
    app.put(
      `${t.path}/reaction`,
      {
        schema: { tags, summary: `React to a ${t.type} (replaces your earlier reaction)`, params: t.params, body: ReactBody },
        onRequest: guards.user(SOCIAL_BUDGETS.react),
      },
      async (req, reply) => {
        await reactions.react(userOf(req).id, { type: t.type, id: t.id(req.params as Record<string, string>) }, req.body.kind);
        return reply.code(204).send();
      },
    );
    app.delete(
      `${t.path}/reaction`,
      { schema: { tags, summary: `Take back your reaction to a ${t.type}`, params: t.params }, onRequest: user },
      async (req, reply) => {
        await reactions.unreact(userOf(req).id, { type: t.type, id: t.id(req.params as Record<string, string>) });
        return reply.code(204).send();
      },
    );
    app.post(
      `${t.path}/reports`,
      {
        schema: { tags, summary: `Report a ${t.type} to the moderators`, params: t.params, body: ReportBody, response: { 201: Report } },
        onRequest: guards.user(SOCIAL_BUDGETS.report),
      },
      async (req, reply) =>
        reply
          .code(201)
          .send(await reactions.report(userOf(req).id, { type: t.type, id: t.id(req.params as Record<string, string>) }, req.body)),
    );
  }
  const moderator = guards.platform('moderator');
  app.get(
    '/api/v1/social/reports',
    {
      schema: {
        tags,
        summary: 'The open moderation queue, newest first, each report with its target',
        querystring: PageQuery.strict(),
        response: { 200: pageOf(QueuedReport) },
      },
      onRequest: moderator,
    },
    async (req) => moderation.queue(req.query),
  );
  app.post(
    '/api/v1/social/reports/:reportId/resolve',
    {
      schema: {
        tags,
        summary: 'Decide on a report: dismiss, or remove its post or comment (resolves every open report on it)',
        params: z.object({ reportId: z.uuid() }),
        body: ResolveReportBody,
        response: { 200: Report },
      },
      onRequest: moderator,
    },
    async (req) => moderation.resolve(userOf(req).id, req.params.reportId, req.body),
  );
}
