// Marks the words of a query in a result, the way the server matches them: by word prefix, ignoring
// case and accents, so "jose" marks "José". A match the server made by similarity (a typo) is
// simply not marked.
import { Fragment, type ReactNode } from 'react';
import classes from './search.module.css';

/** Lower case without accents, with where each folded character came from in the original. */
function fold(text: string): { folded: string; from: number[] } {
  let folded = '';
  const from: number[] = [];
  let i = 0;
  for (const ch of text) {
    const f = ch.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
    folded += f;
    for (let k = 0; k < f.length; k++) from.push(i);
    i += ch.length;
  }
  from.push(i);
  return { folded, from };
}

export const queryWords = (q: string) => fold(q).folded.match(/[\p{L}\p{N}]+/gu) ?? [];

/** [start, end) ranges of `text` where a word begins with one of `words`, in order, not overlapping. */
export function matchRanges(text: string, words: string[]): [number, number][] {
  if (words.length === 0) return [];
  const { folded, from } = fold(text);
  const ranges: [number, number][] = [];
  for (const word of folded.matchAll(/[\p{L}\p{N}]+/gu)) {
    const longest = Math.max(0, ...words.filter((w) => word[0].startsWith(w)).map((w) => w.length));
    if (longest > 0) ranges.push([from[word.index] ?? 0, from[word.index + longest] ?? text.length]);
  }
  return ranges;
}

export function Highlighted({ text, words }: { text: string; words: string[] }) {
  const ranges = matchRanges(text, words);
  if (ranges.length === 0) return text;
  const parts: ReactNode[] = [];
  let at = 0;
  for (const [start, end] of ranges) {
    parts.push(<Fragment key={`t${start}`}>{text.slice(at, start)}</Fragment>);
    parts.push(
      <mark key={`m${start}`} className={classes.mark}>
        {text.slice(start, end)}
      </mark>,
    );
    at = end;
  }
  parts.push(<Fragment key="rest">{text.slice(at)}</Fragment>);
  return parts;
}

/** A post's Markdown as one line of plain text, roughly: what a reader sees, without the syntax. */
export function plainText(markdown: string): string {
  return markdown
    .replace(/```[^\n]*\n?/g, ' ')
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/^\s{0,3}(?:#{1,6}\s+|>\s?|[-*+]\s+|\d+[.)]\s+)/gm, '')
    .replace(/(\*\*|__|~~|`)/g, '')
    .replace(/(^|\W)[*_](?=\S)|(?<=\S)[*_](?=\W|$)/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

/** About `max` characters of `text` around its first match, with an ellipsis where it was cut. */
export function snippet(text: string, words: string[], max = 160): string {
  if (text.length <= max) return text;
  const first = matchRanges(text, words)[0]?.[0] ?? 0;
  let start = first < max / 3 ? 0 : first - Math.floor(max / 3);
  // Start and end on word boundaries when there is one near.
  if (start > 0) {
    const space = text.indexOf(' ', start);
    if (space !== -1 && space < first) start = space + 1;
  }
  let end = Math.min(text.length, start + max);
  if (end < text.length) {
    const space = text.lastIndexOf(' ', end);
    if (space > first) end = space;
  }
  return `${start > 0 ? '…' : ''}${text.slice(start, end)}${end < text.length ? '…' : ''}`;
}
