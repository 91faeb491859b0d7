// Reactions (one per person per post or comment, changeable) and reports into the moderation queue.
import type { ReactionKind, Report, ReportBody } from '@edumatrix/contracts';
import { uuidv7 } from 'uuidv7';
import { isUniqueViolation } from '../../platform/db/database.ts';
import { AppError } from '../../platform/http/app-error.ts';
import type { CommentsService } from './comments.service.ts';
import { engagementRepository, type ReportRow } from './engagement.repository.ts';
import type { PostsService } from './posts.service.ts';
import { notify, type SocialDeps, toIso } from './social.deps.ts';
import { loadViewer } from './viewer.ts';

type Target = { type: 'post' | 'comment'; id: string };

const REACTION_WORDS: Record<ReactionKind, string> = {
  like: 'liked',
  celebrate: 'celebrated',
  insightful: 'found insightful',
  curious: 'is curious about',
};

export function createReactionsService(deps: SocialDeps & { posts: PostsService; comments: CommentsService }) {
  const { db } = deps;

  /** The target's post and owner, if the user may see it (404 otherwise). */
  async function resolve(userId: string, target: Target) {
    if (target.type === 'post') {
      const post = await deps.posts.visiblePost(await loadViewer(deps, userId), target.id);
      return { postId: post.id, ownerId: post.author_id };
    }
    const { comment } = await deps.comments.visibleComment(userId, target.id);
    return { postId: comment.post_id, ownerId: comment.author_id };
  }

  return {
    async react(userId: string, target: Target, kind: ReactionKind): Promise<void> {
      const { postId, ownerId } = await resolve(userId, target);
      const name = (await deps.displayNames([userId])).get(userId) ?? 'Someone';
      await db.transaction().execute(async (trx) => {
        const outcome = await engagementRepository(trx).react({ target_id: target.id, target_type: target.type, user_id: userId, kind });
        if (outcome === 'same') return;
        await deps.events.publish(trx, {
          type: 'social.reacted',
          key: ownerId,
          payload: { targetType: target.type, targetId: target.id, postId, userId, ownerId, kind },
        });
        // Changing one's reaction is not news: only the first one lands in the inbox.
        if (outcome === 'new' && ownerId !== userId) {
          await notify(deps, trx, {
            userId: ownerId,
            kind: 'social.reacted',
            title: `${name} ${REACTION_WORDS[kind]} your ${target.type}`,
            link: `/posts/${postId}`,
            groupKey: `social.reacted:${target.type}:${target.id}`,
            actor: { userId, name },
          });
        }
      });
    },

    async unreact(userId: string, target: Target): Promise<void> {
      await resolve(userId, target);
      await engagementRepository(db).unreact(target.id, userId);
    },

    async report(userId: string, target: Target, body: ReportBody): Promise<Report> {
      await resolve(userId, target);
      try {
        const row = await engagementRepository(db).insertReport({
          id: uuidv7(),
          target_type: target.type,
          target_id: target.id,
          reporter_id: userId,
          reason: body.reason,
          details: body.details ?? '',
        });
        return presentReport(row);
      } catch (err) {
        if (isUniqueViolation(err)) throw new AppError('conflict', 'social.already_reported', 'You have already reported this');
        throw err;
      }
    },
  };
}

export function presentReport(r: ReportRow): Report {
  return {
    id: r.id,
    targetType: r.target_type,
    targetId: r.target_id,
    reporterId: r.reporter_id,
    reason: r.reason as Report['reason'],
    details: r.details,
    status: r.status,
    resolution: r.resolution ?? null,
    resolvedAt: r.resolved_at ? toIso(r.resolved_at) : null,
    createdAt: toIso(r.created_at),
  };
}

export type ReactionsService = ReturnType<typeof createReactionsService>;
