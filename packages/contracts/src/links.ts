// The first web address in a post's text: the one the server previews under the post and the
// composer previews while writing. An address written in angle brackets (`<https://…>`, a Markdown
// autolink) gets no preview, as on Discord: that is how a writer removes one, and it stays removed
// in the published post. Shared so the server and the web app cannot disagree on which link it is.

/** Inline code and fenced blocks, captured so that split() keeps them at odd indexes. */
const CODE = /(```[\s\S]*?(?:```|$)|`[^`\n]*`)/g;
const URL_IN_TEXT = /\bhttps?:\/\/[^\s<>"'`]+/gi;
const TRAILING = /[.,;:!?*_'"\]}>]+$/;

/** Drops sentence punctuation and a closing bracket that is not part of the address (a Markdown link's). */
function trimAddress(raw: string): string {
  let url = raw.replace(TRAILING, '');
  while (url.endsWith(')') && (url.match(/\(/g)?.length ?? 0) < (url.match(/\)/g)?.length ?? 0)) {
    url = url.slice(0, -1).replace(TRAILING, '');
  }
  return url;
}

/** Whether an address looks finished: a dotted host with a top-level part, or a port (`localhost:3000`). */
function looksComplete(url: URL): boolean {
  if (url.port) return true;
  const labels = url.hostname.split('.');
  return labels.length > 1 && (labels.at(-1)?.length ?? 0) >= 2;
}

type FoundLink = { url: string; start: number; end: number };

/** The first previewable http(s) address in a post's text (outside code and angle brackets), and where it is written. */
function findFirstLink(text: string): FoundLink | null {
  let offset = 0;
  for (const [i, part] of text.split(CODE).entries()) {
    const partStart = offset;
    offset += part.length;
    if (i % 2 === 1) continue;
    for (const match of part.matchAll(URL_IN_TEXT)) {
      const raw = trimAddress(match[0]);
      const start = partStart + match.index;
      const end = start + raw.length;
      if (text[start - 1] === '<' && text[end] === '>') continue;
      try {
        const url = new URL(raw);
        if (looksComplete(url)) return { url: url.toString(), start, end };
      } catch {
        // Not an address after all; the next one may be.
      }
    }
  }
  return null;
}

/** The first previewable http(s) address in a post's text, or null. */
export const firstLink = (text: string): string | null => findFirstLink(text)?.url ?? null;

/** The text with its first previewable address put in angle brackets, so it is no longer previewed. */
export function withoutPreview(text: string): string {
  const found = findFirstLink(text);
  return found ? `${text.slice(0, found.start)}<${text.slice(found.start, found.end)}>${text.slice(found.end)}` : text;
}
