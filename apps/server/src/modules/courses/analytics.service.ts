// Course analytics for its editors: completion, time per lesson, where learners stop, and quiz
// item analysis (difficulty as the mean share of points, discrimination as top third minus bottom
// third). Read from the course's own progress and attempts: one course's rows, not a scan of all.
import type { CourseAnalytics, Question, QuestionResult } from '@edumatrix/contracts';
import { sql } from 'kysely';
import { type Db, rowsOf } from '../../platform/db/database.ts';
import type { TenantContext } from '../../platform/tenancy/tenancy.ts';
import { coursesRepository } from './courses.repository.ts';
import type { CoursesService } from './courses.service.ts';

const round = (n: number, places = 3) => Math.round(n * 10 ** places) / 10 ** places;
const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);

/** Per question: facility and discrimination over submitted attempts (each with its total share). */
export function itemAnalysis(attempts: { share: number; results: Record<string, QuestionResult> }[], questionIds: string[]) {
  const ranked = [...attempts].sort((a, b) => b.share - a.share);
  const third = Math.floor(ranked.length / 3);
  const shareOf = (a: (typeof attempts)[number], id: string) => {
    const r = a.results[id];
    return r && r.maxScore > 0 ? r.score / r.maxScore : null;
  };
  return questionIds.map((id) => {
    const shares = attempts.map((a) => shareOf(a, id)).filter((x): x is number => x !== null);
    const group = (as: typeof attempts) => mean(as.map((a) => shareOf(a, id) ?? 0));
    return {
      questionId: id,
      answered: shares.length,
      difficulty: shares.length ? round(mean(shares)) : null,
      discrimination: ranked.length >= 6 ? round(group(ranked.slice(0, third)) - group(ranked.slice(-third))) : null,
    };
  });
}

export type AnalyticsService = ReturnType<typeof createAnalyticsService>;

export function createAnalyticsService(deps: { db: Db; courses: CoursesService }) {
  return {
    async course(tenant: TenantContext, userId: string, courseId: string): Promise<CourseAnalytics> {
      await deps.courses.editable(tenant, userId, courseId);
      const t = (name: string) => sql.table(`${tenant.schema}.${name}`);
      const r = coursesRepository(deps.db, tenant.schema);
      const [modules, lessons, enrolled] = await Promise.all([r.modules(courseId), r.lessons(courseId), r.enrolledUserIds(courseId)]);
      const published = modules.flatMap((m) => lessons.filter((l) => l.module_id === m.id && l.published));
      const progress = await rowsOf(
        deps.db,
        sql<{ user_id: string; lesson_id: string; seconds_spent: number; completed: boolean }>`
          select user_id, lesson_id, seconds_spent, completed_at is not null as completed from ${t('course_progress')} where course_id = ${courseId}`,
      );
      const [done] = await rowsOf(
        deps.db,
        sql<{ n: number }>`select count(*)::int as n from ${t('course_completions')} where course_id = ${courseId}`,
      );
      // Where each learner stopped: the furthest lesson (in outline order) they finished, if not the last.
      const position = new Map(published.map((l, i) => [l.id, i]));
      const furthest = new Map<string, number>();
      for (const p of progress) {
        const at = position.get(p.lesson_id);
        if (p.completed && at !== undefined) furthest.set(p.user_id, Math.max(furthest.get(p.user_id) ?? -1, at));
      }
      const stopped = (i: number) => [...furthest.values()].filter((at) => at === i && i < published.length - 1).length;

      const quizRows = await rowsOf(
        deps.db,
        sql<{ id: string; title: string }>`select id, title from ${t('quizzes')} where course_id = ${courseId} order by created_at, id`,
      );
      const quizzes = [];
      for (const quiz of quizRows) {
        const attempts = await rowsOf(
          deps.db,
          sql<{ score: string | number; max_score: string | number; results: Record<string, QuestionResult>; question_ids: string[] }>`
            select score, max_score, results, question_ids from ${t('quiz_attempts')} where quiz_id = ${quiz.id} and submitted_at is not null`,
        );
        const ids = [...new Set(attempts.flatMap((a) => a.question_ids))];
        const prompts = new Map(
          (
            await rowsOf(
              deps.db,
              sql<{
                id: string;
                data: Omit<Question, 'id'>;
              }>`select id, data from ${t('course_questions')} where id::text = any(${ids}::text[])`,
            )
          ).map((q) => [q.id, q.data.prompt]),
        );
        const items = itemAnalysis(
          attempts.map((a) => ({ share: Number(a.max_score) > 0 ? Number(a.score) / Number(a.max_score) : 0, results: a.results ?? {} })),
          ids,
        );
        quizzes.push({
          quizId: quiz.id,
          title: quiz.title,
          attempts: attempts.length,
          items: items.map((i) => ({ ...i, prompt: (prompts.get(i.questionId) ?? '').slice(0, 200) })),
        });
      }

      return {
        enrolled: enrolled.size,
        completed: done?.n ?? 0,
        completionRate: enrolled.size ? round((done?.n ?? 0) / enrolled.size) : 0,
        lessons: published.map((l, i) => {
          const rows = progress.filter((p) => p.lesson_id === l.id);
          return {
            lessonId: l.id,
            title: l.title,
            completed: rows.filter((p) => p.completed).length,
            meanMinutes: round(mean(rows.map((p) => p.seconds_spent)) / 60, 1),
            stoppedHere: stopped(i),
          };
        }),
        quizzes,
      };
    },
  };
}
