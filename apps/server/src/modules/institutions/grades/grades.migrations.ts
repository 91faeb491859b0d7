import { sql } from 'kysely';
import type { Migration } from '../../../platform/migrations/migration.ts';

export const gradesMigrations: Migration[] = [
  {
    name: '20261123T0800_institutions_grades',
    scope: 'tenant',
    async up(db) {
      await sql`create table assessments (
        id uuid primary key,
        class_id uuid not null references classes (id),
        subject_id uuid not null references subjects (id),
        term_id uuid not null references terms (id),
        title text not null,
        kind text not null check (kind in ('exam', 'test', 'quiz', 'homework', 'project', 'other')),
        max_points numeric(9, 2) not null check (max_points > 0),
        weight numeric(9, 3) not null check (weight > 0),
        due_on date,
        created_by uuid not null,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now()
      )`.execute(db);
      await sql`create index assessments_gradebook_idx on assessments (class_id, subject_id, term_id)`.execute(db);
      // A row per entered result; no row means "not marked yet". Excused results count neither way.
      await sql`create table marks (
        assessment_id uuid not null references assessments (id) on delete cascade,
        student_id uuid not null references students (id) on delete cascade,
        points numeric(9, 2) check (points >= 0),
        excused boolean not null default false,
        comment text not null default '',
        updated_by uuid not null,
        updated_at timestamptz not null default now(),
        primary key (assessment_id, student_id),
        check (points is not null or excused)
      )`.execute(db);
      await sql`create index marks_student_idx on marks (student_id)`.execute(db);
    },
  },
  {
    name: '20261123T1011_grades_course_source',
    scope: 'tenant',
    async up(db) {
      // Where an assessment came from when not made by hand: `course:<id>` for a course's released grades.
      await sql`alter table assessments add column source text`.execute(db);
      await sql`create unique index assessments_source_key on assessments (source, class_id, term_id) where source is not null`.execute(db);
    },
  },
];
