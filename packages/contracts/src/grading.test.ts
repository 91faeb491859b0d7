import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bandFor, DEFAULT_GRADING_SCALE, type GradingScale } from './grading.ts';

describe('grading scale', () => {
  it('reads the default letter bands at their edges', () => {
    expect([100, 90, 89.99, 80, 79.5, 70, 60, 59.9, 0].map((p) => bandFor(DEFAULT_GRADING_SCALE, p).label)).toEqual([
      'A',
      'A',
      'B',
      'B',
      'C',
      'C',
      'D',
      'F',
      'F',
    ]);
    expect(bandFor(DEFAULT_GRADING_SCALE, 120).label).toBe('A');
    expect(bandFor(DEFAULT_GRADING_SCALE, -5).label).toBe('F');
  });

  it('never gives a lower band for a higher percentage, on any valid scale', () => {
    const scale = fc.uniqueArray(fc.integer({ min: 1, max: 100 }), { minLength: 0, maxLength: 8 }).map(
      (mins): GradingScale => ({
        kind: 'percentage',
        bands: [...mins.sort((a, b) => b - a), 0].map((min, i) => ({ label: `B${i}`, min, gpa: null })),
      }),
    );
    fc.assert(
      fc.property(scale, fc.double({ min: 0, max: 100, noNaN: true }), fc.double({ min: 0, max: 100, noNaN: true }), (s, a, b) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        expect(bandFor(s, high).min).toBeGreaterThanOrEqual(bandFor(s, low).min);
        expect(low).toBeGreaterThanOrEqual(bandFor(s, low).min);
      }),
    );
  });
});
