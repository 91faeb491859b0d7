// Quizzes in a course: questions from the course's bank (fixed, or drawn from tagged pools per
// attempt), a time limit the server enforces, attempt limits, best/last/average scoring and a
// choice of when feedback is shown. Attempts are graded by the quiz engine; essays by hand.
import { z } from 'zod';
import { QuestionResponse, QuestionType } from './quiz/questions.ts';

export const QuizScoring = z.enum(['best', 'last', 'average']);
export type QuizScoring = z.infer<typeof QuizScoring>;
/** After each answer, after the attempt is submitted, or never. */
export const QuizFeedback = z.enum(['after_each', 'after_submit', 'never']);
export type QuizFeedback = z.infer<typeof QuizFeedback>;

const Pool = z.strictObject({
  tags: z.array(z.string().trim().min(1).max(50)).max(10),
  count: z.number().int().min(1).max(100),
});

const quizFields = {
  title: z.string().trim().min(1, 'is required').max(200),
  description: z.string().max(20_000),
  /** Fixed questions, in this order… */
  questionIds: z.array(z.uuid()).max(200),
  /** …and/or a random draw per attempt from pools of questions carrying every tag of the pool. */
  pools: z.array(Pool).max(10),
  shuffleOptions: z.boolean(),
  timeLimitMinutes: z.number().int().min(1).max(600).nullable(),
  maxAttempts: z.number().int().min(1).max(100).nullable(),
  scoring: QuizScoring,
  feedback: QuizFeedback,
  published: z.boolean(),
  /**
   * Adaptive mode: ask this many questions one at a time, each a step harder after a right answer
   * and easier after a wrong one, from `questionIds` and the pools (or the whole bank).
   */
  adaptiveCount: z.number().int().min(1).max(100).nullable(),
  /** The gradebook category the quiz counts in. */
  categoryId: z.uuid().nullable(),
};

export const CreateQuizBody = z.strictObject({
  title: quizFields.title,
  description: quizFields.description.default(''),
  questionIds: quizFields.questionIds.default([]),
  pools: quizFields.pools.default([]),
  shuffleOptions: quizFields.shuffleOptions.default(true),
  timeLimitMinutes: quizFields.timeLimitMinutes.default(null),
  maxAttempts: quizFields.maxAttempts.default(null),
  scoring: quizFields.scoring.default('best'),
  feedback: quizFields.feedback.default('after_submit'),
  published: quizFields.published.default(false),
  adaptiveCount: quizFields.adaptiveCount.default(null),
  categoryId: quizFields.categoryId.default(null),
});
export type CreateQuizBody = z.input<typeof CreateQuizBody>;
export const UpdateQuizBody = z.strictObject({
  title: quizFields.title.optional(),
  description: quizFields.description.optional(),
  questionIds: quizFields.questionIds.optional(),
  pools: quizFields.pools.optional(),
  shuffleOptions: quizFields.shuffleOptions.optional(),
  timeLimitMinutes: quizFields.timeLimitMinutes.optional(),
  maxAttempts: quizFields.maxAttempts.optional(),
  scoring: quizFields.scoring.optional(),
  feedback: quizFields.feedback.optional(),
  published: quizFields.published.optional(),
  adaptiveCount: quizFields.adaptiveCount.optional(),
  categoryId: quizFields.categoryId.optional(),
});
export type UpdateQuizBody = z.infer<typeof UpdateQuizBody>;

export const Quiz = z.object({
  id: z.uuid(),
  courseId: z.uuid(),
  title: z.string(),
  description: z.string(),
  questionIds: z.array(z.uuid()),
  pools: z.array(Pool),
  shuffleOptions: z.boolean(),
  timeLimitMinutes: z.number().int().nullable(),
  maxAttempts: z.number().int().nullable(),
  scoring: QuizScoring,
  feedback: QuizFeedback,
  published: z.boolean(),
  adaptiveCount: z.number().int().nullable(),
  categoryId: z.uuid().nullable(),
  /** The caller's own standing: attempts used and the score that counts (by `scoring`). */
  mine: z.object({
    attempts: z.number().int(),
    score: z.number().nullable(),
    maxScore: z.number().nullable(),
    /** The attempt still open (not submitted, time not up), to resume rather than start anew. */
    openAttemptId: z.uuid().nullable(),
  }),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Quiz = z.infer<typeof Quiz>;

/** A question as a learner sees it: no correct answers, no grading notes. */
export const LearnerQuestion = z.object({
  id: z.string(),
  type: QuestionType,
  prompt: z.string(),
  points: z.number(),
  options: z.array(z.object({ id: z.string(), text: z.string() })).optional(),
  blanks: z.array(z.object({ id: z.string() })).optional(),
  left: z.array(z.object({ id: z.string(), text: z.string() })).optional(),
  right: z.array(z.object({ id: z.string(), text: z.string() })).optional(),
  items: z.array(z.object({ id: z.string(), text: z.string() })).optional(),
});
export type LearnerQuestion = z.infer<typeof LearnerQuestion>;

export const QuestionResult = z.object({
  score: z.number(),
  maxScore: z.number(),
  correct: z.boolean().nullable(),
  needsReview: z.boolean(),
  /** The question's feedback for this answer, or the grader's for an essay. */
  feedback: z.string(),
});
export type QuestionResult = z.infer<typeof QuestionResult>;

export const QuizAttempt = z.object({
  id: z.uuid(),
  quizId: z.uuid(),
  userId: z.uuid(),
  /** The learner's name, for the course's editors listing attempts; null otherwise. */
  displayName: z.string().nullable(),
  number: z.number().int(),
  startedAt: z.string(),
  /** The server's clock when this was sent, so a countdown need not trust the device's clock. */
  serverNow: z.string(),
  /** When answers stop being accepted (server time); null without a time limit. */
  deadlineAt: z.string().nullable(),
  submittedAt: z.string().nullable(),
  questions: z.array(LearnerQuestion),
  answers: z.record(z.string(), QuestionResponse),
  /** Null until submitted (and while shown without feedback). */
  score: z.number().nullable(),
  maxScore: z.number(),
  needsReview: z.boolean(),
  /** Per question, when the quiz's feedback setting shows them. */
  results: z.record(z.string(), QuestionResult).nullable(),
});
export type QuizAttempt = z.infer<typeof QuizAttempt>;

export const AnswerBody = z.strictObject({ response: QuestionResponse });
export type AnswerBody = z.infer<typeof AnswerBody>;

export const ManualGradeBody = z.strictObject({
  points: z.number().min(0),
  feedback: z.string().trim().max(5000).default(''),
});
export type ManualGradeBody = z.input<typeof ManualGradeBody>;

// --- the course gradebook -------------------------------------------------------------------

export const GradebookCategory = z.object({ id: z.uuid(), name: z.string(), weight: z.number() });
export type GradebookCategory = z.infer<typeof GradebookCategory>;

/** Replaces the categories: those given with an id are kept (renamed, reweighted), the rest removed. */
export const SetGradebookCategoriesBody = z.strictObject({
  categories: z
    .array(
      z.strictObject({
        id: z.uuid().optional(),
        name: z.string().trim().min(1, 'is required').max(100),
        weight: z.number().min(0).max(1000),
      }),
    )
    .max(20),
});
export type SetGradebookCategoriesBody = z.infer<typeof SetGradebookCategoriesBody>;

/** Sets (or, with `percent: null`, clears) a learner's grade for one item (a quiz or assignment id) or the course (`course`). */
export const GradeOverrideBody = z
  .strictObject({
    item: z.union([z.literal('course'), z.uuid()]),
    percent: z.number().min(0).max(100).nullable(),
    reason: z.string().trim().max(500).default(''),
  })
  .refine((b) => b.percent === null || b.reason.length >= 3, { message: 'say why the grade is overridden', path: ['reason'] });
export type GradeOverrideBody = z.input<typeof GradeOverrideBody>;

const Cell = z.object({ percent: z.number().nullable(), overridden: z.boolean(), reason: z.string().nullable() });

export const CourseGradebook = z.object({
  categories: z.array(GradebookCategory),
  items: z.array(z.object({ id: z.uuid(), title: z.string(), kind: z.enum(['quiz', 'assignment']), categoryId: z.uuid().nullable() })),
  /** The latest release to the Hub's grades, if any. */
  lastRelease: z.object({ termId: z.uuid(), weight: z.number(), learners: z.number().int(), releasedAt: z.string() }).nullable(),
  rows: z.array(
    z.object({
      userId: z.uuid(),
      displayName: z.string(),
      /** By item id. */
      items: z.record(z.string(), Cell),
      /** Weighted over the categories with results (items in no category count as one category of weight 1). */
      total: Cell,
    }),
  ),
});
export type CourseGradebook = z.infer<typeof CourseGradebook>;
