// The only way to tenant data: resolve the institution named in the route, check the caller's
// membership and permission, and hand the module a handle bound to that institution's schema.
import type { InstitutionRole } from '@edumatrix/contracts';
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Migration } from '../migrations/migration.ts';
import { applyInTransaction } from '../migrations/runner.ts';

export type TenantContext = {
  institutionId: string;
  schema: string;
  role: InstitutionRole;
  /** Query-builder handle whose unqualified table names resolve in the tenant schema. */
  db: Db;
  /** A transaction in which raw SQL also resolves in the tenant schema. */
  transaction<T>(fn: (trx: Db) => Promise<T>): Promise<T>;
};

/** Implemented by the institutions module, which owns the registry and memberships. */
export type TenantDirectory = {
  findMembership(institutionId: string, userId: string): Promise<{ schema: string; role: InstitutionRole } | null>;
};

export function tenantSchemaName(tenantId: string): string {
  return `tenant_${tenantId.replaceAll('-', '')}`;
}

export function bindTenant(db: Db, institutionId: string, schema: string, role: InstitutionRole): TenantContext {
  return {
    institutionId,
    schema,
    role,
    db: db.withSchema(schema),
    transaction: (fn) =>
      db.transaction().execute(async (trx) => {
        await sql`select set_config('search_path', ${`"${schema}", public`}, true)`.execute(trx);
        return fn(trx.withSchema(schema));
      }),
  };
}

/**
 * Creates the tenant schema and runs every tenant migration inside the caller's transaction, so a
 * failure anywhere leaves neither schema nor registry rows behind.
 */
export async function provisionTenantSchema(trx: Db, tenantId: string, tenantMigrations: Migration[]): Promise<string> {
  const schema = tenantSchemaName(tenantId);
  await sql`create schema ${sql.id(schema)}`.execute(trx);
  await trx.insertInto('platform.tenant_schemas').values({ schema_name: schema, tenant_id: tenantId }).execute();
  const ordered = [...tenantMigrations].sort((a, b) => a.name.localeCompare(b.name));
  await applyInTransaction(trx, schema, ordered, true);
  return schema;
}
