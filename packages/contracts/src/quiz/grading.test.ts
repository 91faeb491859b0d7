import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { shuffleFor } from './draw.ts';
import { gradeResponse, isWithinTolerance, longestIncreasingRun, normaliseAnswer } from './grading.ts';
import { arbQuestion, arbResponseFor, examples, keyResponse, makeQuestion } from './question.factories.ts';
import type { Question } from './questions.ts';

const score = (q: Question, r: unknown) => gradeResponse(q, r).score;

describe('grading, by example', () => {
  it('single choice: all or nothing; unknown ids and other types score 0', () => {
    const q = examples.single_choice();
    expect(gradeResponse(q, { type: 'single_choice', optionId: 'b' })).toEqual({
      score: 2,
      maxScore: 2,
      correct: true,
      needsReview: false,
    });
    expect(gradeResponse(q, { type: 'single_choice', optionId: 'a' })).toEqual({
      score: 0,
      maxScore: 2,
      correct: false,
      needsReview: false,
    });
    expect(score(q, { type: 'single_choice', optionId: 'zzz' })).toBe(0);
    expect(score(q, { type: 'multiple_response', optionIds: ['b'] })).toBe(0);
    expect(score(q, null)).toBe(0);
    expect(score(q, 'b')).toBe(0);
  });

  it('multiple response: right minus wrong over the correct count, floored at 0', () => {
    const q = examples.multiple_response(); // 3 correct of 5, 4 points
    const pick = (...optionIds: string[]) => gradeResponse(q, { type: 'multiple_response', optionIds });
    expect(pick('two', 'three', 'five')).toMatchObject({ score: 4, correct: true });
    expect(pick('five', 'two', 'three').score).toBe(4);
    expect(pick('two', 'three')).toMatchObject({ score: 2.67, correct: false });
    expect(pick('two', 'three', 'five', 'four')).toMatchObject({ score: 2.67, correct: false });
    expect(pick('two', 'four').score).toBe(0);
    expect(pick('four', 'six').score).toBe(0);
    expect(pick('two', 'three', 'four', 'five', 'six').score).toBe(1.33);
    expect(pick().score).toBe(0);
    expect(pick('two', 'two', 'three', 'five').score).toBe(0); // duplicates are malformed
    expect(pick('two', 'seven').score).toBe(0); // unknown ids are malformed
  });

  it('true/false', () => {
    const q = examples.true_false();
    expect(gradeResponse(q, { type: 'true_false', value: true }).correct).toBe(true);
    expect(score(q, { type: 'true_false', value: false })).toBe(0);
    expect(score(q, { type: 'true_false', value: 'true' })).toBe(0);
  });

  it('fill in the blanks: per blank, trimmed and folded, case as the blank says', () => {
    const q = examples.fill_blanks(); // 2 points, b2 case-sensitive
    const fill = (answers: Record<string, string>) => gradeResponse(q, { type: 'fill_blanks', answers });
    expect(fill({ b1: '  pARIS ', b2: 'Roma' })).toEqual({
      score: 2,
      maxScore: 2,
      correct: true,
      needsReview: false,
      perPart: [
        { id: 'b1', correct: true, score: 1 },
        { id: 'b2', correct: true, score: 1 },
      ],
    });
    expect(fill({ b1: 'Paris', b2: 'rome' })).toMatchObject({ score: 1, correct: false, perPart: [{ correct: true }, { correct: false }] });
    expect(fill({ b2: 'Rome' }).score).toBe(1);
    expect(fill({}).score).toBe(0);
    expect(fill({ b1: 'Paris', b9: 'x' }).score).toBe(0);
    const spaced = makeQuestion({ type: 'fill_blanks', prompt: 'x {{a}}', blanks: [{ id: 'a', accepted: ['New   York'] }] });
    expect(score(spaced, { type: 'fill_blanks', answers: { a: 'new\tyork' } })).toBe(1);
    expect(score(spaced, { type: 'fill_blanks', answers: { a: 'newyork' } })).toBe(0);
  });

  it('numeric: tolerance edges are inclusive, absolute or percent', () => {
    const q = examples.numeric(); // 9.81 ± 0.05
    const at = (value: number) => score(q, { type: 'numeric', value });
    expect([9.76, 9.81, 9.86, 9.7599, 9.8601].map(at)).toEqual([1, 1, 1, 0, 0]);
    const tenth = makeQuestion({ type: 'numeric', prompt: 'P', answer: 0.3, tolerance: 0.1 });
    expect([0.2, 0.4, 0.1 + 0.3].map((value) => score(tenth, { type: 'numeric', value }))).toEqual([1, 1, 1]);
    const percent = makeQuestion({ type: 'numeric', prompt: 'P', answer: -200, tolerance: 5, toleranceKind: 'percent' });
    expect([-210, -190, -189.9, -210.1].map((value) => score(percent, { type: 'numeric', value }))).toEqual([1, 1, 0, 0]);
    const exact = makeQuestion({ type: 'numeric', prompt: 'P', answer: 42 });
    expect([42, 42.0000001].map((value) => score(exact, { type: 'numeric', value }))).toEqual([1, 0]);
    expect(score(exact, { type: 'numeric', value: '42' })).toBe(0);
    expect(isWithinTolerance({ answer: 1, tolerance: 1, toleranceKind: 'absolute' }, Number.POSITIVE_INFINITY)).toBe(false);
  });

  it('short answer: exact list or pattern', () => {
    const q = examples.short_answer();
    expect(score(q, { type: 'short_answer', text: ' william   SHAKESPEARE ' })).toBe(1);
    expect(score(q, { type: 'short_answer', text: 'Marlowe' })).toBe(0);
    expect(score(q, { type: 'short_answer', text: '' })).toBe(0);
    const strict = makeQuestion({ type: 'short_answer', prompt: 'P', accepted: ['NaCl'], caseSensitive: true });
    expect([' NaCl', 'nacl'].map((text) => score(strict, { type: 'short_answer', text }))).toEqual([1, 0]);
    const p = examples.pattern();
    expect(['Color', ' colour ', 'colours', 'colr'].map((text) => score(p, { type: 'short_answer', text }))).toEqual([1, 1, 0, 0]);
    const number = makeQuestion({ type: 'short_answer', prompt: 'P', match: 'pattern', pattern: '\\d+(\\.\\d+)? ?m' });
    expect(['12 m', '12.5m', '12.5   M', 'twelve m'].map((text) => score(number, { type: 'short_answer', text }))).toEqual([1, 1, 1, 0]);
  });

  it('matching: per left item; unknown ids or a left item twice are malformed', () => {
    const q = examples.matching(); // 3 points, 3 left items
    const match = (...pairs: [string, string][]) =>
      gradeResponse(q, { type: 'matching', pairs: pairs.map(([left, right]) => ({ left, right })) });
    expect(match(['fr', 'paris'], ['it', 'rome'], ['es', 'madrid'])).toMatchObject({ score: 3, correct: true });
    expect(match(['es', 'madrid'], ['fr', 'paris'], ['it', 'lisbon'])).toMatchObject({
      score: 2,
      correct: false,
      perPart: [
        { id: 'fr', correct: true, score: 1 },
        { id: 'it', correct: false, score: 0 },
        { id: 'es', correct: true, score: 1 },
      ],
    });
    expect(match(['fr', 'paris']).score).toBe(1);
    expect(match(['fr', 'paris'], ['fr', 'rome']).score).toBe(0);
    expect(match(['fr', 'berlin']).score).toBe(0);
  });

  it('ordering: by the longest run in the right relative order', () => {
    const q = examples.ordering(); // 3 points, 4 items
    const order = (...ids: string[]) => score(q, { type: 'ordering', order: ids });
    expect(order('one', 'two', 'three', 'four')).toBe(3);
    expect(order('four', 'three', 'two', 'one')).toBe(0);
    expect(order('two', 'three', 'four', 'one')).toBe(2); // one item moved: LIS 3
    expect(order('two', 'one', 'four', 'three')).toBe(1); // LIS 2
    expect(order('one', 'two', 'three')).toBe(0);
    expect(order('one', 'one', 'three', 'four')).toBe(0);
    expect(order('one', 'two', 'three', 'five')).toBe(0);
  });

  it('essay: waits for a person, unless blank', () => {
    const q = examples.essay();
    expect(gradeResponse(q, { type: 'essay', text: 'Both sides…' })).toEqual({ score: 0, maxScore: 10, correct: null, needsReview: true });
    expect(gradeResponse(q, { type: 'essay', text: '  ' })).toEqual({ score: 0, maxScore: 10, correct: false, needsReview: false });
    expect(gradeResponse(q, undefined)).toEqual({ score: 0, maxScore: 10, correct: false, needsReview: false });
  });

  it('helpers', () => {
    expect(normaliseAnswer('  A \n b\t ')).toBe('a b');
    expect(normaliseAnswer(' A  B ', true)).toBe('A B');
    expect(longestIncreasingRun([])).toBe(0);
    expect(longestIncreasingRun([3, 1, 2, 5, 4])).toBe(3);
  });
});

describe('grading, by property', () => {
  const withResponse = arbQuestion().chain((q) => fc.tuple(fc.constant(q), arbResponseFor(q)));

  it('never throws and keeps 0 ≤ score ≤ maxScore', () => {
    fc.assert(
      fc.property(withResponse, ([q, r]) => {
        const g = gradeResponse(q, r);
        expect(g.maxScore).toBe(q.points);
        expect(g.score).toBeGreaterThanOrEqual(0);
        expect(g.score).toBeLessThanOrEqual(g.maxScore);
        if (g.correct === true) expect(g.score).toBe(g.maxScore);
        if (g.needsReview) expect(q.type).toBe('essay');
      }),
      { numRuns: 500 },
    );
  });

  it('gives the key answer full marks', () => {
    fc.assert(
      fc.property(arbQuestion(), (q) => {
        const key = keyResponse(q);
        if (!key) return;
        expect(gradeResponse(q, key)).toMatchObject({ score: q.points, correct: true, needsReview: false });
      }),
      { numRuns: 300 },
    );
  });

  it('does not depend on the order options, blanks, items or pairs are presented in', () => {
    const shuffledCopy = (q: Question, seed: number): Question => {
      const mix = <T>(xs: T[]) => shuffleFor(seed, xs);
      switch (q.type) {
        case 'single_choice':
        case 'multiple_response':
          return { ...q, options: mix(q.options) };
        case 'fill_blanks':
          return { ...q, blanks: mix(q.blanks) };
        case 'matching':
          return { ...q, left: q.left, right: mix(q.right), pairs: mix(q.pairs) };
        default:
          return q;
      }
    };
    fc.assert(
      fc.property(
        arbQuestion(['single_choice', 'multiple_response', 'fill_blanks', 'matching']).chain((q) =>
          fc.tuple(fc.constant(q), arbResponseFor(q), fc.integer({ min: 1, max: 50 })),
        ),
        ([q, r, seed]) => {
          const a = gradeResponse(q, r);
          const b = gradeResponse(shuffledCopy(q, seed), r);
          expect(b.score).toBe(a.score);
          expect(b.correct).toBe(a.correct);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('multiple response: one more right choice never lowers the score, one more wrong never raises it', () => {
    fc.assert(
      fc.property(
        arbQuestion(['multiple_response']).chain((q) =>
          fc.tuple(fc.constant(q), fc.subarray(q.type === 'multiple_response' ? q.options : [])),
        ),
        ([q, chosen]) => {
          if (q.type !== 'multiple_response') return;
          const ids = chosen.map((o) => o.id);
          const base = score(q, { type: q.type, optionIds: ids });
          for (const o of q.options.filter((x) => !ids.includes(x.id))) {
            const next = score(q, { type: q.type, optionIds: [...ids, o.id] });
            if (o.correct) expect(next).toBeGreaterThanOrEqual(base);
            else expect(next).toBeLessThanOrEqual(base);
          }
        },
      ),
    );
  });

  it('ordering: moving one item of a right order elsewhere costs exactly one step', () => {
    fc.assert(
      fc.property(
        arbQuestion(['ordering']).chain((q) => {
          const n = q.type === 'ordering' ? q.items.length : 2;
          return fc.tuple(fc.constant(q), fc.nat({ max: n - 1 }), fc.nat({ max: n - 1 }));
        }),
        ([q, from, to]) => {
          if (q.type !== 'ordering') return;
          const order = q.items.map((i) => i.id);
          const [moved] = order.splice(from, 1);
          order.splice(to, 0, moved as string);
          const n = q.items.length;
          const expected = from === to ? q.points : Math.round(((n - 2) / (n - 1)) * q.points * 100) / 100;
          expect(score(q, { type: 'ordering', order })).toBe(expected);
        },
      ),
    );
  });

  it('numeric: everything inside the tolerance scores, everything clearly outside does not', () => {
    fc.assert(
      fc.property(arbQuestion(['numeric']), fc.double({ min: -1, max: 1, noNaN: true }), (q, t) => {
        if (q.type !== 'numeric') return;
        const allowed = q.toleranceKind === 'percent' ? (Math.abs(q.answer) * q.tolerance) / 100 : q.tolerance;
        expect(score(q, { type: 'numeric', value: q.answer + t * allowed })).toBe(q.points);
        expect(score(q, { type: 'numeric', value: q.answer + (allowed + 1e-3 + Math.abs(q.answer) * 1e-6) * (t < 0 ? -1 : 1) })).toBe(0);
      }),
    );
  });
});
