// Hashtags and @mentions become links inside a post's Markdown before it is rendered. Only what the
// server recognised (the post's hashtags and resolved mentions) is linked, and code is left alone,
// so the links agree with the server's parsing.
import type { PersonSummary } from '@edumatrix/contracts';

// The server's patterns (apps/server/src/modules/social/text.ts), plus `[` so link text stays as written.
const HASHTAG = /(?<![\p{L}\p{N}_&/#[])#([\p{L}\p{N}_]{1,50})(?![\p{L}\p{N}_])/gu;
const MENTION = /(?<![\p{L}\p{N}_@./[])@([a-zA-Z0-9_]{3,30})(?![a-zA-Z0-9_@])/gu;
/** Fenced blocks and inline code, captured so that split() keeps them at odd indexes. */
const CODE = /(```[\s\S]*?(?:```|$)|`[^`\n]*`)/g;

export const hashtagPath = (tag: string) => `/hashtags/${encodeURIComponent(tag.toLowerCase())}`;
export const personPath = (userId: string) => `/people/${userId}`;

export function linkifyMarkdown(text: string, hashtags: string[], mentions: PersonSummary[]): string {
  const tags = new Set(hashtags.map((t) => t.toLowerCase()));
  const people = new Map(mentions.flatMap((m) => (m.handle ? [[m.handle.toLowerCase(), m.userId] as const] : [])));
  if (tags.size === 0 && people.size === 0) return text;
  return text
    .split(CODE)
    .map((part, i) => {
      if (i % 2 === 1) return part;
      return part
        .replace(HASHTAG, (whole, tag: string) => (tags.has(tag.toLowerCase()) ? `[#${tag}](${hashtagPath(tag)})` : whole))
        .replace(MENTION, (whole, handle: string) => {
          const userId = people.get(handle.toLowerCase());
          return userId ? `[@${handle}](${personPath(userId)})` : whole;
        });
    })
    .join('');
}
