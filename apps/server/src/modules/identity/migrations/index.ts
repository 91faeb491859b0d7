import { sql } from 'kysely';
import type { Migration } from '../../../platform/migrations/migration.ts';

export const identityMigrations: Migration[] = [
  {
    name: '20261122T2110_identity_create_users_sessions',
    scope: 'global',
    async up(db) {
      await sql`create schema identity`.execute(db);
      await sql`create table identity.users (
        id uuid primary key,
        email text not null unique,
        password_hash text not null,
        display_name text not null,
        email_verified_at timestamptz,
        platform_roles text[] not null default '{}',
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now()
      )`.execute(db);
      await sql`create table identity.sessions (
        id uuid primary key,
        user_id uuid not null references identity.users(id) on delete cascade,
        created_at timestamptz not null default now(),
        last_used_at timestamptz not null default now(),
        expires_at timestamptz not null,
        user_agent text,
        ip text,
        revoked_at timestamptz,
        revoked_reason text
      )`.execute(db);
      await sql`create index sessions_user_idx on identity.sessions (user_id)`.execute(db);
      // One row per refresh token ever issued; a spent one presented again reveals theft.
      await sql`create table identity.refresh_tokens (
        token_hash text primary key,
        session_id uuid not null references identity.sessions(id) on delete cascade,
        created_at timestamptz not null default now(),
        spent_at timestamptz
      )`.execute(db);
      await sql`create index refresh_tokens_session_idx on identity.refresh_tokens (session_id)`.execute(db);
      await sql`create table identity.one_time_tokens (
        token_hash text primary key,
        user_id uuid not null references identity.users(id) on delete cascade,
        purpose text not null check (purpose in ('verify_email', 'reset_password')),
        created_at timestamptz not null default now(),
        expires_at timestamptz not null,
        used_at timestamptz
      )`.execute(db);
      await sql`create index one_time_tokens_user_idx on identity.one_time_tokens (user_id, purpose)`.execute(db);
    },
  },
];
