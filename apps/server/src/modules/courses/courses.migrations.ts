import { sql } from 'kysely';
import type { Migration } from '../../platform/migrations/migration.ts';

export const coursesMigrations: Migration[] = [
  {
    name: '20261123T1000_courses',
    scope: 'tenant',
    async up(db) {
      await sql`create table courses (
        id uuid primary key,
        title text not null,
        code text not null default '',
        summary text not null default '',
        description text not null default '',
        visibility text not null check (visibility in ('institution', 'class', 'public')),
        status text not null default 'draft' check (status in ('draft', 'published', 'archived')),
        subject_id uuid references subjects (id),
        capacity int check (capacity > 0),
        owner_id uuid not null,
        join_code text unique,
        published_at timestamptz,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now()
      )`.execute(db);
      await sql`create index courses_title_idx on courses (lower(title))`.execute(db);
      // The classes that see a course; `roster` ones also have all their students enrolled.
      await sql`create table course_classes (
        course_id uuid not null references courses (id) on delete cascade,
        class_id uuid not null references classes (id),
        roster boolean not null default false,
        primary key (course_id, class_id)
      )`.execute(db);
      await sql`create index course_classes_class_idx on course_classes (class_id)`.execute(db);
      await sql`create table course_modules (
        id uuid primary key,
        course_id uuid not null references courses (id) on delete cascade,
        title text not null,
        summary text not null default '',
        position int not null,
        created_at timestamptz not null default now()
      )`.execute(db);
      await sql`create index course_modules_course_idx on course_modules (course_id, position)`.execute(db);
      await sql`create table course_lessons (
        id uuid primary key,
        course_id uuid not null references courses (id) on delete cascade,
        module_id uuid not null references course_modules (id) on delete cascade,
        title text not null,
        kind text not null check (kind in ('text', 'video', 'file', 'link')),
        body text not null default '',
        video_url text,
        link_url text,
        minutes int,
        published boolean not null default false,
        position int not null,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now()
      )`.execute(db);
      await sql`create index course_lessons_module_idx on course_lessons (module_id, position)`.execute(db);
      // One row per reason a member is enrolled (a class roster, one by one, a join code): leaving
      // a class ends that reason only, so someone also enrolled by hand stays.
      await sql`create table course_enrolments (
        course_id uuid not null references courses (id) on delete cascade,
        user_id uuid not null,
        source text not null check (source in ('class', 'individual', 'join_code')),
        class_id uuid references classes (id) on delete cascade,
        enrolled_at timestamptz not null default now(),
        check ((source = 'class') = (class_id is not null))
      )`.execute(db);
      await sql`create unique index course_enrolments_key on course_enrolments
        (course_id, user_id, source, coalesce(class_id, '00000000-0000-0000-0000-000000000000'::uuid))`.execute(db);
      await sql`create index course_enrolments_user_idx on course_enrolments (user_id)`.execute(db);
      // Per learner and lesson: time spent, when it was last opened, and when it was done.
      await sql`create table course_progress (
        course_id uuid not null references courses (id) on delete cascade,
        lesson_id uuid not null references course_lessons (id) on delete cascade,
        user_id uuid not null,
        seconds_spent int not null default 0,
        last_viewed_at timestamptz not null default now(),
        completed_at timestamptz,
        primary key (user_id, lesson_id)
      )`.execute(db);
      await sql`create index course_progress_course_idx on course_progress (course_id, user_id)`.execute(db);
      // Learning paths: prerequisites between courses, and between modules of one course (acyclic,
      // checked by the service when an edge is added).
      await sql`create table course_prerequisites (
        course_id uuid not null references courses (id) on delete cascade,
        requires_id uuid not null references courses (id) on delete cascade,
        primary key (course_id, requires_id),
        check (course_id <> requires_id)
      )`.execute(db);
      await sql`create table module_prerequisites (
        module_id uuid not null references course_modules (id) on delete cascade,
        requires_id uuid not null references course_modules (id) on delete cascade,
        primary key (module_id, requires_id),
        check (module_id <> requires_id)
      )`.execute(db);
      // A course counts as completed once, the first time every published lesson is done.
      await sql`create table course_completions (
        course_id uuid not null references courses (id) on delete cascade,
        user_id uuid not null,
        completed_at timestamptz not null default now(),
        primary key (course_id, user_id)
      )`.execute(db);
    },
  },
  {
    name: '20261123T1001_courses_catalogue',
    scope: 'global',
    async up(db) {
      // Public, published courses of every institution, kept by the `catalogue` consumer group:
      // browsing it reads one table instead of every tenant schema.
      await sql`create schema if not exists courses`.execute(db);
      await sql`create table courses.catalogue (
        course_id uuid primary key,
        institution_id uuid not null,
        institution_name text not null,
        title text not null,
        summary text not null,
        published_at timestamptz not null,
        updated_at timestamptz not null
      )`.execute(db);
      await sql`create index catalogue_recent_idx on courses.catalogue (published_at desc, course_id)`.execute(db);
      await sql`create index catalogue_institution_idx on courses.catalogue (institution_id)`.execute(db);
    },
  },
  {
    name: '20261123T1002_courses_gamification',
    scope: 'tenant',
    async up(db) {
      // The ledger says why every point was given; keyed by the event, so a replay gives nothing twice.
      await sql`create table game_ledger (
        event_id uuid not null,
        user_id uuid not null,
        reason text not null check (reason in ('lesson', 'course', 'streak', 'quiz')),
        points int not null,
        course_id uuid,
        created_at timestamptz not null default now(),
        primary key (event_id, user_id, reason)
      )`.execute(db);
      // Running totals the consumer keeps beside the ledger, so leaderboards read one row per learner.
      await sql`create table game_totals (
        user_id uuid primary key,
        points int not null default 0,
        lessons int not null default 0,
        courses int not null default 0,
        streak_days int not null default 0,
        longest_streak int not null default 0,
        last_active_on date
      )`.execute(db);
      await sql`create index game_totals_points_idx on game_totals (points desc)`.execute(db);
      await sql`create table game_course_points (
        course_id uuid not null references courses (id) on delete cascade,
        user_id uuid not null,
        points int not null default 0,
        primary key (course_id, user_id)
      )`.execute(db);
      await sql`create table game_badges (
        user_id uuid not null,
        badge text not null,
        awarded_at timestamptz not null default now(),
        primary key (user_id, badge)
      )`.execute(db);
    },
  },
  {
    name: '20261123T1003_courses_platform_leaderboard',
    scope: 'global',
    async up(db) {
      await sql`create table courses.platform_points (user_id uuid primary key, points int not null default 0)`.execute(db);
      await sql`create index platform_points_idx on courses.platform_points (points desc)`.execute(db);
      // One choice per person for every leaderboard of every institution.
      await sql`create table courses.leaderboard_hidden (user_id uuid primary key)`.execute(db);
    },
  },
  {
    name: '20261123T1004_courses_question_bank',
    scope: 'tenant',
    async up(db) {
      // A course's question bank: the question as the quiz engine's contract has it, with its type,
      // tags and difficulty beside it for drawing from tagged pools.
      await sql`create table course_questions (
        id uuid primary key,
        course_id uuid not null references courses (id) on delete cascade,
        type text not null,
        tags text[] not null default '{}',
        difficulty smallint not null check (difficulty between 1 and 5),
        data jsonb not null,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now()
      )`.execute(db);
      await sql`create index course_questions_course_idx on course_questions (course_id, created_at)`.execute(db);
      await sql`create index course_questions_tags_idx on course_questions using gin (tags)`.execute(db);
    },
  },
  {
    name: '20261123T1005_courses_quizzes',
    scope: 'tenant',
    async up(db) {
      await sql`create table quizzes (
        id uuid primary key,
        course_id uuid not null references courses (id) on delete cascade,
        title text not null,
        description text not null default '',
        question_ids uuid[] not null default '{}',
        pools jsonb not null default '[]',
        shuffle_options boolean not null default true,
        time_limit_minutes int,
        max_attempts int,
        scoring text not null check (scoring in ('best', 'last', 'average')),
        feedback text not null check (feedback in ('after_each', 'after_submit', 'never')),
        published boolean not null default false,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now()
      )`.execute(db);
      await sql`create index quizzes_course_idx on quizzes (course_id)`.execute(db);
      // An attempt fixes its questions and seed when it starts, so a reload shows the same quiz, and
      // its deadline, so the server alone decides when answers stop counting.
      await sql`create table quiz_attempts (
        id uuid primary key,
        quiz_id uuid not null references quizzes (id) on delete cascade,
        user_id uuid not null,
        number int not null,
        seed text not null,
        question_ids text[] not null,
        started_at timestamptz not null default now(),
        deadline_at timestamptz,
        submitted_at timestamptz,
        answers jsonb not null default '{}',
        results jsonb,
        score numeric(10, 2),
        max_score numeric(10, 2) not null,
        needs_review boolean not null default false,
        unique (quiz_id, user_id, number)
      )`.execute(db);
    },
  },
  {
    name: '20261123T1006_courses_quiz_points',
    scope: 'tenant',
    async up(db) {
      // Quiz points follow the best score per quiz, so the ledger says which quiz gave them.
      await sql`alter table game_ledger add column quiz_id uuid`.execute(db);
      await sql`create index game_ledger_quiz_idx on game_ledger (user_id, quiz_id) where quiz_id is not null`.execute(db);
    },
  },
  {
    name: '20261123T1007_courses_adaptive_quizzes',
    scope: 'tenant',
    async up(db) {
      await sql`alter table quizzes add column adaptive_count int check (adaptive_count > 0)`.execute(db);
    },
  },
  {
    name: '20261123T1008_courses_lesson_files',
    scope: 'tenant',
    async up(db) {
      // A file lesson's upload: the bytes are in the storage port under `file_key`.
      await sql`alter table course_lessons add column file_key text, add column file_name text, add column file_type text,
        add column file_size int`.execute(db);
    },
  },
  {
    name: '20261123T1009_courses_gradebook',
    scope: 'tenant',
    async up(db) {
      await sql`create table course_grade_categories (
        id uuid primary key,
        course_id uuid not null references courses (id) on delete cascade,
        name text not null,
        weight numeric(9, 3) not null check (weight >= 0),
        position int not null
      )`.execute(db);
      await sql`alter table quizzes add column category_id uuid references course_grade_categories (id) on delete set null`.execute(db);
      // A teacher's override of a computed grade, always with the reason.
      await sql`create table course_grade_overrides (
        course_id uuid not null references courses (id) on delete cascade,
        user_id uuid not null,
        item text not null,
        percent numeric(5, 2) not null check (percent between 0 and 100),
        reason text not null,
        set_by uuid not null,
        set_at timestamptz not null default now(),
        primary key (course_id, user_id, item)
      )`.execute(db);
    },
  },
  {
    name: '20261123T1010_courses_assignments',
    scope: 'tenant',
    async up(db) {
      // `due_at` is the instant; `due_date`/`due_time` the wall clock the teacher chose, kept so a
      // later change of the institution's zone can be shown honestly.
      await sql`create table assignments (
        id uuid primary key,
        course_id uuid not null references courses (id) on delete cascade,
        title text not null,
        instructions text not null default '',
        due_date date,
        due_time text,
        due_at timestamptz,
        late_policy text not null check (late_policy in ('refuse', 'accept', 'penalise')),
        late_penalty_percent numeric(5, 2) not null check (late_penalty_percent between 0 and 100),
        allow_text boolean not null,
        allow_files boolean not null,
        max_points numeric(9, 2) not null check (max_points > 0),
        rubric jsonb not null default '[]',
        peer_reviews int not null default 0 check (peer_reviews between 0 and 5),
        peer_reviews_assigned_at timestamptz,
        published boolean not null default false,
        category_id uuid references course_grade_categories (id) on delete set null,
        released_at timestamptz,
        created_by uuid not null,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now()
      )`.execute(db);
      await sql`create index assignments_course_idx on assignments (course_id, created_at)`.execute(db);
      // Every version is kept; the latest is the submission.
      await sql`create table assignment_submissions (
        assignment_id uuid not null references assignments (id) on delete cascade,
        user_id uuid not null,
        version int not null,
        text text not null default '',
        file_key text,
        file_name text,
        file_type text,
        file_size int,
        late_days int not null default 0,
        submitted_at timestamptz not null default now(),
        primary key (assignment_id, user_id, version)
      )`.execute(db);
      await sql`create table assignment_grades (
        assignment_id uuid not null references assignments (id) on delete cascade,
        user_id uuid not null,
        version int not null,
        rubric jsonb not null default '{}',
        points numeric(9, 2) not null,
        penalty_percent numeric(5, 2) not null,
        percent numeric(5, 2) not null,
        feedback text not null default '',
        annotations jsonb not null default '[]',
        graded_by uuid not null,
        graded_at timestamptz not null default now(),
        primary key (assignment_id, user_id)
      )`.execute(db);
      await sql`create table assignment_peer_reviews (
        id uuid primary key,
        assignment_id uuid not null references assignments (id) on delete cascade,
        reviewer_id uuid not null,
        author_id uuid not null,
        position int not null,
        comment text,
        rubric jsonb not null default '{}',
        submitted_at timestamptz,
        unique (assignment_id, reviewer_id, author_id)
      )`.execute(db);
      // The latest release of a course's grades to the Hub.
      await sql`create table course_grade_releases (
        course_id uuid primary key references courses (id) on delete cascade,
        term_id uuid not null,
        weight numeric(9, 3) not null,
        learners int not null,
        released_by uuid not null,
        released_at timestamptz not null default now()
      )`.execute(db);
    },
  },
  {
    name: '20261123T1012_courses_assignment_reminders',
    scope: 'global',
    async up(db) {
      // One pending "due soon" reminder per assignment, across every institution.
      await sql`create table courses.assignment_reminders (
        assignment_id uuid primary key,
        institution_id uuid not null,
        remind_at timestamptz not null
      )`.execute(db);
      await sql`create index assignment_reminders_due_idx on courses.assignment_reminders (remind_at)`.execute(db);
    },
  },
];
