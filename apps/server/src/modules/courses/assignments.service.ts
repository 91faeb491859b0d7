// Assignments: created by a course's editors with a due moment on the institution's clock, a late
// policy and an optional rubric; listed for learners with where their own work stands.
import type { Assignment, CreateAssignmentBody, Rubric, UpdateAssignmentBody } from '@edumatrix/contracts';
import { sql } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { z } from 'zod';
import { recordAudit } from '../../platform/audit/audit.ts';
import { type Db, rowsOf } from '../../platform/db/database.ts';
import { invalidField, notFound } from '../../platform/http/app-error.ts';
import type { TenantContext } from '../../platform/tenancy/tenancy.ts';
import { isoOrNull, zonedToUtc } from '../../platform/time/zoned.ts';
import { cancelReminder, scheduleReminder } from './assignment-reminders.ts';
import { coursesRepository } from './courses.repository.ts';
import type { CoursesService } from './courses.service.ts';

export type AssignmentRow = {
  id: string;
  course_id: string;
  title: string;
  instructions: string;
  due_date: string | null;
  due_time: string | null;
  due_at: Date | string | null;
  late_policy: Assignment['latePolicy'];
  late_penalty_percent: string;
  allow_text: boolean;
  allow_files: boolean;
  max_points: string;
  rubric: Rubric;
  peer_reviews: number;
  peer_reviews_assigned_at: Date | string | null;
  published: boolean;
  category_id: string | null;
  released_at: Date | string | null;
  created_at: Date | string;
  updated_at: Date | string;
};

const DAY_MS = 86_400_000;
export const assignmentNotFound = () => notFound('courses.assignment_not_found', 'Assignment');

/** Started days after the due moment: a minute late is one day late. */
export function lateDaysOf(dueAt: Date | string | null, submittedAt: Date): number {
  if (dueAt === null) return 0;
  const late = submittedAt.getTime() - new Date(dueAt).getTime();
  return late > 0 ? Math.ceil(late / DAY_MS) : 0;
}

/** The percent taken off for lateness under the assignment's policy, at most 100. */
export function penaltyOf(row: Pick<AssignmentRow, 'late_policy' | 'late_penalty_percent'>, lateDays: number): number {
  return row.late_policy === 'penalise' ? Math.min(100, lateDays * Number(row.late_penalty_percent)) : 0;
}

/** With a rubric, the most points are each criterion's best level summed. */
export const rubricMax = (rubric: Rubric) => rubric.reduce((sum, c) => sum + Math.max(...c.levels.map((l) => l.points)), 0);

/** Ids unique within the rubric and within each criterion, and at least one point to earn. */
function checkRubric(rubric: Rubric) {
  const criteria = new Set<string>();
  rubric.forEach((c, i) => {
    if (criteria.has(c.id)) throw invalidField('courses.rubric_duplicate', `rubric.${i}.id`, 'is used by another criterion');
    criteria.add(c.id);
    const levels = new Set<string>();
    c.levels.forEach((l, j) => {
      if (levels.has(l.id)) throw invalidField('courses.rubric_duplicate', `rubric.${i}.levels.${j}.id`, 'is used by another level');
      levels.add(l.id);
    });
  });
  if (rubric.length && rubricMax(rubric) <= 0) throw invalidField('courses.rubric_no_points', 'rubric', 'must have points to earn');
}

export function presentAssignment(row: AssignmentRow, timeZone: string): Omit<Assignment, 'mine' | 'stats'> {
  return {
    id: row.id,
    courseId: row.course_id,
    title: row.title,
    instructions: row.instructions,
    due: row.due_date && row.due_time ? { date: row.due_date, time: row.due_time } : null,
    dueAt: isoOrNull(row.due_at),
    timeZone,
    latePolicy: row.late_policy,
    latePenaltyPercent: Number(row.late_penalty_percent),
    allowText: row.allow_text,
    allowFiles: row.allow_files,
    maxPoints: Number(row.max_points),
    rubric: row.rubric,
    peerReviews: row.peer_reviews,
    published: row.published,
    categoryId: row.category_id,
    releasedAt: isoOrNull(row.released_at),
    createdAt: isoOrNull(row.created_at) as string,
    updatedAt: isoOrNull(row.updated_at) as string,
  };
}

const COLUMNS = sql`id, course_id, title, instructions, due_date::text as due_date, due_time, due_at, late_policy, late_penalty_percent,
  allow_text, allow_files, max_points, rubric, peer_reviews, peer_reviews_assigned_at, published, category_id, released_at, created_at,
  updated_at`;

export async function assignmentRow(db: Db, schema: string, courseId: string, assignmentId: string, lock = false) {
  const [row] = await rowsOf(
    db,
    sql<AssignmentRow>`select ${COLUMNS} from ${sql.table(`${schema}.assignments`)} where id = ${assignmentId} and course_id = ${courseId}
      ${lock ? sql`for update` : sql``}`,
  );
  if (!row) throw assignmentNotFound();
  return row;
}

export type AssignmentsDeps = {
  db: Db;
  courses: CoursesService;
  institution(id: string): Promise<{ timezone: string } | null>;
};
export type AssignmentsService = ReturnType<typeof createAssignmentsService>;

export function createAssignmentsService(deps: AssignmentsDeps) {
  const t = (tenant: TenantContext, name: string) => sql.table(`${tenant.schema}.${name}`);
  const zoneOf = async (tenant: TenantContext) => (await deps.institution(tenant.institutionId))?.timezone ?? 'UTC';

  /** The assignment if the caller may see it: editors any, enrolled learners published ones. */
  async function readable(tenant: TenantContext, userId: string, courseId: string, assignmentId: string) {
    const { canEdit, enrolled } = await deps.courses.visible(tenant, userId, courseId);
    const row = await assignmentRow(deps.db, tenant.schema, courseId, assignmentId);
    if (!canEdit && !row.published) throw assignmentNotFound();
    return { row, canEdit, enrolled };
  }

  async function withStanding(tenant: TenantContext, userId: string, rows: AssignmentRow[], canEdit: boolean): Promise<Assignment[]> {
    const zone = await zoneOf(tenant);
    if (!rows.length) return [];
    const ids = rows.map((r) => r.id);
    const courseId = rows[0]?.course_id as string;
    if (canEdit) {
      const learners = await coursesRepository(deps.db, tenant.schema).enrolledUserIds(courseId);
      const counts = await rowsOf(
        deps.db,
        sql<{
          id: string;
          user_id: string;
          graded: boolean;
        }>`select distinct s.assignment_id as id, s.user_id, (g.user_id is not null) as graded
          from ${t(tenant, 'assignment_submissions')} s
          left join ${t(tenant, 'assignment_grades')} g on g.assignment_id = s.assignment_id and g.user_id = s.user_id
          where s.assignment_id = any(${ids}::uuid[])`,
      );
      return rows.map((row) => {
        const mine = counts.filter((c) => c.id === row.id && learners.has(c.user_id));
        return {
          ...presentAssignment(row, zone),
          mine: null,
          stats: { learners: learners.size, submitted: mine.length, graded: mine.filter((c) => c.graded).length },
        };
      });
    }
    const latest = await rowsOf(
      deps.db,
      sql<{ id: string; submitted_at: Date | string; late_days: number; graded: boolean }>`select distinct on (s.assignment_id)
          s.assignment_id as id, s.submitted_at, s.late_days, (g.user_id is not null) as graded
        from ${t(tenant, 'assignment_submissions')} s
        left join ${t(tenant, 'assignment_grades')} g on g.assignment_id = s.assignment_id and g.user_id = s.user_id
        where s.assignment_id = any(${ids}::uuid[]) and s.user_id = ${userId}
        order by s.assignment_id, s.version desc`,
    );
    return rows.map((row) => {
      const own = latest.find((l) => l.id === row.id);
      const status = !own ? 'not_submitted' : own.graded && row.released_at ? 'graded' : 'submitted';
      return {
        ...presentAssignment(row, zone),
        mine: { status, submittedAt: own ? isoOrNull(own.submitted_at) : null, lateDays: own?.late_days ?? 0 },
        stats: null,
      };
    });
  }

  /** The due columns for a wall-clock due moment in the institution's zone. */
  async function dueColumns(tenant: TenantContext, due: { date: string; time: string } | null) {
    if (!due) return { due_date: null, due_time: null, due_at: null };
    return { due_date: due.date, due_time: due.time, due_at: zonedToUtc(due.date, due.time, await zoneOf(tenant)) };
  }

  async function checkCategory(tenant: TenantContext, courseId: string, categoryId: string | null | undefined) {
    if (!categoryId) return;
    const found = await rowsOf(
      deps.db,
      sql`select 1 from ${t(tenant, 'course_grade_categories')} where id = ${categoryId} and course_id = ${courseId}`,
    );
    if (!found.length) throw invalidField('courses.category_not_found', 'categoryId', 'is not a category of this course');
  }

  return {
    readable,

    async list(tenant: TenantContext, userId: string, courseId: string): Promise<Assignment[]> {
      const { canEdit } = await deps.courses.visible(tenant, userId, courseId);
      const rows = await rowsOf(
        deps.db,
        sql<AssignmentRow>`select ${COLUMNS} from ${t(tenant, 'assignments')} where course_id = ${courseId}
          ${canEdit ? sql`` : sql`and published`} order by due_at nulls last, created_at, id`,
      );
      return withStanding(tenant, userId, rows, canEdit);
    },

    async get(tenant: TenantContext, userId: string, courseId: string, assignmentId: string): Promise<Assignment> {
      const { row, canEdit } = await readable(tenant, userId, courseId, assignmentId);
      return (await withStanding(tenant, userId, [row], canEdit))[0] as Assignment;
    },

    async create(tenant: TenantContext, userId: string, courseId: string, input: CreateAssignmentBody): Promise<Assignment> {
      await deps.courses.editable(tenant, userId, courseId);
      // Parsed by the route, so the defaults are filled in.
      const body = input as z.output<typeof CreateAssignmentBody>;
      checkRubric(body.rubric);
      await checkCategory(tenant, courseId, body.categoryId);
      const id = uuidv7();
      const due = await dueColumns(tenant, body.due);
      await deps.db.transaction().execute(async (trx) => {
        await sql`insert into ${t(tenant, 'assignments')} (id, course_id, title, instructions, due_date, due_time, due_at, late_policy,
            late_penalty_percent, allow_text, allow_files, max_points, rubric, peer_reviews, published, category_id, created_by)
          values (${id}, ${courseId}, ${body.title}, ${body.instructions}, ${due.due_date}, ${due.due_time}, ${due.due_at}, ${body.latePolicy},
            ${body.latePenaltyPercent}, ${body.allowText}, ${body.allowFiles},
            ${body.rubric.length ? rubricMax(body.rubric) : body.maxPoints}, ${JSON.stringify(body.rubric)}::jsonb, ${body.peerReviews},
            ${body.published}, ${body.categoryId}, ${userId})`.execute(trx);
        await scheduleReminder(trx, tenant.institutionId, { id, published: body.published, due_at: due.due_at });
        await recordAudit(trx, {
          action: 'course.assignment_created',
          targetType: 'course',
          targetId: courseId,
          institutionId: tenant.institutionId,
          after: { assignmentId: id, title: body.title, due: body.due },
        });
      });
      return this.get(tenant, userId, courseId, id);
    },

    async update(tenant: TenantContext, userId: string, courseId: string, assignmentId: string, body: UpdateAssignmentBody) {
      await deps.courses.editable(tenant, userId, courseId);
      const before = await assignmentRow(deps.db, tenant.schema, courseId, assignmentId);
      if (body.rubric) checkRubric(body.rubric);
      await checkCategory(tenant, courseId, body.categoryId);
      const rubric = body.rubric ?? before.rubric;
      const due = body.due === undefined ? null : await dueColumns(tenant, body.due);
      await deps.db.transaction().execute(async (trx) => {
        const graded = await rowsOf(
          trx,
          sql`select 1 from ${t(tenant, 'assignment_grades')} where assignment_id = ${assignmentId} limit 1`,
        );
        // Grades point at rubric levels; changing the rubric under them would make them lie.
        if (body.rubric && graded.length && JSON.stringify(body.rubric) !== JSON.stringify(before.rubric))
          throw invalidField('courses.rubric_in_use', 'rubric', 'cannot change once submissions are graded');
        await sql`update ${t(tenant, 'assignments')} set
            title = ${body.title ?? before.title},
            instructions = ${body.instructions ?? before.instructions},
            due_date = ${due ? due.due_date : before.due_date}, due_time = ${due ? due.due_time : before.due_time},
            due_at = ${due ? due.due_at : before.due_at},
            late_policy = ${body.latePolicy ?? before.late_policy},
            late_penalty_percent = ${body.latePenaltyPercent ?? before.late_penalty_percent},
            allow_text = ${body.allowText ?? before.allow_text}, allow_files = ${body.allowFiles ?? before.allow_files},
            max_points = ${rubric.length ? rubricMax(rubric) : (body.maxPoints ?? before.max_points)},
            rubric = ${JSON.stringify(rubric)}::jsonb,
            peer_reviews = ${body.peerReviews ?? before.peer_reviews},
            published = ${body.published ?? before.published},
            category_id = ${body.categoryId === undefined ? before.category_id : body.categoryId},
            updated_at = now()
          where id = ${assignmentId}`.execute(trx);
        await scheduleReminder(trx, tenant.institutionId, {
          id: assignmentId,
          published: body.published ?? before.published,
          due_at: due ? due.due_at : before.due_at,
        });
        await recordAudit(trx, {
          action: 'course.assignment_updated',
          targetType: 'course',
          targetId: courseId,
          institutionId: tenant.institutionId,
          before: { assignmentId, title: before.title, due: before.due_date ? { date: before.due_date, time: before.due_time } : null },
          after: { assignmentId, ...body },
        });
      });
      return this.get(tenant, userId, courseId, assignmentId);
    },

    /** Deletes the assignment with its submissions; returns the stored files to remove. */
    async remove(tenant: TenantContext, userId: string, courseId: string, assignmentId: string): Promise<string[]> {
      await deps.courses.editable(tenant, userId, courseId);
      const row = await assignmentRow(deps.db, tenant.schema, courseId, assignmentId);
      return deps.db.transaction().execute(async (trx) => {
        const files = await rowsOf(
          trx,
          sql<{ file_key: string }>`select distinct file_key from ${t(tenant, 'assignment_submissions')}
            where assignment_id = ${assignmentId} and file_key is not null`,
        );
        await sql`delete from ${t(tenant, 'assignments')} where id = ${assignmentId}`.execute(trx);
        await cancelReminder(trx, assignmentId);
        await recordAudit(trx, {
          action: 'course.assignment_deleted',
          targetType: 'course',
          targetId: courseId,
          institutionId: tenant.institutionId,
          before: { assignmentId, title: row.title },
        });
        return files.map((f) => f.file_key);
      });
    },
  };
}
