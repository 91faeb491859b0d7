// Seeded randomness for quizzes: the same seed (say, the attempt id) always gives the same shuffle,
// draw and adaptive pick, so an attempt can be rebuilt on the server instead of being stored whole.

/** A 32-bit hash of a string (xmur3's mixing), to seed the generator. */
function hashSeed(seed: string | number): number {
  const text = String(seed);
  let h = 1779033703 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    h = Math.imul(h ^ text.charCodeAt(i), 3432918353);
    h = (h << 13) | (h >>> 19);
  }
  h = Math.imul(h ^ (h >>> 16), 2246822507);
  h = Math.imul(h ^ (h >>> 13), 3266489909);
  return (h ^ (h >>> 16)) >>> 0;
}

/** mulberry32: small, fast, good enough for shuffling (not for secrets). Returns floats in [0, 1). */
export function seededRandom(seed: string | number): () => number {
  let a = hashSeed(seed);
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffleWith<T>(random: () => number, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/** A copy of `items` in an order fixed by `seed` (Fisher–Yates); the input is left alone. */
export function shuffleFor<T>(seed: string | number, items: readonly T[]): T[] {
  return shuffleWith(seededRandom(seed), items);
}

export type BankEntry = { id: string; tags: readonly string[]; difficulty: number };
/** Questions that carry every one of `tags` (no tags: the whole bank). */
export type QuestionPool = { tags: readonly string[]; count: number };

export class QuizDrawError extends Error {
  readonly code = 'quiz.pool_too_small';
  constructor(
    readonly poolIndex: number,
    readonly requested: number,
    readonly available: number,
  ) {
    super(`Pool ${poolIndex + 1} asks for ${requested} questions but only ${available} are left to draw from.`);
    this.name = 'QuizDrawError';
  }
}

const byId = <T extends BankEntry>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Draws `count` questions from each pool in turn, never the same question twice (a question that
 * fits two pools counts for the first that draws it). The result does not depend on the bank's
 * order, only on its contents and the seed. Throws `QuizDrawError` when a pool has too few left.
 */
export function drawQuestions<T extends BankEntry>(bank: readonly T[], pools: readonly QuestionPool[], seed: string | number): T[] {
  const random = seededRandom(seed);
  const taken = new Set<string>();
  const drawn: T[] = [];
  const sorted = [...bank].sort(byId);
  pools.forEach((pool, index) => {
    const candidates = sorted.filter((q) => !taken.has(q.id) && pool.tags.every((t) => q.tags.includes(t)));
    if (candidates.length < pool.count) throw new QuizDrawError(index, pool.count, candidates.length);
    for (const q of shuffleWith(random, candidates).slice(0, pool.count)) {
      taken.add(q.id);
      drawn.push(q);
    }
  });
  return drawn;
}

export type AdaptiveAnswer = { difficulty: number; correct: boolean | null };

/**
 * The difficulty to ask next: one up from the last question after a correct answer, one down after
 * a wrong one, the same while the last awaits a person's grading; `start` before any answer.
 * Always within 1–5.
 */
export function nextDifficulty(previous: readonly AdaptiveAnswer[], start = 3): number {
  const last = previous.at(-1);
  const target = !last
    ? start
    : last.correct === true
      ? last.difficulty + 1
      : last.correct === false
        ? last.difficulty - 1
        : last.difficulty;
  return Math.min(5, Math.max(1, Math.round(target)));
}

/**
 * A question not yet asked at the given difficulty, or the nearest difficulty there is (ties
 * broken by the seed), or null when every question has been asked. The pick depends on the seed
 * and how many have been asked, not on the bank's order.
 */
export function pickAdaptive<T extends BankEntry>(
  bank: readonly T[],
  asked: readonly string[],
  difficulty: number,
  seed: string | number,
): T | null {
  const done = new Set(asked);
  const open = bank.filter((q) => !done.has(q.id));
  if (open.length === 0) return null;
  const nearest = Math.min(...open.map((q) => Math.abs(q.difficulty - difficulty)));
  const candidates = open.filter((q) => Math.abs(q.difficulty - difficulty) === nearest).sort(byId);
  const random = seededRandom(`${seed}:${asked.length}`);
  return candidates[Math.floor(random() * candidates.length)] ?? null;
}
