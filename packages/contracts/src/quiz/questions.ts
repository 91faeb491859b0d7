// The question model of the quiz engine: one schema per question type (a union on `type`), what a
// student answers for each type, and the result of grading. Pure data: question banks and
// attempts are stored by the courses module.
import { z } from 'zod';
import { answerPatternProblem } from './answer-pattern.ts';

export const QUESTION_TYPES = [
  'single_choice',
  'multiple_response',
  'true_false',
  'fill_blanks',
  'numeric',
  'short_answer',
  'matching',
  'ordering',
  'essay',
] as const;
export const QuestionType = z.enum(QUESTION_TYPES);
export type QuestionType = z.infer<typeof QuestionType>;

/**
 * Ids of options, blanks and items: short XML-name-like tokens, so that a question exports to QTI
 * (whose identifiers are XML names) without renaming anything.
 */
export const PartId = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_.-]{0,63}$/, 'must start with a letter or _ and hold only letters, digits, _ . - (at most 64)');
export const QuestionId = z.string().trim().min(1, 'is required').max(100);

/** Markdown; sanitised when rendered, never trusted as HTML. */
const Markdown = z.string().trim().max(20_000);
const Prompt = Markdown.min(1, 'is required');
const OptionText = z.string().trim().min(1, 'is required').max(2000);
const Answer = z.string().trim().min(1, 'is required').max(500);

export const Difficulty = z.number().int().min(1).max(5);
export type Difficulty = z.infer<typeof Difficulty>;

export const QuestionFeedback = z.strictObject({
  /** Shown after a fully correct answer. */
  correct: Markdown.default(''),
  /** Shown after an answer that is not fully correct. */
  incorrect: Markdown.default(''),
  /** Shown after any answer. */
  general: Markdown.default(''),
});
export type QuestionFeedback = z.infer<typeof QuestionFeedback>;

const common = {
  prompt: Prompt,
  points: z.number().positive('must be more than 0').max(1000).default(1),
  tags: z.array(z.string().trim().min(1).max(50)).max(30).default([]),
  difficulty: Difficulty.default(3),
  feedback: QuestionFeedback.default({ correct: '', incorrect: '', general: '' }),
};

const ChoiceOption = z.strictObject({ id: PartId, text: OptionText, correct: z.boolean().default(false) });
const Choices = z.array(ChoiceOption).min(2, 'give at least two options').max(50);

/** The blanks of a fill-in question appear in its prompt as `{{id}}`. */
export const FillBlank = z.strictObject({
  id: PartId,
  /** Compared after trimming and folding runs of whitespace to one space. */
  accepted: z.array(Answer).min(1, 'give at least one accepted answer').max(20),
  caseSensitive: z.boolean().default(false),
});

const TextItem = z.strictObject({ id: PartId, text: OptionText });

const shapes = {
  single_choice: { options: Choices },
  multiple_response: { options: Choices },
  true_false: { answer: z.boolean() },
  fill_blanks: { blanks: z.array(FillBlank).min(1, 'give at least one blank').max(30) },
  numeric: {
    answer: z.number().finite(),
    /** Inclusive on both edges. `percent` is a percentage of the answer's size. */
    tolerance: z.number().min(0).max(1e9).default(0),
    toleranceKind: z.enum(['absolute', 'percent']).default('absolute'),
  },
  short_answer: {
    /**
     * `exact`: one of `accepted` after trimming and whitespace folding (case per `caseSensitive`).
     * `pattern`: the whole folded answer matches `pattern`, case-insensitively; see answer-pattern.ts
     * for the limits that keep a pattern from running away.
     */
    match: z.enum(['exact', 'pattern']).default('exact'),
    accepted: z.array(Answer).max(20).default([]),
    caseSensitive: z.boolean().default(false),
    pattern: z.string().max(200).default(''),
  },
  matching: {
    /** The prompts on the left; each is matched to one item on the right. */
    left: z.array(TextItem).min(2, 'give at least two items').max(30),
    /** The answers on the right; may hold more than the left (distractors), and one may serve several. */
    right: z.array(TextItem).min(2, 'give at least two items').max(40),
    /** The key: one entry per left item. */
    pairs: z.array(z.strictObject({ left: PartId, right: PartId })).max(30),
  },
  /** `items` in their correct order; students see them shuffled. */
  ordering: { items: z.array(TextItem).min(2, 'give at least two items').max(30) },
  essay: {
    /** For the graders: what a full answer holds. */
    guidance: Markdown.default(''),
  },
} as const;

function variantsWith<E extends z.ZodRawShape>(extra: E) {
  const variant = <T extends QuestionType, S extends z.ZodRawShape>(type: T, shape: S) =>
    z.strictObject({ ...extra, type: z.literal(type), ...common, ...shape });
  return [
    variant('single_choice', shapes.single_choice),
    variant('multiple_response', shapes.multiple_response),
    variant('true_false', shapes.true_false),
    variant('fill_blanks', shapes.fill_blanks),
    variant('numeric', shapes.numeric),
    variant('short_answer', shapes.short_answer),
    variant('matching', shapes.matching),
    variant('ordering', shapes.ordering),
    variant('essay', shapes.essay),
  ] as const;
}
const variants = variantsWith({});

type Issue = { path: (string | number)[]; message: string };

function duplicateIds(ids: string[], path: string, issues: Issue[]): void {
  const seen = new Set<string>();
  ids.forEach((id, i) => {
    if (seen.has(id)) issues.push({ path: [path, i, 'id'], message: `the id ${id} is used twice` });
    seen.add(id);
  });
}

/** The rules across fields of one question, each naming the field it is about. */
export function questionIssues(q: z.infer<(typeof variants)[number]>): Issue[] {
  const issues: Issue[] = [];
  switch (q.type) {
    case 'single_choice':
    case 'multiple_response': {
      duplicateIds(
        q.options.map((o) => o.id),
        'options',
        issues,
      );
      const correct = q.options.filter((o) => o.correct).length;
      if (q.type === 'single_choice' && correct !== 1) issues.push({ path: ['options'], message: 'mark exactly one option correct' });
      if (q.type === 'multiple_response' && correct < 1) issues.push({ path: ['options'], message: 'mark at least one option correct' });
      break;
    }
    case 'fill_blanks': {
      duplicateIds(
        q.blanks.map((b) => b.id),
        'blanks',
        issues,
      );
      q.blanks.forEach((b, i) => {
        const count = q.prompt.split(`{{${b.id}}}`).length - 1;
        if (count !== 1) issues.push({ path: ['blanks', i, 'id'], message: `the prompt must hold {{${b.id}}} exactly once` });
      });
      const known = new Set(q.blanks.map((b) => b.id));
      for (const m of q.prompt.matchAll(/\{\{([^{}]*)\}\}/g))
        if (!known.has(m[1] as string)) issues.push({ path: ['prompt'], message: `{{${m[1]}}} is not a blank` });
      break;
    }
    case 'short_answer':
      if (q.match === 'exact' && q.accepted.length === 0) issues.push({ path: ['accepted'], message: 'give at least one accepted answer' });
      if (q.match === 'pattern') {
        const problem = answerPatternProblem(q.pattern);
        if (problem) issues.push({ path: ['pattern'], message: problem });
      }
      break;
    case 'matching': {
      duplicateIds(
        [...q.left, ...q.right].map((t) => t.id),
        'left',
        issues,
      );
      const rights = new Set(q.right.map((r) => r.id));
      const paired = new Set<string>();
      q.pairs.forEach((p, i) => {
        if (!q.left.some((l) => l.id === p.left)) issues.push({ path: ['pairs', i, 'left'], message: `${p.left} is not a left item` });
        if (!rights.has(p.right)) issues.push({ path: ['pairs', i, 'right'], message: `${p.right} is not a right item` });
        if (paired.has(p.left)) issues.push({ path: ['pairs', i, 'left'], message: `${p.left} is paired twice` });
        paired.add(p.left);
      });
      q.left.forEach((l, i) => {
        if (!paired.has(l.id)) issues.push({ path: ['left', i], message: `pair ${l.id} with a right item` });
      });
      break;
    }
    case 'ordering':
      duplicateIds(
        q.items.map((t) => t.id),
        'items',
        issues,
      );
      break;
    case 'true_false':
    case 'numeric':
    case 'essay':
      break;
    default:
      q satisfies never;
  }
  return issues;
}

function refined<T extends z.ZodType<z.infer<(typeof variants)[number]>>>(schema: T) {
  return schema.superRefine((q, ctx) => {
    for (const issue of questionIssues(q)) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
  });
}

/** What a teacher sends to create a question; the server gives it its id. */
export const CreateQuestionBody = refined(z.discriminatedUnion('type', variants));
export type CreateQuestionBody = z.input<typeof CreateQuestionBody>;

/** A question is replaced whole (its type may change), so an update has the shape of a creation. */
export const UpdateQuestionBody = CreateQuestionBody;
export type UpdateQuestionBody = z.input<typeof UpdateQuestionBody>;

export const Question = refined(z.discriminatedUnion('type', variantsWith({ id: QuestionId })));
export type Question = z.infer<typeof Question>;
export type QuestionOf<T extends QuestionType> = Extract<Question, { type: T }>;

// What a student answers, per type. Anything else (or an answer of another type) scores 0.
const Text = z.string().max(10_000);
export const QuestionResponse = z.discriminatedUnion('type', [
  z.object({ type: z.literal('single_choice'), optionId: z.string().max(100) }),
  z.object({ type: z.literal('multiple_response'), optionIds: z.array(z.string().max(100)).max(100) }),
  z.object({ type: z.literal('true_false'), value: z.boolean() }),
  /** By blank id. */
  z.object({ type: z.literal('fill_blanks'), answers: z.record(z.string().max(100), Text) }),
  z.object({ type: z.literal('numeric'), value: z.number().finite() }),
  z.object({ type: z.literal('short_answer'), text: Text }),
  z.object({ type: z.literal('matching'), pairs: z.array(z.object({ left: z.string().max(100), right: z.string().max(100) })).max(100) }),
  z.object({ type: z.literal('ordering'), order: z.array(z.string().max(100)).max(100) }),
  z.object({ type: z.literal('essay'), text: z.string().max(200_000) }),
]);
export type QuestionResponse = z.infer<typeof QuestionResponse>;
export type ResponseOf<T extends QuestionType> = Extract<QuestionResponse, { type: T }>;

export const GradeResult = z.object({
  score: z.number(),
  maxScore: z.number(),
  /** Null while a person has still to grade it (an essay). */
  correct: z.boolean().nullable(),
  needsReview: z.boolean(),
  /** Per blank (fill in the blanks) or per left item (matching). */
  perPart: z.array(z.object({ id: z.string(), correct: z.boolean(), score: z.number() })).optional(),
});
export type GradeResult = z.infer<typeof GradeResult>;
