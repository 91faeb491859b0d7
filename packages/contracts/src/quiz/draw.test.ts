import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { drawQuestions, nextDifficulty, pickAdaptive, QuizDrawError, seededRandom, shuffleFor } from './draw.ts';

const bank = [
  ...Array.from({ length: 6 }, (_, i) => ({ id: `alg-${i}`, tags: ['algebra'], difficulty: (i % 5) + 1 })),
  ...Array.from({ length: 4 }, (_, i) => ({ id: `geo-${i}`, tags: ['geometry'], difficulty: (i % 5) + 1 })),
  { id: 'both', tags: ['algebra', 'geometry'], difficulty: 3 },
];

describe('seeded shuffles', () => {
  it('gives the same order for the same seed, a permutation, and leaves the input alone', () => {
    const items = Array.from({ length: 20 }, (_, i) => i);
    const a = shuffleFor('attempt-1', items);
    expect(shuffleFor('attempt-1', items)).toEqual(a);
    expect(shuffleFor('attempt-2', items)).not.toEqual(a);
    expect([...a].sort((x, y) => x - y)).toEqual(items);
    expect(items[0]).toBe(0);
  });

  it('is a permutation for any seed and input', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.integer()), fc.array(fc.integer()), (seed, items) => {
        expect(shuffleFor(seed, items).sort()).toEqual([...items].sort());
      }),
    );
  });

  it('spreads roughly evenly', () => {
    const counts = [0, 0, 0, 0];
    for (let s = 0; s < 4000; s++) {
      const first = shuffleFor(s, [0, 1, 2, 3])[0] as number;
      counts[first] = (counts[first] ?? 0) + 1;
    }
    for (const c of counts) expect(c).toBeGreaterThan(850);
    const random = seededRandom('x');
    for (let i = 0; i < 1000; i++) {
      const r = random();
      expect(r >= 0 && r < 1).toBe(true);
    }
  });
});

describe('drawing from pools', () => {
  it('draws per pool without duplicates, deterministically, whatever the bank order', () => {
    const pools = [
      { tags: ['algebra'], count: 4 },
      { tags: ['geometry'], count: 4 },
    ];
    const drawn = drawQuestions(bank, pools, 'seed');
    expect(drawn).toHaveLength(8);
    expect(new Set(drawn.map((q) => q.id)).size).toBe(8);
    expect(drawn.slice(0, 4).every((q) => q.tags.includes('algebra'))).toBe(true);
    expect(drawn.slice(4).every((q) => q.tags.includes('geometry'))).toBe(true);
    expect(drawQuestions([...bank].reverse(), pools, 'seed')).toEqual(drawn);
    expect(drawQuestions([], [], 'x')).toEqual([]);
    expect(drawQuestions(bank, [{ tags: [], count: bank.length }], 1)).toHaveLength(bank.length);
    expect(drawQuestions(bank, [{ tags: ['algebra', 'geometry'], count: 1 }], 1).map((q) => q.id)).toEqual(['both']);
  });

  it('fails when a pool has too few left', () => {
    expect(() => drawQuestions(bank, [{ tags: ['geometry'], count: 6 }], 's')).toThrow(QuizDrawError);
    try {
      drawQuestions(
        bank,
        [
          { tags: ['algebra'], count: 7 },
          { tags: ['geometry'], count: 5 },
        ],
        's',
      );
      expect.unreachable();
    } catch (e) {
      // The first pool took 'both', so the second finds four.
      expect(e).toMatchObject({ code: 'quiz.pool_too_small', poolIndex: 1, requested: 5, available: 4 });
    }
  });

  it('never draws a question twice, for any pools that can be met', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ tags: fc.subarray(['algebra', 'geometry'], { maxLength: 1 }), count: fc.integer({ min: 0, max: 3 }) }), {
          maxLength: 3,
        }),
        fc.string(),
        (pools, seed) => {
          try {
            const drawn = drawQuestions(bank, pools, seed);
            expect(new Set(drawn.map((q) => q.id)).size).toBe(drawn.length);
            expect(drawn.length).toBe(pools.reduce((n, p) => n + p.count, 0));
          } catch (e) {
            expect(e).toBeInstanceOf(QuizDrawError);
          }
        },
      ),
    );
  });
});

describe('adaptive mode', () => {
  it('steps up after a right answer, down after a wrong one, within 1–5', () => {
    expect(nextDifficulty([])).toBe(3);
    expect(nextDifficulty([], 1)).toBe(1);
    expect(nextDifficulty([{ difficulty: 3, correct: true }])).toBe(4);
    expect(nextDifficulty([{ difficulty: 3, correct: false }])).toBe(2);
    expect(nextDifficulty([{ difficulty: 4, correct: null }])).toBe(4);
    expect(nextDifficulty([{ difficulty: 5, correct: true }])).toBe(5);
    expect(nextDifficulty([{ difficulty: 1, correct: false }])).toBe(1);
    expect(
      nextDifficulty([
        { difficulty: 1, correct: true },
        { difficulty: 2, correct: true },
      ]),
    ).toBe(3);
  });

  it('picks an unasked question at the difficulty, else the nearest, else null', () => {
    const q = pickAdaptive(bank, [], 2, 'seed');
    expect(q?.difficulty).toBe(2);
    expect(pickAdaptive(bank, [], 2, 'seed')).toEqual(q);
    const small = [
      { id: 'a', tags: [], difficulty: 1 },
      { id: 'b', tags: [], difficulty: 5 },
    ];
    expect(pickAdaptive(small, [], 2, 's')?.id).toBe('a');
    expect(pickAdaptive(small, ['a'], 2, 's')?.id).toBe('b');
    expect(pickAdaptive(small, ['a', 'b'], 2, 's')).toBeNull();
  });

  it('never repeats a question in a whole adaptive run', () => {
    fc.assert(
      fc.property(fc.string(), fc.array(fc.boolean(), { minLength: bank.length, maxLength: bank.length }), (seed, answers) => {
        const asked: string[] = [];
        const history: { difficulty: number; correct: boolean }[] = [];
        for (const correct of answers) {
          const q = pickAdaptive(bank, asked, nextDifficulty(history), seed);
          if (!q) break;
          expect(asked).not.toContain(q.id);
          asked.push(q.id);
          history.push({ difficulty: q.difficulty, correct });
        }
        expect(asked).toHaveLength(bank.length);
        expect(pickAdaptive(bank, asked, 3, seed)).toBeNull();
      }),
    );
  });
});
