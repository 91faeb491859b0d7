import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { allMigrations } from '../../modules/all-migrations.ts';
import { dbLabel, emptyDatabase, onPostgres } from '../../testing/test-platform.ts';
import type { Database } from '../db/database.ts';
import { provisionTenantSchema } from '../tenancy/tenancy.ts';
import type { Migration } from './migration.ts';
import { migrate, migrationStatus } from './runner.ts';

const later: Migration = {
  name: '29990101T0000_test_add_notes',
  scope: 'tenant',
  async up(db) {
    await sql`create table notes (id int primary key, body text)`.execute(db);
  },
};

async function count(db: Database['db'], query: ReturnType<typeof sql<{ n: number }>>) {
  return (await query.execute(db)).rows[0]?.n;
}

describe(`migration runner on ${dbLabel()}`, () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0)) await c();
  });

  async function fresh() {
    const empty = await emptyDatabase();
    const database = await empty.open();
    cleanups.push(async () => {
      await database.close();
      await empty.drop();
    });
    return { database, empty };
  }

  it('lists pending migrations, applies nothing on a dry run, then applies everything once', async () => {
    const { database } = await fresh();
    const before = await migrationStatus(database.db, allMigrations);
    expect(before).toEqual([
      {
        schema: 'global',
        applied: [],
        pending: allMigrations
          .filter((m) => m.scope === 'global')
          .map((m) => m.name)
          .sort(),
      },
    ]);

    const dry = await migrate(database.db, allMigrations, { dryRun: true });
    expect(dry[0]?.pending.length).toBe(before[0]?.pending.length);
    expect(
      await count(
        database.db,
        sql<{ n: number }>`select count(*)::int as n from information_schema.schemata where schema_name = 'identity'`,
      ),
    ).toBe(0);

    await migrate(database.db, allMigrations);
    const after = await migrationStatus(database.db, allMigrations);
    expect(after[0]?.pending).toEqual([]);
    expect((await migrate(database.db, allMigrations))[0]?.pending).toEqual([]);
  });

  it('concurrent runners migrate once (advisory lock)', async () => {
    const { database, empty } = await fresh();
    // On PostgreSQL these are separate connection pools, as separate processes would have.
    const second = onPostgres() ? await empty.open() : database;
    if (second !== database) cleanups.unshift(() => second.close());
    const results = await Promise.all([migrate(database.db, allMigrations), migrate(second.db, allMigrations)]);
    const applied = results.map((r) => r[0]?.pending.length ?? 0);
    expect(applied.sort()).toEqual([0, allMigrations.filter((m) => m.scope === 'global').length]);
    expect(await count(database.db, sql<{ n: number }>`select count(*)::int as n from platform.schema_migrations`)).toBe(
      allMigrations.filter((m) => m.scope === 'global').length,
    );
  });

  it('applies a new tenant migration to every existing tenant schema, and reports status per schema', async () => {
    const { database } = await fresh();
    await migrate(database.db, allMigrations);
    const tenants = allMigrations.filter((m) => m.scope === 'tenant');
    const ids = ['01a20000-0000-7000-8000-00000000000a', '01a20000-0000-7000-8000-00000000000b'];
    for (const id of ids) await database.db.transaction().execute((trx) => provisionTenantSchema(trx, id, tenants));

    const status = await migrationStatus(database.db, [...allMigrations, later]);
    expect(status.filter((s) => s.schema.startsWith('tenant_')).map((s) => s.pending)).toEqual([[later.name], [later.name]]);

    await migrate(database.db, [...allMigrations, later]);
    for (const id of ids) {
      const schema = `tenant_${id.replaceAll('-', '')}`;
      expect(
        await count(
          database.db,
          sql<{
            n: number;
          }>`select count(*)::int as n from information_schema.tables where table_schema = ${schema} and table_name = 'notes'`,
        ),
      ).toBe(1);
    }
    expect((await migrationStatus(database.db, [...allMigrations, later])).every((s) => s.pending.length === 0)).toBe(true);
  });
});
