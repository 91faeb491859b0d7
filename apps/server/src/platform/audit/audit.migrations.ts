import { sql } from 'kysely';
import type { Migration } from '../migrations/migration.ts';

export const auditMigrations: Migration[] = [
  {
    name: '20261122T2100_platform_create_audit_log',
    scope: 'global',
    async up(db) {
      await sql`create table platform.audit_log (
        id uuid primary key,
        at timestamptz not null default now(),
        actor_id uuid,
        action text not null,
        target_type text not null,
        target_id text,
        institution_id uuid,
        before jsonb,
        after jsonb,
        ip text,
        request_id text
      )`.execute(db);
      await sql`create index audit_log_institution_idx on platform.audit_log (institution_id, id desc)`.execute(db);
      await sql`create index audit_log_actor_idx on platform.audit_log (actor_id, id desc)`.execute(db);
      // Append-only: the application cannot rewrite history, whatever its code does.
      await sql`create function platform.audit_log_is_append_only() returns trigger language plpgsql as $$
        begin raise exception 'audit_log is append-only'; end $$`.execute(db);
      await sql`create trigger audit_log_no_update_delete before update or delete on platform.audit_log
        for each row execute function platform.audit_log_is_append_only()`.execute(db);
      await sql`create trigger audit_log_no_truncate before truncate on platform.audit_log
        for each statement execute function platform.audit_log_is_append_only()`.execute(db);
    },
  },
];
