import { sql } from 'kysely';
import type { Migration } from '../../../platform/migrations/migration.ts';

// Codes and names are unique ignoring case; foreign keys restrict deletes, so a delete of something
// still referenced fails and the service names what holds it.
const unitColumns = sql`
  id uuid primary key,
  name text not null,
  code text not null,
  description text not null default '',
  archived_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()`;

export const structureMigrations: Migration[] = [
  {
    name: '20261123T0100_institutions_structure',
    scope: 'tenant',
    async up(db) {
      await sql`create table academic_years (
        id uuid primary key,
        name text not null,
        starts_on date not null,
        ends_on date not null check (ends_on > starts_on),
        current boolean not null default false,
        archived_at timestamptz,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now()
      )`.execute(db);
      await sql`create unique index academic_years_name_key on academic_years (lower(name))`.execute(db);
      await sql`create unique index academic_years_current_key on academic_years (current) where current`.execute(db);
      await sql`create table terms (
        id uuid primary key,
        academic_year_id uuid not null references academic_years (id) on delete cascade,
        name text not null,
        starts_on date not null,
        ends_on date not null check (ends_on > starts_on)
      )`.execute(db);
      await sql`create unique index terms_name_key on terms (academic_year_id, lower(name))`.execute(db);
      await sql`create table departments (${unitColumns})`.execute(db);
      await sql`create table programs (${unitColumns}, department_id uuid references departments (id))`.execute(db);
      await sql`create table subjects (${unitColumns}, department_id uuid references departments (id))`.execute(db);
      await sql`create table classes (${unitColumns},
        department_id uuid references departments (id),
        program_id uuid references programs (id),
        academic_year_id uuid references academic_years (id),
        term_id uuid references terms (id),
        homeroom_teacher_id uuid,
        room text,
        capacity int check (capacity > 0)
      )`.execute(db);
      for (const table of ['departments', 'programs', 'subjects', 'classes']) {
        await sql`create unique index ${sql.id(`${table}_code_key`)} on ${sql.table(table)} (lower(code))`.execute(db);
        await sql`create index ${sql.id(`${table}_name_idx`)} on ${sql.table(table)} (lower(name))`.execute(db);
      }
      for (const [table, column] of [
        ['programs', 'department_id'],
        ['subjects', 'department_id'],
        ['classes', 'department_id'],
        ['classes', 'program_id'],
        ['classes', 'academic_year_id'],
        ['classes', 'term_id'],
      ] as const) {
        await sql`create index ${sql.id(`${table}_${column}_idx`)} on ${sql.table(table)} (${sql.ref(column)})`.execute(db);
      }
    },
  },
];
