// The moderation queue (platform moderators): open reports with what is needed to decide, and one
// decision per reported post or comment: dismiss the reports, or remove the target and tell its author.
import type { Page, QueuedReport, Report, ResolveReportBody } from '@edumatrix/contracts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { AppError, notFound } from '../../platform/http/app-error.ts';
import { decodeCursor, toPage } from '../../platform/http/cursor.ts';
import { engagementRepository, type ReportRow } from './engagement.repository.ts';
import { moderationRepository } from './moderation.repository.ts';
import { postsRepository } from './posts.repository.ts';
import { presentReport } from './reactions.service.ts';
import { notify, type SocialDeps, summaries, summaryOf } from './social.deps.ts';

type Target = { postId: string; authorId: string; text: string; deleted: boolean };

export function createModerationService(deps: SocialDeps) {
  const { db } = deps;

  /** The reported posts and comments, read as they are (moderators see past visibility rules). */
  async function targetsOf(db: SocialDeps['db'], reports: Pick<ReportRow, 'target_type' | 'target_id'>[]): Promise<Map<string, Target>> {
    const ids = (type: 'post' | 'comment') => [...new Set(reports.filter((r) => r.target_type === type).map((r) => r.target_id))];
    const [posts, comments] = await Promise.all([
      postsRepository(db).findMany(ids('post')),
      moderationRepository(db).findComments(ids('comment')),
    ]);
    const targets = new Map<string, Target>();
    for (const p of posts) targets.set(p.id, { postId: p.id, authorId: p.author_id, text: p.body, deleted: p.deleted_at !== null });
    for (const c of comments) targets.set(c.id, { postId: c.post_id, authorId: c.author_id, text: c.body, deleted: c.deleted_at !== null });
    return targets;
  }

  return {
    /** Open reports, newest first; each carries its target, so a moderator decides from the queue. */
    async queue(query: { cursor?: string | undefined; limit: number }): Promise<Page<QueuedReport>> {
      const rows = await engagementRepository(db).listOpenReports(query.cursor ? decodeCursor(query.cursor) : null, query.limit);
      const page = toPage(rows, query.limit, (r) => r);
      const [targets, counts] = await Promise.all([
        targetsOf(db, page.items),
        moderationRepository(db).openCounts([...new Set(page.items.map((r) => r.target_id))]),
      ]);
      const people = await summaries(
        deps,
        [...targets.values()].map((t) => t.authorId),
      );
      const items = page.items.map((r): QueuedReport => {
        const target = targets.get(r.target_id);
        return {
          ...presentReport(r),
          target: {
            text: target?.text ?? '',
            author: summaryOf(people, target?.authorId ?? r.target_id),
            deleted: target?.deleted ?? true,
            link: `/posts/${target?.postId ?? r.target_id}`,
            openReports: counts.get(r.target_id) ?? 1,
          },
        };
      });
      return { items, nextCursor: page.nextCursor };
    },

    /**
     * Resolves every open report on the reported target in one transaction. `remove` soft-deletes
     * the post or comment and tells its author; both decisions land in the audit log.
     */
    async resolve(moderatorId: string, reportId: string, input: ResolveReportBody): Promise<Report> {
      const report = await moderationRepository(db).findReport(reportId);
      if (!report) throw notFound('social.report_not_found', 'Report');
      const resolution = input.action === 'remove' ? 'removed' : 'dismissed';
      const note = input.note ?? ''; // trimmed by the body's schema
      return db.transaction().execute(async (trx) => {
        const resolved = await moderationRepository(trx).resolveTarget(report, { resolution, resolved_by: moderatorId, note });
        const mine = resolved.find((r) => r.id === reportId);
        if (!mine) throw new AppError('conflict', 'social.report_resolved', 'This report has already been resolved');
        const target = (await targetsOf(trx, [report])).get(report.target_id);
        const removing = resolution === 'removed' && target !== undefined && !target.deleted;
        let commentReports = 0;
        if (removing) {
          if (report.target_type === 'post') {
            await postsRepository(trx).softDelete(report.target_id);
            commentReports = await moderationRepository(trx).resolveCommentsOf(report.target_id, {
              resolution: 'removed',
              resolved_by: moderatorId,
              note: 'Its post was removed',
            });
          } else await engagementRepository(trx).softDeleteComment(report.target_id);
          if (target.authorId !== moderatorId) {
            await notify(deps, trx, {
              userId: target.authorId,
              kind: 'social.content_removed',
              title: `A moderator removed your ${report.target_type}`,
              body: note || 'It broke the community rules.',
              // A removed post has no page left; a removed comment's post still does.
              link: report.target_type === 'comment' ? `/posts/${target.postId}` : null,
            });
          }
        }
        await recordAudit(trx, {
          action: resolution === 'removed' ? 'social.report_removed' : 'social.report_dismissed',
          targetType: report.target_type,
          targetId: report.target_id,
          actorId: moderatorId,
          // The text itself stays on the soft-deleted row; the log says who wrote it and what happened.
          before: target ? { authorId: target.authorId, deleted: target.deleted } : undefined,
          after: { resolution, note, reports: resolved.map((r) => r.id), removed: removing, commentReports },
        });
        return presentReport(mine);
      });
    },
  };
}

export type ModerationService = ReturnType<typeof createModerationService>;
