import { sql } from 'kysely';
import type { Migration } from '../../../platform/migrations/migration.ts';

export const rosterMigrations: Migration[] = [
  {
    name: '20261123T0300_institutions_roster_imports',
    scope: 'tenant',
    async up(db) {
      // Classes from a roster keep the source system's id, so a re-import finds them again.
      await sql`alter table classes add column external_id text unique`.execute(db);
      // The uploaded files stay with the import: the report points at their lines.
      await sql`create table imports (
        id uuid primary key,
        format text not null,
        mode text not null check (mode in ('dry_run', 'commit')),
        files jsonb not null,
        status text not null default 'queued' check (status in ('queued', 'running', 'succeeded', 'failed')),
        progress jsonb not null default '{"phase": "queued", "done": 0, "total": 0}',
        report jsonb,
        error text,
        created_by uuid not null,
        created_at timestamptz not null default now(),
        started_at timestamptz,
        finished_at timestamptz
      )`.execute(db);
    },
  },
  {
    name: '20261123T0300_institutions_import_queue',
    scope: 'global',
    async up(db) {
      // Which imports wait to run, across institutions: ids only.
      await sql`create table institutions.import_queue (
        import_id uuid primary key,
        institution_id uuid not null,
        queued_at timestamptz not null default now(),
        locked_until timestamptz
      )`.execute(db);
    },
  },
];
