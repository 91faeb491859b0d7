import { describe, expect, it } from 'vitest';
import { examples } from './question.factories.ts';
import { CreateQuestionBody, Question, QuestionResponse } from './questions.ts';

const issuesOf = (input: unknown) => {
  const parsed = CreateQuestionBody.safeParse(input);
  return parsed.success ? [] : parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
};

describe('question schemas', () => {
  it('accepts one valid question of every type and fills the defaults', () => {
    for (const make of Object.values(examples)) expect(() => make()).not.toThrow();
    const q = Question.parse({ id: 'x', type: 'true_false', prompt: '  Sky is blue ', answer: true });
    expect(q).toEqual({
      id: 'x',
      type: 'true_false',
      prompt: 'Sky is blue',
      answer: true,
      points: 1,
      tags: [],
      difficulty: 3,
      feedback: { correct: '', incorrect: '', general: '' },
    });
  });

  it('names the field: a single choice needs exactly one correct option', () => {
    const options = [
      { id: 'a', text: 'A', correct: true },
      { id: 'b', text: 'B', correct: true },
    ];
    expect(issuesOf({ type: 'single_choice', prompt: 'P', options })).toEqual([
      { path: 'options', message: 'mark exactly one option correct' },
    ]);
    expect(issuesOf({ type: 'single_choice', prompt: 'P', options: options.map((o) => ({ ...o, correct: false })) })[0]?.path).toBe(
      'options',
    );
    expect(issuesOf({ type: 'multiple_response', prompt: 'P', options: options.map((o) => ({ ...o, correct: false })) })).toEqual([
      { path: 'options', message: 'mark at least one option correct' },
    ]);
  });

  it('rejects duplicate ids where they are', () => {
    expect(
      issuesOf({
        type: 'single_choice',
        prompt: 'P',
        options: [
          { id: 'a', text: 'A', correct: true },
          { id: 'a', text: 'B' },
        ],
      }),
    ).toEqual([{ path: 'options.1.id', message: 'the id a is used twice' }]);
    expect(
      issuesOf({
        type: 'ordering',
        prompt: 'P',
        items: [
          { id: 'x', text: '1' },
          { id: 'x', text: '2' },
        ],
      })[0]?.path,
    ).toBe('items.1.id');
    expect(
      issuesOf({
        type: 'single_choice',
        prompt: 'P',
        options: [
          { id: '1a', text: 'A', correct: true },
          { id: 'b', text: 'B' },
        ],
      })[0]?.path,
    ).toBe('options.0.id');
  });

  it('ties blanks to their markers in the prompt', () => {
    const blank = { id: 'b1', accepted: ['x'] };
    expect(issuesOf({ type: 'fill_blanks', prompt: 'A {{b1}} B', blanks: [blank] })).toEqual([]);
    expect(issuesOf({ type: 'fill_blanks', prompt: 'A B', blanks: [blank] })).toEqual([
      { path: 'blanks.0.id', message: 'the prompt must hold {{b1}} exactly once' },
    ]);
    expect(issuesOf({ type: 'fill_blanks', prompt: '{{b1}} {{b1}}', blanks: [blank] })[0]?.path).toBe('blanks.0.id');
    expect(issuesOf({ type: 'fill_blanks', prompt: '{{b1}} {{b9}}', blanks: [blank] })).toEqual([
      { path: 'prompt', message: '{{b9}} is not a blank' },
    ]);
    expect(issuesOf({ type: 'fill_blanks', prompt: 'x {{b1}}', blanks: [{ id: 'b1', accepted: [] }] })[0]?.path).toBe('blanks.0.accepted');
  });

  it('checks short answers: accepted answers for exact, a safe pattern for pattern', () => {
    expect(issuesOf({ type: 'short_answer', prompt: 'P', accepted: [] })).toEqual([
      { path: 'accepted', message: 'give at least one accepted answer' },
    ]);
    expect(issuesOf({ type: 'short_answer', prompt: 'P', match: 'pattern', pattern: '(a+)+' })[0]?.path).toBe('pattern');
    expect(issuesOf({ type: 'short_answer', prompt: 'P', match: 'pattern', pattern: '[' })).toEqual([
      { path: 'pattern', message: 'is not a valid regular expression' },
    ]);
    expect(issuesOf({ type: 'short_answer', prompt: 'P', match: 'pattern', pattern: 'colou?r' })).toEqual([]);
  });

  it('checks the key of a matching question', () => {
    const base = {
      type: 'matching',
      prompt: 'P',
      left: [
        { id: 'l1', text: 'A' },
        { id: 'l2', text: 'B' },
      ],
      right: [
        { id: 'r1', text: '1' },
        { id: 'r2', text: '2' },
      ],
    };
    expect(
      issuesOf({
        ...base,
        pairs: [
          { left: 'l1', right: 'r1' },
          { left: 'l2', right: 'r1' },
        ],
      }),
    ).toEqual([]);
    expect(issuesOf({ ...base, pairs: [{ left: 'l1', right: 'r1' }] })).toEqual([{ path: 'left.1', message: 'pair l2 with a right item' }]);
    expect(
      issuesOf({
        ...base,
        pairs: [
          { left: 'l1', right: 'r9' },
          { left: 'l2', right: 'r1' },
        ],
      })[0]?.path,
    ).toBe('pairs.0.right');
    expect(
      issuesOf({
        ...base,
        right: [
          { id: 'l1', text: '1' },
          { id: 'r2', text: '2' },
        ],
        pairs: [],
      }).map((i) => i.message),
    ).toContain('the id l1 is used twice');
  });

  it('checks the common fields', () => {
    expect(issuesOf({ type: 'true_false', prompt: ' ', answer: true })[0]?.path).toBe('prompt');
    expect(issuesOf({ type: 'true_false', prompt: 'P', answer: true, difficulty: 6 })[0]?.path).toBe('difficulty');
    expect(issuesOf({ type: 'true_false', prompt: 'P', answer: true, points: 0 })[0]?.path).toBe('points');
    expect(issuesOf({ type: 'true_false', prompt: 'P', answer: true, extra: 1 })[0]?.path).toBe('');
    expect(issuesOf({ type: 'riddle', prompt: 'P' })[0]?.path).toBe('type');
  });

  it('reads responses per type', () => {
    expect(QuestionResponse.safeParse({ type: 'numeric', value: 3 }).success).toBe(true);
    expect(QuestionResponse.safeParse({ type: 'numeric', value: Number.NaN }).success).toBe(false);
    expect(QuestionResponse.safeParse({ type: 'ordering', order: 'a,b' }).success).toBe(false);
  });
});
