import { describe, expect, it } from 'vitest';
import { itemAnalysis } from './analytics.service.ts';

const attempt = (share: number, a: number, b: number) => ({
  share,
  results: {
    a: { score: a, maxScore: 1, correct: a === 1, needsReview: false, feedback: '' },
    b: { score: b, maxScore: 2, correct: b === 2, needsReview: false, feedback: '' },
  },
});

describe('quiz item analysis', () => {
  it('facility is the mean share; discrimination the top third minus the bottom third', () => {
    // Item a: the strong get it, the weak do not (discriminates); item b: everyone half right.
    const attempts = [attempt(1, 1, 1), attempt(0.9, 1, 1), attempt(0.6, 1, 1), attempt(0.5, 0, 1), attempt(0.2, 0, 1), attempt(0.1, 0, 1)];
    expect(itemAnalysis(attempts, ['a', 'b'])).toEqual([
      { questionId: 'a', answered: 6, difficulty: 0.5, discrimination: 1 },
      { questionId: 'b', answered: 6, difficulty: 0.5, discrimination: 0 },
    ]);
  });

  it('gives no discrimination below six attempts, and no difficulty without answers', () => {
    expect(itemAnalysis([attempt(1, 1, 2)], ['a', 'c'])).toEqual([
      { questionId: 'a', answered: 1, difficulty: 1, discrimination: null },
      { questionId: 'c', answered: 0, difficulty: null, discrimination: null },
    ]);
  });
});
