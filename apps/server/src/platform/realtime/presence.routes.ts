import { z } from 'zod';
import type { HttpApp, RouteDeps } from '../http/types.ts';
import type { PresenceStore } from './presence.ts';

const Presence = z.object({ userId: z.uuid(), online: z.boolean(), lastSeenAt: z.string().nullable() });

export function presenceRoutes(app: HttpApp, deps: RouteDeps & { presence: PresenceStore }) {
  app.get(
    '/api/v1/presence',
    {
      schema: {
        tags: ['realtime'],
        summary: 'Whether users are online, and when they were last seen',
        querystring: z.strictObject({
          userIds: z
            .string()
            .transform((s) => s.split(',').filter(Boolean))
            .pipe(z.array(z.uuid()).min(1).max(100)),
        }),
        response: { 200: z.object({ items: z.array(Presence) }) },
      },
      onRequest: deps.guards.user(),
    },
    async (req) => ({ items: await deps.presence.get(req.query.userIds) }),
  );
}
