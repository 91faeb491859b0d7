import { sql } from 'kysely';
import type { Migration } from '../../../platform/migrations/migration.ts';

export const institutionsMigrations: Migration[] = [
  {
    name: '20261122T2120_institutions_create_registry',
    scope: 'global',
    async up(db) {
      await sql`create schema institutions`.execute(db);
      // The registry: which schema (and, later, which database server) holds each tenant.
      await sql`create table institutions.institutions (
        id uuid primary key,
        name text not null,
        slug text not null unique,
        type text not null,
        country char(2) not null,
        timezone text not null,
        schema_name text not null unique,
        db_server text not null default 'primary',
        created_by uuid not null,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now()
      )`.execute(db);
      await sql`create table institutions.members (
        institution_id uuid not null references institutions.institutions(id) on delete cascade,
        user_id uuid not null,
        role text not null check (role in ('owner', 'admin', 'teacher', 'student', 'staff', 'parent')),
        joined_at timestamptz not null default now(),
        primary key (institution_id, user_id)
      )`.execute(db);
      await sql`create index members_user_idx on institutions.members (user_id)`.execute(db);
      await sql`create table institutions.invitations (
        id uuid primary key,
        institution_id uuid not null references institutions.institutions(id) on delete cascade,
        email text not null,
        role text not null,
        token_hash text not null unique,
        invited_by uuid not null,
        created_at timestamptz not null default now(),
        expires_at timestamptz not null,
        accepted_at timestamptz,
        accepted_by uuid,
        revoked_at timestamptz
      )`.execute(db);
      await sql`create index invitations_institution_idx on institutions.invitations (institution_id, created_at desc)`.execute(db);
    },
  },
  {
    name: '20261122T2121_institutions_tenant_profile',
    scope: 'tenant',
    async up(db) {
      // Lives in the tenant schema: the institution's own descriptive data.
      await sql`create table profile (
        id smallint primary key default 1 check (id = 1),
        description text,
        website text,
        contact_email text,
        phone text,
        address text,
        updated_at timestamptz not null default now()
      )`.execute(db);
      await sql`insert into profile (id) values (1)`.execute(db);
    },
  },
];
