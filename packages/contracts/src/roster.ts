// Roster imports: CSV files of students, staff or enrolments, or a OneRoster 1.1 CSV bundle.
// A dry run validates every row and writes nothing; a commit writes everything or nothing.
import { z } from 'zod';

export const ImportFormat = z.enum(['students', 'staff', 'enrolments', 'oneroster']);
export type ImportFormat = z.infer<typeof ImportFormat>;

/** The files each format reads; OneRoster's orgs.csv is checked but the institution is the one importing. */
export const IMPORT_FILES: Record<ImportFormat, { required: string[]; columns: Record<string, string[]> }> = {
  students: {
    required: ['students.csv'],
    columns: { 'students.csv': ['student_number', 'first_name', 'last_name'] },
  },
  staff: {
    required: ['staff.csv'],
    columns: { 'staff.csv': ['staff_number', 'first_name', 'last_name', 'kind'] },
  },
  enrolments: {
    required: ['enrolments.csv'],
    columns: { 'enrolments.csv': ['class_code', 'student_number'] },
  },
  oneroster: {
    required: ['users.csv', 'classes.csv', 'enrollments.csv', 'orgs.csv'],
    columns: {
      'orgs.csv': ['sourcedId', 'name', 'type'],
      'users.csv': ['sourcedId', 'role', 'givenName', 'familyName'],
      'classes.csv': ['sourcedId', 'title'],
      'enrollments.csv': ['sourcedId', 'classSourcedId', 'userSourcedId', 'role'],
    },
  },
};

export const ImportMode = z.enum(['dry_run', 'commit']);
export type ImportMode = z.infer<typeof ImportMode>;

export const CreateImportBody = z.strictObject({
  format: ImportFormat,
  mode: ImportMode,
  /** File name → its text (UTF-8 CSV with a header row). */
  files: z.record(z.string().regex(/^[A-Za-z_]+\.csv$/, { message: 'must be a .csv file name' }), z.string().max(20_000_000)),
});
export type CreateImportBody = z.infer<typeof CreateImportBody>;

export const ImportProblem = z.object({ file: z.string(), line: z.number().int(), field: z.string().nullable(), message: z.string() });
export type ImportProblem = z.infer<typeof ImportProblem>;

const Counts = z.object({ students: z.number().int(), staff: z.number().int(), classes: z.number().int(), enrolments: z.number().int() });
export type ImportCounts = z.infer<typeof Counts>;

export const ImportReport = z.object({
  rows: z.number().int(),
  /** Every bad row (the first 1,000), with file, line and reason. Any problem means nothing is written. */
  problems: z.array(ImportProblem),
  problemCount: z.number().int(),
  created: Counts,
  updated: Counts,
  unchanged: Counts,
});
export type ImportReport = z.infer<typeof ImportReport>;

export const ImportStatus = z.enum(['queued', 'running', 'succeeded', 'failed']);
export const ImportProgress = z.object({
  phase: z.enum(['queued', 'reading', 'checking', 'writing', 'done']),
  done: z.number().int(),
  total: z.number().int(),
});
export type ImportProgress = z.infer<typeof ImportProgress>;

export const RosterImport = z.object({
  id: z.uuid(),
  format: ImportFormat,
  mode: ImportMode,
  status: ImportStatus,
  progress: ImportProgress,
  report: ImportReport.nullable(),
  error: z.string().nullable(),
  createdBy: z.uuid(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});
export type RosterImport = z.infer<typeof RosterImport>;
