import { sql } from 'kysely';
import type { Migration } from '../../../platform/migrations/migration.ts';
import { channelsMigration } from './20261124T1200_notifications_channels.ts';

export const notificationsMigrations: Migration[] = [
  {
    name: '20261122T2300_notifications_create_inbox',
    scope: 'global',
    async up(db) {
      await sql`create schema notifications`.execute(db);
      await sql`create table notifications.inbox (
        id uuid primary key,
        user_id uuid not null,
        kind text not null,
        title text not null,
        body text not null default '',
        link text,
        institution_id uuid,
        source_event_id uuid,
        created_at timestamptz not null default now(),
        read_at timestamptz
      )`.execute(db);
      await sql`create index inbox_user_idx on notifications.inbox (user_id, id desc)`.execute(db);
      await sql`create index inbox_unread_idx on notifications.inbox (user_id) where read_at is null`.execute(db);
    },
  },
  channelsMigration,
];
