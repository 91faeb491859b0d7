// How the chat words times, sizes and previews.
import type { Message } from '@edumatrix/contracts';

const time = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' });
const day = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });
const full = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** Today's messages by the clock, older ones by the day. */
export function shortTime(iso: string, now = new Date()): string {
  const date = new Date(iso);
  return date.toDateString() === now.toDateString() ? time.format(date) : day.format(date);
}

export const fullTime = (iso: string) => full.format(new Date(iso));

export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** One line for the list: the text, or what was sent instead of text. */
export function previewOf(message: Message): string {
  if (message.deletedAt) return 'Message deleted';
  const text = message.body.replace(/\s+/g, ' ').trim();
  if (text) return text;
  const files = message.attachments.length;
  return files === 1 ? `📎 ${message.attachments[0]?.name ?? 'Attachment'}` : `📎 ${files} attachments`;
}

export const isImage = (type: string) => /^image\/(png|jpeg|gif|webp)$/.test(type);

/** Up to two letters for an avatar. */
export const initials = (name: string) =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((word) => word[0]?.toUpperCase())
    .join('');
