// What the timetable page shows, kept in the address (?view=class&id=…) so a view can be shared
// and survives a reload.
import type { CreateFeedBody, Institution, TimetableQuery } from '@edumatrix/contracts';
import { canManage } from '../institutions/options.ts';
import { TEACHING_ROLES } from '../structure/kinds.ts';
import { isLearner } from './queries.ts';

export type ViewKind = 'class' | 'teacher' | 'room' | 'mine';

export type View = { kind: ViewKind; id: string | null };

/** Teachers (and owners or admins who teach) see their own periods; students and parents a child's. */
export const hasOwnWeek = (role: string) => (TEACHING_ROLES as readonly string[]).includes(role) || isLearner(role);

export function viewFromParams(params: URLSearchParams, institution: Institution): View {
  const kind = params.get('view');
  const id = params.get('id') || null;
  if (kind === 'class' || kind === 'room') return { kind, id };
  if (kind === 'teacher' && canReadTeachers(institution.myRole)) return { kind, id };
  if (kind === 'mine' && hasOwnWeek(institution.myRole)) return { kind, id };
  // A teacher, student or parent opens on their own week; everyone else on a class.
  return ['teacher', 'student', 'parent'].includes(institution.myRole) ? { kind: 'mine', id: null } : { kind: 'class', id: null };
}

export const canReadTeachers = (role: string) => ['owner', 'admin', 'teacher', 'staff'].includes(role);

/**
 * The API query for a view once its subject is known; null while something is still to be picked.
 * `me` is the signed-in user, `student` the student a learner's own week follows.
 */
export function queryOf(view: View, role: string, me: string, student: string | null): Partial<TimetableQuery> | null {
  if (view.kind === 'mine') {
    if (isLearner(role)) return student ? { studentId: student } : null;
    return { teacherId: me };
  }
  if (!view.id) return null;
  if (view.kind === 'class') return { classId: view.id };
  if (view.kind === 'teacher') return { teacherId: view.id };
  return { room: view.id };
}

/** The calendar feed that follows what is on screen, when the server lets this person have one. */
export function feedOf(query: Partial<TimetableQuery> | null, role: string, me: string): CreateFeedBody | null {
  if (!query) return null;
  if (query.classId) return { kind: 'class', id: query.classId };
  if (query.studentId) return { kind: 'student', id: query.studentId };
  if (query.teacherId && (query.teacherId === me || canManage(role as Institution['myRole'])))
    return { kind: 'teacher', id: query.teacherId };
  return null;
}
