// Quizzes and attempts. An attempt fixes its questions (fixed or drawn from pools with the
// attempt's seed) and its deadline when it starts; the server's clock alone decides whether an
// answer still counts. Submitting grades every answer with the quiz engine; essays wait for a
// person. An attempt left open past its deadline is closed and graded the next time it is read.

import { randomUUID } from 'node:crypto';
import {
  type CreateQuizBody,
  drawQuestions,
  gradeResponse,
  type LearnerQuestion,
  type ManualGradeBody,
  nextDifficulty,
  pickAdaptive,
  type Question,
  type QuestionResponse,
  type QuestionResult,
  type Quiz,
  type QuizAttempt,
  QuizDrawError,
  shuffleFor,
  type UpdateQuizBody,
} from '@edumatrix/contracts';
import { sql } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { recordAudit } from '../../platform/audit/audit.ts';
import { type Db, rowsOf } from '../../platform/db/database.ts';
import type { EventPublisher } from '../../platform/events/outbox.ts';
import { AppError, forbidden, invalidField, notFound } from '../../platform/http/app-error.ts';
import type { TenantContext } from '../../platform/tenancy/tenancy.ts';
import { isoOrNull } from '../../platform/time/zoned.ts';
import type { CoursesService } from './courses.service.ts';

type QuizRow = {
  id: string;
  course_id: string;
  title: string;
  description: string;
  question_ids: string[];
  pools: { tags: string[]; count: number }[];
  shuffle_options: boolean;
  time_limit_minutes: number | null;
  max_attempts: number | null;
  scoring: Quiz['scoring'];
  feedback: Quiz['feedback'];
  published: boolean;
  adaptive_count: number | null;
  category_id: string | null;
  created_at: Date;
  updated_at: Date;
};
type AttemptRow = {
  id: string;
  quiz_id: string;
  user_id: string;
  number: number;
  seed: string;
  question_ids: string[];
  started_at: Date;
  deadline_at: Date | null;
  submitted_at: Date | null;
  answers: Record<string, QuestionResponse>;
  results: Record<string, QuestionResult> | null;
  score: string | number | null;
  max_score: string | number;
  needs_review: boolean;
};

const quizNotFound = () => notFound('quizzes.quiz_not_found', 'Quiz');
const attemptNotFound = () => notFound('quizzes.attempt_not_found', 'Attempt');
const num = (v: string | number | null) => (v === null ? null : Number(v));

/** What a learner may see of a question: its prompt and parts, never the key; parts shuffled per attempt. */
export function forLearner(q: Question, seed: string, shuffle: boolean): LearnerQuestion {
  const base = { id: q.id, type: q.type, prompt: q.prompt, points: q.points };
  const mix = <T>(items: readonly T[]) => (shuffle ? shuffleFor(`${seed}:${q.id}`, items) : [...items]);
  switch (q.type) {
    case 'single_choice':
    case 'multiple_response':
      return { ...base, options: mix(q.options.map((o) => ({ id: o.id, text: o.text }))) };
    case 'fill_blanks':
      return { ...base, blanks: q.blanks.map((b) => ({ id: b.id })) };
    case 'matching':
      return {
        ...base,
        left: q.left.map((l) => ({ id: l.id, text: l.text })),
        right: mix(q.right.map((r) => ({ id: r.id, text: r.text }))),
      };
    case 'ordering':
      // Always shuffled: the given order is the answer.
      return {
        ...base,
        items: shuffleFor(
          `${seed}:${q.id}`,
          q.items.map((i) => ({ id: i.id, text: i.text })),
        ),
      };
    default:
      return base;
  }
}

function resultOf(q: Question, response: QuestionResponse | undefined): QuestionResult {
  const graded = gradeResponse(q, response ?? null);
  const feedback = [graded.correct === true ? q.feedback.correct : graded.correct === false ? q.feedback.incorrect : '', q.feedback.general]
    .filter(Boolean)
    .join('\n\n');
  return { score: graded.score, maxScore: graded.maxScore, correct: graded.correct, needsReview: graded.needsReview, feedback };
}

/** The score that counts for a learner, by the quiz's rule, over their submitted attempts. */
export function countingScore(scoring: Quiz['scoring'], scores: number[]): number | null {
  if (!scores.length) return null;
  if (scoring === 'last') return scores.at(-1) as number;
  if (scoring === 'best') return Math.max(...scores);
  return Math.round((scores.reduce((a, b) => a + b, 0) / scores.length) * 100) / 100;
}

export type QuizzesService = ReturnType<typeof createQuizzesService>;

export function createQuizzesService(deps: {
  db: Db;
  events: EventPublisher;
  courses: CoursesService;
  displayNames(ids: string[]): Promise<Map<string, string>>;
  now?: () => Date;
}) {
  const now = deps.now ?? (() => new Date());
  const t = (tenant: TenantContext, name: string) => sql.table(`${tenant.schema}.${name}`);

  async function quizRow(db: Db, tenant: TenantContext, courseId: string, quizId: string) {
    const [row] = await rowsOf(db, sql<QuizRow>`select * from ${t(tenant, 'quizzes')} where id = ${quizId} and course_id = ${courseId}`);
    if (!row) throw quizNotFound();
    return row;
  }

  async function questionsOf(db: Db, tenant: TenantContext, courseId: string, ids?: string[]): Promise<Map<string, Question>> {
    const rows = await rowsOf(
      db,
      sql<{ id: string; data: Omit<Question, 'id'> }>`select id, data from ${t(tenant, 'course_questions')}
        where course_id = ${courseId} ${ids ? sql`and id = any(${ids}::uuid[])` : sql``}`,
    );
    return new Map(rows.map((r) => [r.id, { ...r.data, id: r.id } as Question]));
  }

  async function attemptsOf(db: Db, tenant: TenantContext, quizId: string, userId?: string) {
    return rowsOf(
      db,
      sql<AttemptRow>`select * from ${t(tenant, 'quiz_attempts')} where quiz_id = ${quizId}
        ${userId ? sql`and user_id = ${userId}` : sql``} order by user_id, number`,
    );
  }

  async function presentQuiz(tenant: TenantContext, userId: string, row: QuizRow): Promise<Quiz> {
    const all = await attemptsOf(deps.db, tenant, row.id, userId);
    const mine = all.filter((a) => a.submitted_at);
    const open = all.find((a) => !a.submitted_at && (!a.deadline_at || new Date(a.deadline_at) > now()));
    const scores = mine.map((a) => num(a.score) ?? 0);
    return {
      id: row.id,
      courseId: row.course_id,
      title: row.title,
      description: row.description,
      questionIds: row.question_ids,
      pools: row.pools,
      shuffleOptions: row.shuffle_options,
      timeLimitMinutes: row.time_limit_minutes,
      maxAttempts: row.max_attempts,
      scoring: row.scoring,
      feedback: row.feedback,
      published: row.published,
      adaptiveCount: row.adaptive_count,
      categoryId: row.category_id,
      mine: {
        attempts: mine.length,
        score: countingScore(row.scoring, scores),
        maxScore: mine[0] ? num(mine[0].max_score) : null,
        openAttemptId: open?.id ?? null,
      },
      createdAt: new Date(row.created_at).toISOString(),
      updatedAt: new Date(row.updated_at).toISOString(),
    };
  }

  function presentAttempt(quiz: QuizRow, a: AttemptRow, questions: Map<string, Question>, asEditor: boolean): QuizAttempt {
    const showAll = asEditor || (a.submitted_at !== null && quiz.feedback !== 'never');
    const shown = showAll
      ? a.results
      : quiz.feedback === 'after_each' && a.results
        ? Object.fromEntries(Object.entries(a.results).filter(([id]) => id in a.answers))
        : null;
    return {
      id: a.id,
      quizId: a.quiz_id,
      userId: a.user_id,
      displayName: null,
      number: a.number,
      startedAt: new Date(a.started_at).toISOString(),
      serverNow: now().toISOString(),
      deadlineAt: isoOrNull(a.deadline_at),
      submittedAt: isoOrNull(a.submitted_at),
      questions: a.question_ids.flatMap((id) => {
        const q = questions.get(id);
        return q ? [forLearner(q, a.seed, quiz.shuffle_options)] : [];
      }),
      answers: a.answers,
      score: a.submitted_at && (asEditor || quiz.feedback !== 'never') ? num(a.score) : null,
      maxScore: num(a.max_score) ?? 0,
      needsReview: a.needs_review,
      results: shown,
    };
  }

  /** Tells gamification (and later the gradebook) where an attempt stands. */
  async function scored(trx: Db, tenant: TenantContext, a: AttemptRow) {
    const [quiz] = await rowsOf(trx, sql<{ course_id: string }>`select course_id from ${t(tenant, 'quizzes')} where id = ${a.quiz_id}`);
    if (!quiz) return;
    await deps.events.publish(trx, {
      type: 'courses.quiz_scored',
      key: a.user_id,
      tenantId: tenant.institutionId,
      payload: {
        institutionId: tenant.institutionId,
        courseId: quiz.course_id,
        quizId: a.quiz_id,
        attemptId: a.id,
        userId: a.user_id,
        score: num(a.score) ?? 0,
        maxScore: num(a.max_score) ?? 0,
        needsReview: a.needs_review,
      },
    });
  }

  /** Grades every answer and closes the attempt; answers the server refused never got in. */
  async function close(trx: Db, tenant: TenantContext, a: AttemptRow, questions: Map<string, Question>, at: Date) {
    const results = Object.fromEntries(
      a.question_ids.flatMap((id) => {
        const q = questions.get(id);
        return q ? [[id, resultOf(q, a.answers[id])]] : [];
      }),
    ) as Record<string, QuestionResult>;
    const score = Math.round(Object.values(results).reduce((s, r) => s + r.score, 0) * 100) / 100;
    const needsReview = Object.values(results).some((r) => r.needsReview);
    await sql`update ${t(tenant, 'quiz_attempts')} set submitted_at = ${at}, results = ${JSON.stringify(results)}::jsonb,
      score = ${score}, needs_review = ${needsReview} where id = ${a.id}`.execute(trx);
    const closed = { ...a, submitted_at: at, results, score, needs_review: needsReview };
    await scored(trx, tenant, closed);
    return closed;
  }

  /** An attempt the learner left open past its deadline is closed as of the deadline. */
  async function settled(tenant: TenantContext, a: AttemptRow, questions: Map<string, Question>) {
    if (a.submitted_at || !a.deadline_at || now() <= new Date(a.deadline_at)) return a;
    return deps.db.transaction().execute((trx) => close(trx, tenant, a, questions, new Date(a.deadline_at as Date)));
  }

  async function ownAttempt(tenant: TenantContext, userId: string, courseId: string, quizId: string, attemptId: string) {
    const quiz = await quizRow(deps.db, tenant, courseId, quizId);
    const [a] = await rowsOf(
      deps.db,
      sql<AttemptRow>`select * from ${t(tenant, 'quiz_attempts')} where id = ${attemptId} and quiz_id = ${quizId}`,
    );
    if (!a) throw attemptNotFound();
    const { canEdit: asEditor } = await deps.courses.visible(tenant, userId, courseId);
    if (a.user_id !== userId && !asEditor) throw attemptNotFound();
    const questions = await questionsOf(deps.db, tenant, courseId, a.question_ids);
    return { quiz, attempt: await settled(tenant, a, questions), questions, asEditor };
  }

  /** What an adaptive quiz picks from: its chosen questions and pools' questions, else the whole bank. */
  function adaptivePool(quiz: QuizRow, bank: Map<string, Question>): Question[] {
    const all = [...bank.values()];
    if (!quiz.question_ids.length && !quiz.pools.length) return all;
    return all.filter((q) => quiz.question_ids.includes(q.id) || quiz.pools.some((p) => p.tags.every((tag) => q.tags.includes(tag))));
  }

  /** The fixed questions, then the pools' draw for this attempt's seed. */
  function drawFixed(quiz: QuizRow, bank: Map<string, Question>, seed: string): string[] {
    try {
      const others = [...bank.values()].filter((q) => !quiz.question_ids.includes(q.id));
      const fromPools = drawQuestions(others, quiz.pools, seed).map((q) => q.id);
      return [...quiz.question_ids.filter((id) => bank.has(id)), ...fromPools];
    } catch (err) {
      if (err instanceof QuizDrawError) throw new AppError('conflict', 'quizzes.pool_too_small', err.message);
      throw err;
    }
  }

  /** Adaptive: one question at a time, the first at the middle difficulty, the rest as the answers go. */
  function firstAdaptive(quiz: QuizRow, bank: Map<string, Question>, seed: string): string[] {
    const first = pickAdaptive(adaptivePool(quiz, bank), [], nextDifficulty([]), seed);
    if (!first) throw new AppError('conflict', 'quizzes.pool_too_small', 'There are no questions to ask');
    return [first.id];
  }

  async function checkCategory(tenant: TenantContext, courseId: string, categoryId: string | null) {
    if (!categoryId) return;
    const found = await rowsOf(
      deps.db,
      sql`select 1 from ${t(tenant, 'course_grade_categories')} where id = ${categoryId} and course_id = ${courseId}`,
    );
    if (!found.length) throw invalidField('quizzes.category_not_found', 'categoryId', 'is not a gradebook category of this course');
  }

  async function checkQuestions(tenant: TenantContext, courseId: string, ids: string[]) {
    const bank = await questionsOf(deps.db, tenant, courseId, ids);
    const missing = ids.findIndex((id) => !bank.has(id));
    if (missing >= 0) throw invalidField('quizzes.question_not_found', `questionIds.${missing}`, "is not a question of this course's bank");
  }

  return {
    async list(tenant: TenantContext, userId: string, courseId: string): Promise<Quiz[]> {
      const { canEdit: editor } = await deps.courses.visible(tenant, userId, courseId);
      const rows = await rowsOf(
        deps.db,
        sql<QuizRow>`select * from ${t(tenant, 'quizzes')} where course_id = ${courseId} ${editor ? sql`` : sql`and published`}
          order by created_at, id`,
      );
      return Promise.all(rows.map((r) => presentQuiz(tenant, userId, r)));
    },

    async create(tenant: TenantContext, userId: string, courseId: string, body: CreateQuizBody): Promise<Quiz> {
      await deps.courses.editable(tenant, userId, courseId);
      const questionIds = body.questionIds ?? [];
      const pools = body.pools ?? [];
      if (!questionIds.length && !pools.length && !body.adaptiveCount)
        throw invalidField('quizzes.no_questions', 'questionIds', 'choose questions, or pools to draw from');
      await checkQuestions(tenant, courseId, questionIds);
      await checkCategory(tenant, courseId, body.categoryId ?? null);
      const id = uuidv7();
      await deps.db.transaction().execute(async (trx) => {
        await sql`insert into ${t(tenant, 'quizzes')} (id, course_id, title, description, question_ids, pools, shuffle_options,
            time_limit_minutes, max_attempts, scoring, feedback, published, adaptive_count, category_id)
          values (${id}, ${courseId}, ${body.title}, ${body.description ?? ''}, ${questionIds}::uuid[], ${JSON.stringify(pools)}::jsonb,
            ${body.shuffleOptions ?? true}, ${body.timeLimitMinutes ?? null}, ${body.maxAttempts ?? null}, ${body.scoring ?? 'best'},
            ${body.feedback ?? 'after_submit'}, ${body.published ?? false}, ${body.adaptiveCount ?? null}, ${body.categoryId ?? null})`.execute(
          trx,
        );
        await recordAudit(trx, {
          action: 'course.quiz_created',
          targetType: 'course',
          targetId: courseId,
          institutionId: tenant.institutionId,
          after: { quizId: id, title: body.title },
        });
      });
      return presentQuiz(tenant, userId, await quizRow(deps.db, tenant, courseId, id));
    },

    async update(tenant: TenantContext, userId: string, courseId: string, quizId: string, body: UpdateQuizBody): Promise<Quiz> {
      await deps.courses.editable(tenant, userId, courseId);
      const current = await quizRow(deps.db, tenant, courseId, quizId);
      if (body.questionIds) await checkQuestions(tenant, courseId, body.questionIds);
      if (body.categoryId) await checkCategory(tenant, courseId, body.categoryId);
      const adaptive = body.adaptiveCount !== undefined ? body.adaptiveCount : current.adaptive_count;
      if ((body.questionIds ?? current.question_ids).length === 0 && (body.pools ?? current.pools).length === 0 && !adaptive)
        throw invalidField('quizzes.no_questions', 'questionIds', 'choose questions, or pools to draw from');
      const columns: Record<string, unknown> = {
        title: body.title,
        description: body.description,
        shuffle_options: body.shuffleOptions,
        time_limit_minutes: body.timeLimitMinutes,
        max_attempts: body.maxAttempts,
        scoring: body.scoring,
        feedback: body.feedback,
        published: body.published,
        adaptive_count: body.adaptiveCount,
        category_id: body.categoryId,
      };
      const sets = [
        ...Object.entries(columns)
          .filter(([, v]) => v !== undefined)
          .map(([k, v]) => sql`${sql.ref(k)} = ${v}`),
        ...(body.questionIds ? [sql`question_ids = ${body.questionIds}::uuid[]`] : []),
        ...(body.pools ? [sql`pools = ${JSON.stringify(body.pools)}::jsonb`] : []),
        sql`updated_at = now()`,
      ];
      await deps.db.transaction().execute(async (trx) => {
        await sql`update ${t(tenant, 'quizzes')} set ${sql.join(sets)} where id = ${quizId}`.execute(trx);
        await recordAudit(trx, {
          action: 'course.quiz_updated',
          targetType: 'course',
          targetId: courseId,
          institutionId: tenant.institutionId,
          after: { quizId, ...body },
        });
      });
      return presentQuiz(tenant, userId, await quizRow(deps.db, tenant, courseId, quizId));
    },

    async remove(tenant: TenantContext, userId: string, courseId: string, quizId: string): Promise<void> {
      await deps.courses.editable(tenant, userId, courseId);
      await quizRow(deps.db, tenant, courseId, quizId);
      await deps.db.transaction().execute(async (trx) => {
        await sql`delete from ${t(tenant, 'quizzes')} where id = ${quizId}`.execute(trx);
        await recordAudit(trx, {
          action: 'course.quiz_deleted',
          targetType: 'course',
          targetId: courseId,
          institutionId: tenant.institutionId,
          before: { quizId },
        });
      });
    },

    /** Starts an attempt, or resumes the one still open. */
    async start(tenant: TenantContext, userId: string, courseId: string, quizId: string): Promise<QuizAttempt> {
      const { enrolled } = await deps.courses.visible(tenant, userId, courseId);
      const quiz = await quizRow(deps.db, tenant, courseId, quizId);
      if (!quiz.published) throw quizNotFound();
      if (!enrolled) throw forbidden('courses.not_enrolled', 'Enrol in the course to take its quizzes');
      const bank = await questionsOf(deps.db, tenant, courseId);
      const previous = await attemptsOf(deps.db, tenant, quizId, userId);
      for (const a of previous) {
        const settledAttempt = await settled(tenant, a, bank);
        if (!settledAttempt.submitted_at) return presentAttempt(quiz, settledAttempt, bank, false);
      }
      if (quiz.max_attempts !== null && previous.length >= quiz.max_attempts)
        throw new AppError('conflict', 'quizzes.no_attempts_left', `All ${quiz.max_attempts} attempts are used`);
      const seed = randomUUID();
      const drawn = quiz.adaptive_count ? firstAdaptive(quiz, bank, seed) : drawFixed(quiz, bank, seed);
      const maxScore = drawn.reduce((s, id) => s + (bank.get(id)?.points ?? 0), 0);
      const started = now();
      const deadline = quiz.time_limit_minutes ? new Date(started.getTime() + quiz.time_limit_minutes * 60_000) : null;
      const id = uuidv7();
      await sql`insert into ${t(tenant, 'quiz_attempts')} (id, quiz_id, user_id, number, seed, question_ids, started_at, deadline_at, max_score)
        values (${id}, ${quizId}, ${userId}, ${previous.length + 1}, ${seed}, ${drawn}::text[], ${started}, ${deadline}, ${maxScore})`.execute(
        deps.db,
      );
      const [row] = await rowsOf(deps.db, sql<AttemptRow>`select * from ${t(tenant, 'quiz_attempts')} where id = ${id}`);
      return presentAttempt(quiz, row as AttemptRow, bank, false);
    },

    async get(tenant: TenantContext, userId: string, courseId: string, quizId: string, attemptId: string): Promise<QuizAttempt> {
      const { quiz, attempt, questions, asEditor } = await ownAttempt(tenant, userId, courseId, quizId, attemptId);
      return presentAttempt(quiz, attempt, questions, asEditor && attempt.user_id !== userId);
    },

    /** Saves one answer, if the attempt is the caller's, still open, and within its time. */
    async answer(
      tenant: TenantContext,
      userId: string,
      courseId: string,
      quizId: string,
      attemptId: string,
      questionId: string,
      response: QuestionResponse,
    ) {
      const { quiz, attempt, questions } = await ownAttempt(tenant, userId, courseId, quizId, attemptId);
      if (attempt.user_id !== userId) throw attemptNotFound();
      if (attempt.submitted_at) {
        const late = attempt.deadline_at && new Date(attempt.submitted_at).getTime() === new Date(attempt.deadline_at).getTime();
        throw new AppError(
          'conflict',
          late ? 'quizzes.time_up' : 'quizzes.submitted',
          late ? 'Time is up: answers are no longer accepted' : 'This attempt is already submitted',
        );
      }
      const question = questions.get(questionId);
      if (!question || !attempt.question_ids.includes(questionId)) throw notFound('quizzes.question_not_found', 'Question');
      if (response.type !== question.type)
        throw invalidField('quizzes.wrong_answer_type', 'response.type', `must be ${question.type} for this question`);
      const answers = { ...attempt.answers, [questionId]: response };
      const results =
        quiz.feedback === 'after_each' ? { ...(attempt.results ?? {}), [questionId]: resultOf(question, response) } : attempt.results;
      // Adaptive: answering the newest question brings the next, a step harder or easier.
      let questionIds = attempt.question_ids;
      let maxScore = num(attempt.max_score) ?? 0;
      if (quiz.adaptive_count && questionIds.at(-1) === questionId && questionIds.length < quiz.adaptive_count) {
        const bank = await questionsOf(deps.db, tenant, courseId);
        const so = questionIds.map((id) => {
          const q = bank.get(id) as Question;
          return { difficulty: q.difficulty, correct: gradeResponse(q, answers[id] ?? null).correct };
        });
        const next = pickAdaptive(adaptivePool(quiz, bank), questionIds, nextDifficulty(so), attempt.seed);
        if (next) {
          questionIds = [...questionIds, next.id];
          maxScore += next.points;
          questions.set(next.id, next);
        }
      }
      // The deadline is checked in the statement itself, so an answer arriving as time runs out cannot slip in.
      const updated = await rowsOf(
        deps.db,
        sql`update ${t(tenant, 'quiz_attempts')} set answers = ${JSON.stringify(answers)}::jsonb, results = ${results ? JSON.stringify(results) : null}::jsonb,
          question_ids = ${questionIds}::text[], max_score = ${maxScore}
          where id = ${attemptId} and submitted_at is null and (deadline_at is null or deadline_at >= ${now()}) returning id`,
      );
      if (!updated.length) throw new AppError('conflict', 'quizzes.time_up', 'Time is up: answers are no longer accepted');
      return presentAttempt(quiz, { ...attempt, answers, results, question_ids: questionIds, max_score: maxScore }, questions, false);
    },

    async submit(tenant: TenantContext, userId: string, courseId: string, quizId: string, attemptId: string): Promise<QuizAttempt> {
      const { quiz, attempt, questions } = await ownAttempt(tenant, userId, courseId, quizId, attemptId);
      if (attempt.user_id !== userId) throw attemptNotFound();
      if (attempt.submitted_at) return presentAttempt(quiz, attempt, questions, false);
      const closed = await deps.db.transaction().execute((trx) => close(trx, tenant, attempt, questions, now()));
      return presentAttempt(quiz, closed, questions, false);
    },

    /** An editor grades a question by hand (an essay), with feedback. */
    async grade(
      tenant: TenantContext,
      userId: string,
      courseId: string,
      quizId: string,
      attemptId: string,
      questionId: string,
      body: ManualGradeBody,
    ) {
      await deps.courses.editable(tenant, userId, courseId);
      const { quiz, attempt, questions } = await ownAttempt(tenant, userId, courseId, quizId, attemptId);
      if (!attempt.submitted_at || !attempt.results)
        throw new AppError('conflict', 'quizzes.not_submitted', 'The attempt is not submitted yet');
      const current = attempt.results[questionId];
      if (!current) throw notFound('quizzes.question_not_found', 'Question');
      if (body.points > current.maxScore) throw invalidField('quizzes.points_above_max', 'points', `must be at most ${current.maxScore}`);
      const results = {
        ...attempt.results,
        [questionId]: {
          ...current,
          score: body.points,
          correct: body.points >= current.maxScore,
          needsReview: false,
          feedback: body.feedback ?? '',
        },
      };
      const score = Math.round(Object.values(results).reduce((s, r) => s + r.score, 0) * 100) / 100;
      const needsReview = Object.values(results).some((r) => r.needsReview);
      await deps.db.transaction().execute(async (trx) => {
        await sql`update ${t(tenant, 'quiz_attempts')} set results = ${JSON.stringify(results)}::jsonb, score = ${score}, needs_review = ${needsReview}
          where id = ${attemptId}`.execute(trx);
        await scored(trx, tenant, { ...attempt, results, score, needs_review: needsReview });
        await recordAudit(trx, {
          action: 'course.quiz_graded',
          targetType: 'course',
          targetId: courseId,
          institutionId: tenant.institutionId,
          before: { attemptId, questionId, score: current.score },
          after: { attemptId, questionId, score: body.points },
        });
      });
      return presentAttempt(quiz, { ...attempt, results, score, needs_review: needsReview }, questions, true);
    },

    /** Editors: every attempt; learners: their own. */
    async attempts(tenant: TenantContext, userId: string, courseId: string, quizId: string): Promise<QuizAttempt[]> {
      const { canEdit: editor } = await deps.courses.visible(tenant, userId, courseId);
      const quiz = await quizRow(deps.db, tenant, courseId, quizId);
      const bank = await questionsOf(deps.db, tenant, courseId);
      const rows = await attemptsOf(deps.db, tenant, quizId, editor ? undefined : userId);
      const names = editor ? await deps.displayNames([...new Set(rows.map((a) => a.user_id))]) : new Map<string, string>();
      return Promise.all(
        rows.map(async (a) => ({
          ...presentAttempt(quiz, await settled(tenant, a, bank), bank, editor),
          displayName: editor ? (names.get(a.user_id) ?? '(deleted user)') : null,
        })),
      );
    },
  };
}
