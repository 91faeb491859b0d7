// SQL for the timetable (tenant schema) and its calendar feeds (global).
import { sql } from 'kysely';
import { type Db, rowsOf } from '../../../platform/db/database.ts';

export type PeriodRow = {
  id: string;
  class_id: string;
  subject_id: string | null;
  teacher_id: string | null;
  room: string | null;
  weekday: number;
  starts_at: string;
  ends_at: string;
  created_at: Date;
  updated_at: Date;
  class_name?: string;
  subject_name?: string | null;
};
export type FeedRow = {
  id: string;
  institution_id: string;
  kind: 'class' | 'teacher' | 'student';
  subject_id: string;
  created_by: string;
  created_at: Date;
  revoked_at: Date | null;
};

// Times as HH:MM text: a period is wall-clock time in the institution's zone, not an instant.
const columns = sql`p.id, p.class_id, p.subject_id, p.teacher_id, p.room, p.weekday, to_char(p.starts_at, 'HH24:MI') as starts_at,
  to_char(p.ends_at, 'HH24:MI') as ends_at, p.created_at, p.updated_at, c.name as class_name, s.name as subject_name`;

export function timetableRepository(db: Db, schema: string) {
  const t = (name: string) => sql.table(`${schema}.${name}`);
  const from = sql`${t('timetable_periods')} p join ${t('classes')} c on c.id = p.class_id left join ${t('subjects')} s on s.id = p.subject_id`;
  const rows = <R>(q: ReturnType<typeof sql<R>>) => rowsOf(db, q);
  return {
    /** Serialises timetable changes of one institution, so two clashing periods cannot both pass the check. */
    lock: () => sql`select pg_advisory_xact_lock(hashtext(${`${schema}:timetable`}))`.execute(db),
    list: (filter: {
      classId?: string | undefined;
      teacherId?: string | undefined;
      room?: string | undefined;
      studentId?: string | undefined;
    }) => {
      const where = [sql`true`];
      if (filter.classId) where.push(sql`p.class_id = ${filter.classId}`);
      if (filter.teacherId) where.push(sql`p.teacher_id = ${filter.teacherId}`);
      if (filter.room) where.push(sql`lower(p.room) = lower(${filter.room})`);
      if (filter.studentId) where.push(sql`p.class_id in (select class_id from ${t('enrolments')} where student_id = ${filter.studentId})`);
      return rows(
        sql<PeriodRow>`select ${columns} from ${from} where ${sql.join(where, sql` and `)} order by p.weekday, p.starts_at, c.name`,
      );
    },
    get: async (id: string) => (await rows(sql<PeriodRow>`select ${columns} from ${from} where p.id = ${id}`))[0],
    /** Periods that overlap the given slot and share its class, teacher or room. */
    clashes: (slot: {
      id: string;
      classId: string;
      teacherId: string | null;
      room: string | null;
      weekday: number;
      startsAt: string;
      endsAt: string;
    }) =>
      rows(sql<PeriodRow>`select ${columns} from ${from}
        where p.id <> ${slot.id} and p.weekday = ${slot.weekday} and p.starts_at < ${slot.endsAt}::time and p.ends_at > ${slot.startsAt}::time
          and (p.class_id = ${slot.classId} or p.teacher_id = ${slot.teacherId} or lower(p.room) = lower(${slot.room}))
        order by p.starts_at`),
    insert: (p: {
      id: string;
      classId: string;
      subjectId: string | null;
      teacherId: string | null;
      room: string | null;
      weekday: number;
      startsAt: string;
      endsAt: string;
    }) =>
      sql`insert into ${t('timetable_periods')} (id, class_id, subject_id, teacher_id, room, weekday, starts_at, ends_at)
        values (${p.id}, ${p.classId}, ${p.subjectId}, ${p.teacherId}, ${p.room}, ${p.weekday}, ${p.startsAt}::time, ${p.endsAt}::time)`.execute(
        db,
      ),
    update: (p: {
      id: string;
      subjectId: string | null;
      teacherId: string | null;
      room: string | null;
      weekday: number;
      startsAt: string;
      endsAt: string;
    }) =>
      sql`update ${t('timetable_periods')} set subject_id = ${p.subjectId}, teacher_id = ${p.teacherId}, room = ${p.room}, weekday = ${p.weekday},
        starts_at = ${p.startsAt}::time, ends_at = ${p.endsAt}::time, updated_at = now() where id = ${p.id}`.execute(db),
    delete: (id: string) => sql`delete from ${t('timetable_periods')} where id = ${id}`.execute(db),
    exists: async (table: 'classes' | 'subjects', id: string) => (await rows(sql`select 1 from ${t(table)} where id = ${id}`)).length > 0,
    className: async (id: string) => (await rows(sql<{ name: string }>`select name from ${t('classes')} where id = ${id}`))[0]?.name,
    studentOf: async (id: string) =>
      (
        await rows(
          sql<{
            user_id: string | null;
            first_name: string;
            last_name: string;
          }>`select user_id, first_name, last_name from ${t('students')} where id = ${id}`,
        )
      )[0],
    isGuardian: async (studentId: string, userId: string) =>
      (await rows(sql`select 1 from ${t('guardians')} where student_id = ${studentId} and user_id = ${userId}`)).length > 0,
    currentYear: async () =>
      (
        await rows(
          sql<{ starts_on: string; ends_on: string }>`select starts_on::text, ends_on::text from ${t('academic_years')} where current`,
        )
      )[0],
  };
}

export function feedsRepository(db: Db) {
  const rows = <R>(q: ReturnType<typeof sql<R>>) => rowsOf(db, q);
  return {
    insert: (f: { id: string; tokenHash: string; institutionId: string; kind: string; subjectId: string; createdBy: string }) =>
      sql`insert into institutions.calendar_feeds (id, token_hash, institution_id, kind, subject_id, created_by)
        values (${f.id}, ${f.tokenHash}, ${f.institutionId}, ${f.kind}, ${f.subjectId}, ${f.createdBy})`.execute(db),
    byToken: async (hash: string) =>
      (await rows(sql<FeedRow>`select * from institutions.calendar_feeds where token_hash = ${hash} and revoked_at is null`))[0],
    mine: (institutionId: string, userId: string) =>
      rows(
        sql<FeedRow>`select * from institutions.calendar_feeds where institution_id = ${institutionId} and created_by = ${userId} order by created_at desc`,
      ),
    get: async (institutionId: string, id: string) =>
      (await rows(sql<FeedRow>`select * from institutions.calendar_feeds where institution_id = ${institutionId} and id = ${id}`))[0],
    revoke: (id: string) =>
      sql`update institutions.calendar_feeds set revoked_at = now() where id = ${id} and revoked_at is null`.execute(db),
  };
}
