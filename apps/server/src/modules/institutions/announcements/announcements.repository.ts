// SQL for announcements (tenant), who they reached, the schedule (global), and audiences.
import { sql } from 'kysely';
import { type Db, rowsOf } from '../../../platform/db/database.ts';

export type AnnouncementRow = {
  id: string;
  title: string;
  body: string;
  audience_kind: 'institution' | 'department' | 'class';
  audience_id: string | null;
  publish_at: Date;
  published_at: Date | null;
  recipients: number | null;
  created_by: string;
  created_at: Date;
};

export function announcementsRepository(db: Db, schema: string) {
  const t = (name: string) => sql.table(`${schema}.${name}`);
  const rows = <R>(q: ReturnType<typeof sql<R>>) => rowsOf(db, q);
  return {
    insert: (a: { id: string; title: string; body: string; kind: string; audienceId: string | null; publishAt: Date; createdBy: string }) =>
      sql`insert into ${t('announcements')} (id, title, body, audience_kind, audience_id, publish_at, created_by)
        values (${a.id}, ${a.title}, ${a.body}, ${a.kind}, ${a.audienceId}, ${a.publishAt}, ${a.createdBy})`.execute(db),
    get: async (id: string) => (await rows(sql<AnnouncementRow>`select * from ${t('announcements')} where id = ${id}`))[0],
    markPublished: (id: string, recipients: number) =>
      sql`update ${t('announcements')} set published_at = now(), recipients = ${recipients} where id = ${id} and published_at is null`.execute(
        db,
      ),
    addRecipients: (id: string, userIds: string[]) =>
      userIds.length
        ? sql`insert into ${t('announcement_recipients')} (announcement_id, user_id) values ${sql.join(userIds.map((u) => sql`(${id}, ${u})`))}
            on conflict do nothing`.execute(db)
        : Promise.resolve(),
    /** Published ones that reached `userId` (or all, for managers), newest first. */
    list: (options: {
      userId: string | null;
      createdBy?: string | undefined;
      scheduled: boolean;
      before?: string | undefined;
      limit: number;
    }) =>
      rows(sql<AnnouncementRow>`select a.* from ${t('announcements')} a
        where ${options.scheduled ? sql`a.published_at is null` : sql`a.published_at is not null`}
          ${options.userId ? sql`and a.id in (select announcement_id from ${t('announcement_recipients')} where user_id = ${options.userId})` : sql``}
          ${options.createdBy ? sql`and a.created_by = ${options.createdBy}` : sql``}
          ${options.before ? sql`and a.id < ${options.before}` : sql``}
        order by a.id desc limit ${options.limit}`),
    delete: (id: string) => sql`delete from ${t('announcements')} where id = ${id}`.execute(db),
    exists: async (table: 'classes' | 'departments', id: string) =>
      (await rows(sql`select 1 from ${t(table)} where id = ${id}`)).length > 0,
    /** Everyone a class concerns: its students with accounts, their guardians, its homeroom teacher and the teachers of its periods. */
    classAudience: async (classIds: string[]) =>
      classIds.length
        ? (
            await rows(sql<{ user_id: string }>`
              select s.user_id from ${t('enrolments')} e join ${t('students')} s on s.id = e.student_id where e.class_id = any(${classIds}::uuid[]) and s.user_id is not null
              union select g.user_id from ${t('enrolments')} e join ${t('guardians')} g on g.student_id = e.student_id where e.class_id = any(${classIds}::uuid[])
              union select homeroom_teacher_id from ${t('classes')} where id = any(${classIds}::uuid[]) and homeroom_teacher_id is not null
              union select teacher_id from ${t('timetable_periods')} where class_id = any(${classIds}::uuid[]) and teacher_id is not null`)
          ).map((r) => r.user_id)
        : [],
    departmentClasses: async (departmentId: string) =>
      (await rows(sql<{ id: string }>`select id from ${t('classes')} where department_id = ${departmentId} and archived_at is null`)).map(
        (r) => r.id,
      ),
    departmentStaff: async (departmentId: string) =>
      (
        await rows(
          sql<{
            user_id: string;
          }>`select user_id from ${t('staff')} where department_id = ${departmentId} and user_id is not null and archived_at is null`,
        )
      ).map((r) => r.user_id),
  };
}

export function announcementQueue(db: Db) {
  const rows = <R>(q: ReturnType<typeof sql<R>>) => rowsOf(db, q);
  return {
    enqueue: (announcementId: string, institutionId: string, publishAt: Date) =>
      sql`insert into institutions.announcement_queue (announcement_id, institution_id, publish_at)
        values (${announcementId}, ${institutionId}, ${publishAt})`.execute(db),
    due: (limit: number) =>
      rows(sql<{
        announcement_id: string;
        institution_id: string;
      }>`select announcement_id, institution_id from institutions.announcement_queue
        where publish_at <= now() order by publish_at limit ${limit}`),
    /** Takes one off the queue; false when another process took it first. */
    take: async (announcementId: string) =>
      (await rows(sql`delete from institutions.announcement_queue where announcement_id = ${announcementId} returning announcement_id`))
        .length > 0,
  };
}
