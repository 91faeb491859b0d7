// Applies pending migrations to the global schemas and then to every tenant schema. Each schema is
// migrated in its own transaction under one advisory lock, so concurrent runners migrate once.
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Migration } from './migration.ts';

const MIGRATION_LOCK = 72_430_001;
export const GLOBAL_SCOPE = 'global';

export type SchemaStatus = { schema: string; applied: string[]; pending: string[] };
export type MigrateOptions = { dryRun?: boolean; onProgress?: (schema: string, migration: string) => void };

export function sortMigrations(migrations: Migration[]): { global: Migration[]; tenant: Migration[] } {
  const names = new Set<string>();
  for (const m of migrations) {
    if (names.has(m.name)) throw new Error(`Duplicate migration name ${m.name}`);
    names.add(m.name);
  }
  const sorted = [...migrations].sort((a, b) => a.name.localeCompare(b.name));
  return { global: sorted.filter((m) => m.scope === 'global'), tenant: sorted.filter((m) => m.scope === 'tenant') };
}

async function ensureBookkeeping(db: Db): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${MIGRATION_LOCK})`.execute(trx);
    await sql`create schema if not exists platform`.execute(trx);
    await sql`create table if not exists platform.schema_migrations (
      schema_name text not null,
      name text not null,
      applied_at timestamptz not null default now(),
      primary key (schema_name, name))`.execute(trx);
    await sql`create table if not exists platform.tenant_schemas (
      schema_name text primary key,
      tenant_id uuid not null unique,
      server text not null default 'primary',
      created_at timestamptz not null default now())`.execute(trx);
  });
}

async function appliedIn(db: Db, schema: string): Promise<Set<string>> {
  const rows = await db.selectFrom('platform.schema_migrations').select('name').where('schema_name', '=', schema).execute();
  return new Set(rows.map((r) => r.name as string));
}

export async function listTenantSchemas(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('platform.tenant_schemas').select('schema_name').orderBy('schema_name').execute();
  return rows.map((r) => r.schema_name as string);
}

/** Runs `migrations` inside `trx` for one schema; the caller owns the transaction. */
export async function applyInTransaction(trx: Db, schema: string, migrations: Migration[], tenant: boolean): Promise<void> {
  if (tenant) await sql`select set_config('search_path', ${`"${schema}", public`}, true)`.execute(trx);
  for (const m of migrations) {
    await m.up(trx);
    await trx.insertInto('platform.schema_migrations').values({ schema_name: schema, name: m.name }).execute();
  }
  if (tenant) await sql`select set_config('search_path', '"$user", public', true)`.execute(trx);
}

async function migrateSchema(db: Db, schema: string, all: Migration[], tenant: boolean, options: MigrateOptions) {
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${MIGRATION_LOCK})`.execute(trx);
    const done = await appliedIn(trx, schema);
    const pending = all.filter((m) => !done.has(m.name));
    if (options.dryRun || pending.length === 0) return pending.map((m) => m.name);
    for (const m of pending) options.onProgress?.(schema, m.name);
    await applyInTransaction(trx, schema, pending, tenant);
    return pending.map((m) => m.name);
  });
}

/** Applies (or with dryRun, lists) what is pending everywhere. Returns what was pending per schema. */
export async function migrate(db: Db, migrations: Migration[], options: MigrateOptions = {}): Promise<SchemaStatus[]> {
  const { global, tenant } = sortMigrations(migrations);
  await ensureBookkeeping(db);
  const result: SchemaStatus[] = [];
  const globalPending = await migrateSchema(db, GLOBAL_SCOPE, global, false, options);
  result.push({ schema: GLOBAL_SCOPE, applied: [], pending: globalPending });
  for (const schema of await listTenantSchemas(db)) {
    const pending = await migrateSchema(db, schema, tenant, true, options);
    result.push({ schema, applied: [], pending });
  }
  return result;
}

export async function migrationStatus(db: Db, migrations: Migration[]): Promise<SchemaStatus[]> {
  const { global, tenant } = sortMigrations(migrations);
  await ensureBookkeeping(db);
  const status = async (schema: string, list: Migration[]): Promise<SchemaStatus> => {
    const done = await appliedIn(db, schema);
    return {
      schema,
      applied: list.filter((m) => done.has(m.name)).map((m) => m.name),
      pending: list.filter((m) => !done.has(m.name)).map((m) => m.name),
    };
  };
  const result = [await status(GLOBAL_SCOPE, global)];
  for (const schema of await listTenantSchemas(db)) result.push(await status(schema, tenant));
  return result;
}
