import type { InstitutionRole, StaffKind, StudentStatus } from '@edumatrix/contracts';

export const STUDENT_STATUSES: { value: StudentStatus; label: string; color: string }[] = [
  { value: 'active', label: 'Active', color: 'teal' },
  { value: 'withdrawn', label: 'Withdrawn', color: 'gray' },
  { value: 'graduated', label: 'Graduated', color: 'indigo' },
];

export const statusOf = (status: StudentStatus) => STUDENT_STATUSES.find((s) => s.value === status) ?? STUDENT_STATUSES[0];

export const STAFF_KINDS: { value: StaffKind; label: string }[] = [
  { value: 'teacher', label: 'Teacher' },
  { value: 'staff', label: 'Staff' },
];

export const kindLabel = (kind: StaffKind) => STAFF_KINDS.find((k) => k.value === kind)?.label ?? kind;

/** Staff who run the institution read every record; the server answers 403 to students and parents. */
export const seesEveryone = (role: InstitutionRole) => ['owner', 'admin', 'teacher', 'staff'].includes(role);

/** The People tab's name: students and parents see only their own records there. */
export function peopleTabLabel(role: InstitutionRole): string {
  if (role === 'student') return 'My record';
  if (role === 'parent') return 'My children';
  return 'People';
}

export const fullName = (person: { firstName: string; lastName: string }) => `${person.firstName} ${person.lastName}`;
/** Lists are sorted by last name, so they show it first. */
export const sortName = (person: { firstName: string; lastName: string }) => `${person.lastName}, ${person.firstName}`;
