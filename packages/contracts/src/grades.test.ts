import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { weightedPercent } from './grades.ts';

const result = fc.record({
  points: fc.option(fc.integer({ min: 0, max: 100 }), { nil: null }),
  excused: fc.boolean(),
  maxPoints: fc.constant(100),
  weight: fc.integer({ min: 1, max: 10 }),
});

describe('weighted term percentage', () => {
  it('weights results, ignores unmarked and excused ones, and rounds halves up', () => {
    expect(
      weightedPercent([
        { points: 18, excused: false, maxPoints: 20, weight: 1 },
        { points: 95, excused: false, maxPoints: 100, weight: 3 },
        { points: null, excused: false, maxPoints: 10, weight: 5 },
        { points: null, excused: true, maxPoints: 10, weight: 5 },
      ]),
    ).toBe(93.8);
    // 18.25 in exact arithmetic; float sums land a hair below, which must still round up.
    for (const weight of [1, 2, 7])
      expect(weightedPercent([0, 57, 13, 3].map((points) => ({ points, excused: false, maxPoints: 100, weight })))).toBe(18.3);
    expect(weightedPercent([])).toBeNull();
    expect(weightedPercent([{ points: null, excused: true, maxPoints: 10, weight: 1 }])).toBeNull();
  });

  it('stays within the lowest and highest counted result', () => {
    fc.assert(
      fc.property(fc.array(result, { maxLength: 12 }), (results) => {
        const counted = results.filter((r) => r.points !== null && !r.excused).map((r) => r.points as number);
        const percent = weightedPercent(results);
        if (!counted.length) return percent === null;
        return percent !== null && percent >= Math.min(...counted) - 0.05 && percent <= Math.max(...counted) + 0.05;
      }),
    );
  });

  it('with equal weights is the plain mean; scaling every weight changes nothing', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 2, max: 9 }),
        (points, k) => {
          const of = (weight: number) => points.map((p) => ({ points: p, excused: false, maxPoints: 100, weight }));
          const mean = points.reduce((a, b) => a + b, 0) / points.length;
          const percent = weightedPercent(of(1)) as number;
          // Rounded to one decimal: within half a tenth of the mean (and a hair for float error).
          return Math.abs(percent - mean) <= 0.05 + 1e-9 && weightedPercent(of(k)) === percent;
        },
      ),
    );
  });
});
