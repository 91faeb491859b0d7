// Who teaches which class: its homeroom teacher and the teachers of its timetable periods. Grades,
// attendance and announcements let a teacher act on these classes only.
import { sql } from 'kysely';
import { type Db, rowsOf } from '../../platform/db/database.ts';

/** The classes a user teaches (homeroom or any period), optionally only among `classIds`. */
export async function classesTaughtBy(db: Db, schema: string, userId: string, classIds?: string[]): Promise<string[]> {
  const t = (name: string) => sql.table(`${schema}.${name}`);
  const only = classIds ? sql`and id = any(${classIds}::uuid[])` : sql``;
  const onlyPeriods = classIds ? sql`and class_id = any(${classIds}::uuid[])` : sql``;
  const rows = await rowsOf(
    db,
    sql<{ id: string }>`select id from ${t('classes')} where homeroom_teacher_id = ${userId} ${only}
      union select class_id from ${t('timetable_periods')} where teacher_id = ${userId} ${onlyPeriods}`,
  );
  return rows.map((r) => r.id);
}

export const teachesClass = async (db: Db, schema: string, userId: string, classId: string) =>
  (await classesTaughtBy(db, schema, userId, [classId])).length > 0;
