import { sql } from 'kysely';
import type { Migration } from '../../../platform/migrations/migration.ts';

export const attendanceMigrations: Migration[] = [
  {
    name: '20261123T0500_institutions_attendance',
    scope: 'tenant',
    async up(db) {
      await sql`create table attendance_sessions (
        id uuid primary key,
        class_id uuid not null references classes (id),
        period_id uuid references timetable_periods (id) on delete set null,
        date date not null,
        taken_by uuid not null,
        taken_at timestamptz not null default now(),
        updated_at timestamptz not null default now()
      )`.execute(db);
      // One register per class, date and period (or per day when there is no period).
      await sql`create unique index attendance_sessions_key on attendance_sessions
        (class_id, date, coalesce(period_id, '00000000-0000-0000-0000-000000000000'::uuid))`.execute(db);
      await sql`create table attendance_marks (
        session_id uuid not null references attendance_sessions (id) on delete cascade,
        student_id uuid not null references students (id) on delete cascade,
        status text not null check (status in ('present', 'absent', 'late', 'excused')),
        note text not null default '',
        primary key (session_id, student_id)
      )`.execute(db);
      await sql`create index attendance_marks_student_idx on attendance_marks (student_id)`.execute(db);
      await sql`create table attendance_settings (
        id smallint primary key default 1 check (id = 1),
        alert_below numeric(4, 3) not null default 0.8
      )`.execute(db);
      await sql`insert into attendance_settings (id) values (1)`.execute(db);
      // Who is currently below the threshold, so an alert is raised when a student falls, not every day after.
      await sql`create table attendance_alerts (
        student_id uuid primary key references students (id) on delete cascade,
        below boolean not null,
        changed_at timestamptz not null default now()
      )`.execute(db);
    },
  },
];
