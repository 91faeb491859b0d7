// Hashtags and @mentions parsed on the server from a post's Markdown, so clients cannot invent them.
// Mentions name a profile handle (`@ada_l`); code spans and blocks, e-mail addresses and URLs are
// not parsed. Pure: tested with examples and properties (text.test.ts).

export const MAX_HASHTAGS = 20;
export const MAX_MENTIONS = 20;

/** Fenced blocks and inline code are literal text, not tags. */
function withoutCode(markdown: string): string {
  return markdown.replace(/```[\s\S]*?(```|$)/g, ' ').replace(/`[^`\n]*`/g, ' ');
}

/** Unique, in order of first appearance, at most `max`. */
function uniqueFirst(values: Iterable<string>, max: number): string[] {
  const seen = new Set<string>();
  for (const v of values) {
    if (seen.size >= max) break;
    seen.add(v);
  }
  return [...seen];
}

// A tag starts after the beginning, whitespace or punctuation other than a word character, `&`
// (HTML entities), `/` (URL fragments) or the sign itself.
const HASHTAG = /(?<![\p{L}\p{N}_&/#])#([\p{L}\p{N}_]{1,50})(?![\p{L}\p{N}_])/gu;
const MENTION = /(?<![\p{L}\p{N}_@./])@([a-zA-Z0-9_]{3,30})(?![a-zA-Z0-9_@])/gu;

/** Lower-cased hashtags; a tag of digits only (`#1`) is not one. */
export function parseHashtags(markdown: string): string[] {
  const text = withoutCode(markdown);
  const tags = [...text.matchAll(HASHTAG)].map((m) => (m[1] ?? '').toLowerCase()).filter((t) => !/^\p{N}+$/u.test(t));
  return uniqueFirst(tags, MAX_HASHTAGS);
}

/** Lower-cased handles mentioned. */
export function parseMentions(markdown: string): string[] {
  const text = withoutCode(markdown);
  return uniqueFirst(
    [...text.matchAll(MENTION)].map((m) => (m[1] ?? '').toLowerCase()),
    MAX_MENTIONS,
  );
}
