// Test data for the quiz engine: a valid question of every type, fast-check arbitraries for valid
// questions, and the key answer of a question. Used by tests only.
import fc from 'fast-check';
import { type CreateQuestionBody, Question, type QuestionResponse, type QuestionType } from './questions.ts';

export function makeQuestion(input: CreateQuestionBody & { id?: string }): Question {
  return Question.parse({ id: 'q1', ...input });
}

/** One valid question per type, small enough to read in a test. */
export const examples = {
  single_choice: () =>
    makeQuestion({
      type: 'single_choice',
      prompt: 'What is 2 + 2?',
      points: 2,
      options: [
        { id: 'a', text: '3' },
        { id: 'b', text: '4', correct: true },
        { id: 'c', text: '5' },
      ],
    }),
  multiple_response: () =>
    makeQuestion({
      type: 'multiple_response',
      prompt: 'Which are prime?',
      points: 4,
      options: [
        { id: 'two', text: '2', correct: true },
        { id: 'three', text: '3', correct: true },
        { id: 'four', text: '4' },
        { id: 'five', text: '5', correct: true },
        { id: 'six', text: '6' },
      ],
    }),
  true_false: () => makeQuestion({ type: 'true_false', prompt: 'The earth is round.', answer: true }),
  fill_blanks: () =>
    makeQuestion({
      type: 'fill_blanks',
      prompt: 'The capital of France is {{b1}} and of Italy {{b2}}.',
      points: 2,
      blanks: [
        { id: 'b1', accepted: ['Paris'] },
        { id: 'b2', accepted: ['Rome', 'Roma'], caseSensitive: true },
      ],
    }),
  numeric: () => makeQuestion({ type: 'numeric', prompt: 'g in m/s²?', answer: 9.81, tolerance: 0.05 }),
  short_answer: () => makeQuestion({ type: 'short_answer', prompt: 'Who wrote Hamlet?', accepted: ['Shakespeare', 'William Shakespeare'] }),
  pattern: () => makeQuestion({ type: 'short_answer', prompt: 'Name a colour spelled either way.', match: 'pattern', pattern: 'colou?r' }),
  matching: () =>
    makeQuestion({
      type: 'matching',
      prompt: 'Match the countries to their capitals.',
      points: 3,
      left: [
        { id: 'fr', text: 'France' },
        { id: 'it', text: 'Italy' },
        { id: 'es', text: 'Spain' },
      ],
      right: [
        { id: 'paris', text: 'Paris' },
        { id: 'rome', text: 'Rome' },
        { id: 'madrid', text: 'Madrid' },
        { id: 'lisbon', text: 'Lisbon' },
      ],
      pairs: [
        { left: 'fr', right: 'paris' },
        { left: 'it', right: 'rome' },
        { left: 'es', right: 'madrid' },
      ],
    }),
  ordering: () =>
    makeQuestion({
      type: 'ordering',
      prompt: 'Order from smallest to largest.',
      points: 3,
      items: ['one', 'two', 'three', 'four'].map((id) => ({ id, text: id })),
    }),
  essay: () => makeQuestion({ type: 'essay', prompt: 'Discuss.', points: 10, guidance: 'Mentions **both** sides.' }),
};

/** The answer that earns full marks; null for types with no single key (pattern, essay). */
export function keyResponse(q: Question): QuestionResponse | null {
  switch (q.type) {
    case 'single_choice':
      return { type: q.type, optionId: q.options.find((o) => o.correct)?.id ?? '' };
    case 'multiple_response':
      return { type: q.type, optionIds: q.options.filter((o) => o.correct).map((o) => o.id) };
    case 'true_false':
      return { type: q.type, value: q.answer };
    case 'fill_blanks':
      return { type: q.type, answers: Object.fromEntries(q.blanks.map((b) => [b.id, b.accepted[0] as string])) };
    case 'numeric':
      return { type: q.type, value: q.answer };
    case 'short_answer':
      return q.match === 'exact' ? { type: q.type, text: q.accepted[0] as string } : null;
    case 'matching':
      return { type: q.type, pairs: q.pairs };
    case 'ordering':
      return { type: q.type, order: q.items.map((i) => i.id) };
    case 'essay':
      return null;
  }
}

// ---------------------------------------------------------------- arbitraries

const WORDS = ['alpha', 'beta', 'Ünïcødé', 'x < y', 'a & b', '"quoted"', "it's", '**bold**', '2.5', 'naïve', 'tab\there', '>', 'π'];
const word = fc.constantFrom(...WORDS);
export const arbText = fc.array(word, { minLength: 1, maxLength: 5 }).map((ws) => ws.join(' '));
/** Markdown-ish text of one to three paragraphs, with single line breaks now and then. */
export const arbMarkdown = fc
  .array(
    fc.array(arbText, { minLength: 1, maxLength: 2 }).map((lines) => lines.join('\n')),
    { minLength: 1, maxLength: 3 },
  )
  .map((paras) => paras.join('\n\n'));
const arbIds = (min: number, max: number) => fc.uniqueArray(fc.stringMatching(/^[a-z][a-z0-9]{0,5}$/), { minLength: min, maxLength: max });

const arbCommon = fc.record({
  id: fc.oneof(fc.stringMatching(/^[a-z][a-z0-9-]{0,10}$/), fc.uuid()),
  prompt: arbMarkdown,
  points: fc.integer({ min: 1, max: 40 }).map((n) => n / 2),
  tags: fc.uniqueArray(fc.constantFrom('algebra', 'geometry', 'unit-1', 'unit 2', 'hard'), { maxLength: 3 }),
  difficulty: fc.integer({ min: 1, max: 5 }),
  feedback: fc.record({
    correct: fc.oneof(fc.constant(''), arbMarkdown),
    incorrect: fc.oneof(fc.constant(''), arbMarkdown),
    general: fc.oneof(fc.constant(''), arbMarkdown),
  }),
});

const arbChoice = (type: 'single_choice' | 'multiple_response') =>
  fc
    .tuple(
      arbIds(2, 6),
      fc.array(arbText, { minLength: 6, maxLength: 6 }),
      fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
      fc.nat(),
    )
    .map(([ids, texts, flags, pick]) => {
      const correctAt = pick % ids.length;
      return {
        type,
        options: ids.map((id, i) => ({
          id,
          text: texts[i] as string,
          correct: type === 'single_choice' ? i === correctAt : i === correctAt || (flags[i] as boolean),
        })),
      };
    });

const arbByType: Record<Exclude<QuestionType, never>, fc.Arbitrary<Record<string, unknown>>> = {
  single_choice: arbChoice('single_choice'),
  multiple_response: arbChoice('multiple_response'),
  true_false: fc.record({ type: fc.constant('true_false'), answer: fc.boolean() }),
  fill_blanks: fc
    .tuple(arbIds(1, 4), fc.array(fc.array(arbText, { minLength: 1, maxLength: 3 }), { minLength: 4, maxLength: 4 }), fc.boolean(), arbText)
    .map(([ids, accepted, caseSensitive, lead]) => ({
      type: 'fill_blanks',
      prompt: `${lead} ${ids.map((id, i) => `word${i} {{${id}}}`).join(' and ')} end`,
      // Listed in reverse of the prompt's order now and then: the list's order is the author's.
      blanks: (caseSensitive ? [...ids].reverse() : ids).map((id, i) => ({
        id,
        accepted: accepted[i] as string[],
        caseSensitive: caseSensitive && i === 0,
      })),
    })),
  numeric: fc.record({
    type: fc.constant('numeric'),
    answer: fc.oneof(
      fc.integer({ min: -1000, max: 1000 }),
      fc.double({ min: -1e6, max: 1e6, noNaN: true }).map((n) => Number(n.toPrecision(8)) || 0),
    ),
    tolerance: fc.oneof(
      fc.constant(0),
      fc.integer({ min: 1, max: 100 }).map((n) => n / 10),
    ),
    toleranceKind: fc.constantFrom('absolute', 'percent'),
  }),
  short_answer: fc.oneof(
    fc.record({
      type: fc.constant('short_answer'),
      match: fc.constant('exact'),
      accepted: fc.array(arbText, { minLength: 1, maxLength: 3 }),
      caseSensitive: fc.boolean(),
    }),
    fc.record({
      type: fc.constant('short_answer'),
      match: fc.constant('pattern'),
      pattern: fc.constantFrom('colou?r', '\\d+(\\.\\d+)?\\s*m', '(yes|y)', '[a-c]{2,3}x'),
    }),
  ),
  matching: fc
    .tuple(
      arbIds(4, 9),
      fc.integer({ min: 2, max: 4 }),
      fc.array(arbText, { minLength: 9, maxLength: 9 }),
      fc.array(fc.nat(), { minLength: 4, maxLength: 4 }),
    )
    .map(([ids, leftCount, texts, picks]) => {
      const left = ids.slice(0, leftCount).map((id, i) => ({ id, text: texts[i] as string }));
      const right = ids.slice(leftCount).map((id, i) => ({ id, text: texts[leftCount + i] as string }));
      while (right.length < 2) right.push({ id: `R${right.length}`, text: 'extra' });
      return {
        type: 'matching',
        left,
        right,
        pairs: left.map((l, i) => ({ left: l.id, right: (right[(picks[i] as number) % right.length] as { id: string }).id })),
      };
    }),
  ordering: fc.tuple(arbIds(2, 7), fc.array(arbText, { minLength: 7, maxLength: 7 })).map(([ids, texts]) => ({
    type: 'ordering',
    items: ids.map((id, i) => ({ id, text: texts[i] as string })),
  })),
  essay: fc.record({ type: fc.constant('essay'), guidance: fc.oneof(fc.constant(''), arbMarkdown) }),
};

/** Valid questions of the given types (all by default). */
export function arbQuestion(types: readonly QuestionType[] = Object.keys(arbByType) as QuestionType[]): fc.Arbitrary<Question> {
  return fc.oneof(...types.map((t) => fc.tuple(arbCommon, arbByType[t]).map(([common, shape]) => Question.parse({ ...common, ...shape }))));
}

/** Answers of any type for any question: some right, most wrong, a few malformed. */
export function arbResponseFor(q: Question): fc.Arbitrary<unknown> {
  const optionIds = q.type === 'single_choice' || q.type === 'multiple_response' ? q.options.map((o) => o.id) : ['x'];
  const lefts = q.type === 'matching' ? q.left.map((l) => l.id) : ['x'];
  const rights = q.type === 'matching' ? q.right.map((r) => r.id) : ['y'];
  const items = q.type === 'ordering' ? q.items.map((i) => i.id) : ['x'];
  const blanks = q.type === 'fill_blanks' ? q.blanks.map((b) => b.id) : ['x'];
  const answerText = fc.oneof(
    arbText,
    fc.constantFrom(...(q.type === 'fill_blanks' ? q.blanks.flatMap((b) => b.accepted) : ['x'])),
    fc.string(),
  );
  return fc.oneof(
    fc.record({ type: fc.constant('single_choice'), optionId: fc.oneof(fc.constantFrom(...optionIds), fc.string()) }),
    fc.record({ type: fc.constant('multiple_response'), optionIds: fc.subarray(optionIds) }),
    fc.record({ type: fc.constant('true_false'), value: fc.boolean() }),
    fc.record({ type: fc.constant('fill_blanks'), answers: fc.dictionary(fc.constantFrom(...blanks), answerText) }),
    fc.record({ type: fc.constant('numeric'), value: fc.double({ noNaN: true, noDefaultInfinity: true }) }),
    fc.record({ type: fc.constant('short_answer'), text: answerText }),
    fc.record({
      type: fc.constant('matching'),
      pairs: fc.array(fc.record({ left: fc.constantFrom(...lefts), right: fc.constantFrom(...rights) }), { maxLength: 6 }),
    }),
    fc.record({ type: fc.constant('ordering'), order: fc.shuffledSubarray(items) }),
    fc.record({ type: fc.constant('essay'), text: fc.string() }),
    fc.anything(),
  );
}
