// Anonymous peer review: once the deadline passes, everyone who submitted is given `peer_reviews`
// classmates' work to review (a stable shuffle, then each reviews the next N in the ring, so each
// piece of work gets N reviews and nobody reviews their own). Authors see the reviews, without
// names, once grades are released; editors see everything.
import { createHash } from 'node:crypto';
import type { PeerReviewBody, PeerReviews, ReviewTask } from '@edumatrix/contracts';
import { sql } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { type Db, rowsOf } from '../../platform/db/database.ts';
import { forbidden, invalidField, notFound } from '../../platform/http/app-error.ts';
import type { Storage } from '../../platform/storage/storage.ts';
import type { TenantContext } from '../../platform/tenancy/tenancy.ts';
import { isoOrNull } from '../../platform/time/zoned.ts';
import { type AssignmentRow, type AssignmentsService, assignmentRow } from './assignments.service.ts';

type ReviewRow = {
  id: string;
  reviewer_id: string;
  author_id: string;
  position: number;
  comment: string | null;
  rubric: Record<string, string>;
  submitted_at: Date | string | null;
};

/** Pairs each of `people` with the next `count` in a ring (count capped so nobody reviews themself). */
export function reviewRing(people: string[], count: number): { reviewer: string; author: string; position: number }[] {
  const n = Math.min(count, people.length - 1);
  return people.flatMap((reviewer, i) =>
    Array.from({ length: Math.max(0, n) }, (_, k) => ({
      reviewer,
      author: people[(i + k + 1) % people.length] as string,
      position: k + 1,
    })),
  );
}

const reviewNotFound = () => notFound('courses.review_not_found', 'Review');

export type PeerReviewsService = ReturnType<typeof createPeerReviewsService>;

export function createPeerReviewsService(deps: {
  db: Db;
  storage: Storage;
  assignments: AssignmentsService;
  displayNames(ids: string[]): Promise<Map<string, string>>;
}) {
  const t = (tenant: TenantContext, name: string) => sql.table(`${tenant.schema}.${name}`);
  const pastDue = (row: AssignmentRow) => row.due_at !== null && Date.now() > new Date(row.due_at).getTime();

  /** Hands out the reviews once, the first time anyone looks after the deadline. */
  async function allocate(tenant: TenantContext, row: AssignmentRow) {
    if (!row.peer_reviews || row.peer_reviews_assigned_at || !pastDue(row)) return;
    await deps.db.transaction().execute(async (trx) => {
      const locked = await assignmentRow(trx, tenant.schema, row.course_id, row.id, true);
      if (locked.peer_reviews_assigned_at) return;
      const submitters = await rowsOf(
        trx,
        sql<{ user_id: string }>`select distinct user_id from ${t(tenant, 'assignment_submissions')} where assignment_id = ${row.id}`,
      );
      // Shuffled by a hash of the assignment and person: fair, and the same on every server.
      const order = (id: string) => createHash('sha256').update(`${row.id}/${id}`).digest('hex');
      const people = submitters.map((s) => s.user_id).sort((a, b) => order(a).localeCompare(order(b)));
      for (const pair of reviewRing(people, locked.peer_reviews)) {
        await sql`insert into ${t(tenant, 'assignment_peer_reviews')} (id, assignment_id, reviewer_id, author_id, position)
          values (${uuidv7()}, ${row.id}, ${pair.reviewer}, ${pair.author}, ${pair.position}) on conflict do nothing`.execute(trx);
      }
      await sql`update ${t(tenant, 'assignments')} set peer_reviews_assigned_at = now() where id = ${row.id}`.execute(trx);
    });
  }

  const reviewsOf = (tenant: TenantContext, assignmentId: string) =>
    rowsOf(
      deps.db,
      sql<ReviewRow>`select id, reviewer_id, author_id, position, comment, rubric, submitted_at
        from ${t(tenant, 'assignment_peer_reviews')} where assignment_id = ${assignmentId} order by reviewer_id, position`,
    );

  async function latestOf(tenant: TenantContext, assignmentId: string, authorIds: string[]) {
    return rowsOf(
      deps.db,
      sql<{
        user_id: string;
        text: string;
        file_key: string | null;
        file_name: string | null;
        file_type: string | null;
        file_size: number | null;
      }>`
        select distinct on (user_id) user_id, text, file_key, file_name, file_type, file_size from ${t(tenant, 'assignment_submissions')}
        where assignment_id = ${assignmentId} and user_id = any(${authorIds}::uuid[]) order by user_id, version desc`,
    );
  }

  async function taskOf(tenant: TenantContext, userId: string, courseId: string, assignmentId: string, reviewId: string) {
    const { row, enrolled } = await deps.assignments.readable(tenant, userId, courseId, assignmentId);
    if (!enrolled) throw forbidden('courses.not_enrolled', 'Enrol in the course to review its assignments');
    const review = (await reviewsOf(tenant, assignmentId)).find((r) => r.id === reviewId && r.reviewer_id === userId);
    if (!review) throw reviewNotFound();
    return { row, review };
  }

  function presentTask(review: ReviewRow, work: Awaited<ReturnType<typeof latestOf>>[number] | undefined): ReviewTask {
    return {
      id: review.id,
      label: `Submission ${review.position}`,
      text: work?.text ?? '',
      file:
        work?.file_key && work.file_name && work.file_type
          ? { name: work.file_name, type: work.file_type, size: work.file_size ?? 0 }
          : null,
      comment: review.comment,
      rubric: review.rubric,
      submittedAt: isoOrNull(review.submitted_at),
    };
  }

  return {
    async get(tenant: TenantContext, userId: string, courseId: string, assignmentId: string): Promise<PeerReviews> {
      const { row, canEdit } = await deps.assignments.readable(tenant, userId, courseId, assignmentId);
      if (!row.peer_reviews) return { open: false, tasks: [], all: [] };
      await allocate(tenant, row);
      const reviews = await reviewsOf(tenant, assignmentId);
      const open = reviews.length > 0;
      if (canEdit) {
        const names = await deps.displayNames([...new Set(reviews.flatMap((r) => [r.reviewer_id, r.author_id]))]);
        const name = (id: string) => names.get(id) ?? '(deleted user)';
        return {
          open,
          tasks: [],
          all: reviews.map((r) => ({
            id: r.id,
            reviewerId: r.reviewer_id,
            reviewerName: name(r.reviewer_id),
            authorId: r.author_id,
            authorName: name(r.author_id),
            comment: r.comment,
            submittedAt: isoOrNull(r.submitted_at),
          })),
        };
      }
      const mine = reviews.filter((r) => r.reviewer_id === userId);
      const work = await latestOf(
        tenant,
        assignmentId,
        mine.map((r) => r.author_id),
      );
      return {
        open,
        tasks: mine.map((r) =>
          presentTask(
            r,
            work.find((w) => w.user_id === r.author_id),
          ),
        ),
        all: [],
      };
    },

    async submit(tenant: TenantContext, userId: string, courseId: string, assignmentId: string, reviewId: string, input: PeerReviewBody) {
      const { row, review } = await taskOf(tenant, userId, courseId, assignmentId, reviewId);
      const rubric = input.rubric ?? {};
      for (const [criterionId, levelId] of Object.entries(rubric)) {
        const criterion = row.rubric.find((c) => c.id === criterionId);
        if (!criterion) throw invalidField('courses.rubric_unknown', `rubric.${criterionId}`, 'is not a criterion of the rubric');
        if (!criterion.levels.some((l) => l.id === levelId))
          throw invalidField('courses.rubric_unknown', `rubric.${criterionId}`, `is not a level of "${criterion.title}"`);
      }
      await sql`update ${t(tenant, 'assignment_peer_reviews')} set comment = ${input.comment}, rubric = ${JSON.stringify(rubric)}::jsonb,
          submitted_at = now() where id = ${reviewId}`.execute(deps.db);
      const [work] = await latestOf(tenant, assignmentId, [review.author_id]);
      return presentTask({ ...review, comment: input.comment, rubric, submitted_at: new Date() }, work);
    },

    /** The file of the work under review. */
    async file(tenant: TenantContext, userId: string, courseId: string, assignmentId: string, reviewId: string) {
      const { review } = await taskOf(tenant, userId, courseId, assignmentId, reviewId);
      const [work] = await latestOf(tenant, assignmentId, [review.author_id]);
      const stored = work?.file_key ? await deps.storage.get(work.file_key) : null;
      if (!stored || !work?.file_name || !work.file_type) throw notFound('courses.file_not_found', 'File');
      return { bytes: stored.bytes, name: work.file_name, type: work.file_type };
    },
  };
}
