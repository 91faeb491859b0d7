// SQL for the organisational units, generic over the kinds in structure.kinds.ts. Table and column
// names come from that fixed table, never from input.
import { type RawBuilder, sql } from 'kysely';
import { type Db, rowsOf } from '../../../platform/db/database.ts';
import type { KindConfig } from './structure.kinds.ts';

export type UnitRow = {
  id: string;
  name: string;
  code: string;
  description: string;
  archived_at: Date | null;
  created_at: Date;
  updated_at: Date;
  [column: string]: unknown;
};

export type UnitListOptions = {
  q?: string | undefined;
  archived: 'false' | 'true' | 'all';
  /** column = value filters. */
  where: [column: string, value: string][];
  after?: { key: string; id: string } | undefined;
  limit: number;
};

export function structureRepository(db: Db, schema: string) {
  const table = (name: string) => sql.table(`${schema}.${name}`);
  const rows = <R>(query: RawBuilder<R>) => rowsOf(db, query);

  return {
    async list(config: KindConfig, options: UnitListOptions): Promise<UnitRow[]> {
      const conditions: RawBuilder<unknown>[] = [sql`true`];
      if (options.archived === 'false') conditions.push(sql`archived_at is null`);
      if (options.archived === 'true') conditions.push(sql`archived_at is not null`);
      if (options.q) conditions.push(sql`(name ilike ${options.q} or code ilike ${options.q})`);
      for (const [column, value] of options.where) conditions.push(sql`${sql.ref(column)} = ${value}`);
      if (options.after) conditions.push(sql`(lower(name), id) > (${options.after.key}, ${options.after.id})`);
      return rows(sql<UnitRow>`select * from ${table(config.kind)} where ${sql.join(conditions, sql` and `)}
        order by lower(name), id limit ${options.limit}`);
    },
    get: async (config: KindConfig, id: string) => (await rows(sql<UnitRow>`select * from ${table(config.kind)} where id = ${id}`))[0],
    insert: async (config: KindConfig, values: Record<string, unknown>) => {
      const columns = Object.keys(values);
      return (
        await rows(sql<UnitRow>`insert into ${table(config.kind)} (${sql.join(columns.map((c) => sql.ref(c)))})
          values (${sql.join(columns.map((c) => values[c]))}) returning *`)
      )[0] as UnitRow;
    },
    update: async (config: KindConfig, id: string, values: Record<string, unknown>) => {
      const sets = Object.entries(values).map(([c, v]) => sql`${sql.ref(c)} = ${v}`);
      sets.push(sql`updated_at = now()`);
      return (await rows(sql<UnitRow>`update ${table(config.kind)} set ${sql.join(sets)} where id = ${id} returning *`))[0];
    },
    delete: async (config: KindConfig, id: string) =>
      (await rows(sql<{ id: string }>`delete from ${table(config.kind)} where id = ${id} returning id`)).length > 0,
    /** Whether a referenced row exists, and whether it is archived. */
    find: async (tableName: string, id: string) =>
      (
        await rows(sql<{
          id: string;
          archived: boolean;
        }>`select id, ${tableName === 'terms' ? sql`false` : sql`archived_at is not null`} as archived
        from ${table(tableName)} where id = ${id}`)
      )[0],
    termYear: async (termId: string) =>
      (await rows(sql<{ academic_year_id: string }>`select academic_year_id from ${table('terms')} where id = ${termId}`))[0]
        ?.academic_year_id,
    /**
     * Rows in other tables that point at `id` of `tableName` (cascading ones aside), by table, in the
     * order the references were made; read from the catalog, so later references count too.
     */
    async holders(tableName: string, id: string): Promise<{ table: string; count: number }[]> {
      const refs = await rows(sql<{ holder: string; column_name: string }>`
        select cl.relname as holder, a.attname as column_name
        from pg_constraint c
        join pg_class cl on cl.oid = c.conrelid
        join pg_attribute a on a.attrelid = c.conrelid and a.attnum = any(c.conkey)
        where c.contype = 'f' and c.confdeltype <> 'c' and c.confrelid = ${`"${schema}".${tableName}`}::regclass
        order by c.oid, a.attnum`);
      const counts: { table: string; count: number }[] = [];
      for (const ref of refs) {
        const [row] = await rows(
          sql<{ n: number }>`select count(*)::int as n from ${table(ref.holder)} where ${sql.ref(ref.column_name)} = ${id}`,
        );
        if (row && row.n > 0) counts.push({ table: ref.holder, count: row.n });
      }
      return counts;
    },
  };
}
