// Who shares a class with a user in one institution (students of the same classes, by account),
// for other modules' "people you may know". Read-only, bounded; the module keeps its tables.
import { sql } from 'kysely';
import { type Db, rowsOf } from '../../../platform/db/database.ts';

/** Other active students with an account in the user's classes, and how many classes each shares. */
export async function classmatesOf(db: Db, schema: string, userId: string, limit: number): Promise<Map<string, number>> {
  const t = (name: string) => sql.table(`${schema}.${name}`);
  const rows = await rowsOf<{ id: string; n: number }>(
    db,
    sql`select other.user_id as id, count(distinct theirs.class_id)::int as n
      from ${t('students')} me
      join ${t('enrolments')} mine on mine.student_id = me.id
      join ${t('enrolments')} theirs on theirs.class_id = mine.class_id
      join ${t('students')} other on other.id = theirs.student_id
      where me.user_id = ${userId} and me.status = 'active'
        and other.user_id is not null and other.user_id <> ${userId} and other.status = 'active'
      group by other.user_id
      order by n desc, other.user_id
      limit ${limit}`,
  );
  return new Map(rows.map((r) => [r.id, r.n]));
}
