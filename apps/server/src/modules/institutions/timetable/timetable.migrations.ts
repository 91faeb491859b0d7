import { sql } from 'kysely';
import type { Migration } from '../../../platform/migrations/migration.ts';

export const timetableMigrations: Migration[] = [
  {
    name: '20261123T0400_institutions_timetable',
    scope: 'tenant',
    async up(db) {
      await sql`create table timetable_periods (
        id uuid primary key,
        class_id uuid not null references classes (id),
        subject_id uuid references subjects (id),
        teacher_id uuid,
        room text,
        weekday smallint not null check (weekday between 1 and 7),
        starts_at time not null,
        ends_at time not null check (ends_at > starts_at),
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now()
      )`.execute(db);
      await sql`create index timetable_periods_day_idx on timetable_periods (weekday, starts_at)`.execute(db);
      await sql`create index timetable_periods_class_idx on timetable_periods (class_id)`.execute(db);
    },
  },
  {
    name: '20261123T0400_institutions_calendar_feeds',
    scope: 'global',
    async up(db) {
      // Global so that the public feed address (a token) finds its institution; no tenant data here.
      await sql`create table institutions.calendar_feeds (
        id uuid primary key,
        token_hash text not null unique,
        institution_id uuid not null,
        kind text not null check (kind in ('class', 'teacher', 'student')),
        subject_id uuid not null,
        created_by uuid not null,
        created_at timestamptz not null default now(),
        revoked_at timestamptz
      )`.execute(db);
      await sql`create index calendar_feeds_owner_idx on institutions.calendar_feeds (institution_id, created_by)`.execute(db);
    },
  },
];
