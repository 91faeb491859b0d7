import { IMPORT_FILES, type ImportFormat, type ImportReport } from '@edumatrix/contracts';

export const FORMATS: { value: ImportFormat; label: string; description: string }[] = [
  { value: 'students', label: 'Students', description: 'One row per student, matched on the student number.' },
  { value: 'staff', label: 'Staff', description: 'One row per teacher or staff member, matched on the staff number.' },
  { value: 'enrolments', label: 'Enrolments', description: 'Which students are in which class, by class code and student number.' },
  {
    value: 'oneroster',
    label: 'OneRoster 1.1',
    description: 'The CSV files a student information system exports: users, classes, enrollments and orgs.',
  },
];

export const formatLabel = (format: ImportFormat) => FORMATS.find((f) => f.value === format)?.label ?? format;

/** Optional columns our own formats also read. */
const OPTIONAL: Record<string, string[]> = {
  'students.csv': ['date_of_birth', 'email', 'status', 'external_id'],
  'staff.csv': ['email', 'title', 'external_id'],
};

/** A header row and one example row per file: what a template download holds. */
const EXAMPLES: Record<string, string[]> = {
  'students.csv': ['S-0001', 'Ayesha', 'Khan', '2012-04-30', 'ayesha@example.com', 'active', ''],
  'staff.csv': ['T-001', 'Tariq', 'Mahmood', 'teacher', 'tariq@example.com', 'Physics teacher', ''],
  'enrolments.csv': ['G9-A', 'S-0001'],
  'orgs.csv': ['org-1', 'Hillside Academy', 'school'],
  'users.csv': ['u-1', 'student', 'Ayesha', 'Khan'],
  'classes.csv': ['c-1', 'Grade 9 – A'],
  'enrollments.csv': ['e-1', 'c-1', 'u-1', 'student'],
};

export const columnsOf = (file: string, format: ImportFormat) => [...(IMPORT_FILES[format].columns[file] ?? []), ...(OPTIONAL[file] ?? [])];

const csvCell = (value: string) => (/[",\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);

export function templateOf(file: string, format: ImportFormat): string {
  const columns = columnsOf(file, format);
  const example = EXAMPLES[file] ?? [];
  return `${columns.join(',')}\n${columns.map((_, i) => csvCell(example[i] ?? '')).join(',')}\n`;
}

/** Starts a download of a small generated file; nothing leaves the browser. */
export function download(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}

export const PHASES: Record<string, string> = {
  queued: 'Waiting to start',
  reading: 'Reading the files',
  checking: 'Checking every row',
  writing: 'Writing the records',
  done: 'Done',
};

export const COUNT_KINDS = ['students', 'staff', 'classes', 'enrolments'] as const;

/** The kinds a format can change; the others are always zero. */
export const kindsOf = (format: ImportFormat): (typeof COUNT_KINDS)[number][] =>
  format === 'students' ? ['students'] : format === 'staff' ? ['staff'] : format === 'enrolments' ? ['enrolments'] : [...COUNT_KINDS];

export const totalOf = (counts: ImportReport['created']) => COUNT_KINDS.reduce((sum, kind) => sum + counts[kind], 0);
