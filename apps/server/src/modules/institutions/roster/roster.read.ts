// Reads uploaded CSV files into one normalised roster, checking every row's fields. Each format
// maps its own columns; OneRoster 1.1 users become students or staff by role.
import { IMPORT_FILES, type ImportFormat, type ImportProblem } from '@edumatrix/contracts';
import { parse } from 'csv-parse/sync';
import { z } from 'zod';

export type Loc = { file: string; line: number };
export type StudentIn = Loc & {
  externalId: string | null;
  studentNumber: string;
  firstName: string;
  lastName: string;
  dateOfBirth: string | null;
  email: string | null;
  status: 'active' | 'withdrawn' | 'graduated';
};
export type StaffIn = Loc & {
  externalId: string | null;
  staffNumber: string;
  firstName: string;
  lastName: string;
  email: string | null;
  kind: 'teacher' | 'staff';
  title: string;
};
export type ClassIn = Loc & { externalId: string | null; code: string; name: string; room: string | null };
/** Refers to a class and a student by external id (OneRoster) or by code and number (our CSV). */
export type EnrolmentIn = Loc & {
  classKey: { externalId: string } | { code: string };
  studentKey: { externalId: string } | { number: string };
};
export type Roster = { students: StudentIn[]; staff: StaffIn[]; classes: ClassIn[]; enrolments: EnrolmentIn[] };

export const MAX_ROWS = 50_000;

const blankToNull = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? null : v);
const text = (max: number) => z.string().trim().min(1, 'is required').max(max);
const optionalText = (max: number) => z.preprocess(blankToNull, z.string().trim().max(max).nullable().default(null));
const number_ = text(30).regex(/^[A-Za-z0-9][A-Za-z0-9./_-]*$/, {
  message: 'must be letters, digits, dots, slashes, hyphens or underscores',
});
const birthDate = z.preprocess(
  blankToNull,
  z.iso
    .date({ message: 'must be a date such as 2012-04-30' })
    .refine((d) => d >= '1900-01-01' && d <= new Date().toISOString().slice(0, 10), {
      message: 'must be a real birth date, not in the future',
    })
    .nullable()
    .default(null),
);
const email = z.preprocess(blankToNull, z.email({ message: 'is not an email address' }).max(254).nullable().default(null));

const StudentRow = z.object({
  student_number: number_,
  first_name: text(80),
  last_name: text(80),
  date_of_birth: birthDate,
  email,
  status: z.preprocess(blankToNull, z.enum(['active', 'withdrawn', 'graduated']).nullable().default(null)),
  external_id: optionalText(100),
});
const StaffRow = z.object({
  staff_number: number_,
  first_name: text(80),
  last_name: text(80),
  email,
  kind: z.enum(['teacher', 'staff'], { message: 'must be teacher or staff' }),
  title: optionalText(80),
  external_id: optionalText(100),
});
const EnrolmentRow = z.object({ class_code: text(20), student_number: number_ });
const OrUser = z.object({
  sourcedId: text(100),
  role: z.string().trim(),
  givenName: text(80),
  familyName: text(80),
  identifier: optionalText(30),
  username: optionalText(100),
  email,
  status: optionalText(20),
});
const OrClass = z.object({
  sourcedId: text(100),
  title: text(120),
  classCode: optionalText(20),
  location: optionalText(60),
  status: optionalText(20),
});
const OrEnrollment = z.object({
  sourcedId: text(100),
  classSourcedId: text(100),
  userSourcedId: text(100),
  role: z.string().trim(),
  status: optionalText(20),
});

type Row = { line: number; record: Record<string, string> };

export function readRoster(
  format: ImportFormat,
  files: Record<string, string>,
): { roster: Roster; problems: ImportProblem[]; rows: number } {
  const problems: ImportProblem[] = [];
  const roster: Roster = { students: [], staff: [], classes: [], enrolments: [] };
  const spec = IMPORT_FILES[format];
  const tables: Record<string, Row[]> = {};
  let rows = 0;

  for (const file of spec.required) {
    const content = files[file];
    if (content === undefined) {
      problems.push({ file, line: 0, field: null, message: `${file} is missing from the upload` });
      continue;
    }
    let parsed: { record: Record<string, string>; info: { lines: number } }[];
    try {
      parsed = parse(content, { columns: true, skip_empty_lines: true, trim: true, bom: true, info: true, relax_column_count: true });
    } catch (err) {
      problems.push({
        file,
        line: (err as { lines?: number }).lines ?? 0,
        field: null,
        message: `Not readable as CSV: ${(err as Error).message}`,
      });
      continue;
    }
    const header = Object.keys(parsed[0]?.record ?? {});
    const missing = (spec.columns[file] ?? []).filter((c) => parsed.length > 0 && !header.includes(c));
    if (missing.length > 0) problems.push({ file, line: 1, field: null, message: `The header lacks ${missing.join(', ')}` });
    if (parsed.length > MAX_ROWS) problems.push({ file, line: 0, field: null, message: `More than ${MAX_ROWS} rows; split the file` });
    if (missing.length > 0 || parsed.length > MAX_ROWS) continue;
    tables[file] = parsed.map((p) => ({ line: p.info.lines, record: p.record }));
    rows += parsed.length;
  }

  /** Checks one row against its schema; problems name the column. */
  function check<S extends z.ZodType>(file: string, row: Row, schema: S): z.infer<S> | null {
    const result = schema.safeParse(row.record);
    if (result.success) return result.data;
    for (const issue of result.error.issues) {
      problems.push({ file, line: row.line, field: String(issue.path[0] ?? '') || null, message: issue.message });
    }
    return null;
  }

  for (const row of tables['students.csv'] ?? []) {
    const r = check('students.csv', row, StudentRow);
    if (!r) continue;
    roster.students.push({
      file: 'students.csv',
      line: row.line,
      externalId: r.external_id,
      studentNumber: r.student_number,
      firstName: r.first_name,
      lastName: r.last_name,
      dateOfBirth: r.date_of_birth,
      email: r.email,
      status: r.status ?? 'active',
    });
  }
  for (const row of tables['staff.csv'] ?? []) {
    const r = check('staff.csv', row, StaffRow);
    if (!r) continue;
    roster.staff.push({
      file: 'staff.csv',
      line: row.line,
      externalId: r.external_id,
      staffNumber: r.staff_number,
      firstName: r.first_name,
      lastName: r.last_name,
      email: r.email,
      kind: r.kind,
      title: r.title ?? '',
    });
  }
  for (const row of tables['enrolments.csv'] ?? []) {
    const r = check('enrolments.csv', row, EnrolmentRow);
    if (r)
      roster.enrolments.push({
        file: 'enrolments.csv',
        line: row.line,
        classKey: { code: r.class_code },
        studentKey: { number: r.student_number },
      });
  }
  readOneRoster(tables, roster, problems, check);
  return { roster, problems, rows };
}

/** OneRoster 1.1: users by role, classes, and student enrollments; tobedeleted rows are skipped. */
function readOneRoster(
  tables: Record<string, Row[]>,
  roster: Roster,
  problems: ImportProblem[],
  check: <S extends z.ZodType>(file: string, row: Row, schema: S) => z.infer<S> | null,
) {
  const live = (status: string | null) => status !== 'tobedeleted';
  for (const row of tables['users.csv'] ?? []) {
    const u = check('users.csv', row, OrUser);
    if (!u || !live(u.status)) continue;
    const number = u.identifier ?? u.username ?? u.sourcedId;
    const base = {
      file: 'users.csv',
      line: row.line,
      externalId: u.sourcedId,
      firstName: u.givenName,
      lastName: u.familyName,
      email: u.email,
    };
    if (u.role === 'student') {
      roster.students.push({ ...base, studentNumber: number.slice(0, 30), dateOfBirth: null, status: 'active' });
    } else if (['teacher', 'administrator', 'aide'].includes(u.role)) {
      roster.staff.push({
        ...base,
        staffNumber: number.slice(0, 30),
        kind: u.role === 'teacher' ? 'teacher' : 'staff',
        title: u.role === 'aide' ? 'Aide' : '',
      });
    } else if (!['parent', 'guardian', 'relative'].includes(u.role)) {
      problems.push({ file: 'users.csv', line: row.line, field: 'role', message: `Unknown role ${u.role}` });
    }
  }
  for (const row of tables['classes.csv'] ?? []) {
    const c = check('classes.csv', row, OrClass);
    if (!c || !live(c.status)) continue;
    roster.classes.push({
      file: 'classes.csv',
      line: row.line,
      externalId: c.sourcedId,
      code: (c.classCode ?? c.sourcedId).slice(0, 20),
      name: c.title,
      room: c.location,
    });
  }
  for (const row of tables['enrollments.csv'] ?? []) {
    const e = check('enrollments.csv', row, OrEnrollment);
    // Teachers' enrollments name who teaches; only students are enrolled in a class here.
    if (!e || !live(e.status) || e.role !== 'student') continue;
    roster.enrolments.push({
      file: 'enrollments.csv',
      line: row.line,
      classKey: { externalId: e.classSourcedId },
      studentKey: { externalId: e.userSourcedId },
    });
  }
}
