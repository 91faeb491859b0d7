// SQL for the dashboards: the aggregates the consumer keeps (written only from event handlers), the
// reads over them, and the small per-user reads of timetable and registers a teacher's or student's
// day needs. Tables are named with their schema: the consumer serves every institution.
import type { EventPayload } from '@edumatrix/contracts';
import { sql } from 'kysely';
import { type Db, rowsOf } from '../../../platform/db/database.ts';

export type Totals = { present: number; absent: number; late: number; excused: number };
export type LessonRow = {
  period_id: string;
  class_id: string;
  class_name: string;
  subject_name: string | null;
  room: string | null;
  starts_at: string;
  ends_at: string;
};
export type AssessmentChange = EventPayload<'institutions.assessment_changed'>;

export type MarkChange = {
  studentId: string;
  classId: string;
  subjectId: string;
  termId: string;
  assessmentId: string;
  assessmentTitle: string;
  points: number | null;
  excused: boolean;
  maxPoints: number;
  termPercent: number | null;
  termBand: string | null;
};

/** numeric columns arrive as text from PostgreSQL. */
export const toNumber = (v: unknown) => (v === null || v === undefined ? null : Number(v));
/** Tenths of a percent, the grain of the grade distribution. */
export const bucketOf = (percent: number) => Math.round(Math.min(100, Math.max(0, percent)) * 10);

/** Where each institution's aggregates live, and its clock (global registry, owned by this module). */
export function registryRepository(db: Db) {
  return {
    institution: async (id: string) =>
      (
        await rowsOf(
          db,
          sql<{ schema: string; timezone: string }>`select schema_name as schema, timezone from institutions.institutions where id = ${id}`,
        )
      )[0],
    institutionsOf: (userId: string) =>
      rowsOf(
        db,
        sql<{ schema: string; timezone: string }>`select i.schema_name as schema, i.timezone from institutions.members m
          join institutions.institutions i on i.id = m.institution_id where m.user_id = ${userId}`,
      ),
    memberCount: async (institutionId: string) =>
      Number(
        (await rowsOf(db, sql<{ n: number }>`select count(*) as n from institutions.members where institution_id = ${institutionId}`))[0]
          ?.n ?? 0,
      ),
  };
}

/** What the `dashboards` consumer writes. Every change replaces a keyed row, so applying it twice is harmless. */
export function aggregatesRepository(db: Db, schema: string) {
  const t = (name: string) => sql.table(`${schema}.${name}`);
  // Active students only; a class whose last active student left counts 0, not nothing.
  const recount = (where: ReturnType<typeof sql>) =>
    sql`insert into ${t('dashboard_class_enrolment')} (class_id, students)
      select e.class_id, count(s.id) from ${t('enrolments')} e
        left join ${t('students')} s on s.id = e.student_id and s.status = 'active'
      where ${where} group by e.class_id
      on conflict (class_id) do update set students = excluded.students, updated_at = now()`.execute(db);

  async function moveBucket(termId: string, percent: number, by: number) {
    await sql`insert into ${t('dashboard_grade_buckets')} (term_id, bucket, grades) values (${termId}, ${bucketOf(percent)}, ${by})
      on conflict (term_id, bucket) do update set grades = ${t('dashboard_grade_buckets')}.grades + ${by}`.execute(db);
  }

  return {
    async recountClass(classId: string) {
      await recount(sql`e.class_id = ${classId}`);
      // No enrolments left: the query above yields no row for the class.
      await sql`update ${t('dashboard_class_enrolment')} set students = 0, updated_at = now()
        where class_id = ${classId} and not exists (select 1 from ${t('enrolments')} where class_id = ${classId})`.execute(db);
    },
    recountClassesOf: (studentId: string) =>
      recount(sql`e.class_id in (select class_id from ${t('enrolments')} where student_id = ${studentId})`),
    /** After a student was deleted or a roster imported: one grouped pass, in the background. */
    async recountAll() {
      await recount(sql`true`);
      await sql`update ${t('dashboard_class_enrolment')} a set students = 0, updated_at = now()
        where students <> 0 and not exists (select 1 from ${t('enrolments')} e where e.class_id = a.class_id)`.execute(db);
    },

    /** A register's totals replace the session's earlier ones; the day moves by the difference. */
    async applyRegister(s: { sessionId: string; classId: string; date: string } & Totals, asOf: string) {
      const [before] = await rowsOf(
        db,
        sql<Totals & { as_of: Date }>`select present, absent, late, excused, as_of from ${t('dashboard_attendance_sessions')}
          where session_id = ${s.sessionId} for update`,
      );
      if (before && new Date(before.as_of).getTime() > Date.parse(asOf)) return;
      await sql`insert into ${t('dashboard_attendance_sessions')} (session_id, class_id, date, present, absent, late, excused, as_of)
        values (${s.sessionId}, ${s.classId}, ${s.date}, ${s.present}, ${s.absent}, ${s.late}, ${s.excused}, ${asOf})
        on conflict (session_id) do update set present = excluded.present, absent = excluded.absent, late = excluded.late,
          excused = excluded.excused, as_of = excluded.as_of`.execute(db);
      const d = (k: keyof Totals) => s[k] - (before ? Number(before[k]) : 0);
      await sql`insert into ${t('dashboard_attendance_daily')} as x (date, present, absent, late, excused)
        values (${s.date}, ${d('present')}, ${d('absent')}, ${d('late')}, ${d('excused')})
        on conflict (date) do update set present = x.present + excluded.present, absent = x.absent + excluded.absent,
          late = x.late + excluded.late, excused = x.excused + excluded.excused`.execute(db);
    },

    /** A student's new term grade moves them between buckets; their mark updates the assessment's progress. */
    async applyMark(m: MarkChange, asOf: string) {
      const at = Date.parse(asOf);
      const [grade] = await rowsOf(
        db,
        sql<{ percent: string | null; as_of: Date }>`select percent, as_of from ${t('dashboard_term_grades')}
          where student_id = ${m.studentId} and subject_id = ${m.subjectId} and term_id = ${m.termId} for update`,
      );
      if (!grade || new Date(grade.as_of).getTime() <= at) {
        const before = toNumber(grade?.percent);
        if (before !== null) await moveBucket(m.termId, before, -1);
        if (m.termPercent !== null) await moveBucket(m.termId, m.termPercent, 1);
        await sql`insert into ${t('dashboard_term_grades')} (student_id, subject_id, term_id, percent, as_of)
          values (${m.studentId}, ${m.subjectId}, ${m.termId}, ${m.termPercent}, ${asOf})
          on conflict (student_id, subject_id, term_id) do update set percent = excluded.percent, as_of = excluded.as_of`.execute(db);
      }
      const [mark] = await rowsOf(
        db,
        sql<{ points: string | null; excused: boolean; as_of: Date }>`select points, excused, as_of from ${t('dashboard_marks')}
          where assessment_id = ${m.assessmentId} and student_id = ${m.studentId} for update`,
      );
      if (mark && new Date(mark.as_of).getTime() > at) return;
      // Excused counts as marked: nothing is left to do for that student.
      const marked = (m.points !== null || m.excused ? 1 : 0) - (mark && (mark.points !== null || mark.excused) ? 1 : 0);
      await sql`insert into ${t('dashboard_assessments')} (assessment_id, class_id, subject_id, term_id, title, marked)
        values (${m.assessmentId}, ${m.classId}, ${m.subjectId}, ${m.termId}, ${m.assessmentTitle}, ${marked})
        on conflict (assessment_id) do update set marked = ${t('dashboard_assessments')}.marked + excluded.marked`.execute(db);
      await sql`insert into ${t('dashboard_marks')} (assessment_id, student_id, points, excused, max_points, term_percent, term_band, as_of)
        values (${m.assessmentId}, ${m.studentId}, ${m.points}, ${m.excused}, ${m.maxPoints}, ${m.termPercent}, ${m.termBand}, ${asOf})
        on conflict (assessment_id, student_id) do update set points = excluded.points, excused = excluded.excused,
          max_points = excluded.max_points, term_percent = excluded.term_percent, term_band = excluded.term_band,
          as_of = excluded.as_of`.execute(db);
    },

    /** An assessment's name and due date come from its own events; a deletion leaves a tombstone. */
    async applyAssessment(a: AssessmentChange) {
      await sql`insert into ${t('dashboard_assessments')} as x (assessment_id, class_id, subject_id, term_id, title, due_on, deleted)
        values (${a.assessmentId}, ${a.classId}, ${a.subjectId}, ${a.termId}, ${a.title}, ${a.dueOn}, ${a.action === 'deleted'})
        on conflict (assessment_id) do update set title = excluded.title, due_on = excluded.due_on,
          deleted = x.deleted or excluded.deleted`.execute(db);
    },

    /** A member was active on a (local) day: counted once per day however often it is said. */
    async applyActive(userId: string, date: string) {
      const added = await rowsOf(
        db,
        sql`insert into ${t('dashboard_active_days')} (date, user_id) values (${date}, ${userId}) on conflict do nothing returning user_id`,
      );
      if (added.length === 0) return;
      await sql`insert into ${t('dashboard_active_daily')} as x (date, users) values (${date}, 1)
        on conflict (date) do update set users = x.users + 1`.execute(db);
      await sql`insert into ${t('dashboard_member_activity')} as x (user_id, last_active_on) values (${userId}, ${date})
        on conflict (user_id) do update set last_active_on = greatest(x.last_active_on, excluded.last_active_on)`.execute(db);
      // Only the last 30 days are shown; a quarter is kept, so the tables stay the size of the membership.
      await sql`delete from ${t('dashboard_active_days')} where date < ${date}::date - 90`.execute(db);
      await sql`delete from ${t('dashboard_active_daily')} where date < ${date}::date - 90`.execute(db);
    },
    /** A former member no longer counts as an active member. */
    forgetMember: (userId: string) => sql`delete from ${t('dashboard_member_activity')} where user_id = ${userId}`.execute(db),
  };
}

/** The reads behind the dashboard: aggregates for institution-wide figures, small per-user reads for a day. */
export function dashboardsRepository(db: Db, schema: string) {
  const t = (name: string) => sql.table(`${schema}.${name}`);
  const rows = <R>(q: ReturnType<typeof sql<R>>) => rowsOf(db, q);
  const lessonColumns = sql`p.id as period_id, p.class_id, c.name as class_name, s.name as subject_name, p.room,
    to_char(p.starts_at, 'HH24:MI') as starts_at, to_char(p.ends_at, 'HH24:MI') as ends_at`;
  const lessonFrom = sql`${t('timetable_periods')} p join ${t('classes')} c on c.id = p.class_id and c.archived_at is null
    left join ${t('subjects')} s on s.id = p.subject_id`;

  return {
    /** Per department (classes without one together), over active classes; counts from the enrolment aggregate. */
    enrolmentByDepartment: () =>
      rows(sql<{ department_id: string | null; name: string | null; classes: number; students: number }>`
        select d.id as department_id, d.name, count(c.id)::int as classes, coalesce(sum(a.students), 0)::int as students
        from ${t('classes')} c
          left join ${t('dashboard_class_enrolment')} a on a.class_id = c.id
          left join ${t('departments')} d on d.id = c.department_id
        where c.archived_at is null
        group by d.id, d.name
        order by students desc, d.name nulls last`),
    attendanceDays: (from: string, to: string) =>
      rows(sql<Totals & { date: string }>`select date::text as date, present, absent, late, excused
        from ${t('dashboard_attendance_daily')} where date between ${from} and ${to} order by date`),
    /** The term containing `today`, else the latest term that has grades. */
    gradesTerm: async (today: string) =>
      (
        await rows(sql<{ id: string; name: string }>`
          (select id, name, 0 as rank, starts_on from ${t('terms')} where starts_on <= ${today} and ends_on >= ${today})
          union all
          (select id, name, 1 as rank, starts_on from ${t('terms')} tm
            where exists (select 1 from ${t('dashboard_grade_buckets')} b where b.term_id = tm.id and b.grades > 0))
          order by rank, starts_on desc limit 1`)
      )[0],
    gradeBuckets: (termId: string) =>
      rows(sql<{ bucket: number; grades: number }>`select bucket, grades from ${t('dashboard_grade_buckets')}
        where term_id = ${termId} and grades > 0`),
    activeSince: async (since: string) =>
      Number(
        (await rows(sql<{ n: number }>`select count(*) as n from ${t('dashboard_member_activity')} where last_active_on >= ${since}`))[0]
          ?.n ?? 0,
      ),
    activeDays: (from: string, to: string) =>
      rows(sql<{ date: string; users: number }>`select date::text as date, users from ${t('dashboard_active_daily')}
        where date between ${from} and ${to} order by date`),

    teacherLessons: (teacherId: string, weekday: number) =>
      rows(sql<LessonRow>`select ${lessonColumns} from ${lessonFrom}
        where p.teacher_id = ${teacherId} and p.weekday = ${weekday} order by p.starts_at, c.name`),
    /** Registers already taken on `date` for these classes (a whole-day register has no period). */
    registersTaken: (classIds: string[], date: string) =>
      classIds.length === 0
        ? Promise.resolve([])
        : rows(sql<{ class_id: string; period_id: string | null }>`select class_id, period_id from ${t('attendance_sessions')}
            where date = ${date} and class_id in (${sql.join(classIds)})`),
    /** Assessments of these classes with marks still missing (excused counts as marked), soonest due first. */
    gradingToDo: (classIds: string[]) =>
      classIds.length === 0
        ? Promise.resolve([])
        : rows(sql<{
            assessment_id: string;
            title: string;
            class_id: string;
            class_name: string;
            subject_name: string | null;
            marked: number;
            students: number;
          }>`select a.assessment_id, a.title, a.class_id, c.name as class_name, s.name as subject_name, a.marked,
              coalesce(e.students, 0) as students
            from ${t('dashboard_assessments')} a
              join ${t('classes')} c on c.id = a.class_id and c.archived_at is null
              left join ${t('subjects')} s on s.id = a.subject_id
              left join ${t('dashboard_class_enrolment')} e on e.class_id = a.class_id
            where a.class_id in (${sql.join(classIds)}) and not a.deleted and a.marked < coalesce(e.students, 0)
            order by a.due_on nulls last, c.name, a.title limit 20`),

    /** The student records a student is, or a parent is guardian of. */
    learners: (userId: string, as: 'student' | 'parent') =>
      rows(sql<{ id: string; first_name: string; last_name: string }>`select st.id, st.first_name, st.last_name from ${t('students')} st
        where ${as === 'student' ? sql`st.user_id = ${userId}` : sql`st.id in (select student_id from ${t('guardians')} where user_id = ${userId})`}
        order by st.first_name, st.last_name`),
    studentLessons: (studentId: string, weekday: number) =>
      rows(sql<LessonRow>`select ${lessonColumns} from ${lessonFrom}
        where p.weekday = ${weekday} and p.class_id in (select class_id from ${t('enrolments')} where student_id = ${studentId})
        order by p.starts_at, c.name`),
    recentGrades: (studentId: string, limit: number) =>
      rows(sql<{
        assessment_id: string;
        title: string;
        subject_name: string | null;
        points: string;
        max_points: string;
        term_percent: string | null;
        term_band: string | null;
        as_of: Date;
      }>`select m.assessment_id, a.title, s.name as subject_name, m.points, m.max_points, m.term_percent, m.term_band, m.as_of
        from ${t('dashboard_marks')} m
          join ${t('dashboard_assessments')} a on a.assessment_id = m.assessment_id
          left join ${t('subjects')} s on s.id = a.subject_id
        where m.student_id = ${studentId} and m.points is not null and not a.deleted
        order by m.as_of desc limit ${limit}`),
  };
}
