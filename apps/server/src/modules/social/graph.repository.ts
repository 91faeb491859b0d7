// SQL for the social graph: follows, connections and their requests, blocks and mutes.
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';

export type RequestRow = {
  id: string;
  from_id: string;
  to_id: string;
  message: string;
  status: 'pending' | 'accepted' | 'declined' | 'withdrawn';
  created_at: Date | string;
  responded_at: Date | string | null;
};

export function graphRepository(db: Db) {
  const ids = async (q: Promise<{ id: string }[]>) => (await q).map((r) => r.id);
  return {
    async follow(followerId: string, followeeId: string): Promise<boolean> {
      const res = await db
        .insertInto('social.follows')
        .values({ follower_id: followerId, followee_id: followeeId })
        .onConflict((oc) => oc.doNothing())
        .executeTakeFirst();
      return Number(res.numInsertedOrUpdatedRows ?? 0) > 0;
    },
    async unfollow(followerId: string, followeeId: string) {
      await db.deleteFrom('social.follows').where('follower_id', '=', followerId).where('followee_id', '=', followeeId).execute();
    },
    async isFollowing(followerId: string, followeeId: string): Promise<boolean> {
      return !!(await db
        .selectFrom('social.follows')
        .select('follower_id')
        .where('follower_id', '=', followerId)
        .where('followee_id', '=', followeeId)
        .executeTakeFirst());
    },
    followeeIds: (userId: string) =>
      ids(db.selectFrom('social.follows').select('followee_id as id').where('follower_id', '=', userId).execute()),
    followerIds: (userId: string, limit: number) =>
      ids(db.selectFrom('social.follows').select('follower_id as id').where('followee_id', '=', userId).limit(limit).execute()),
    connectionIds: (userId: string, limit = 100_000) =>
      ids(db.selectFrom('social.connections').select('other_id as id').where('user_id', '=', userId).limit(limit).execute()),
    async listConnections(userId: string): Promise<{ other_id: string; created_at: Date | string }[]> {
      return db
        .selectFrom('social.connections')
        .select(['other_id', 'created_at'])
        .where('user_id', '=', userId)
        .orderBy('created_at', 'desc')
        .execute();
    },
    async isConnected(a: string, b: string): Promise<boolean> {
      return !!(await db
        .selectFrom('social.connections')
        .select('user_id')
        .where('user_id', '=', a)
        .where('other_id', '=', b)
        .executeTakeFirst());
    },
    async connect(a: string, b: string) {
      await db
        .insertInto('social.connections')
        .values([
          { user_id: a, other_id: b },
          { user_id: b, other_id: a },
        ])
        .onConflict((oc) => oc.doNothing())
        .execute();
    },
    async disconnect(a: string, b: string) {
      await db
        .deleteFrom('social.connections')
        .where((eb) =>
          eb.or([eb.and([eb('user_id', '=', a), eb('other_id', '=', b)]), eb.and([eb('user_id', '=', b), eb('other_id', '=', a)])]),
        )
        .execute();
    },
    async counts(userId: string): Promise<{ followers: number; following: number; connections: number }> {
      const { rows } = await sql<{ followers: number; following: number; connections: number }>`select
        (select count(*)::int from social.follows where followee_id = ${userId}) as followers,
        (select count(*)::int from social.follows where follower_id = ${userId}) as following,
        (select count(*)::int from social.connections where user_id = ${userId}) as connections`.execute(db);
      return rows[0] ?? { followers: 0, following: 0, connections: 0 };
    },
    async insertRequest(row: { id: string; from_id: string; to_id: string; message: string }): Promise<RequestRow> {
      return (await db.insertInto('social.connection_requests').values(row).returningAll().executeTakeFirstOrThrow()) as RequestRow;
    },
    async findRequest(id: string): Promise<RequestRow | undefined> {
      return (await db.selectFrom('social.connection_requests').selectAll().where('id', '=', id).executeTakeFirst()) as
        | RequestRow
        | undefined;
    },
    async pendingBetween(a: string, b: string): Promise<RequestRow | undefined> {
      return (await db
        .selectFrom('social.connection_requests')
        .selectAll()
        .where('status', '=', 'pending')
        .where((eb) => eb.or([eb.and([eb('from_id', '=', a), eb('to_id', '=', b)]), eb.and([eb('from_id', '=', b), eb('to_id', '=', a)])]))
        .executeTakeFirst()) as RequestRow | undefined;
    },
    async setRequestStatus(id: string, from: 'pending', to: RequestRow['status']): Promise<RequestRow | undefined> {
      return (await db
        .updateTable('social.connection_requests')
        .set({ status: to, responded_at: new Date() })
        .where('id', '=', id)
        .where('status', '=', from)
        .returningAll()
        .executeTakeFirst()) as RequestRow | undefined;
    },
    async closePendingBetween(a: string, b: string) {
      await db
        .updateTable('social.connection_requests')
        .set({ status: 'withdrawn', responded_at: new Date() })
        .where('status', '=', 'pending')
        .where((eb) => eb.or([eb.and([eb('from_id', '=', a), eb('to_id', '=', b)]), eb.and([eb('from_id', '=', b), eb('to_id', '=', a)])]))
        .execute();
    },
    async listRequests(userId: string, direction: 'incoming' | 'outgoing'): Promise<RequestRow[]> {
      return (await db
        .selectFrom('social.connection_requests')
        .selectAll()
        .where(direction === 'incoming' ? 'to_id' : 'from_id', '=', userId)
        .where('status', '=', 'pending')
        .orderBy('id', 'desc')
        .limit(500)
        .execute()) as RequestRow[];
    },
    async block(blockerId: string, blockedId: string) {
      await db
        .insertInto('social.blocks')
        .values({ blocker_id: blockerId, blocked_id: blockedId })
        .onConflict((oc) => oc.doNothing())
        .execute();
      // Blocking ends every tie both ways.
      await db
        .deleteFrom('social.follows')
        .where((eb) =>
          eb.or([
            eb.and([eb('follower_id', '=', blockerId), eb('followee_id', '=', blockedId)]),
            eb.and([eb('follower_id', '=', blockedId), eb('followee_id', '=', blockerId)]),
          ]),
        )
        .execute();
    },
    async unblock(blockerId: string, blockedId: string) {
      await db.deleteFrom('social.blocks').where('blocker_id', '=', blockerId).where('blocked_id', '=', blockedId).execute();
    },
    async blockState(a: string, b: string): Promise<{ aBlockedB: boolean; bBlockedA: boolean }> {
      const rows = await db
        .selectFrom('social.blocks')
        .select(['blocker_id'])
        .where((eb) =>
          eb.or([
            eb.and([eb('blocker_id', '=', a), eb('blocked_id', '=', b)]),
            eb.and([eb('blocker_id', '=', b), eb('blocked_id', '=', a)]),
          ]),
        )
        .execute();
      return { aBlockedB: rows.some((r) => r.blocker_id === a), bBlockedA: rows.some((r) => r.blocker_id === b) };
    },
    /** Everyone `userId` blocked or was blocked by. */
    async blockedEitherWay(userId: string): Promise<string[]> {
      const { rows } = await sql<{ id: string }>`select blocked_id as id from social.blocks where blocker_id = ${userId}
        union select blocker_id from social.blocks where blocked_id = ${userId}`.execute(db);
      return rows.map((r) => r.id);
    },
    listBlocked: (userId: string) =>
      ids(
        db.selectFrom('social.blocks').select('blocked_id as id').where('blocker_id', '=', userId).orderBy('created_at', 'desc').execute(),
      ),
    async mute(muterId: string, mutedId: string) {
      await db
        .insertInto('social.mutes')
        .values({ muter_id: muterId, muted_id: mutedId })
        .onConflict((oc) => oc.doNothing())
        .execute();
    },
    async unmute(muterId: string, mutedId: string) {
      await db.deleteFrom('social.mutes').where('muter_id', '=', muterId).where('muted_id', '=', mutedId).execute();
    },
    async isMuted(muterId: string, mutedId: string): Promise<boolean> {
      return !!(await db
        .selectFrom('social.mutes')
        .select('muter_id')
        .where('muter_id', '=', muterId)
        .where('muted_id', '=', mutedId)
        .executeTakeFirst());
    },
    listMuted: (userId: string) =>
      ids(db.selectFrom('social.mutes').select('muted_id as id').where('muter_id', '=', userId).orderBy('created_at', 'desc').execute()),
    /** Friends of friends, with how many connections each shares with `userId`. */
    async mutualCandidates(userId: string, limit: number): Promise<{ id: string; mutual: number }[]> {
      const { rows } = await sql<{ id: string; mutual: number }>`select c2.other_id as id, count(*)::int as mutual
        from social.connections c1 join social.connections c2 on c2.user_id = c1.other_id
        where c1.user_id = ${userId} and c2.other_id <> ${userId}
        group by c2.other_id order by mutual desc limit ${limit}`.execute(db);
      return rows;
    },
    async mutualCounts(userId: string, others: string[]): Promise<Map<string, number>> {
      if (others.length === 0) return new Map();
      const rows = await db
        .selectFrom('social.connections as c1')
        .innerJoin('social.connections as c2', 'c2.user_id', 'c1.other_id')
        .select(['c2.other_id as id', (eb) => eb.fn.countAll<number>().as('mutual')])
        .where('c1.user_id', '=', userId)
        .where('c2.other_id', 'in', others)
        .groupBy('c2.other_id')
        .execute();
      return new Map(rows.map((r) => [r.id as string, Number(r.mutual)]));
    },
  };
}

export type GraphRepository = ReturnType<typeof graphRepository>;
