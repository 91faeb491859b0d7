// The feed's ranking boost. Pages are cut strictly by id (time), so a cursor is stable and nothing is
// skipped or repeated; inside one page, posts from connections and posts with engagement move up by
// at most MAX_BOOST places. Pure: property-tested (ranking.test.ts).

export const MAX_BOOST = 5;

export type Signals = { fromConnection: boolean; reactions: number; comments: number };

export function boostOf(s: Signals): number {
  const engagement = Math.min(3, Math.log2(1 + Math.max(0, s.reactions) + 2 * Math.max(0, s.comments)));
  return Math.min(MAX_BOOST, (s.fromConnection ? 2 : 0) + engagement);
}

/** Items arrive newest first; returns the same items, each at most MAX_BOOST places higher. */
export function rankPage<T>(items: readonly T[], signals: (item: T) => Signals): T[] {
  return items
    .map((item, index) => ({ item, score: -index + boostOf(signals(item)), index }))
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .map((s) => s.item);
}
