// A course's gradebook: each enrolled learner's result per quiz (by the quiz's own scoring rule)
// and per assignment (its graded percent, after any late penalty), weighted categories, and
// overrides that always carry a reason. Exported as CSV, and released to the Hub's grades.
import type {
  CourseGradebook,
  CourseGradesRelease,
  GradeOverrideBody,
  Quiz,
  ReleaseCourseGradesBody,
  SetGradebookCategoriesBody,
} from '@edumatrix/contracts';
import { sql } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { recordAudit } from '../../platform/audit/audit.ts';
import { type Db, rowsOf } from '../../platform/db/database.ts';
import type { EventPublisher } from '../../platform/events/outbox.ts';
import { AppError, invalidField, notFound } from '../../platform/http/app-error.ts';
import type { TenantContext } from '../../platform/tenancy/tenancy.ts';
import { coursesRepository } from './courses.repository.ts';
import type { CoursesService } from './courses.service.ts';
import { countingScore } from './quizzes.service.ts';

type Cell = { percent: number | null; overridden: boolean; reason: string | null };
const round = (n: number) => Math.round(n * 10) / 10;

/** The weighted total over categories that have a result; items in no category are one category of weight 1. */
export function weightedTotal(
  categories: { id: string; weight: number }[],
  items: { categoryId: string | null; percent: number | null }[],
) {
  const groups = [...categories.map((c) => ({ id: c.id as string | null, weight: c.weight })), { id: null, weight: 1 }];
  let sum = 0;
  let weights = 0;
  for (const g of groups) {
    const values = items.filter((i) => i.categoryId === g.id && i.percent !== null).map((i) => i.percent as number);
    if (!values.length || g.weight === 0) continue;
    sum += g.weight * (values.reduce((a, b) => a + b, 0) / values.length);
    weights += g.weight;
  }
  return weights ? round(sum / weights) : null;
}

/** A CSV field: quoted when it holds a comma, quote or line break; formula-looking text defused. */
const csvField = (value: string) => {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
};

export type GradebookService = ReturnType<typeof createGradebookService>;

export function createGradebookService(deps: {
  db: Db;
  events: EventPublisher;
  courses: CoursesService;
  displayNames(ids: string[]): Promise<Map<string, string>>;
}) {
  const t = (tenant: TenantContext, name: string) => sql.table(`${tenant.schema}.${name}`);

  async function categoriesOf(db: Db, tenant: TenantContext, courseId: string) {
    return (
      await rowsOf(
        db,
        sql<{ id: string; name: string; weight: string }>`select id, name, weight from ${t(tenant, 'course_grade_categories')}
          where course_id = ${courseId} order by position, id`,
      )
    ).map((c) => ({ id: c.id, name: c.name, weight: Number(c.weight) }));
  }

  async function build(tenant: TenantContext, courseId: string): Promise<CourseGradebook> {
    const categories = await categoriesOf(deps.db, tenant, courseId);
    const quizzes = await rowsOf(
      deps.db,
      sql<{ id: string; title: string; scoring: Quiz['scoring']; category_id: string | null }>`select id, title, scoring, category_id
        from ${t(tenant, 'quizzes')} where course_id = ${courseId} and published order by created_at, id`,
    );
    const attempts = await rowsOf(
      deps.db,
      sql<{ quiz_id: string; user_id: string; score: string; max_score: string }>`select a.quiz_id, a.user_id, a.score, a.max_score
        from ${t(tenant, 'quiz_attempts')} a join ${t(tenant, 'quizzes')} q on q.id = a.quiz_id
        where q.course_id = ${courseId} and a.submitted_at is not null order by a.number`,
    );
    const assignments = await rowsOf(
      deps.db,
      sql<{ id: string; title: string; category_id: string | null }>`select id, title, category_id
        from ${t(tenant, 'assignments')} where course_id = ${courseId} and published order by due_at nulls last, created_at, id`,
    );
    const assignmentGrades = await rowsOf(
      deps.db,
      sql<{ assignment_id: string; user_id: string; percent: string }>`select g.assignment_id, g.user_id, g.percent
        from ${t(tenant, 'assignment_grades')} g join ${t(tenant, 'assignments')} a on a.id = g.assignment_id
        where a.course_id = ${courseId}`,
    );
    const [release] = await rowsOf(
      deps.db,
      sql<{ term_id: string; weight: string; learners: number; released_at: Date | string }>`select term_id, weight, learners, released_at
        from ${t(tenant, 'course_grade_releases')} where course_id = ${courseId}`,
    );
    const overrides = await rowsOf(
      deps.db,
      sql<{ user_id: string; item: string; percent: string; reason: string }>`select user_id, item, percent, reason
        from ${t(tenant, 'course_grade_overrides')} where course_id = ${courseId}`,
    );
    const learners = [...(await coursesRepository(deps.db, tenant.schema).enrolledUserIds(courseId))];
    const names = await deps.displayNames(learners);
    const overrideOf = (userId: string, item: string) => overrides.find((o) => o.user_id === userId && o.item === item);

    const rows = learners.map((userId) => {
      const items: Record<string, Cell> = {};
      for (const quiz of quizzes) {
        const over = overrideOf(userId, quiz.id);
        const shares = attempts
          .filter((a) => a.quiz_id === quiz.id && a.user_id === userId)
          .map((a) => (Number(a.max_score) > 0 ? (100 * Number(a.score)) / Number(a.max_score) : 0));
        const computed = countingScore(quiz.scoring, shares);
        items[quiz.id] = over
          ? { percent: Number(over.percent), overridden: true, reason: over.reason }
          : { percent: computed === null ? null : round(computed), overridden: false, reason: null };
      }
      for (const assignment of assignments) {
        const over = overrideOf(userId, assignment.id);
        const graded = assignmentGrades.find((g) => g.assignment_id === assignment.id && g.user_id === userId);
        items[assignment.id] = over
          ? { percent: Number(over.percent), overridden: true, reason: over.reason }
          : { percent: graded ? round(Number(graded.percent)) : null, overridden: false, reason: null };
      }
      const all = [...quizzes, ...assignments];
      const courseOver = overrideOf(userId, 'course');
      const total: Cell = courseOver
        ? { percent: Number(courseOver.percent), overridden: true, reason: courseOver.reason }
        : {
            percent: weightedTotal(
              categories,
              all.map((item) => ({ categoryId: item.category_id, percent: items[item.id]?.percent ?? null })),
            ),
            overridden: false,
            reason: null,
          };
      return { userId, displayName: names.get(userId) ?? '(deleted user)', items, total };
    });
    rows.sort((a, b) => a.displayName.localeCompare(b.displayName) || a.userId.localeCompare(b.userId));
    return {
      categories,
      items: [
        ...quizzes.map((q) => ({ id: q.id, title: q.title, kind: 'quiz' as const, categoryId: q.category_id })),
        ...assignments.map((a) => ({ id: a.id, title: a.title, kind: 'assignment' as const, categoryId: a.category_id })),
      ],
      lastRelease: release
        ? {
            termId: release.term_id,
            weight: Number(release.weight),
            learners: release.learners,
            releasedAt: new Date(release.released_at).toISOString(),
          }
        : null,
      rows,
    };
  }

  return {
    async get(tenant: TenantContext, userId: string, courseId: string): Promise<CourseGradebook> {
      await deps.courses.editable(tenant, userId, courseId);
      return build(tenant, courseId);
    },

    async csv(tenant: TenantContext, userId: string, courseId: string): Promise<string> {
      await deps.courses.editable(tenant, userId, courseId);
      const book = await build(tenant, courseId);
      const cell = (c: Cell | undefined) => (c?.percent === null || c?.percent === undefined ? '' : String(c.percent));
      const lines = [
        ['Learner', ...book.items.map((i) => i.title), 'Course total'].map(csvField).join(','),
        ...book.rows.map((r) => [r.displayName, ...book.items.map((i) => cell(r.items[i.id])), cell(r.total)].map(csvField).join(',')),
      ];
      return `${lines.join('\r\n')}\r\n`;
    },

    async setCategories(tenant: TenantContext, userId: string, courseId: string, body: SetGradebookCategoriesBody) {
      await deps.courses.editable(tenant, userId, courseId);
      const current = await categoriesOf(deps.db, tenant, courseId);
      const known = new Set(current.map((c) => c.id));
      body.categories.forEach((c, i) => {
        if (c.id && !known.has(c.id))
          throw invalidField('courses.category_not_found', `categories.${i}.id`, 'is not a category of this course');
      });
      await deps.db.transaction().execute(async (trx) => {
        const keep = body.categories.map((c) => c.id).filter((id): id is string => Boolean(id));
        await sql`delete from ${t(tenant, 'course_grade_categories')} where course_id = ${courseId} and not (id = any(${keep}::uuid[]))`.execute(
          trx,
        );
        for (const [position, c] of body.categories.entries()) {
          await sql`insert into ${t(tenant, 'course_grade_categories')} (id, course_id, name, weight, position)
            values (${c.id ?? uuidv7()}, ${courseId}, ${c.name}, ${c.weight}, ${position})
            on conflict (id) do update set name = excluded.name, weight = excluded.weight, position = excluded.position`.execute(trx);
        }
        await recordAudit(trx, {
          action: 'course.gradebook_categories_set',
          targetType: 'course',
          targetId: courseId,
          institutionId: tenant.institutionId,
          before: { categories: current },
          after: { categories: body.categories },
        });
      });
      return build(tenant, courseId);
    },

    async override(tenant: TenantContext, userId: string, courseId: string, learnerId: string, body: GradeOverrideBody) {
      await deps.courses.editable(tenant, userId, courseId);
      if (!(await coursesRepository(deps.db, tenant.schema).enrolledUserIds(courseId)).has(learnerId))
        throw notFound('courses.not_enrolled', 'Enrolment');
      if (body.item !== 'course') {
        const item = await rowsOf(
          deps.db,
          sql`select 1 from ${t(tenant, 'quizzes')} where id = ${body.item} and course_id = ${courseId}
            union all select 1 from ${t(tenant, 'assignments')} where id = ${body.item} and course_id = ${courseId}`,
        );
        if (!item.length) throw invalidField('courses.item_not_found', 'item', 'is not a quiz or assignment of this course');
      }
      await deps.db.transaction().execute(async (trx) => {
        if (body.percent === null) {
          await sql`delete from ${t(tenant, 'course_grade_overrides')} where course_id = ${courseId} and user_id = ${learnerId}
            and item = ${body.item}`.execute(trx);
        } else {
          await sql`insert into ${t(tenant, 'course_grade_overrides')} (course_id, user_id, item, percent, reason, set_by)
            values (${courseId}, ${learnerId}, ${body.item}, ${body.percent}, ${body.reason ?? ''}, ${userId})
            on conflict (course_id, user_id, item) do update set percent = excluded.percent, reason = excluded.reason,
              set_by = excluded.set_by, set_at = now()`.execute(trx);
        }
        await recordAudit(trx, {
          action: body.percent === null ? 'course.grade_override_cleared' : 'course.grade_overridden',
          targetType: 'course',
          targetId: courseId,
          institutionId: tenant.institutionId,
          after: { userId: learnerId, item: body.item, percent: body.percent, reason: body.reason ?? '' },
        });
      });
      return build(tenant, courseId);
    },

    /** Sends each learner's course total to the Hub: one assessment per class of the course, for the term. */
    async release(tenant: TenantContext, userId: string, courseId: string, input: ReleaseCourseGradesBody): Promise<CourseGradesRelease> {
      const course = await deps.courses.editable(tenant, userId, courseId);
      const weight = input.weight ?? 1;
      if (!course.subject_id)
        throw invalidField('courses.subject_required', 'subjectId', 'must be set on the course before its grades go to the Hub');
      const term = await rowsOf(deps.db, sql`select 1 from ${t(tenant, 'terms')} where id = ${input.termId}`);
      if (!term.length) throw invalidField('courses.term_not_found', 'termId', 'does not match a term');
      if (!course.class_ids.length)
        throw new AppError('conflict', 'courses.no_classes', 'Enrol a class in the course first: Hub grades are kept per class');
      const book = await build(tenant, courseId);
      const grades = book.rows.flatMap((r) => (r.total.percent === null ? [] : [{ userId: r.userId, percent: r.total.percent }]));
      const releasedAt = new Date();
      await deps.db.transaction().execute(async (trx) => {
        await sql`insert into ${t(tenant, 'course_grade_releases')} (course_id, term_id, weight, learners, released_by, released_at)
          values (${courseId}, ${input.termId}, ${weight}, ${grades.length}, ${userId}, ${releasedAt})
          on conflict (course_id) do update set term_id = excluded.term_id, weight = excluded.weight, learners = excluded.learners,
            released_by = excluded.released_by, released_at = excluded.released_at`.execute(trx);
        await deps.events.publish(trx, {
          type: 'courses.grades_released',
          key: courseId,
          tenantId: tenant.institutionId,
          payload: {
            institutionId: tenant.institutionId,
            courseId,
            courseTitle: course.title,
            subjectId: course.subject_id as string,
            termId: input.termId,
            weight,
            classIds: course.class_ids,
            grades,
            releasedBy: userId,
          },
        });
        await recordAudit(trx, {
          action: 'course.grades_released',
          targetType: 'course',
          targetId: courseId,
          institutionId: tenant.institutionId,
          after: { termId: input.termId, weight, learners: grades.length, classIds: course.class_ids },
        });
      });
      return { termId: input.termId, weight, learners: grades.length, classIds: course.class_ids, releasedAt: releasedAt.toISOString() };
    },
  };
}
