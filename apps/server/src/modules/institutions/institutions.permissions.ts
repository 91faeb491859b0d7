import type { PermissionTable } from '../../platform/auth/permissions.ts';

/** Who runs the institution: may act on anything where a service narrows a permission to "one's own". */
export const isManager = (role: string) => role === 'owner' || role === 'admin';
/** Who may teach: be a homeroom teacher, teach a period, take a register. */
export const canTeach = (role: string | null) => role === 'teacher' || role === 'owner' || role === 'admin';

/** Which institution roles may do what. The role × route test reads this through the routes. */
export const institutionsPermissions: PermissionTable = {
  'institution.read': ['owner', 'admin', 'teacher', 'student', 'staff', 'parent'],
  'institution.update': ['owner', 'admin'],
  // Member lists carry email addresses: staff who run the institution see them, students and parents do not.
  'members.read': ['owner', 'admin', 'teacher', 'staff'],
  'members.manage': ['owner', 'admin'],
  'invitations.manage': ['owner', 'admin'],
  'audit.read': ['owner', 'admin'],
  // Names of departments, classes and terms are no secret to members; changing them is for admins.
  'structure.read': ['owner', 'admin', 'teacher', 'student', 'staff', 'parent'],
  'structure.manage': ['owner', 'admin'],
  // Everyone may ask; the service shows a student only their own record and a parent their children's.
  'students.read': ['owner', 'admin', 'teacher', 'student', 'staff', 'parent'],
  'students.manage': ['owner', 'admin'],
  'staff.read': ['owner', 'admin', 'teacher', 'staff'],
  'staff.manage': ['owner', 'admin'],
  'enrolments.manage': ['owner', 'admin'],
  'roster.import': ['owner', 'admin'],
  'timetable.read': ['owner', 'admin', 'teacher', 'student', 'staff', 'parent'],
  'timetable.manage': ['owner', 'admin'],
  // Teachers take registers of their own classes (checked by the service); students and parents
  // read only their own rates.
  'attendance.take': ['owner', 'admin', 'teacher'],
  'attendance.registers': ['owner', 'admin', 'teacher', 'staff'],
  'attendance.read': ['owner', 'admin', 'teacher', 'student', 'staff', 'parent'],
  'attendance.settings': ['owner', 'admin'],
  // Teachers grade the classes they teach (checked by the service); students and parents read their
  // own results. Staff who are not teachers have no business with marks.
  'grades.manage': ['owner', 'admin', 'teacher'],
  'grades.read': ['owner', 'admin', 'teacher', 'student', 'parent'],
  'announcements.read': ['owner', 'admin', 'teacher', 'student', 'staff', 'parent'],
  // Teachers only to the classes they teach (checked by the service).
  'announcements.create': ['owner', 'admin', 'teacher'],
  // Everyone has one; the service shapes it by role (institution figures are counts, never names).
  'dashboard.read': ['owner', 'admin', 'teacher', 'student', 'staff', 'parent'],
};
