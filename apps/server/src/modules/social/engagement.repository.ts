// SQL for comments, reactions and reports.
import type { Db } from '../../platform/db/database.ts';

export type CommentRow = {
  id: string;
  post_id: string;
  parent_id: string | null;
  author_id: string;
  body: string;
  /** User ids of the people mentioned, as resolved when the comment was written. */
  mentions: string[];
  created_at: Date | string;
  deleted_at: Date | string | null;
};

export type ReportRow = {
  id: string;
  target_type: 'post' | 'comment';
  target_id: string;
  reporter_id: string;
  reason: string;
  details: string;
  status: 'open' | 'resolved';
  resolution: 'dismissed' | 'removed' | null;
  resolved_by: string | null;
  resolved_at: Date | string | null;
  note: string;
  created_at: Date | string;
};

export function engagementRepository(db: Db) {
  return {
    async insertComment(row: Omit<CommentRow, 'created_at' | 'deleted_at'>): Promise<CommentRow> {
      return (await db
        .insertInto('social.comments')
        .values({ ...row, mentions: JSON.stringify(row.mentions) })
        .returningAll()
        .executeTakeFirstOrThrow()) as CommentRow;
    },
    async findComment(id: string): Promise<CommentRow | undefined> {
      return (await db.selectFrom('social.comments').selectAll().where('id', '=', id).executeTakeFirst()) as CommentRow | undefined;
    },
    /** Oldest first, so a thread reads top-down; replies sit in the same list with their parentId. */
    async listComments(postId: string, afterId: string | null, limit: number, hiddenAuthors: string[]): Promise<CommentRow[]> {
      let q = db
        .selectFrom('social.comments')
        .selectAll()
        .where('post_id', '=', postId)
        .orderBy('id', 'asc')
        .limit(limit + 1);
      if (afterId) q = q.where('id', '>', afterId);
      if (hiddenAuthors.length) q = q.where('author_id', 'not in', hiddenAuthors);
      return (await q.execute()) as CommentRow[];
    },
    async softDeleteComment(id: string) {
      await db.updateTable('social.comments').set({ deleted_at: new Date() }).where('id', '=', id).execute();
    },
    /** Inserts or changes the user's reaction; says which happened. */
    async react(row: {
      target_id: string;
      target_type: 'post' | 'comment';
      user_id: string;
      kind: string;
    }): Promise<'new' | 'changed' | 'same'> {
      const before = await db
        .selectFrom('social.reactions')
        .select('kind')
        .where('target_id', '=', row.target_id)
        .where('user_id', '=', row.user_id)
        .executeTakeFirst();
      if (before?.kind === row.kind) return 'same';
      await db
        .insertInto('social.reactions')
        .values(row)
        .onConflict((oc) => oc.columns(['target_id', 'user_id']).doUpdateSet({ kind: row.kind, created_at: new Date() }))
        .execute();
      return before ? 'changed' : 'new';
    },
    async unreact(targetId: string, userId: string) {
      await db.deleteFrom('social.reactions').where('target_id', '=', targetId).where('user_id', '=', userId).execute();
    },
    async reactionsOf(targetIds: string[], viewerId: string) {
      const counts = new Map<string, Record<string, number>>();
      const mine = new Map<string, string>();
      if (targetIds.length === 0) return { counts, mine };
      const rows = await db
        .selectFrom('social.reactions')
        .select(['target_id', 'kind', 'user_id'])
        .where('target_id', 'in', targetIds)
        .execute();
      for (const r of rows) {
        const c = counts.get(r.target_id) ?? {};
        c[r.kind] = (c[r.kind] ?? 0) + 1;
        counts.set(r.target_id, c);
        if (r.user_id === viewerId) mine.set(r.target_id, r.kind);
      }
      return { counts, mine };
    },
    async insertReport(
      row: Pick<ReportRow, 'id' | 'target_type' | 'target_id' | 'reporter_id' | 'reason' | 'details'>,
    ): Promise<ReportRow> {
      return (await db.insertInto('social.reports').values(row).returningAll().executeTakeFirstOrThrow()) as ReportRow;
    },
    async listOpenReports(beforeId: string | null, limit: number): Promise<ReportRow[]> {
      let q = db
        .selectFrom('social.reports')
        .selectAll()
        .where('status', '=', 'open')
        .orderBy('id', 'desc')
        .limit(limit + 1);
      if (beforeId) q = q.where('id', '<', beforeId);
      return (await q.execute()) as ReportRow[];
    },
  };
}
