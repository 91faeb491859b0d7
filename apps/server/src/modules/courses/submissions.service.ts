// Submissions to an assignment: every change is a new version (text and file carry over), open
// until the deadline; after it, only a learner who had not submitted may hand in late work, if the
// policy takes it, until it is graded. Editors grade by rubric or points with inline comments on
// the text; learners see grades once the assignment is released.
import type { Annotation, GradeSubmissionBody, Submission } from '@edumatrix/contracts';
import { sql } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { recordAudit } from '../../platform/audit/audit.ts';
import { type Db, rowsOf } from '../../platform/db/database.ts';
import type { EventPublisher } from '../../platform/events/outbox.ts';
import { AppError, forbidden, invalidField, notFound } from '../../platform/http/app-error.ts';
import type { Storage } from '../../platform/storage/storage.ts';
import type { TenantContext } from '../../platform/tenancy/tenancy.ts';
import { isoOf } from '../../platform/time/zoned.ts';
import { type AssignmentRow, type AssignmentsService, assignmentRow, lateDaysOf, penaltyOf } from './assignments.service.ts';
import { checkCourseFile } from './course-files.ts';
import { coursesRepository } from './courses.repository.ts';
import type { CoursesService } from './courses.service.ts';

type VersionRow = {
  user_id: string;
  version: number;
  text: string;
  file_key: string | null;
  file_name: string | null;
  file_type: string | null;
  file_size: number | null;
  late_days: number;
  submitted_at: Date | string;
};
type GradeRow = {
  user_id: string;
  version: number;
  rubric: Record<string, string>;
  points: string;
  penalty_percent: string;
  percent: string;
  feedback: string;
  annotations: Annotation[];
  graded_at: Date | string;
};

const round2 = (n: number) => Math.round(n * 100) / 100;

/** Why the learner may not (re)submit now, or null when they may. */
export function closedReason(row: AssignmentRow, latest: VersionRow | undefined, graded: boolean, now: Date): string | null {
  if (row.due_at === null || now.getTime() <= new Date(row.due_at).getTime()) return null;
  if (row.late_policy === 'refuse') return 'The deadline has passed and this assignment does not take late work';
  if (latest && latest.late_days === 0) return 'Resubmission closed at the deadline';
  if (graded) return 'This late submission has been graded';
  return null;
}

export type SubmissionsService = ReturnType<typeof createSubmissionsService>;

export function createSubmissionsService(deps: {
  db: Db;
  events: EventPublisher;
  storage: Storage;
  courses: CoursesService;
  assignments: AssignmentsService;
  displayNames(ids: string[]): Promise<Map<string, string>>;
}) {
  const t = (tenant: TenantContext, name: string) => sql.table(`${tenant.schema}.${name}`);

  async function load(db: Db, tenant: TenantContext, assignmentId: string, userIds: string[]) {
    const versions = await rowsOf(
      db,
      sql<VersionRow>`select user_id, version, text, file_key, file_name, file_type, file_size, late_days, submitted_at
        from ${t(tenant, 'assignment_submissions')} where assignment_id = ${assignmentId} and user_id = any(${userIds}::uuid[])
        order by version desc`,
    );
    const grades = await rowsOf(
      db,
      sql<GradeRow>`select user_id, version, rubric, points, penalty_percent, percent, feedback, annotations, graded_at
        from ${t(tenant, 'assignment_grades')} where assignment_id = ${assignmentId} and user_id = any(${userIds}::uuid[])`,
    );
    const reviews = await rowsOf(
      db,
      sql<{ author_id: string; comment: string; rubric: Record<string, string>; submitted_at: Date | string }>`
        select author_id, comment, rubric, submitted_at from ${t(tenant, 'assignment_peer_reviews')}
        where assignment_id = ${assignmentId} and author_id = any(${userIds}::uuid[]) and submitted_at is not null
        order by position, id`,
    );
    return { versions, grades, reviews };
  }

  function present(
    row: AssignmentRow,
    userId: string,
    name: string,
    data: Awaited<ReturnType<typeof load>>,
    asEditor: boolean,
  ): Submission {
    const versions = data.versions.filter((v) => v.user_id === userId);
    const latest = versions[0];
    const grade = data.grades.find((g) => g.user_id === userId);
    const shown = grade && (asEditor || row.released_at !== null);
    const reason = closedReason(row, latest, Boolean(grade), new Date());
    return {
      assignmentId: row.id,
      userId,
      displayName: name,
      status: !latest ? 'not_submitted' : shown ? 'graded' : 'submitted',
      version: latest?.version ?? 0,
      text: latest?.text ?? '',
      file:
        latest?.file_key && latest.file_name && latest.file_type
          ? { name: latest.file_name, type: latest.file_type, size: latest.file_size ?? 0 }
          : null,
      submittedAt: latest ? isoOf(latest.submitted_at) : null,
      lateDays: latest?.late_days ?? 0,
      history: versions.slice(1).map((v) => ({ version: v.version, submittedAt: isoOf(v.submitted_at), lateDays: v.late_days })),
      grade: shown
        ? {
            rubric: grade.rubric,
            points: Number(grade.points),
            maxPoints: Number(row.max_points),
            penaltyPercent: Number(grade.penalty_percent),
            percent: Number(grade.percent),
            feedback: grade.feedback,
            annotations: grade.annotations,
            version: grade.version,
            gradedAt: isoOf(grade.graded_at),
          }
        : null,
      canSubmit: reason === null,
      closedReason: reason,
      reviews:
        asEditor || row.released_at
          ? data.reviews
              .filter((r) => r.author_id === userId)
              .map((r) => ({ comment: r.comment, rubric: r.rubric, submittedAt: isoOf(r.submitted_at) }))
          : [],
    };
  }

  async function one(tenant: TenantContext, row: AssignmentRow, learnerId: string, asEditor: boolean) {
    const names = await deps.displayNames([learnerId]);
    return present(row, learnerId, names.get(learnerId) ?? '(deleted user)', await load(deps.db, tenant, row.id, [learnerId]), asEditor);
  }

  /** A learner's own assignment, if they are enrolled. */
  async function ownAssignment(tenant: TenantContext, userId: string, courseId: string, assignmentId: string) {
    const { row, enrolled } = await deps.assignments.readable(tenant, userId, courseId, assignmentId);
    if (!enrolled) throw forbidden('courses.not_enrolled', 'Enrol in the course to submit its assignments');
    return row;
  }

  async function submit(
    tenant: TenantContext,
    userId: string,
    row: AssignmentRow,
    change: { text: string } | { file: { key: string; name: string; type: string; size: number } },
  ) {
    await deps.db.transaction().execute(async (trx) => {
      // The row lock orders versions and makes the deadline check and the insert one step.
      const locked = await assignmentRow(trx, tenant.schema, row.course_id, row.id, true);
      const [latest] = (await load(trx, tenant, row.id, [userId])).versions;
      const graded = await rowsOf(
        trx,
        sql`select 1 from ${t(tenant, 'assignment_grades')} where assignment_id = ${row.id} and user_id = ${userId}`,
      );
      const now = new Date();
      const reason = closedReason(locked, latest, graded.length > 0, now);
      if (reason) throw new AppError('conflict', 'courses.submission_closed', reason);
      const file =
        'file' in change
          ? change.file
          : latest?.file_key
            ? { key: latest.file_key, name: latest.file_name, type: latest.file_type, size: latest.file_size }
            : null;
      const text = 'text' in change ? change.text : (latest?.text ?? '');
      const version = (latest?.version ?? 0) + 1;
      const lateDays = lateDaysOf(locked.due_at, now);
      await sql`insert into ${t(tenant, 'assignment_submissions')} (assignment_id, user_id, version, text, file_key, file_name, file_type,
          file_size, late_days, submitted_at)
        values (${row.id}, ${userId}, ${version}, ${text}, ${file?.key ?? null}, ${file?.name ?? null}, ${file?.type ?? null},
          ${file?.size ?? null}, ${lateDays}, ${now})`.execute(trx);
      await recordAudit(trx, {
        action: 'course.assignment_submitted',
        targetType: 'course',
        targetId: row.course_id,
        institutionId: tenant.institutionId,
        after: { assignmentId: row.id, version, lateDays, file: file?.name ?? null, textLength: text.length },
      });
    });
    return one(tenant, row, userId, false);
  }

  /** Points from the rubric levels (every criterion needs one) or the points given. */
  function pointsOf(row: AssignmentRow, body: Required<GradeSubmissionBody>) {
    const max = Number(row.max_points);
    if (!row.rubric.length) {
      if (body.points === null) throw invalidField('courses.points_required', 'points', 'is required');
      if (body.points > max) throw invalidField('courses.points_too_high', 'points', `must be at most ${max}`);
      return body.points;
    }
    const known = new Set(row.rubric.map((c) => c.id));
    for (const key of Object.keys(body.rubric))
      if (!known.has(key)) throw invalidField('courses.rubric_unknown', `rubric.${key}`, 'is not a criterion of the rubric');
    return row.rubric.reduce((sum, c) => {
      const level = c.levels.find((l) => l.id === body.rubric[c.id]);
      if (!level) throw invalidField('courses.rubric_level_required', `rubric.${c.id}`, `pick a level for "${c.title}"`);
      return sum + level.points;
    }, 0);
  }

  const gradeReady = (tenant: TenantContext, trx: Db, row: AssignmentRow, learnerId: string) =>
    deps.events.publish(trx, {
      type: 'notifications.notification_requested',
      key: learnerId,
      tenantId: tenant.institutionId,
      payload: {
        userId: learnerId,
        kind: 'courses.assignment_graded',
        title: `${row.title}: your grade and feedback are ready`,
        body: '',
        link: `/institutions/${tenant.institutionId}/courses/${row.course_id}/assignments/${row.id}`,
        institutionId: tenant.institutionId,
      },
    });

  return {
    async mine(tenant: TenantContext, userId: string, courseId: string, assignmentId: string): Promise<Submission> {
      return one(tenant, await ownAssignment(tenant, userId, courseId, assignmentId), userId, false);
    },

    async submitText(tenant: TenantContext, userId: string, courseId: string, assignmentId: string, text: string) {
      const row = await ownAssignment(tenant, userId, courseId, assignmentId);
      if (!row.allow_text) throw invalidField('courses.text_not_accepted', 'text', 'is not accepted: this assignment takes files');
      return submit(tenant, userId, row, { text });
    },

    async submitFile(
      tenant: TenantContext,
      userId: string,
      courseId: string,
      assignmentId: string,
      body: Buffer,
      type: string,
      name: string,
    ) {
      const row = await ownAssignment(tenant, userId, courseId, assignmentId);
      if (!row.allow_files) throw invalidField('courses.files_not_accepted', 'file', 'is not accepted: this assignment takes text');
      checkCourseFile(body, type);
      const key = `assignments/${tenant.institutionId}/${assignmentId}/${userId}/${uuidv7()}`;
      await deps.storage.put(key, body, type);
      try {
        return await submit(tenant, userId, row, { file: { key, name, type, size: body.length } });
      } catch (err) {
        await deps.storage.delete(key);
        throw err;
      }
    },

    /** Every enrolled learner (and anyone else who submitted), by name. */
    async list(tenant: TenantContext, userId: string, courseId: string, assignmentId: string): Promise<Submission[]> {
      await deps.courses.editable(tenant, userId, courseId);
      const row = await assignmentRow(deps.db, tenant.schema, courseId, assignmentId);
      const enrolled = await coursesRepository(deps.db, tenant.schema).enrolledUserIds(courseId);
      const submitters = await rowsOf(
        deps.db,
        sql<{ user_id: string }>`select distinct user_id from ${t(tenant, 'assignment_submissions')} where assignment_id = ${assignmentId}`,
      );
      const ids = [...new Set([...enrolled, ...submitters.map((s) => s.user_id)])];
      const names = await deps.displayNames(ids);
      const data = await load(deps.db, tenant, assignmentId, ids);
      return ids
        .map((id) => present(row, id, names.get(id) ?? '(deleted user)', data, true))
        .sort((a, b) => a.displayName.localeCompare(b.displayName) || a.userId.localeCompare(b.userId));
    },

    /** One learner's submission: their own, or any for the course's editors. */
    async of(tenant: TenantContext, userId: string, courseId: string, assignmentId: string, learnerId: string): Promise<Submission> {
      const { row, canEdit } = await deps.assignments.readable(tenant, userId, courseId, assignmentId);
      if (!canEdit && learnerId !== userId) throw notFound('courses.submission_not_found', 'Submission');
      return one(tenant, row, learnerId, canEdit);
    },

    /** The file of a learner's latest version. */
    async file(tenant: TenantContext, userId: string, courseId: string, assignmentId: string, learnerId: string) {
      const { canEdit } = await deps.assignments.readable(tenant, userId, courseId, assignmentId);
      if (!canEdit && learnerId !== userId) throw notFound('courses.submission_not_found', 'Submission');
      const [latest] = (await load(deps.db, tenant, assignmentId, [learnerId])).versions;
      if (!latest?.file_key || !latest.file_name || !latest.file_type) throw notFound('courses.file_not_found', 'File');
      const stored = await deps.storage.get(latest.file_key);
      if (!stored) throw notFound('courses.file_not_found', 'File');
      return { bytes: stored.bytes, name: latest.file_name, type: latest.file_type };
    },

    async grade(
      tenant: TenantContext,
      userId: string,
      courseId: string,
      assignmentId: string,
      learnerId: string,
      input: GradeSubmissionBody,
    ): Promise<Submission> {
      await deps.courses.editable(tenant, userId, courseId);
      const body = input as Required<GradeSubmissionBody>;
      const row = await assignmentRow(deps.db, tenant.schema, courseId, assignmentId);
      const [latest] = (await load(deps.db, tenant, assignmentId, [learnerId])).versions;
      if (!latest) throw new AppError('conflict', 'courses.not_submitted', 'There is nothing to grade: this learner has not submitted');
      const points = pointsOf(row, body);
      body.annotations.forEach((a, i) => {
        if (a.end > latest.text.length || a.start >= a.end)
          throw invalidField(
            'courses.annotation_out_of_text',
            `annotations.${i}.end`,
            `must mark text within the ${latest.text.length} characters`,
          );
      });
      const penalty = penaltyOf(row, latest.late_days);
      const percent = round2((100 * points * (1 - penalty / 100)) / Number(row.max_points));
      await deps.db.transaction().execute(async (trx) => {
        await sql`insert into ${t(tenant, 'assignment_grades')} (assignment_id, user_id, version, rubric, points, penalty_percent, percent,
            feedback, annotations, graded_by)
          values (${assignmentId}, ${learnerId}, ${latest.version}, ${JSON.stringify(body.rubric)}::jsonb, ${points}, ${penalty}, ${percent},
            ${body.feedback}, ${JSON.stringify(body.annotations)}::jsonb, ${userId})
          on conflict (assignment_id, user_id) do update set version = excluded.version, rubric = excluded.rubric, points = excluded.points,
            penalty_percent = excluded.penalty_percent, percent = excluded.percent, feedback = excluded.feedback,
            annotations = excluded.annotations, graded_by = excluded.graded_by, graded_at = now()`.execute(trx);
        await recordAudit(trx, {
          action: 'course.assignment_graded',
          targetType: 'course',
          targetId: courseId,
          institutionId: tenant.institutionId,
          after: { assignmentId, userId: learnerId, version: latest.version, points, penalty, percent },
        });
        if (row.released_at) await gradeReady(tenant, trx, row, learnerId);
      });
      return one(tenant, row, learnerId, true);
    },

    /** Shows every grade to its learner (and later ones as they are given), each told once. */
    async release(tenant: TenantContext, userId: string, courseId: string, assignmentId: string) {
      await deps.courses.editable(tenant, userId, courseId);
      await deps.db.transaction().execute(async (trx) => {
        const row = await assignmentRow(trx, tenant.schema, courseId, assignmentId, true);
        if (row.released_at) return;
        await sql`update ${t(tenant, 'assignments')} set released_at = now() where id = ${assignmentId}`.execute(trx);
        const graded = await rowsOf(
          trx,
          sql<{ user_id: string }>`select user_id from ${t(tenant, 'assignment_grades')} where assignment_id = ${assignmentId}`,
        );
        for (const g of graded) await gradeReady(tenant, trx, row, g.user_id);
        await recordAudit(trx, {
          action: 'course.assignment_released',
          targetType: 'course',
          targetId: courseId,
          institutionId: tenant.institutionId,
          after: { assignmentId, graded: graded.length },
        });
      });
      return deps.assignments.get(tenant, userId, courseId, assignmentId);
    },
  };
}
