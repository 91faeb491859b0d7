// One Kysely handle over either embedded PGlite (default) or a PostgreSQL pool (DATABASE_URL).
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PGliteDialect, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { pgliteExtensions } from './pglite-extensions.ts';

// biome-ignore lint/suspicious/noExplicitAny: type-level glue; each repository narrows it to its own tables.
export type Db = Kysely<any>;

/** PostgreSQL's unique_violation: a concurrent writer took the same unique value first. */
export const isUniqueViolation = (err: unknown) => (err as { code?: string } | null)?.code === '23505';
export const isForeignKeyViolation = (err: unknown) => (err as { code?: string } | null)?.code === '23503';

/** The rows of a raw `sql` query run on `db` (repositories written in SQL use this). */
export const rowsOf = async <R>(db: Db, query: { execute(db: Db): Promise<{ rows: R[] }> }): Promise<R[]> => (await query.execute(db)).rows;

export type PoolStats = { total: number; idle: number; waiting: number };

export type Database = {
  db: Db;
  kind: 'pglite' | 'postgres';
  ping(): Promise<void>;
  poolStats(): PoolStats;
  close(): Promise<void>;
};

export type DatabaseOptions = {
  url?: string | undefined;
  dataDir?: string;
  poolMax?: number;
  /** An already opened PGlite (tests clone a migrated template). */
  pglite?: PGlite;
};

// count(*) and other int8 values come back as strings by default; ours fit in a double.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.url) return openPostgres(options.url, options.poolMax ?? 10);
  let pglite = options.pglite;
  if (!pglite) {
    const dir = options.dataDir ?? './data';
    mkdirSync(dir, { recursive: true });
    pglite = await PGlite.create(`${dir}/pgdata`, { extensions: pgliteExtensions });
  }
  return openPglite(pglite);
}

function openPglite(pglite: PGlite): Database {
  const db: Db = new Kysely({ dialect: new PGliteDialect({ pglite }) });
  return {
    db,
    kind: 'pglite',
    ping: async () => {
      await sql`select 1`.execute(db);
    },
    poolStats: () => ({ total: 1, idle: 1, waiting: 0 }),
    close: async () => {
      await db.destroy();
    },
  };
}

function openPostgres(url: string, max: number): Database {
  const pool = new pg.Pool({ connectionString: url, max, idleTimeoutMillis: 30_000 });
  // An idle client losing its server must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  const db: Db = new Kysely({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    kind: 'postgres',
    ping: async () => {
      await sql`select 1`.execute(db);
    },
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    close: async () => {
      await db.destroy();
    },
  };
}
