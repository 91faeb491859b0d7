// SQL for courses, their classes, modules, lessons and enrolments, in the tenant's schema.
import { sql } from 'kysely';
import { type Db, rowsOf } from '../../platform/db/database.ts';

export type CourseRow = {
  id: string;
  title: string;
  code: string;
  summary: string;
  description: string;
  visibility: 'institution' | 'class' | 'public';
  status: 'draft' | 'published' | 'archived';
  subject_id: string | null;
  capacity: number | null;
  owner_id: string;
  join_code: string | null;
  published_at: Date | null;
  created_at: Date;
  updated_at: Date;
  class_ids: string[];
  enrolled: number;
  requires: string[];
};
export type CourseWrite = Pick<CourseRow, 'title' | 'code' | 'summary' | 'description' | 'visibility' | 'subject_id' | 'capacity'>;
export type ModuleRow = { id: string; course_id: string; title: string; summary: string; position: number };
export type LessonRow = {
  id: string;
  course_id: string;
  module_id: string;
  title: string;
  kind: 'text' | 'video' | 'file' | 'link';
  body: string;
  video_url: string | null;
  link_url: string | null;
  minutes: number | null;
  published: boolean;
  position: number;
  updated_at: Date;
  file_key: string | null;
  file_name: string | null;
  file_type: string | null;
  file_size: number | null;
};
export type LessonWrite = Omit<
  LessonRow,
  'id' | 'course_id' | 'module_id' | 'position' | 'updated_at' | 'file_key' | 'file_name' | 'file_type' | 'file_size'
>;
export type EnrolmentSource = 'class' | 'individual' | 'join_code';
/**
 * Who is looking: their own courses (drafts included) and enrolments always; beyond that published
 * courses for the institution, and class courses of `classIds` ('all' for staff and teachers).
 */
export type Viewer = { userId: string; classIds: string[] | 'all'; mineOnly: boolean };

export function coursesRepository(db: Db, schema: string) {
  const t = (name: string) => sql.table(`${schema}.${name}`);
  const rows = <R>(q: ReturnType<typeof sql<R>>) => rowsOf(db, q);
  const courseColumns = sql`c.id, c.title, c.code, c.summary, c.description, c.visibility, c.status, c.subject_id, c.capacity,
    c.owner_id, c.join_code, c.published_at, c.created_at, c.updated_at,
    coalesce((select array_agg(cc.class_id order by cc.class_id) from ${t('course_classes')} cc where cc.course_id = c.id),
      '{}'::uuid[]) as class_ids,
    (select count(distinct e.user_id)::int from ${t('course_enrolments')} e where e.course_id = c.id) as enrolled,
    coalesce((select array_agg(p.requires_id order by p.requires_id) from ${t('course_prerequisites')} p where p.course_id = c.id),
      '{}'::uuid[]) as requires`;

  const lessonColumns = sql`id, course_id, module_id, title, kind, body, video_url, link_url, minutes, published, position, updated_at,
    file_key, file_name, file_type, file_size`;

  return {
    course: async (id: string) => (await rows(sql<CourseRow>`select ${courseColumns} from ${t('courses')} c where c.id = ${id}`))[0],

    /** Courses in (lower(title), id) order, filtered to what the viewer may see (null: everything). */
    courses: (filter: {
      q?: string | undefined;
      status?: string | undefined;
      after?: { key: string; id: string } | undefined;
      limit: number;
      viewer: Viewer | null;
    }) => {
      const v = filter.viewer;
      const enrolled = (userId: string) =>
        sql`exists (select 1 from ${t('course_enrolments')} e where e.course_id = c.id and e.user_id = ${userId})`;
      const visible = !v
        ? sql`true`
        : v.mineOnly
          ? sql`(c.owner_id = ${v.userId} or ${enrolled(v.userId)})`
          : sql`(c.owner_id = ${v.userId} or c.status <> 'draft' and (${enrolled(v.userId)} or c.status = 'published' and (
              c.visibility <> 'class' or ${v.classIds === 'all'}
              or exists (select 1 from ${t('course_classes')} cc where cc.course_id = c.id
                and cc.class_id = any(${v.classIds === 'all' ? [] : v.classIds}::uuid[])))))`;
      return rows(sql<CourseRow>`select ${courseColumns} from ${t('courses')} c
        where ${visible}
        ${filter.status && filter.status !== 'all' ? sql`and c.status = ${filter.status}` : sql``}
        ${filter.q ? sql`and (c.title ilike ${filter.q} or c.code ilike ${filter.q})` : sql``}
        ${filter.after ? sql`and (lower(c.title), c.id) > (${filter.after.key}, ${filter.after.id})` : sql``}
        order by lower(c.title), c.id limit ${filter.limit}`);
    },

    insertCourse: (id: string, ownerId: string, c: CourseWrite) =>
      sql`insert into ${t('courses')} (id, title, code, summary, description, visibility, subject_id, capacity, owner_id)
        values (${id}, ${c.title}, ${c.code}, ${c.summary}, ${c.description}, ${c.visibility}, ${c.subject_id}, ${c.capacity}, ${ownerId})`.execute(
        db,
      ),

    updateCourse: (id: string, patch: Partial<CourseWrite & Pick<CourseRow, 'status' | 'published_at' | 'join_code'>>) => {
      const sets = Object.entries(patch).map(([column, value]) => sql`${sql.ref(column)} = ${value}`);
      return sql`update ${t('courses')} set ${sql.join([...sets, sql`updated_at = now()`])} where id = ${id}`.execute(db);
    },

    deleteCourse: (id: string) => sql`delete from ${t('courses')} where id = ${id}`.execute(db),

    /**
     * Sets the chosen classes that see the course. Classes whose rosters are enrolled stay: they
     * see the course as long as their students are enrolled, and their roster keeps in step.
     */
    async setClasses(courseId: string, classIds: string[]) {
      await sql`delete from ${t('course_classes')} where course_id = ${courseId} and not roster
        and not (class_id = any(${classIds}::uuid[]))`.execute(db);
      for (const classId of classIds) {
        await sql`insert into ${t('course_classes')} (course_id, class_id) values (${courseId}, ${classId}) on conflict do nothing`.execute(
          db,
        );
      }
    },

    existingIds: async (table: 'classes' | 'subjects', ids: string[]) =>
      new Set(
        (await rows(sql<{ id: string }>`select id from ${t(table)} where id = any(${ids}::uuid[]) and archived_at is null`)).map(
          (r) => r.id,
        ),
      ),

    /** Classes the caller's own student records are in, or their children's (for what they may see). */
    classesOfViewer: async (userId: string) =>
      (
        await rows(sql<{ class_id: string }>`select e.class_id from ${t('enrolments')} e join ${t('students')} s on s.id = e.student_id
          where s.user_id = ${userId} or s.id in (select student_id from ${t('guardians')} where user_id = ${userId})`)
      ).map((r) => r.class_id),

    // --- modules and lessons --------------------------------------------------------------------

    modules: (courseId: string) =>
      rows(sql<ModuleRow>`select id, course_id, title, summary, position from ${t('course_modules')}
        where course_id = ${courseId} order by position, id`),
    module: async (id: string) =>
      (await rows(sql<ModuleRow>`select id, course_id, title, summary, position from ${t('course_modules')} where id = ${id}`))[0],
    insertModule: (m: Omit<ModuleRow, 'position'>) =>
      sql`insert into ${t('course_modules')} (id, course_id, title, summary, position)
        values (${m.id}, ${m.course_id}, ${m.title}, ${m.summary},
          (select coalesce(max(position), 0) + 1 from ${t('course_modules')} where course_id = ${m.course_id}))`.execute(db),
    updateModule: (id: string, patch: Partial<Pick<ModuleRow, 'title' | 'summary'>>) => {
      const sets = Object.entries(patch).map(([column, value]) => sql`${sql.ref(column)} = ${value}`);
      return sets.length ? sql`update ${t('course_modules')} set ${sql.join(sets)} where id = ${id}`.execute(db) : Promise.resolve();
    },
    deleteModule: (id: string) => sql`delete from ${t('course_modules')} where id = ${id}`.execute(db),

    lessons: (courseId: string) =>
      rows(sql<LessonRow>`select ${lessonColumns} from ${t('course_lessons')} where course_id = ${courseId} order by position, id`),
    lesson: async (id: string) => (await rows(sql<LessonRow>`select ${lessonColumns} from ${t('course_lessons')} where id = ${id}`))[0],
    insertLesson: (id: string, courseId: string, moduleId: string, l: LessonWrite) =>
      sql`insert into ${t('course_lessons')} (id, course_id, module_id, title, kind, body, video_url, link_url, minutes, published, position)
        values (${id}, ${courseId}, ${moduleId}, ${l.title}, ${l.kind}, ${l.body}, ${l.video_url}, ${l.link_url}, ${l.minutes}, ${l.published},
          (select coalesce(max(position), 0) + 1 from ${t('course_lessons')} where module_id = ${moduleId}))`.execute(db),
    updateLesson: (id: string, patch: Partial<LessonWrite & { module_id: string; position: number }>) => {
      const sets = Object.entries(patch).map(([column, value]) => sql`${sql.ref(column)} = ${value}`);
      return sql`update ${t('course_lessons')} set ${sql.join([...sets, sql`updated_at = now()`])} where id = ${id}`.execute(db);
    },
    nextLessonPosition: async (moduleId: string) =>
      (
        await rows(sql<{ p: number }>`select coalesce(max(position), 0) + 1 as p from ${t('course_lessons')} where module_id = ${moduleId}`)
      )[0]?.p ?? 1,
    setLessonFile: (id: string, file: { key: string; name: string; type: string; size: number } | null) =>
      sql`update ${t('course_lessons')} set file_key = ${file?.key ?? null}, file_name = ${file?.name ?? null},
        file_type = ${file?.type ?? null}, file_size = ${file?.size ?? null}, updated_at = now() where id = ${id}`.execute(db),
    deleteLesson: (id: string) => sql`delete from ${t('course_lessons')} where id = ${id}`.execute(db),

    /** Positions 1..n in the given order (the caller checked the ids are exactly the set). */
    async reorder(table: 'course_modules' | 'course_lessons', ids: string[]) {
      for (const [i, id] of ids.entries()) await sql`update ${t(table)} set position = ${i + 1} where id = ${id}`.execute(db);
    },

    // --- prerequisites --------------------------------------------------------------------------

    courseEdges: () =>
      rows(sql<{ from: string; to: string }>`select requires_id as "from", course_id as "to" from ${t('course_prerequisites')}`),
    moduleEdges: (courseId: string) =>
      rows(sql<{ from: string; to: string }>`select p.requires_id as "from", p.module_id as "to" from ${t('module_prerequisites')} p
        join ${t('course_modules')} m on m.id = p.module_id where m.course_id = ${courseId}`),
    async setPrerequisites(kind: 'course' | 'module', id: string, requires: string[]) {
      const table = t(kind === 'course' ? 'course_prerequisites' : 'module_prerequisites');
      const column = sql.ref(kind === 'course' ? 'course_id' : 'module_id');
      await sql`delete from ${table} where ${column} = ${id}`.execute(db);
      for (const r of requires) await sql`insert into ${table} (${column}, requires_id) values (${id}, ${r})`.execute(db);
    },
    /** Course titles by id, for naming prerequisites. */
    courseTitles: async (ids: string[]) =>
      new Map(
        (await rows(sql<{ id: string; title: string }>`select id, title from ${t('courses')} where id = any(${ids}::uuid[])`)).map((r) => [
          r.id,
          r.title,
        ]),
      ),
    allCourses: () => rows(sql<{ id: string; title: string; status: CourseRow['status'] }>`select id, title, status from ${t('courses')}`),
    completedCourses: async (userId: string) =>
      new Set(
        (await rows(sql<{ course_id: string }>`select course_id from ${t('course_completions')} where user_id = ${userId}`)).map(
          (r) => r.course_id,
        ),
      ),
    completedLessons: async (userId: string, courseId: string) =>
      new Set(
        (
          await rows(sql<{ lesson_id: string }>`select lesson_id from ${t('course_progress')}
            where user_id = ${userId} and course_id = ${courseId} and completed_at is not null`)
        ).map((r) => r.lesson_id),
      ),

    // --- enrolment ------------------------------------------------------------------------------

    enrolments: (courseId: string) =>
      rows(sql<{ user_id: string; sources: EnrolmentSource[]; enrolled_at: Date }>`select user_id,
          array_agg(distinct source order by source) as sources, min(enrolled_at) as enrolled_at
        from ${t('course_enrolments')} where course_id = ${courseId} group by user_id order by min(enrolled_at), user_id`),
    enrolledUserIds: async (courseId: string) =>
      new Set(
        (await rows(sql<{ user_id: string }>`select distinct user_id from ${t('course_enrolments')} where course_id = ${courseId}`)).map(
          (r) => r.user_id,
        ),
      ),
    /** Which of `courseIds` the user is enrolled in, in one query (a list page's worth). */
    enrolledIn: async (userId: string, courseIds: string[]) =>
      new Set(
        (
          await rows(sql<{ course_id: string }>`select distinct course_id from ${t('course_enrolments')}
            where user_id = ${userId} and course_id = any(${courseIds}::uuid[])`)
        ).map((r) => r.course_id),
      ),
    isEnrolled: async (courseId: string, userId: string) =>
      (await rows(sql`select 1 from ${t('course_enrolments')} where course_id = ${courseId} and user_id = ${userId} limit 1`)).length > 0,
    enrol: (courseId: string, userId: string, source: EnrolmentSource, classId: string | null = null) =>
      sql`insert into ${t('course_enrolments')} (course_id, user_id, source, class_id) values (${courseId}, ${userId}, ${source}, ${classId})
        on conflict do nothing`.execute(db),
    unenrol: (courseId: string, userId: string, sources: EnrolmentSource[]) =>
      sql`delete from ${t('course_enrolments')} where course_id = ${courseId} and user_id = ${userId}
        and source = any(${sources}::text[])`.execute(db),
    lockCourse: (courseId: string) => sql`select id from ${t('courses')} where id = ${courseId} for update`.execute(db),

    /** The accounts of a class's students: who its roster enrols. */
    rosterUserIds: async (classId: string) =>
      (
        await rows(sql<{ user_id: string }>`select s.user_id from ${t('enrolments')} e join ${t('students')} s on s.id = e.student_id
          where e.class_id = ${classId} and s.user_id is not null and s.status = 'active'`)
      ).map((r) => r.user_id),
    setRoster: (courseId: string, classId: string) =>
      sql`insert into ${t('course_classes')} (course_id, class_id, roster) values (${courseId}, ${classId}, true)
        on conflict (course_id, class_id) do update set roster = true`.execute(db),
    /** Courses that enrol a class's roster. */
    rosterCourses: async (classId: string) =>
      (await rows(sql<{ course_id: string }>`select course_id from ${t('course_classes')} where class_id = ${classId} and roster`)).map(
        (r) => r.course_id,
      ),
    classEnrolments: async (courseId: string, classId: string) =>
      new Set(
        (
          await rows(sql<{ user_id: string }>`select user_id from ${t('course_enrolments')}
            where course_id = ${courseId} and source = 'class' and class_id = ${classId}`)
        ).map((r) => r.user_id),
      ),
    dropClassEnrolment: (courseId: string, classId: string, userId: string) =>
      sql`delete from ${t('course_enrolments')} where course_id = ${courseId} and source = 'class' and class_id = ${classId}
        and user_id = ${userId}`.execute(db),
    /** The classes a student record is in (its roster courses follow it when its account changes). */
    classesOfStudent: async (studentId: string) =>
      (await rows(sql<{ class_id: string }>`select class_id from ${t('enrolments')} where student_id = ${studentId}`)).map(
        (r) => r.class_id,
      ),
    byJoinCode: async (code: string) =>
      (await rows(sql<{ id: string }>`select id from ${t('courses')} where join_code = ${code}`))[0]?.id ?? null,
  };
}
