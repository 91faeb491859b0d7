// SQL for the moderation queue: reading reports with their targets, and one decision per target.
import type { Db } from '../../platform/db/database.ts';
import type { CommentRow, ReportRow } from './engagement.repository.ts';

export function moderationRepository(db: Db) {
  return {
    async findReport(id: string): Promise<ReportRow | undefined> {
      return (await db.selectFrom('social.reports').selectAll().where('id', '=', id).executeTakeFirst()) as ReportRow | undefined;
    },
    async findComments(ids: string[]): Promise<CommentRow[]> {
      if (ids.length === 0) return [];
      return (await db.selectFrom('social.comments').selectAll().where('id', 'in', ids).execute()) as CommentRow[];
    },
    /** Open reports per target (served by the partial unique index on open reports). */
    async openCounts(targetIds: string[]): Promise<Map<string, number>> {
      if (targetIds.length === 0) return new Map();
      const rows = await db
        .selectFrom('social.reports')
        .select(['target_id', (eb) => eb.fn.countAll<number>().as('n')])
        .where('status', '=', 'open')
        .where('target_id', 'in', targetIds)
        .groupBy('target_id')
        .execute();
      return new Map(rows.map((r) => [r.target_id as string, Number(r.n)]));
    },
    /**
     * Resolves every open report on the report's target in one statement. A concurrent decision on
     * the same target locks these rows first; this one then finds them resolved and returns none of
     * them, so the caller can tell that it lost (one decision per target).
     */
    async resolveTarget(
      report: Pick<ReportRow, 'target_id'>,
      decision: { resolution: 'dismissed' | 'removed'; resolved_by: string; note: string },
    ): Promise<ReportRow[]> {
      return (await db
        .updateTable('social.reports')
        .set({ ...decision, status: 'resolved', resolved_at: new Date() })
        .where('target_id', '=', report.target_id)
        .where('status', '=', 'open')
        .returningAll()
        .execute()) as ReportRow[];
    },
    /** Closes the open reports on a removed post's comments: they went with it. */
    async resolveCommentsOf(postId: string, decision: { resolution: 'removed'; resolved_by: string; note: string }): Promise<number> {
      const result = await db
        .updateTable('social.reports')
        .set({ ...decision, status: 'resolved', resolved_at: new Date() })
        .where('status', '=', 'open')
        .where('target_type', '=', 'comment')
        .where('target_id', 'in', db.selectFrom('social.comments').select('id').where('post_id', '=', postId))
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
  };
}
