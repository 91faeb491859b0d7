// The live "new posts" indicator: when someone posts, their followers and connections who are online
// get `feed:new_post` (ids only, no content) and can refresh. Bounded per post: at most
// PUSH_CANDIDATES people are looked at and at most PUSH_LIMIT online ones pushed to (the rest see
// the post when they next load the feed).
import type { EventEnvelope, EventPayload, FeedNewPostPush } from '@edumatrix/contracts';
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import type { Consumer } from '../../platform/events/consumer.ts';

export const PUSH_CANDIDATES = 5000;
export const PUSH_LIMIT = 500;

export type FeedPusher = {
  /** Which of these users are online now. */
  online(userIds: string[]): Promise<string[]>;
  push(userId: string, data: FeedNewPostPush): void;
};

type Payload = EventPayload<'social.post_created'>;

/** Connections always; followers too unless the post is for connections only. Blocked people and those who muted the author never. */
async function audienceOf(trx: Db, p: Payload): Promise<string[]> {
  const followers =
    p.visibility === 'connections' ? sql`` : sql`union select follower_id from social.follows where followee_id = ${p.authorId}`;
  const { rows } = await sql<{ id: string }>`select id from (
      select other_id as id from social.connections where user_id = ${p.authorId} ${followers}
    ) a
    where id not in (select blocked_id from social.blocks where blocker_id = ${p.authorId})
      and id not in (select blocker_id from social.blocks where blocked_id = ${p.authorId})
      and id not in (select muter_id from social.mutes where muted_id = ${p.authorId})
    limit ${PUSH_CANDIDATES}`.execute(trx);
  return rows.map((r) => r.id);
}

export function liveFeedConsumer(deps: {
  pusher: () => FeedPusher | null;
  /** Institutions: members of one (an institution post is pushed only to its members). */
  memberIds(institutionId: string): Promise<string[]>;
  onError(err: unknown): void;
}): Consumer {
  const audiences = new Map<string, string[]>();
  return {
    group: 'realtime.social',
    types: ['social.post_created'],
    async handle(event: EventEnvelope, trx: Db) {
      if (!deps.pusher()) return;
      audiences.set(event.id, await audienceOf(trx, event.payload as Payload));
    },
    afterCommit(event: EventEnvelope) {
      const candidates = audiences.get(event.id);
      audiences.delete(event.id);
      const pusher = deps.pusher();
      if (!candidates?.length || !pusher) return;
      const p = event.payload as Payload;
      void (async () => {
        let audience = candidates;
        if (p.visibility === 'institution' && p.institutionId) {
          const members = new Set(await deps.memberIds(p.institutionId));
          audience = audience.filter((id) => members.has(id));
        }
        const online = (await pusher.online(audience)).slice(0, PUSH_LIMIT);
        for (const userId of online) pusher.push(userId, { postId: p.postId, authorId: p.authorId });
      })().catch(deps.onError);
    },
  };
}
