import { sql } from 'kysely';
import type { Migration } from '../../../platform/migrations/migration.ts';

// Aggregates written only by the `dashboards` consumer group. No foreign keys: an event may arrive
// after what it names was deleted, and an aggregate must not refuse it. Each table is keyed so that
// applying an event again (a replay, or the same change published twice) replaces rather than adds.
export const dashboardsMigrations: Migration[] = [
  {
    name: '20261123T0910_institutions_dashboards',
    scope: 'tenant',
    async up(db) {
      // Recounted for the class an enrolment event names (active students only).
      await sql`create table dashboard_class_enrolment (
        class_id uuid primary key,
        students int not null,
        updated_at timestamptz not null default now()
      )`.execute(db);
      // Each register's latest totals; a correction replaces them and moves the day's totals by the difference.
      await sql`create table dashboard_attendance_sessions (
        session_id uuid primary key,
        class_id uuid not null,
        date date not null,
        present int not null,
        absent int not null,
        late int not null,
        excused int not null,
        as_of timestamptz not null
      )`.execute(db);
      await sql`create table dashboard_attendance_daily (
        date date primary key,
        present int not null default 0,
        absent int not null default 0,
        late int not null default 0,
        excused int not null default 0
      )`.execute(db);
      // The current term grade of each student in each subject and term.
      await sql`create table dashboard_term_grades (
        student_id uuid not null,
        subject_id uuid not null,
        term_id uuid not null,
        percent numeric(5, 1),
        as_of timestamptz not null,
        primary key (student_id, subject_id, term_id)
      )`.execute(db);
      // How many term grades fall on each tenth of a percent: any grading scale's bands are sums of
      // these, so changing the scale needs no recount.
      await sql`create table dashboard_grade_buckets (
        term_id uuid not null,
        bucket smallint not null check (bucket between 0 and 1000),
        grades int not null,
        primary key (term_id, bucket)
      )`.execute(db);
      // Each student's latest mark per assessment (null points: cleared): recent grades, and how far
      // each assessment's marking has got.
      await sql`create table dashboard_marks (
        assessment_id uuid not null,
        student_id uuid not null,
        points numeric(9, 2),
        excused boolean not null default false,
        max_points numeric(9, 2) not null,
        term_percent numeric(5, 1),
        term_band text,
        as_of timestamptz not null,
        primary key (assessment_id, student_id)
      )`.execute(db);
      await sql`create index dashboard_marks_student_idx on dashboard_marks (student_id, as_of desc)`.execute(db);
      await sql`create table dashboard_assessments (
        assessment_id uuid primary key,
        class_id uuid not null,
        subject_id uuid not null,
        term_id uuid not null,
        title text not null,
        due_on date,
        marked int not null default 0,
        -- A tombstone: marks of a deleted assessment may still arrive (keyed by student, not ordered with it).
        deleted boolean not null default false
      )`.execute(db);
      await sql`create index dashboard_assessments_class_idx on dashboard_assessments (class_id)`.execute(db);
      // Members active on a day (the institution's local day), and each member's latest such day.
      await sql`create table dashboard_active_days (
        date date not null,
        user_id uuid not null,
        primary key (date, user_id)
      )`.execute(db);
      await sql`create table dashboard_active_daily (date date primary key, users int not null)`.execute(db);
      await sql`create table dashboard_member_activity (
        user_id uuid primary key,
        last_active_on date not null
      )`.execute(db);
      await sql`create index dashboard_member_activity_day_idx on dashboard_member_activity (last_active_on)`.execute(db);
    },
  },
];
