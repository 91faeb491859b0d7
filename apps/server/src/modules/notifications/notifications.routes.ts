import { Notification, NotificationQuery, pageOf } from '@edumatrix/contracts';
import { z } from 'zod';
import { userOf } from '../../platform/http/guards.ts';
import type { HttpApp, RouteDeps } from '../../platform/http/types.ts';
import type { NotificationsService } from './notifications.service.ts';

export function notificationsRoutes(app: HttpApp, deps: RouteDeps & { notifications: NotificationsService }) {
  const { guards, notifications } = deps;
  const tags = ['notifications'];

  app.get(
    '/api/v1/notifications',
    {
      schema: {
        tags,
        summary: 'Your notifications, newest first',
        querystring: NotificationQuery,
        response: { 200: pageOf(Notification) },
      },
      onRequest: guards.user(),
    },
    async (req) => notifications.list(userOf(req).id, req.query),
  );

  app.get(
    '/api/v1/notifications/unread-count',
    {
      schema: { tags, summary: 'How many of your notifications are unread', response: { 200: z.object({ count: z.number().int() }) } },
      onRequest: guards.user(),
    },
    async (req) => ({ count: await notifications.unreadCount(userOf(req).id) }),
  );

  app.post(
    '/api/v1/notifications/:id/read',
    {
      schema: { tags, summary: 'Mark one notification read', params: z.object({ id: z.uuid() }) },
      onRequest: guards.user(),
    },
    async (req, reply) => {
      await notifications.markRead(userOf(req).id, req.params.id);
      return reply.code(204).send();
    },
  );

  app.post(
    '/api/v1/notifications/read-all',
    {
      schema: { tags, summary: 'Mark all your notifications read' },
      onRequest: guards.user(),
    },
    async (req, reply) => {
      await notifications.markAllRead(userOf(req).id);
      return reply.code(204).send();
    },
  );
}
