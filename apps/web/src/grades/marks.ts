// The marks grid's state: what each cell shows as typed, what it means, what changed since the
// gradebook was loaded, and which server field error belongs to which cell.
import type { EnterMarksBody, Gradebook, Mark } from '@edumatrix/contracts';
import { problemOf } from '../ui/problem.ts';
import { formatPoints } from './queries.ts';

/** A cell as typed: "17.5", "" (no mark) or "EX" (excused). */
export type Drafts = Record<string, string>;

export const cellKey = (studentId: string, assessmentId: string) => `${studentId}:${assessmentId}`;

export const EXCUSED = 'EX';

const NO_MARK: Mark = { points: null, excused: false, comment: '' };

export const textOf = (mark: Mark | undefined) =>
  !mark ? '' : mark.excused ? EXCUSED : mark.points === null ? '' : formatPoints(mark.points);

export function initialDrafts(book: Gradebook): Drafts {
  const drafts: Drafts = {};
  for (const row of book.rows) for (const a of book.assessments) drafts[cellKey(row.studentId, a.id)] = textOf(row.marks[a.id]);
  return drafts;
}

export type Parsed = { points: number | null; excused: boolean } | { invalid: string };

/**
 * What a typed cell means. "ex", "excused" or any start of it, "e" included (it is on the way to
 * "ex"), excuses the student; a comma works as a decimal point. Whether points fit the maximum is
 * the server's to say, on the cell.
 */
export function parseCell(text: string): Parsed {
  const t = text.trim().toLowerCase();
  if (t === '') return { points: null, excused: false };
  if (/^e(x(c(u(s(e(d)?)?)?)?)?)?$/.test(t)) return { points: null, excused: true };
  const normal = t.replace(',', '.');
  if (!/^\d*\.?\d+$|^\d+\.$/.test(normal)) return { invalid: 'Enter points, or EX for excused' };
  return { points: Number(normal), excused: false };
}

/** The cell's mark as the term grade sees it; a cell that is not a number yet counts as unmarked. */
export function draftMark(text: string | undefined): { points: number | null; excused: boolean } {
  const parsed = parseCell(text ?? '');
  return 'invalid' in parsed ? { points: null, excused: false } : parsed;
}

export type Change = EnterMarksBody['marks'][number];

/** The cells whose meaning differs from the gradebook, in grid order, keeping each mark's comment. */
export function changesOf(book: Gradebook, drafts: Drafts): { changes: Change[]; invalid: Record<string, string> } {
  const changes: Change[] = [];
  const invalid: Record<string, string> = {};
  for (const row of book.rows) {
    for (const a of book.assessments) {
      const key = cellKey(row.studentId, a.id);
      const before = row.marks[a.id] ?? NO_MARK;
      const parsed = parseCell(drafts[key] ?? '');
      if ('invalid' in parsed) {
        invalid[key] = parsed.invalid;
        continue;
      }
      if (parsed.points === before.points && parsed.excused === before.excused) continue;
      changes.push({
        assessmentId: a.id,
        studentId: row.studentId,
        points: parsed.points,
        excused: parsed.excused,
        comment: before.comment,
      });
    }
  }
  return { changes, invalid };
}

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * Puts the server's field errors ("marks.3.points": must be at most 20) on the cells they name:
 * the index is into the marks that were sent. What names no cell is returned as one sentence.
 */
export function cellErrorsOf(error: unknown, sent: Change[]): { cells: Record<string, string>; rest: string[] } {
  const cells: Record<string, string> = {};
  const rest: string[] = [];
  for (const { field, message } of problemOf(error)?.errors ?? []) {
    const path = field
      .replace(/^\/+/, '')
      .replace(/^body[./]/, '')
      .replaceAll('/', '.');
    const match = path.match(/^marks\.(\d+)(?:\.(\w+))?$/);
    const change = match ? sent[Number(match[1])] : undefined;
    if (!change) {
      rest.push(`${path}: ${message}`);
      continue;
    }
    const key = cellKey(change.studentId, change.assessmentId);
    const text = capitalize(message || 'is not valid');
    cells[key] = cells[key] ? `${cells[key]}; ${text}` : text;
  }
  return { cells, rest };
}
