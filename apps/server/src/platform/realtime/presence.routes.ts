// Whether users are online, as the asker may know it. The kernel knows who is online but not who
// may see it: the composition root hands in `visibleTo` (the social module's privacy rule), so the
// kernel imports no module. Someone hidden from the asker reads as never seen, one entry per id
// asked for either way, so hiding cannot be told apart from never having come online.
import { Presence, PresenceQuery } from '@edumatrix/contracts';
import { z } from 'zod';
import { userOf } from '../http/guards.ts';
import type { HttpApp, RouteDeps } from '../http/types.ts';
import type { PresenceStore } from './presence.ts';

/** Of `userIds`, those whose presence `viewerId` may see. */
export type PresenceVisibility = (viewerId: string, userIds: string[]) => Promise<ReadonlySet<string>>;

export function presenceRoutes(app: HttpApp, deps: RouteDeps & { presence: PresenceStore; visibleTo: PresenceVisibility }) {
  app.get(
    '/api/v1/presence',
    {
      schema: {
        tags: ['realtime'],
        summary: 'Whether users are online, and when they were last seen (only those who let you see it)',
        querystring: PresenceQuery,
        response: { 200: z.object({ items: z.array(Presence) }) },
      },
      onRequest: deps.guards.user(),
    },
    async (req) => {
      const { userIds } = req.query;
      const [visible, presence] = await Promise.all([deps.visibleTo(userOf(req).id, userIds), deps.presence.get(userIds)]);
      return { items: presence.map((p) => (visible.has(p.userId) ? p : { userId: p.userId, online: false, lastSeenAt: null })) };
    },
  );
}
