import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Migration } from '../migrations/migration.ts';

export const settingsMigrations: Migration[] = [
  {
    name: '20261122T2000_platform_create_settings',
    scope: 'global',
    async up(db) {
      await sql`create table platform.settings (key text primary key, value text not null,
        created_at timestamptz not null default now())`.execute(db);
    },
  },
];

/**
 * The configured JWT_SECRET, or else one generated once and kept in the database, so that an
 * embedded install needs no setup, survives restarts, and every process of a cluster agrees.
 */
export async function resolveSigningSecret(db: Db, configured: string | undefined): Promise<string> {
  if (configured) return configured;
  const candidate = randomBytes(48).toString('base64url');
  await sql`insert into platform.settings (key, value) values ('jwt_secret', ${candidate})
    on conflict (key) do nothing`.execute(db);
  const { rows } = await sql<{ value: string }>`select value from platform.settings where key = 'jwt_secret'`.execute(db);
  const value = rows[0]?.value;
  if (!value) throw new Error('jwt_secret could not be stored');
  return value;
}
