import { sql } from 'kysely';
import type { Migration } from '../../../platform/migrations/migration.ts';

export const announcementsMigrations: Migration[] = [
  {
    name: '20261123T0600_institutions_announcements',
    scope: 'tenant',
    async up(db) {
      await sql`create table announcements (
        id uuid primary key,
        title text not null,
        body text not null default '',
        audience_kind text not null check (audience_kind in ('institution', 'department', 'class')),
        audience_id uuid,
        publish_at timestamptz not null,
        published_at timestamptz,
        recipients int,
        created_by uuid not null,
        created_at timestamptz not null default now()
      )`.execute(db);
      await sql`create index announcements_published_idx on announcements (published_at desc) where published_at is not null`.execute(db);
      // Who received what: a member lists the announcements that reached them.
      await sql`create table announcement_recipients (
        announcement_id uuid not null references announcements (id) on delete cascade,
        user_id uuid not null,
        primary key (user_id, announcement_id)
      )`.execute(db);
    },
  },
  {
    name: '20261123T0600_institutions_announcement_queue',
    scope: 'global',
    async up(db) {
      await sql`create table institutions.announcement_queue (
        announcement_id uuid primary key,
        institution_id uuid not null,
        publish_at timestamptz not null
      )`.execute(db);
      await sql`create index announcement_queue_due_idx on institutions.announcement_queue (publish_at)`.execute(db);
    },
  },
];
