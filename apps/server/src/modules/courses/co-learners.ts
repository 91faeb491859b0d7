// Who learns in the same courses as a user in one institution, for other modules' "people you may
// know". Read-only and bounded; the courses module keeps its tables.
import { sql } from 'kysely';
import { type Db, rowsOf } from '../../platform/db/database.ts';

/** Others enrolled in the user's courses, and how many courses each shares. */
export async function coLearnersOf(db: Db, schema: string, userId: string, limit: number): Promise<Map<string, number>> {
  const enrolments = sql.table(`${schema}.course_enrolments`);
  const rows = await rowsOf<{ id: string; n: number }>(
    db,
    sql`select theirs.user_id as id, count(distinct theirs.course_id)::int as n
      from ${enrolments} mine
      join ${enrolments} theirs on theirs.course_id = mine.course_id
      where mine.user_id = ${userId} and theirs.user_id <> ${userId}
      group by theirs.user_id
      order by n desc, theirs.user_id
      limit ${limit}`,
  );
  return new Map(rows.map((r) => [r.id, r.n]));
}
