// Auto-grading. The rules, per type (points = the question's points):
// - single choice, true/false: all or nothing.
// - multiple response: (right selections − wrong selections) ÷ correct options, floored at 0, times
//   points. Choosing everything therefore earns nothing when there are as many wrong options as right.
// - fill in the blanks: each blank is worth points ÷ blanks; an answer is trimmed, runs of whitespace
//   fold to one space, and case is ignored unless the blank says otherwise.
// - numeric: all or nothing; within the tolerance, both edges included (a hair of float slack so
//   that 0.3 ± 0.1 accepts 0.4). A percent tolerance is a percentage of the answer's size.
// - short answer: all or nothing, exact (after folding, case per the question) or by pattern.
// - matching: each left item is worth points ÷ left items.
// - ordering: by the longest run of items already in the right relative order (longest increasing
//   subsequence, LIS): (LIS − 1) ÷ (items − 1) of the points. Fully right scores all, fully reversed
//   none, and moving one item elsewhere costs exactly one step.
// - essay: graded by a person: 0 now and `needsReview`, unless the answer is blank (0, not correct).
// Scores are rounded to hundredths of a point. A malformed answer (another type, unknown ids,
// duplicates, not a permutation) scores 0 and never throws.
import { matchesAnswerPattern } from './answer-pattern.ts';
import { type GradeResult, type Question, type QuestionOf, QuestionResponse, type ResponseOf } from './questions.ts';

type Part = NonNullable<GradeResult['perPart']>[number];

const round = (n: number) => Math.round(n * 100) / 100;

/** Trims and folds runs of whitespace to one space; lower-cases unless told otherwise. */
export function normaliseAnswer(text: string, caseSensitive = false): string {
  const folded = text.trim().replace(/\s+/gu, ' ');
  return caseSensitive ? folded : folded.toLocaleLowerCase('en');
}

function result(question: Question, fraction: number, perPart?: Part[]): GradeResult {
  const maxScore = question.points;
  const clamped = Math.min(1, Math.max(0, Number.isFinite(fraction) ? fraction : 0));
  const out: GradeResult = { score: Math.min(maxScore, round(clamped * maxScore)), maxScore, correct: clamped === 1, needsReview: false };
  if (perPart) out.perPart = perPart;
  return out;
}

const zero = (question: Question): GradeResult => result(question, 0);

export function gradeResponse(question: Question, response: unknown): GradeResult {
  const parsed = QuestionResponse.safeParse(response);
  // No answer, or one that does not fit the question (an essay included), is simply wrong.
  if (!parsed.success || parsed.data.type !== question.type) return zero(question);
  try {
    return grade(question, parsed.data);
  } catch {
    return zero(question);
  }
}

function grade(question: Question, response: QuestionResponse): GradeResult {
  switch (question.type) {
    case 'single_choice':
      return gradeSingle(question, response as ResponseOf<'single_choice'>);
    case 'multiple_response':
      return gradeMultiple(question, response as ResponseOf<'multiple_response'>);
    case 'true_false':
      return result(question, (response as ResponseOf<'true_false'>).value === question.answer ? 1 : 0);
    case 'fill_blanks':
      return gradeBlanks(question, response as ResponseOf<'fill_blanks'>);
    case 'numeric':
      return result(question, isWithinTolerance(question, (response as ResponseOf<'numeric'>).value) ? 1 : 0);
    case 'short_answer':
      return gradeShort(question, response as ResponseOf<'short_answer'>);
    case 'matching':
      return gradeMatching(question, response as ResponseOf<'matching'>);
    case 'ordering':
      return gradeOrdering(question, response as ResponseOf<'ordering'>);
    case 'essay': {
      const blank = (response as ResponseOf<'essay'>).text.trim() === '';
      return { score: 0, maxScore: question.points, correct: blank ? false : null, needsReview: !blank };
    }
    default:
      question satisfies never;
      return zero(question);
  }
}

function gradeSingle(question: QuestionOf<'single_choice'>, response: ResponseOf<'single_choice'>): GradeResult {
  const option = question.options.find((o) => o.id === response.optionId);
  return result(question, option?.correct ? 1 : 0);
}

function gradeMultiple(question: QuestionOf<'multiple_response'>, response: ResponseOf<'multiple_response'>): GradeResult {
  const selected = new Set(response.optionIds);
  if (selected.size !== response.optionIds.length) return zero(question);
  let right = 0;
  let wrong = 0;
  for (const id of selected) {
    const option = question.options.find((o) => o.id === id);
    if (!option) return zero(question);
    if (option.correct) right++;
    else wrong++;
  }
  const correctCount = question.options.filter((o) => o.correct).length;
  if (correctCount === 0) return zero(question);
  const exact = right === correctCount && wrong === 0;
  // Exactness decides `correct`; the fraction only the score (they agree: right − wrong = all only when exact).
  return { ...result(question, (right - wrong) / correctCount), correct: exact };
}

function gradeBlanks(question: QuestionOf<'fill_blanks'>, response: ResponseOf<'fill_blanks'>): GradeResult {
  const known = new Set(question.blanks.map((b) => b.id));
  if (Object.keys(response.answers).some((id) => !known.has(id))) return zero(question);
  const each = question.points / question.blanks.length;
  const parts: Part[] = question.blanks.map((blank) => {
    const given = Object.hasOwn(response.answers, blank.id) ? (response.answers[blank.id] as string) : '';
    const answer = normaliseAnswer(given, blank.caseSensitive);
    const ok = answer !== '' && blank.accepted.some((a) => normaliseAnswer(a, blank.caseSensitive) === answer);
    return { id: blank.id, correct: ok, score: ok ? round(each) : 0 };
  });
  const right = parts.filter((p) => p.correct).length;
  return result(question, right / parts.length, parts);
}

/** Whether a number is within a numeric question's tolerance, edges included. */
export function isWithinTolerance(question: Pick<QuestionOf<'numeric'>, 'answer' | 'tolerance' | 'toleranceKind'>, value: number): boolean {
  if (!Number.isFinite(value)) return false;
  const allowed = question.toleranceKind === 'percent' ? (Math.abs(question.answer) * question.tolerance) / 100 : question.tolerance;
  const slack = 1e-9 * Math.max(1, Math.abs(question.answer), allowed);
  return Math.abs(value - question.answer) <= allowed + slack;
}

function gradeShort(question: QuestionOf<'short_answer'>, response: ResponseOf<'short_answer'>): GradeResult {
  if (question.match === 'pattern') {
    const folded = normaliseAnswer(response.text, true);
    return result(question, folded !== '' && matchesAnswerPattern(question.pattern, folded) ? 1 : 0);
  }
  const answer = normaliseAnswer(response.text, question.caseSensitive);
  const ok = answer !== '' && question.accepted.some((a) => normaliseAnswer(a, question.caseSensitive) === answer);
  return result(question, ok ? 1 : 0);
}

function gradeMatching(question: QuestionOf<'matching'>, response: ResponseOf<'matching'>): GradeResult {
  const lefts = new Set(question.left.map((l) => l.id));
  const rights = new Set(question.right.map((r) => r.id));
  const given = new Map<string, string>();
  for (const p of response.pairs) {
    if (!lefts.has(p.left) || !rights.has(p.right) || given.has(p.left)) return zero(question);
    given.set(p.left, p.right);
  }
  const key = new Map(question.pairs.map((p) => [p.left, p.right]));
  const each = question.points / question.left.length;
  const parts: Part[] = question.left.map((l) => {
    const ok = given.get(l.id) !== undefined && given.get(l.id) === key.get(l.id);
    return { id: l.id, correct: ok, score: ok ? round(each) : 0 };
  });
  return result(question, parts.filter((p) => p.correct).length / parts.length, parts);
}

/** The length of the longest strictly increasing subsequence (patience sorting, O(n log n)). */
export function longestIncreasingRun(values: number[]): number {
  const tails: number[] = [];
  for (const v of values) {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((tails[mid] as number) < v) lo = mid + 1;
      else hi = mid;
    }
    tails[lo] = v;
  }
  return tails.length;
}

function gradeOrdering(question: QuestionOf<'ordering'>, response: ResponseOf<'ordering'>): GradeResult {
  const position = new Map(question.items.map((item, i) => [item.id, i]));
  const n = question.items.length;
  if (response.order.length !== n || new Set(response.order).size !== n || response.order.some((id) => !position.has(id)))
    return zero(question);
  const lis = longestIncreasingRun(response.order.map((id) => position.get(id) as number));
  return result(question, n < 2 ? 1 : (lis - 1) / (n - 1));
}
