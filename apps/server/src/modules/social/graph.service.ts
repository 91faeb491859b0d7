// Follows, connections, blocks and mutes. A block wins over everything: the blocked person can no
// longer follow, connect, comment, react or mention, and every tie between the two ends.
import type { Connection, ConnectionRequest, SendConnectionRequestBody } from '@edumatrix/contracts';
import { uuidv7 } from 'uuidv7';
import { recordAudit } from '../../platform/audit/audit.ts';
import { isUniqueViolation } from '../../platform/db/database.ts';
import { AppError, invalidField, notFound } from '../../platform/http/app-error.ts';
import { graphRepository, type RequestRow } from './graph.repository.ts';
import { notify, type SocialDeps, summaries, summaryOf, toIso } from './social.deps.ts';

/** The same answer as for someone who does not exist: a blocked person learns nothing. */
export const personNotFound = () => notFound('social.person_not_found', 'Person');

export function createGraphService(deps: SocialDeps) {
  const { db } = deps;

  /** The target exists and has not blocked the actor (and the actor has not blocked them). */
  async function assertReachable(actorId: string, targetId: string, field: string) {
    if (actorId === targetId) throw invalidField('social.self', field, 'cannot be yourself');
    const names = await deps.displayNames([targetId]);
    if (!names.has(targetId)) throw personNotFound();
    const block = await graphRepository(db).blockState(actorId, targetId);
    if (block.bBlockedA) throw personNotFound();
    if (block.aBlockedB) throw new AppError('conflict', 'social.blocked', 'You have blocked this person; unblock them first');
  }

  async function presentRequests(rows: RequestRow[]): Promise<ConnectionRequest[]> {
    const people = await summaries(
      deps,
      rows.flatMap((r) => [r.from_id, r.to_id]),
    );
    return rows.map((r) => ({
      id: r.id,
      from: summaryOf(people, r.from_id),
      to: summaryOf(people, r.to_id),
      message: r.message,
      status: r.status,
      createdAt: toIso(r.created_at),
      respondedAt: r.responded_at ? toIso(r.responded_at) : null,
    }));
  }

  async function nameOf(userId: string) {
    return (await deps.displayNames([userId])).get(userId) ?? 'Someone';
  }

  return {
    async follow(userId: string, targetId: string): Promise<void> {
      await assertReachable(userId, targetId, 'userId');
      const name = await nameOf(userId);
      await db.transaction().execute(async (trx) => {
        if (!(await graphRepository(trx).follow(userId, targetId))) return;
        await deps.events.publish(trx, { type: 'social.followed', key: targetId, payload: { followerId: userId, followeeId: targetId } });
        await notify(deps, trx, {
          userId: targetId,
          kind: 'social.followed',
          title: `${name} started following you`,
          link: `/people/${userId}`,
          groupKey: 'social.followed',
          actor: { userId, name },
        });
      });
    },

    async unfollow(userId: string, targetId: string): Promise<void> {
      await graphRepository(db).unfollow(userId, targetId);
    },

    async requestConnection(userId: string, body: SendConnectionRequestBody): Promise<ConnectionRequest> {
      const targetId = body.userId;
      await assertReachable(userId, targetId, 'userId');
      const graph = graphRepository(db);
      if (await graph.isConnected(userId, targetId))
        throw new AppError('conflict', 'social.already_connected', 'You are already connected');
      if (await graph.pendingBetween(userId, targetId)) {
        throw new AppError('conflict', 'social.request_pending', 'A connection request between you is already waiting for an answer');
      }
      const name = await nameOf(userId);
      try {
        const row = await db.transaction().execute(async (trx) => {
          const inserted = await graphRepository(trx).insertRequest({
            id: uuidv7(),
            from_id: userId,
            to_id: targetId,
            message: body.message ?? '',
          });
          await deps.events.publish(trx, {
            type: 'social.connection_requested',
            key: targetId,
            payload: { requestId: inserted.id, fromId: userId, toId: targetId },
          });
          await notify(deps, trx, {
            userId: targetId,
            kind: 'social.connection_requested',
            title: `${name} wants to connect`,
            body: body.message ?? '',
            link: '/connections/requests',
            actor: { userId, name },
          });
          return inserted;
        });
        return (await presentRequests([row]))[0] as ConnectionRequest;
      } catch (err) {
        if (isUniqueViolation(err)) {
          throw new AppError('conflict', 'social.request_pending', 'A connection request between you is already waiting for an answer');
        }
        throw err;
      }
    },

    /** Accept or decline (the recipient), or withdraw (the sender). */
    async answerRequest(userId: string, requestId: string, answer: 'accepted' | 'declined' | 'withdrawn'): Promise<ConnectionRequest> {
      const graph = graphRepository(db);
      const request = await graph.findRequest(requestId);
      const mayAnswer = answer === 'withdrawn' ? request?.from_id === userId : request?.to_id === userId;
      if (!request || !mayAnswer) throw notFound('social.request_not_found', 'Connection request');
      if (request.status !== 'pending') {
        throw new AppError('conflict', 'social.request_answered', `This request was already ${request.status}`);
      }
      if (answer === 'accepted') {
        const block = await graph.blockState(request.from_id, request.to_id);
        if (block.aBlockedB || block.bBlockedA) throw notFound('social.request_not_found', 'Connection request');
      }
      const name = await nameOf(userId);
      const row = await db.transaction().execute(async (trx) => {
        const r = graphRepository(trx);
        const updated = await r.setRequestStatus(requestId, 'pending', answer);
        if (!updated) throw new AppError('conflict', 'social.request_answered', 'This request was already answered');
        if (answer === 'accepted') {
          await r.connect(updated.from_id, updated.to_id);
          await deps.events.publish(trx, {
            type: 'social.connection_accepted',
            key: updated.from_id,
            payload: { requestId, fromId: updated.from_id, toId: updated.to_id },
          });
          await notify(deps, trx, {
            userId: updated.from_id,
            kind: 'social.connection_accepted',
            title: `${name} accepted your connection request`,
            link: `/people/${userId}`,
            actor: { userId, name },
          });
        }
        return updated;
      });
      return (await presentRequests([row]))[0] as ConnectionRequest;
    },

    async listRequests(userId: string, direction: 'incoming' | 'outgoing'): Promise<ConnectionRequest[]> {
      return presentRequests(await graphRepository(db).listRequests(userId, direction));
    },

    async connections(userId: string): Promise<Connection[]> {
      const rows = await graphRepository(db).listConnections(userId);
      const people = await summaries(
        deps,
        rows.map((r) => r.other_id),
      );
      return rows.map((r) => ({ ...summaryOf(people, r.other_id), since: toIso(r.created_at) }));
    },

    async removeConnection(userId: string, otherId: string): Promise<void> {
      await graphRepository(db).disconnect(userId, otherId);
    },

    async block(userId: string, targetId: string): Promise<void> {
      if (userId === targetId) throw invalidField('social.self', 'userId', 'cannot be yourself');
      if (!(await deps.displayNames([targetId])).has(targetId)) throw personNotFound();
      await db.transaction().execute(async (trx) => {
        const r = graphRepository(trx);
        await r.block(userId, targetId);
        await r.disconnect(userId, targetId);
        await r.closePendingBetween(userId, targetId);
        await recordAudit(trx, { action: 'social.blocked', targetType: 'user', targetId });
      });
    },

    async unblock(userId: string, targetId: string): Promise<void> {
      await graphRepository(db).unblock(userId, targetId);
    },

    async mute(userId: string, targetId: string): Promise<void> {
      if (userId === targetId) throw invalidField('social.self', 'userId', 'cannot be yourself');
      if (!(await deps.displayNames([targetId])).has(targetId)) throw personNotFound();
      // Someone who blocked you does not exist for you, here too.
      if ((await graphRepository(db).blockState(userId, targetId)).bBlockedA) throw personNotFound();
      await graphRepository(db).mute(userId, targetId);
    },

    async unmute(userId: string, targetId: string): Promise<void> {
      await graphRepository(db).unmute(userId, targetId);
    },

    async blocked(userId: string) {
      const ids = await graphRepository(db).listBlocked(userId);
      return [...(await summaries(deps, ids)).values()];
    },

    async muted(userId: string) {
      const ids = await graphRepository(db).listMuted(userId);
      return [...(await summaries(deps, ids)).values()];
    },

    /** For other modules (chat): who of the two blocked whom. */
    blockState: (a: string, b: string) => graphRepository(db).blockState(a, b),

    /** For other modules (chat): everyone `userId` blocked or was blocked by. */
    blockedIds: (userId: string) => graphRepository(db).blockedEitherWay(userId),
  };
}

export type GraphService = ReturnType<typeof createGraphService>;
