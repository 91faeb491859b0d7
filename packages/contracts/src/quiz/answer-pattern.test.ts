import { describe, expect, it } from 'vitest';
import { answerPatternProblem, matchesAnswerPattern } from './answer-pattern.ts';

describe('short-answer patterns', () => {
  it('accepts ordinary patterns', () => {
    for (const p of [
      'colou?r',
      '\\d+(\\.\\d+)?\\s*m',
      '(yes|y)',
      '[a-c]{2,3}x',
      '(?:mr|mrs)\\.? smith',
      '\\p{L}+',
      'a{1,20}b',
      '(ab)+',
      '[(|)+*]+x',
    ])
      expect(answerPatternProblem(p), p).toBeNull();
  });

  it('refuses patterns that can run away, and broken ones', () => {
    const refused: [string, RegExp][] = [
      ['', /required/],
      ['a'.repeat(201), /200/],
      ['(', /valid/],
      ['(a+)+$', /repeat a group/],
      ['(a|aa)*', /repeat a group/],
      ['(ab?)*c', /repeat a group/],
      ['(?:x*y){2,9}', /repeat a group/],
      ['((a)+b)+', /repeat a group/],
      ['(a)\\1', /backreferences/],
      ['(?<n>a)\\k<n>', /backreferences/],
      ['a(?=b)', /lookahead/],
      ['(?<!a)b', /lookahead/],
      ['.*.*.*.*x', /unbounded/],
      ['a?b?c?d?e?f?g?h?i?', /quantifiers/],
    ];
    for (const [p, why] of refused) expect(answerPatternProblem(p), p).toMatch(why);
  });

  it('matches the whole answer, ignoring case', () => {
    expect(matchesAnswerPattern('colou?r', 'Colour')).toBe(true);
    expect(matchesAnswerPattern('colou?r', 'colors')).toBe(false);
    expect(matchesAnswerPattern('a|b', 'ab')).toBe(false);
    expect(matchesAnswerPattern('(a+)+', 'aaa')).toBe(false);
  });

  it('stays fast on the worst allowed pattern and input', () => {
    const started = performance.now();
    expect(matchesAnswerPattern('.*.*.*x', 'a'.repeat(5000))).toBe(false);
    expect(matchesAnswerPattern('(a+)?(a*)?b', 'a'.repeat(5000))).toBe(false);
    expect(performance.now() - started).toBeLessThan(1500);
  });
});
