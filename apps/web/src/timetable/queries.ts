import type { Institution, TimetableQuery } from '@edumatrix/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { client } from '../api.ts';
import { institutionKeys } from '../institutions/queries.ts';
import { useLookups } from '../structure/lookups.ts';
import { lookupQuery } from '../structure/queries.ts';

export const timetableKeys = {
  all: (institutionId: string) => [...institutionKeys.one(institutionId), 'timetable'] as const,
  periods: (institutionId: string, query: Partial<TimetableQuery>) => [...timetableKeys.all(institutionId), 'periods', query] as const,
  feeds: (institutionId: string) => [...timetableKeys.all(institutionId), 'feeds'] as const,
  students: (institutionId: string) => [...timetableKeys.all(institutionId), 'my-students'] as const,
};

export const periodsQuery = (institutionId: string, query: Partial<TimetableQuery>) =>
  queryOptions({
    queryKey: timetableKeys.periods(institutionId, query),
    queryFn: () => client.timetable.list(institutionId, query).then((r) => r.items),
  });

export const feedsQuery = (institutionId: string) =>
  queryOptions({ queryKey: timetableKeys.feeds(institutionId), queryFn: () => client.timetable.feeds(institutionId).then((r) => r.items) });

/** For a student or parent the server lists only their own record or their children. */
export const myStudentsQuery = (institutionId: string) =>
  queryOptions({
    queryKey: timetableKeys.students(institutionId),
    queryFn: () => client.students.list(institutionId, { limit: 100 }).then((r) => r.items),
  });

/** Follows a student's timetable: the student themself, or a parent. */
export const isLearner = (role: string) => role === 'student' || role === 'parent';

export type Names = ReturnType<typeof useNames>;

/** Turns the ids on a period into names: classes and subjects for everyone, teachers for those who may read members. */
export function useNames(institution: Institution) {
  const classes = useQuery(lookupQuery(institution.id, 'classes'));
  const subjects = useQuery(lookupQuery(institution.id, 'subjects'));
  const lookups = useLookups(institution, { teachers: true });
  const students = useQuery({ ...myStudentsQuery(institution.id), enabled: isLearner(institution.myRole) });
  const classList = classes.data?.items ?? [];
  const subjectList = subjects.data?.items ?? [];
  const studentList = students.data ?? [];
  const classMap = new Map(classList.map((c) => [c.id, c]));
  const subjectMap = new Map(subjectList.map((s) => [s.id, s]));
  return {
    isPending: classes.isPending || subjects.isPending || lookups.isPending || students.isLoading,
    error: classes.error ?? subjects.error ?? students.error,
    classes: classList,
    subjects: subjectList,
    teachers: lookups.teachers,
    teachersVisible: lookups.teachersVisible,
    students: studentList,
    className: (id: string) => classMap.get(id)?.name ?? 'A class',
    classOf: (id: string | null | undefined) => (id ? classMap.get(id) : undefined),
    subjectName: (id: string | null) => (id ? (subjectMap.get(id)?.name ?? 'A subject') : null),
    teacherName: (id: string | null) => (id ? (lookups.teacher(id)?.displayName ?? null) : null),
    studentName: (id: string) => {
      const student = studentList.find((s) => s.id === id);
      return student ? `${student.firstName} ${student.lastName}` : 'A student';
    },
  };
}
