// Opaque cursors over UUIDv7 ids (time-ordered, so the id is the position).
import { AppError } from './app-error.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: string) => UUID.test(value);

export const encodeCursor = (id: string) => Buffer.from(id).toString('base64url');

/** Rows fetched with `limit + 1`: the page, and a cursor when there is more. */
export function toPage<R extends { id: string }, T>(
  rows: R[],
  limit: number,
  present: (row: R) => T,
): { items: T[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { items: page.map(present), nextCursor: rows.length > limit && last ? encodeCursor(last.id) : null };
}

export function decodeCursor(cursor: string): string {
  const id = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!isUuid(id)) {
    throw new AppError('invalid', 'request.bad_cursor', 'cursor is not valid', { fields: [{ field: 'cursor', message: 'is not valid' }] });
  }
  return id;
}

/** Cursors for lists sorted by a text key (a name), with the id breaking ties. */
export const encodeKeyCursor = (key: string, id: string) => Buffer.from(JSON.stringify([key, id])).toString('base64url');

export function decodeKeyCursor(cursor: string): { key: string; id: string } {
  try {
    const [key, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof key === 'string' && typeof id === 'string' && isUuid(id)) return { key, id };
  } catch {
    // Falls through to the same answer as any other bad cursor.
  }
  throw new AppError('invalid', 'request.bad_cursor', 'cursor is not valid', { fields: [{ field: 'cursor', message: 'is not valid' }] });
}

/** A LIKE pattern that matches `text` literally anywhere. */
export const containsPattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
