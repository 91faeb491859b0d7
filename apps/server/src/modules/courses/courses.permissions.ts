import type { PermissionTable } from '../../platform/auth/permissions.ts';

/** Which institution roles may do what with courses; services narrow edits to a course's owner and admins. */
export const coursesPermissions: PermissionTable = {
  // Everyone may ask; the service shows each role the courses it may see.
  'courses.read': ['owner', 'admin', 'teacher', 'student', 'staff', 'parent'],
  'courses.create': ['owner', 'admin', 'teacher'],
  // Editing and enrolling: the course's owner or an admin (checked by the service).
  'courses.manage': ['owner', 'admin', 'teacher'],
  'courses.join': ['student'],
  // Progress is a learner's own record: students enrolled in the course (checked by the service).
  'courses.learn': ['student'],
  // One quiz attempt: its student, or the course's editors (checked by the service).
  'courses.attempt.read': ['owner', 'admin', 'teacher', 'student'],
};
