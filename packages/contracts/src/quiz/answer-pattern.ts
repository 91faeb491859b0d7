// Short-answer patterns are regular expressions written by teachers and run on every answer, in
// the server and the browser alike. JavaScript's backtracking engine can take exponential time on
// some patterns (`(a+)+$`), and grading is synchronous, so a time limit is not available: instead a
// pattern is checked when the question is saved and refused unless its worst case stays small.
//
// The rules: at most 200 characters; compiles with the `u` flag; no backreferences or lookaround;
// no repeating quantifier (`*`, `+`, `{n,m}` with m > 1) on a group that holds a quantifier or an
// alternation (`(a+)+`, `(a|aa)*`, `(ab?)*` — the nested shapes behind exponential runs); at most 3
// unbounded quantifiers (`*`, `+`, `{n,}`, or `{n,m}` with m > 20) and at most 8 quantifiers in all,
// so polynomial backtracking stays under about 200³ steps; and the answer it runs on is cut to
// 200 characters. Patterns match the whole (trimmed, whitespace-folded) answer, ignoring case.

export const MAX_PATTERN_LENGTH = 200;
export const MAX_PATTERN_INPUT = 200;
const MAX_UNBOUNDED = 3;
const MAX_QUANTIFIERS = 8;

type Frame = { hasQuantifier: boolean; hasAlternation: boolean };
type Atom = { kind: 'group'; frame: Frame } | { kind: 'simple' } | { kind: 'none' };

/** Why a pattern is refused, or null when it may be used. */
export function answerPatternProblem(pattern: string): string | null {
  if (pattern.length === 0) return 'is required';
  if (pattern.length > MAX_PATTERN_LENGTH) return `must be at most ${MAX_PATTERN_LENGTH} characters`;
  try {
    new RegExp(pattern, 'u');
  } catch {
    return 'is not a valid regular expression';
  }
  const stack: Frame[] = [{ hasQuantifier: false, hasAlternation: false }];
  let last: Atom = { kind: 'none' };
  let unbounded = 0;
  let quantifiers = 0;
  let i = 0;
  const top = () => stack[stack.length - 1] as Frame;
  while (i < pattern.length) {
    const c = pattern[i] as string;
    if (c === '\\') {
      const next = pattern[i + 1] ?? '';
      if (/[1-9]/.test(next) || (next === 'k' && pattern[i + 2] === '<')) return 'must not use backreferences';
      // \p{…} and \u{…} carry braces that are not quantifiers.
      if ((next === 'p' || next === 'P' || next === 'u') && pattern[i + 2] === '{') {
        const close = pattern.indexOf('}', i + 3);
        i = close < 0 ? pattern.length : close + 1;
      } else i += 2;
      last = { kind: 'simple' };
      continue;
    }
    if (c === '[') {
      // A character class is one atom; skip to its unescaped closing bracket.
      let j = i + 1;
      if (pattern[j] === '^') j++;
      if (pattern[j] === ']') j++;
      while (j < pattern.length && pattern[j] !== ']') j += pattern[j] === '\\' ? 2 : 1;
      i = j + 1;
      last = { kind: 'simple' };
      continue;
    }
    if (c === '(') {
      if (pattern.startsWith('(?=', i) || pattern.startsWith('(?!', i) || pattern.startsWith('(?<=', i) || pattern.startsWith('(?<!', i))
        return 'must not use lookahead or lookbehind';
      stack.push({ hasQuantifier: false, hasAlternation: false });
      if (pattern.startsWith('(?:', i)) i += 3;
      else if (pattern.startsWith('(?<', i)) i = pattern.indexOf('>', i) + 1;
      else i += 1;
      last = { kind: 'none' };
      continue;
    }
    if (c === ')') {
      const frame = stack.pop() as Frame;
      if (frame.hasQuantifier) top().hasQuantifier = true;
      last = { kind: 'group', frame };
      i++;
      continue;
    }
    if (c === '|') {
      top().hasAlternation = true;
      last = { kind: 'none' };
      i++;
      continue;
    }
    const quantifier = readQuantifier(pattern, i);
    if (quantifier) {
      quantifiers++;
      if (quantifier.max === Number.POSITIVE_INFINITY || quantifier.max > 20) unbounded++;
      if (last.kind === 'group' && quantifier.max > 1 && (last.frame.hasQuantifier || last.frame.hasAlternation))
        return 'must not repeat a group that holds a quantifier or an alternation, such as (a+)+ or (a|b)*';
      top().hasQuantifier = true;
      i = quantifier.end;
      // A lazy quantifier's `?` belongs to it.
      if (pattern[i] === '?') i++;
      last = { kind: 'none' };
      continue;
    }
    last = { kind: 'simple' };
    i++;
  }
  if (unbounded > MAX_UNBOUNDED) return `must have at most ${MAX_UNBOUNDED} unbounded quantifiers (*, +, {n,})`;
  if (quantifiers > MAX_QUANTIFIERS) return `must have at most ${MAX_QUANTIFIERS} quantifiers`;
  return null;
}

function readQuantifier(pattern: string, i: number): { max: number; end: number } | null {
  const c = pattern[i];
  if (c === '*' || c === '+') return { max: Number.POSITIVE_INFINITY, end: i + 1 };
  if (c === '?') return { max: 1, end: i + 1 };
  if (c === '{') {
    const m = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(i));
    if (!m) return null;
    const max = m[2] === undefined ? Number(m[1]) : m[3] ? Number(m[3]) : Number.POSITIVE_INFINITY;
    return { max, end: i + m[0].length };
  }
  return null;
}

/**
 * Whether an answer matches a pattern that passed `answerPatternProblem`. The pattern must match
 * the whole answer; a refused or broken pattern matches nothing.
 */
export function matchesAnswerPattern(pattern: string, answer: string): boolean {
  if (answerPatternProblem(pattern) !== null) return false;
  try {
    return new RegExp(`^(?:${pattern})$`, 'iu').test(answer.slice(0, MAX_PATTERN_INPUT));
  } catch {
    return false;
  }
}
