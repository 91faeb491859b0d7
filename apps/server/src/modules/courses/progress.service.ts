// Learners' progress: time spent and completion per lesson, rolled up per module and course, and
// where to continue. Completing a lesson, and then a whole course, publishes an event once.
import type { CourseProgress, CourseProgressSummary, RecordProgressBody } from '@edumatrix/contracts';
import { sql } from 'kysely';
import { type Db, rowsOf } from '../../platform/db/database.ts';
import type { EventPublisher } from '../../platform/events/outbox.ts';
import { AppError, forbidden, notFound } from '../../platform/http/app-error.ts';
import type { TenantContext } from '../../platform/tenancy/tenancy.ts';
import { coursesRepository, type LessonRow, type ModuleRow } from './courses.repository.ts';
import type { CoursesService } from './courses.service.ts';
import { type LockState, lockStateOf } from './paths.service.ts';

type ProgressRow = { lesson_id: string; user_id: string; seconds_spent: number; last_viewed_at: Date; completed_at: Date | null };

export type ProgressDeps = {
  db: Db;
  events: EventPublisher;
  courses: CoursesService;
  displayNames(userIds: string[]): Promise<Map<string, string>>;
};

/** Rolls one learner's rows up over the published lessons, in outline order. */
export function summarise(
  courseId: string,
  userId: string,
  modules: ModuleRow[],
  lessons: LessonRow[],
  rows: ProgressRow[],
  completedAt: Date | null,
): CourseProgress {
  const published = modules.flatMap((m) => lessons.filter((l) => l.module_id === m.id && l.published));
  const mine = new Map(rows.filter((r) => r.user_id === userId).map((r) => [r.lesson_id, r]));
  const done = (l: LessonRow) => Boolean(mine.get(l.id)?.completed_at);
  const ratio = (n: number, of: number) => (of === 0 ? 0 : Math.round((n / of) * 1000) / 1000);
  const last = [...mine.values()].sort((a, b) => new Date(b.last_viewed_at).getTime() - new Date(a.last_viewed_at).getTime())[0];
  const lastLesson = last ? published.find((l) => l.id === last.lesson_id) : undefined;
  const next = lastLesson && !done(lastLesson) ? lastLesson : published.find((l) => !done(l));
  const completed = published.filter(done);
  return {
    courseId,
    userId,
    completedLessonIds: completed.map((l) => l.id),
    modules: modules.map((m) => {
      const of = published.filter((l) => l.module_id === m.id);
      const n = of.filter(done).length;
      return { moduleId: m.id, completed: n, lessons: of.length, ratio: ratio(n, of.length) };
    }),
    ratio: ratio(completed.length, published.length),
    secondsSpent: [...mine.values()].reduce((sum, r) => sum + r.seconds_spent, 0),
    continueLessonId: next?.id ?? null,
    completedAt: completedAt ? new Date(completedAt).toISOString() : null,
  };
}

export type ProgressService = ReturnType<typeof createProgressService>;

export function createProgressService(deps: ProgressDeps) {
  const t = (tenant: TenantContext, name: string) => sql.table(`${tenant.schema}.${name}`);

  /** The outline (unless already read) and the progress rows, for one learner or all. */
  async function load(db: Db, tenant: TenantContext, courseId: string, userId?: string, outline?: LockState['outline']) {
    const r = coursesRepository(db, tenant.schema);
    const [modules, lessons, rows, completions] = await Promise.all([
      outline?.modules ?? r.modules(courseId),
      outline?.lessons ?? r.lessons(courseId),
      rowsOf(
        db,
        sql<ProgressRow>`select lesson_id, user_id, seconds_spent, last_viewed_at, completed_at from ${t(tenant, 'course_progress')}
          where course_id = ${courseId} ${userId ? sql`and user_id = ${userId}` : sql``}`,
      ),
      rowsOf(
        db,
        sql<{ user_id: string; completed_at: Date }>`select user_id, completed_at from ${t(tenant, 'course_completions')}
          where course_id = ${courseId} ${userId ? sql`and user_id = ${userId}` : sql``}`,
      ),
    ]);
    return { modules, lessons, rows, completions: new Map(completions.map((c) => [c.user_id, c.completed_at])) };
  }

  return {
    async mine(tenant: TenantContext, userId: string, courseId: string): Promise<CourseProgress> {
      await deps.courses.visible(tenant, userId, courseId);
      const p = await load(deps.db, tenant, courseId, userId);
      return summarise(courseId, userId, p.modules, p.lessons, p.rows, p.completions.get(userId) ?? null);
    },

    /** Time on a lesson, and its completion; only for members enrolled in the course. */
    async record(tenant: TenantContext, userId: string, courseId: string, lessonId: string, body: RecordProgressBody) {
      const { enrolled } = await deps.courses.visible(tenant, userId, courseId);
      if (!enrolled) throw forbidden('courses.not_enrolled', 'Enrol in the course to keep track of your progress');
      const lock = await lockStateOf(deps.db, tenant.schema, userId, courseId, false);
      const lesson = lock.outline.lessons.find((l) => l.id === lessonId);
      if (!lesson?.published) throw notFound('courses.lesson_not_found', 'Lesson');
      const waiting = [...lock.courseLockedBy, ...(lock.modules.get(lesson.module_id)?.lockedBy ?? [])];
      if (waiting.length) throw new AppError('conflict', 'courses.locked', `Complete ${waiting.map((w) => w.title).join(', ')} first`);
      const seconds = body.seconds ?? 0;
      return deps.db.transaction().execute(async (trx) => {
        const [before] = await rowsOf(
          trx,
          sql<{ completed_at: Date | null }>`select completed_at from ${t(tenant, 'course_progress')}
            where user_id = ${userId} and lesson_id = ${lessonId} for update`,
        );
        await sql`insert into ${t(tenant, 'course_progress')} as p (course_id, lesson_id, user_id, seconds_spent, completed_at)
          values (${courseId}, ${lessonId}, ${userId}, ${seconds}, ${body.completed ? new Date() : null})
          on conflict (user_id, lesson_id) do update set seconds_spent = p.seconds_spent + excluded.seconds_spent,
            last_viewed_at = now(), completed_at = coalesce(p.completed_at, excluded.completed_at)`.execute(trx);
        const newly = Boolean(body.completed) && !before?.completed_at;
        // The outline read for the lock check; only the progress rows are read again, after the write.
        const p = await load(trx, tenant, courseId, userId, lock.outline);
        const publish = async (type: 'courses.lesson_completed' | 'courses.course_completed') =>
          deps.events.publish(trx, {
            type,
            key: userId,
            tenantId: tenant.institutionId,
            payload: {
              institutionId: tenant.institutionId,
              courseId,
              userId,
              ...(type === 'courses.lesson_completed' ? { lessonId } : {}),
            },
          } as never);
        if (newly) await publish('courses.lesson_completed');
        let completedAt = p.completions.get(userId) ?? null;
        const summary = summarise(courseId, userId, p.modules, p.lessons, p.rows, completedAt);
        if (!completedAt && summary.ratio === 1) {
          const [inserted] = await rowsOf(
            trx,
            sql<{ completed_at: Date }>`insert into ${t(tenant, 'course_completions')} (course_id, user_id) values (${courseId}, ${userId})
              on conflict do nothing returning completed_at`,
          );
          if (inserted) {
            completedAt = inserted.completed_at;
            await publish('courses.course_completed');
          }
        }
        return { ...summary, completedAt: completedAt ? new Date(completedAt).toISOString() : null };
      });
    },

    /** Every enrolled member's progress, for the course's editors. */
    async members(tenant: TenantContext, userId: string, courseId: string): Promise<CourseProgressSummary> {
      await deps.courses.editable(tenant, userId, courseId);
      const enrolled = [...(await coursesRepository(deps.db, tenant.schema).enrolledUserIds(courseId))];
      const p = await load(deps.db, tenant, courseId);
      const names = await deps.displayNames(enrolled);
      return enrolled
        .map((member) => {
          const s = summarise(courseId, member, p.modules, p.lessons, p.rows, p.completions.get(member) ?? null);
          return {
            userId: member,
            displayName: names.get(member) ?? '(deleted user)',
            ratio: s.ratio,
            secondsSpent: s.secondsSpent,
            completedAt: s.completedAt,
          };
        })
        .sort((a, b) => b.ratio - a.ratio || a.displayName.localeCompare(b.displayName));
    },
  };
}
