import { sql } from 'kysely';
import type { Migration } from '../../../platform/migrations/migration.ts';

export const peopleMigrations: Migration[] = [
  {
    name: '20261123T0200_institutions_people',
    scope: 'tenant',
    async up(db) {
      // external_id: the id in the system a roster came from, so re-importing changes nothing.
      await sql`create table students (
        id uuid primary key,
        student_number text not null,
        first_name text not null,
        last_name text not null,
        date_of_birth date,
        email text,
        status text not null default 'active' check (status in ('active', 'withdrawn', 'graduated')),
        user_id uuid unique,
        external_id text unique,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now()
      )`.execute(db);
      await sql`create unique index students_number_key on students (lower(student_number))`.execute(db);
      await sql`create index students_name_idx on students (lower(last_name || ' ' || first_name), id)`.execute(db);
      await sql`create table guardians (
        student_id uuid not null references students (id) on delete cascade,
        user_id uuid not null,
        relationship text not null default 'guardian',
        primary key (student_id, user_id)
      )`.execute(db);
      await sql`create index guardians_user_idx on guardians (user_id)`.execute(db);
      await sql`create table staff (
        id uuid primary key,
        staff_number text not null,
        first_name text not null,
        last_name text not null,
        email text,
        kind text not null check (kind in ('teacher', 'staff')),
        title text not null default '',
        department_id uuid references departments (id),
        user_id uuid unique,
        external_id text unique,
        archived_at timestamptz,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now()
      )`.execute(db);
      await sql`create unique index staff_number_key on staff (lower(staff_number))`.execute(db);
      await sql`create index staff_name_idx on staff (lower(last_name || ' ' || first_name), id)`.execute(db);
      await sql`create table enrolments (
        class_id uuid not null references classes (id),
        student_id uuid not null references students (id) on delete cascade,
        enrolled_at timestamptz not null default now(),
        primary key (class_id, student_id)
      )`.execute(db);
      await sql`create index enrolments_student_idx on enrolments (student_id)`.execute(db);
    },
  },
];
