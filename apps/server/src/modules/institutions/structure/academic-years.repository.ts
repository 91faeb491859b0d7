// SQL for academic years and their terms, in the tenant's schema.
import { sql } from 'kysely';
import { type Db, rowsOf } from '../../../platform/db/database.ts';

export type YearRow = { id: string; name: string; starts_on: string; ends_on: string; current: boolean; archived_at: Date | null };
export type TermRow = { id: string; academic_year_id: string; name: string; starts_on: string; ends_on: string };

// Dates travel as text: a date has no time zone, and must not gain one on the way.
const yearColumns = sql`id, name, starts_on::text as starts_on, ends_on::text as ends_on, current, archived_at`;
const termColumns = sql`id, academic_year_id, name, starts_on::text as starts_on, ends_on::text as ends_on`;

export function academicYearsRepository(db: Db, schema: string) {
  const years = sql.table(`${schema}.academic_years`);
  const terms = sql.table(`${schema}.terms`);
  const run = <R>(query: ReturnType<typeof sql<R>>) => rowsOf(db, query);
  return {
    list: (archived: 'false' | 'true' | 'all') =>
      run(sql<YearRow>`select ${yearColumns} from ${years}
        where ${archived === 'all' ? sql`true` : archived === 'true' ? sql`archived_at is not null` : sql`archived_at is null`}
        order by starts_on desc`),
    get: async (id: string) => (await run(sql<YearRow>`select ${yearColumns} from ${years} where id = ${id}`))[0],
    termsOf: (yearIds: string[]) =>
      yearIds.length
        ? run(sql<TermRow>`select ${termColumns} from ${terms} where academic_year_id = any(${yearIds}::uuid[]) order by starts_on`)
        : Promise.resolve([]),
    insertYear: async (row: { id: string; name: string; starts_on: string; ends_on: string; current: boolean }) =>
      (
        await run(sql<YearRow>`insert into ${years} (id, name, starts_on, ends_on, current)
          values (${row.id}, ${row.name}, ${row.starts_on}, ${row.ends_on}, ${row.current}) returning ${yearColumns}`)
      )[0] as YearRow,
    updateYear: async (id: string, values: Record<string, unknown>) => {
      const sets = [...Object.entries(values).map(([c, v]) => sql`${sql.ref(c)} = ${v}`), sql`updated_at = now()`];
      return (await run(sql<YearRow>`update ${years} set ${sql.join(sets)} where id = ${id} returning ${yearColumns}`))[0] as YearRow;
    },
    /** Only one year is current: the others stop being. */
    clearCurrent: (exceptId: string) => run(sql`update ${years} set current = false where current and id <> ${exceptId}`),
    deleteYear: (id: string) => run(sql`delete from ${years} where id = ${id}`),
    term: async (yearId: string, id: string) =>
      (await run(sql<TermRow>`select ${termColumns} from ${terms} where academic_year_id = ${yearId} and id = ${id}`))[0],
    insertTerm: async (row: TermRow) =>
      (
        await run(sql<TermRow>`insert into ${terms} (id, academic_year_id, name, starts_on, ends_on)
          values (${row.id}, ${row.academic_year_id}, ${row.name}, ${row.starts_on}, ${row.ends_on}) returning ${termColumns}`)
      )[0] as TermRow,
    updateTerm: async (id: string, values: Record<string, unknown>) => {
      const sets = Object.entries(values).map(([c, v]) => sql`${sql.ref(c)} = ${v}`);
      return (await run(sql<TermRow>`update ${terms} set ${sql.join(sets)} where id = ${id} returning ${termColumns}`))[0] as TermRow;
    },
    deleteTerm: (id: string) => run(sql`delete from ${terms} where id = ${id}`),
  };
}
