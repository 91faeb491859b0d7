import type { StructureKind } from '@edumatrix/contracts';

export type KindText = {
  /** "department", for sentences and button labels. */
  one: string;
  title: string;
  /** What the thing is, for empty states and page hints. */
  intro: string;
};

// Keyed by the contract's kinds: a new kind fails the build here until it has words.
export const KIND_TEXT: Record<StructureKind, KindText> = {
  departments: {
    one: 'department',
    title: 'Departments',
    intro: 'Departments group the teaching of one field, such as Sciences or Languages. Programs, subjects and classes can belong to one.',
  },
  programs: {
    one: 'program',
    title: 'Programs',
    intro:
      'Programs are the courses of study students follow, such as Pre-Medical or BSc Computer Science. Each can belong to a department.',
  },
  subjects: {
    one: 'subject',
    title: 'Subjects',
    intro: 'Subjects are what is taught, such as Physics or English, each with a short code for timetables and reports.',
  },
  classes: {
    one: 'class',
    title: 'Classes',
    intro:
      'Classes (sections) are the groups students are taught in, such as Grade 9 – A. A class can have a program, an academic year and term, a homeroom teacher, a room and a capacity.',
  },
};

export const YEARS_INTRO =
  'An academic year runs from its first to its last day and is split into terms. Mark one as current: new classes start in it.';

export const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

export type ArchivedFilter = 'false' | 'true' | 'all';

export const ARCHIVED_FILTERS: { value: ArchivedFilter; label: string }[] = [
  { value: 'false', label: 'Active' },
  { value: 'true', label: 'Archived' },
  { value: 'all', label: 'All' },
];

/** Roles that may be a class's homeroom teacher (the server's rule). */
export const TEACHING_ROLES = ['teacher', 'admin', 'owner'] as const;

/** Member lists carry email addresses; the server shows them to these roles only. */
export const canSeeMembers = (role: string) => ['owner', 'admin', 'teacher', 'staff'].includes(role);
