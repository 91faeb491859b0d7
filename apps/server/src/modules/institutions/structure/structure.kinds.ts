// The four organisational units share one shape (name, code, description, archivable) and differ
// only in the references they hold. This table says which; the repository and service are generic.
import type { StructureKind } from '@edumatrix/contracts';

export type Reference = {
  /** The API field, such as `departmentId`. */
  field: string;
  column: string;
  /** The table it points to, and what to call it in messages. */
  table: 'departments' | 'programs' | 'academic_years' | 'terms';
  label: string;
};

export type KindConfig = {
  kind: StructureKind;
  /** Singular, for messages and audit actions: `department`, `class`. */
  singular: string;
  references: Reference[];
  /** Plain columns beyond the common ones: API field → column. */
  extra: Record<string, string>;
};

const department: Reference = { field: 'departmentId', column: 'department_id', table: 'departments', label: 'department' };

export const KINDS: Record<StructureKind, KindConfig> = {
  departments: { kind: 'departments', singular: 'department', references: [], extra: {} },
  programs: { kind: 'programs', singular: 'program', references: [department], extra: {} },
  subjects: { kind: 'subjects', singular: 'subject', references: [department], extra: {} },
  classes: {
    kind: 'classes',
    singular: 'class',
    references: [
      department,
      { field: 'programId', column: 'program_id', table: 'programs', label: 'program' },
      { field: 'academicYearId', column: 'academic_year_id', table: 'academic_years', label: 'academic year' },
      { field: 'termId', column: 'term_id', table: 'terms', label: 'term' },
    ],
    extra: { homeroomTeacherId: 'homeroom_teacher_id', room: 'room', capacity: 'capacity' },
  },
};

/** What to call rows of a table that holds a reference, in a 409's explanation. */
export const HOLDER_NAMES: Record<string, [singular: string, plural: string]> = {
  programs: ['program', 'programs'],
  subjects: ['subject', 'subjects'],
  classes: ['class', 'classes'],
  terms: ['term', 'terms'],
};
