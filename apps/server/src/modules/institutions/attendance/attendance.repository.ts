// SQL for attendance registers, marks, rates and the alert threshold, in the tenant's schema.
import { sql } from 'kysely';
import { type Db, rowsOf } from '../../../platform/db/database.ts';

export type SessionRow = {
  id: string;
  class_id: string;
  period_id: string | null;
  date: string;
  taken_by: string;
  taken_at: Date;
  updated_at: Date;
};
export type MarkRow = { student_id: string; status: 'present' | 'absent' | 'late' | 'excused'; note: string };
export type RateRow = { student_id: string; present: number; absent: number; late: number; excused: number };

const ZERO = '00000000-0000-0000-0000-000000000000';

export function attendanceRepository(db: Db, schema: string) {
  const t = (name: string) => sql.table(`${schema}.${name}`);
  const rows = <R>(q: ReturnType<typeof sql<R>>) => rowsOf(db, q);
  const counts = sql`count(*) filter (where m.status = 'present')::int as present, count(*) filter (where m.status = 'absent')::int as absent,
    count(*) filter (where m.status = 'late')::int as late, count(*) filter (where m.status = 'excused')::int as excused`;
  return {
    classInfo: async (classId: string) =>
      (
        await rows(
          sql<{
            id: string;
            name: string;
            homeroom_teacher_id: string | null;
          }>`select id, name, homeroom_teacher_id from ${t('classes')} where id = ${classId}`,
        )
      )[0],
    periodOf: async (periodId: string) =>
      (await rows(sql<{ class_id: string }>`select class_id from ${t('timetable_periods')} where id = ${periodId}`))[0],
    enrolled: async (classId: string) =>
      (await rows(sql<{ student_id: string }>`select student_id from ${t('enrolments')} where class_id = ${classId}`)).map(
        (r) => r.student_id,
      ),
    session: async (classId: string, date: string, periodId: string | null) =>
      (
        await rows(sql<SessionRow>`select id, class_id, period_id, date::text as date, taken_by, taken_at, updated_at from ${t('attendance_sessions')}
          where class_id = ${classId} and date = ${date}::date and coalesce(period_id, ${ZERO}::uuid) = coalesce(${periodId}::uuid, ${ZERO}::uuid)`)
      )[0],
    insertSession: (s: { id: string; classId: string; periodId: string | null; date: string; takenBy: string }) =>
      sql`insert into ${t('attendance_sessions')} (id, class_id, period_id, date, taken_by)
        values (${s.id}, ${s.classId}, ${s.periodId}, ${s.date}::date, ${s.takenBy})`.execute(db),
    touchSession: (id: string, takenBy: string) =>
      sql`update ${t('attendance_sessions')} set updated_at = now(), taken_by = ${takenBy} where id = ${id}`.execute(db),
    marks: (sessionId: string) =>
      rows(sql<MarkRow>`select student_id, status, note from ${t('attendance_marks')} where session_id = ${sessionId} order by student_id`),
    upsertMarks: (sessionId: string, marks: MarkRow[]) =>
      marks.length
        ? sql`insert into ${t('attendance_marks')} (session_id, student_id, status, note) values ${sql.join(
            marks.map((m) => sql`(${sessionId}, ${m.student_id}, ${m.status}, ${m.note})`),
          )} on conflict (session_id, student_id) do update set status = excluded.status, note = excluded.note`.execute(db)
        : Promise.resolve(),
    /** Counts per student within dates, for a class or one student. */
    rates: (filter: { classId?: string | undefined; studentIds?: string[] | undefined; from: string; to: string }) =>
      rows(sql<RateRow>`select m.student_id, ${counts}
        from ${t('attendance_marks')} m join ${t('attendance_sessions')} s on s.id = m.session_id
        where s.date between ${filter.from}::date and ${filter.to}::date
          ${filter.classId ? sql`and s.class_id = ${filter.classId}` : sql``}
          ${filter.studentIds ? sql`and m.student_id = any(${filter.studentIds}::uuid[])` : sql``}
        group by m.student_id`),
    daily: (filter: { classId?: string | undefined; studentIds?: string[] | undefined; from: string; to: string }) =>
      rows(sql<RateRow & { date: string }>`select s.date::text as date, '' as student_id, ${counts}
        from ${t('attendance_marks')} m join ${t('attendance_sessions')} s on s.id = m.session_id
        where s.date between ${filter.from}::date and ${filter.to}::date
          ${filter.classId ? sql`and s.class_id = ${filter.classId}` : sql``}
          ${filter.studentIds ? sql`and m.student_id = any(${filter.studentIds}::uuid[])` : sql``}
        group by s.date order by s.date`),
    threshold: async () =>
      Number((await rows(sql<{ alert_below: string }>`select alert_below from ${t('attendance_settings')}`))[0]?.alert_below ?? 0.8),
    setThreshold: (value: number) => sql`update ${t('attendance_settings')} set alert_below = ${value}`.execute(db),
    wasBelow: async (studentIds: string[]) =>
      new Set(
        (
          await rows(
            sql<{
              student_id: string;
            }>`select student_id from ${t('attendance_alerts')} where below and student_id = any(${studentIds}::uuid[])`,
          )
        ).map((r) => r.student_id),
      ),
    setBelow: (studentId: string, below: boolean) =>
      sql`insert into ${t('attendance_alerts')} (student_id, below) values (${studentId}, ${below})
        on conflict (student_id) do update set below = excluded.below, changed_at = now()`.execute(db),
  };
}
