// SQL for assessments and marks, in the tenant's schema. Numerics are read as float8 so the
// driver hands back numbers, and dates as text so no time zone touches them.
import { sql } from 'kysely';
import { type Db, rowsOf } from '../../../platform/db/database.ts';

export type AssessmentRow = {
  id: string;
  class_id: string;
  subject_id: string;
  term_id: string;
  title: string;
  kind: 'exam' | 'test' | 'quiz' | 'homework' | 'project' | 'other';
  max_points: number;
  weight: number;
  due_on: string | null;
  marked: number;
  created_at: Date;
  updated_at: Date;
};
export type MarkRow = { assessment_id: string; student_id: string; points: number | null; excused: boolean; comment: string };
export type AssessmentInsert = Omit<AssessmentRow, 'marked' | 'created_at' | 'updated_at'> & { created_by: string };
export type AssessmentPatch = Partial<Pick<AssessmentRow, 'title' | 'kind' | 'max_points' | 'weight' | 'due_on'>>;

export function gradesRepository(db: Db, schema: string) {
  const t = (name: string) => sql.table(`${schema}.${name}`);
  const rows = <R>(q: ReturnType<typeof sql<R>>) => rowsOf(db, q);
  const assessmentColumns = sql`a.id, a.class_id, a.subject_id, a.term_id, a.title, a.kind, a.max_points::float8 as max_points,
    a.weight::float8 as weight, a.due_on::text as due_on, a.created_at, a.updated_at,
    (select count(*)::int from ${t('marks')} m where m.assessment_id = a.id) as marked`;
  const markColumns = sql`m.assessment_id, m.student_id, m.points::float8 as points, m.excused, m.comment`;

  return {
    assessment: async (id: string) =>
      (await rows(sql<AssessmentRow>`select ${assessmentColumns} from ${t('assessments')} a where a.id = ${id}`))[0],

    assessments: (filter: { classId?: string; classIds?: string[]; subjectId?: string; termId?: string }) =>
      rows(sql<AssessmentRow>`select ${assessmentColumns} from ${t('assessments')} a where true
        ${filter.classId ? sql`and a.class_id = ${filter.classId}` : sql``}
        ${filter.classIds ? sql`and a.class_id = any(${filter.classIds}::uuid[])` : sql``}
        ${filter.subjectId ? sql`and a.subject_id = ${filter.subjectId}` : sql``}
        ${filter.termId ? sql`and a.term_id = ${filter.termId}` : sql``}
        order by a.due_on nulls last, a.created_at, a.id`),

    insertAssessment: (a: AssessmentInsert) =>
      sql`insert into ${t('assessments')} (id, class_id, subject_id, term_id, title, kind, max_points, weight, due_on, created_by)
        values (${a.id}, ${a.class_id}, ${a.subject_id}, ${a.term_id}, ${a.title}, ${a.kind}, ${a.max_points}, ${a.weight},
        ${a.due_on}, ${a.created_by})`.execute(db),

    updateAssessment: (id: string, patch: AssessmentPatch) => {
      const sets = Object.entries(patch).map(([column, value]) => sql`${sql.ref(column)} = ${value}`);
      return sql`update ${t('assessments')} set ${sql.join([...sets, sql`updated_at = now()`])} where id = ${id}`.execute(db);
    },

    deleteAssessment: (id: string) => sql`delete from ${t('assessments')} where id = ${id}`.execute(db),

    /** The highest mark entered, so max points cannot drop below a result already given. */
    highestPoints: async (assessmentId: string) =>
      (
        await rows(sql<{ max: number | null }>`select max(points)::float8 as max from ${t('marks')} where assessment_id = ${assessmentId}`)
      )[0]?.max ?? null,

    marks: (filter: { assessmentIds: string[]; studentIds?: string[] }) =>
      rows(sql<MarkRow>`select ${markColumns} from ${t('marks')} m where m.assessment_id = any(${filter.assessmentIds}::uuid[])
        ${filter.studentIds ? sql`and m.student_id = any(${filter.studentIds}::uuid[])` : sql``}`),

    /** Locks the rows about to change, so two teachers saving at once both see the other's result. */
    marksForUpdate: (assessmentIds: string[]) =>
      rows(sql<MarkRow>`select ${markColumns} from ${t('marks')} m where m.assessment_id = any(${assessmentIds}::uuid[])
        order by m.assessment_id, m.student_id for update`),

    upsertMark: (m: MarkRow, userId: string) =>
      sql`insert into ${t('marks')} (assessment_id, student_id, points, excused, comment, updated_by)
        values (${m.assessment_id}, ${m.student_id}, ${m.points}, ${m.excused}, ${m.comment}, ${userId})
        on conflict (assessment_id, student_id) do update set points = excluded.points, excused = excluded.excused,
        comment = excluded.comment, updated_by = excluded.updated_by, updated_at = now()`.execute(db),

    deleteMark: (assessmentId: string, studentId: string) =>
      sql`delete from ${t('marks')} where assessment_id = ${assessmentId} and student_id = ${studentId}`.execute(db),

    /** Enrolled students in grid order. */
    roster: (classId: string) =>
      rows(sql<{ id: string; first_name: string; last_name: string; student_number: string }>`
        select s.id, s.first_name, s.last_name, s.student_number from ${t('enrolments')} e
        join ${t('students')} s on s.id = e.student_id where e.class_id = ${classId}
        order by lower(s.last_name || ' ' || s.first_name), s.id`),

    classOf: async (classId: string) =>
      (
        await rows(
          sql<{ id: string; name: string; academic_year_id: string | null; homeroom_teacher_id: string | null }>`
          select id, name, academic_year_id, homeroom_teacher_id from ${t('classes')} where id = ${classId}`,
        )
      )[0],

    subject: async (id: string) =>
      (
        await rows(
          sql<{ id: string; name: string; archived_at: Date | null }>`select id, name, archived_at from ${t('subjects')} where id = ${id}`,
        )
      )[0],

    term: async (id: string) =>
      (
        await rows(
          sql<{ id: string; name: string; academic_year_id: string; year_name: string; starts_on: string; ends_on: string }>`
          select t.id, t.name, t.academic_year_id, y.name as year_name, t.starts_on::text as starts_on, t.ends_on::text as ends_on
          from ${t('terms')} t join ${t('academic_years')} y on y.id = t.academic_year_id where t.id = ${id}`,
        )
      )[0],

    /** The classes a student is enrolled in, with names (for the report card). */
    classesOf: (studentId: string) =>
      rows(sql<{ id: string; name: string }>`select c.id, c.name from ${t('enrolments')} e join ${t('classes')} c on c.id = e.class_id
        where e.student_id = ${studentId} order by lower(c.name)`),

    /** Who hears about a student's new results: the student's own account and their guardians. */
    audience: async (studentIds: string[]) => {
      const students = await rows(sql<{ id: string; first_name: string; user_id: string | null }>`
        select id, first_name, user_id from ${t('students')} where id = any(${studentIds}::uuid[])`);
      const guardians = await rows(sql<{ student_id: string; user_id: string }>`
        select student_id, user_id from ${t('guardians')} where student_id = any(${studentIds}::uuid[])`);
      return new Map(
        students.map((s) => [
          s.id,
          {
            firstName: s.first_name,
            userIds: [...(s.user_id ? [s.user_id] : []), ...guardians.filter((g) => g.student_id === s.id).map((g) => g.user_id)],
          },
        ]),
      );
    },

    subjectNames: async (ids: string[]) =>
      new Map(
        (await rows(sql<{ id: string; name: string }>`select id, name from ${t('subjects')} where id = any(${ids}::uuid[])`)).map((r) => [
          r.id,
          r.name,
        ]),
      ),
  };
}
