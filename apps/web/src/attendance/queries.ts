import type { AttendanceReportQuery, AttendanceStatus, Institution } from '@edumatrix/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { client } from '../api.ts';
import { useCurrentUser } from '../auth/session-store.ts';
import { canManage } from '../institutions/options.ts';
import { institutionKeys } from '../institutions/queries.ts';
import { lookupQuery } from '../structure/queries.ts';
import { periodsQuery } from '../timetable/queries.ts';

export const attendanceKeys = {
  all: (institutionId: string) => [...institutionKeys.one(institutionId), 'attendance'] as const,
  register: (institutionId: string, classId: string, date: string, periodId: string | null) =>
    [...attendanceKeys.all(institutionId), 'register', classId, date, periodId] as const,
  report: (institutionId: string, query: AttendanceReportQuery) => [...attendanceKeys.all(institutionId), 'report', query] as const,
  settings: (institutionId: string) => [...attendanceKeys.all(institutionId), 'settings'] as const,
  roster: (institutionId: string, classId: string) => [...attendanceKeys.all(institutionId), 'roster', classId] as const,
};

/** A register not taken yet is a 404, which here means "start from everyone present". */
export const registerQuery = (institutionId: string, classId: string, date: string, periodId: string | null) =>
  queryOptions({
    queryKey: attendanceKeys.register(institutionId, classId, date, periodId),
    queryFn: () => client.attendance.get(institutionId, classId, date, periodId ?? undefined),
    retry: false,
  });

export const reportQuery = (institutionId: string, query: AttendanceReportQuery) =>
  queryOptions({ queryKey: attendanceKeys.report(institutionId, query), queryFn: () => client.attendance.report(institutionId, query) });

export const settingsQuery = (institutionId: string) =>
  queryOptions({ queryKey: attendanceKeys.settings(institutionId), queryFn: () => client.attendance.settings(institutionId) });

/** The students enrolled in a class: a register has one row each. */
export const rosterQuery = (institutionId: string, classId: string) =>
  queryOptions({
    queryKey: attendanceKeys.roster(institutionId, classId),
    queryFn: () => client.students.list(institutionId, { classId, limit: 100 }).then((r) => r.items),
  });

export const STATUSES: { value: AttendanceStatus; label: string; short: string; color: string }[] = [
  { value: 'present', label: 'Present', short: 'P', color: 'teal' },
  { value: 'absent', label: 'Absent', short: 'A', color: 'red' },
  { value: 'late', label: 'Late', short: 'L', color: 'yellow' },
  { value: 'excused', label: 'Excused', short: 'E', color: 'gray' },
];

/** Takes registers: owners and admins for every class, teachers for the classes they teach. */
export const takesAttendance = (role: string) => role === 'owner' || role === 'admin' || role === 'teacher';

/**
 * The classes this member may take attendance for: every active class for owners and admins; for a
 * teacher, those they are homeroom teacher of or teach a period of (the server checks the same).
 */
export function useMyClasses(institution: Institution) {
  const me = useCurrentUser();
  const manager = canManage(institution.myRole);
  const classes = useQuery(lookupQuery(institution.id, 'classes'));
  const periods = useQuery({ ...periodsQuery(institution.id, { teacherId: me.id }), enabled: !manager });
  const taught = new Set((periods.data ?? []).map((p) => p.classId));
  const mine = (classes.data?.items ?? [])
    .filter((c) => !c.archivedAt && (manager || c.homeroomTeacherId === me.id || taught.has(c.id)))
    .sort((a, b) => a.name.localeCompare(b.name, undefined, { numeric: true }));
  return {
    classes: mine,
    all: classes.data?.items ?? [],
    isPending: classes.isPending || (!manager && periods.isPending),
    error: classes.error ?? periods.error,
  };
}

/** Today's date where the institution is, as YYYY-MM-DD. */
export function todayIn(timeZone: string): string {
  try {
    return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  } catch {
    return new Date().toISOString().slice(0, 10);
  }
}

/** Calendar arithmetic on YYYY-MM-DD, at noon UTC so no zone shifts the day. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** ISO weekday (1 is Monday) of a YYYY-MM-DD date. */
export const weekdayOf = (date: string) => ((new Date(`${date}T12:00:00Z`).getUTCDay() + 6) % 7) + 1;

const dayFormat = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' });
const shortDay = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', timeZone: 'UTC' });
export const formatDay = (date: string) => dayFormat.format(new Date(`${date}T12:00:00Z`));
export const formatShortDay = (date: string) => shortDay.format(new Date(`${date}T12:00:00Z`));

/** "92 %", or a dash when nothing was marked. */
export const percent = (rate: number | null) => (rate === null ? '—' : `${Math.round(rate * 100)} %`);
