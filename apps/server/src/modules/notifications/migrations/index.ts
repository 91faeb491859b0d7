import { sql } from 'kysely';
import type { Migration } from '../../../platform/migrations/migration.ts';
import { categoryOf } from '../categories.ts';
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
  {
    name: '20261124T1210_notifications_inbox_category',
    scope: 'global',
    async up(db) {
      // The category is stored so the inbox can be filtered by it in SQL; kinds map to it in code.
      await sql`alter table notifications.inbox add column category text not null default 'other'`.execute(db);
      const { rows } = await sql<{ kind: string }>`select distinct kind from notifications.inbox`.execute(db);
      for (const { kind } of rows)
        await sql`update notifications.inbox set category = ${categoryOf(kind)} where kind = ${kind}`.execute(db);
      await sql`create index inbox_category_idx on notifications.inbox (user_id, category, id desc)`.execute(db);
    },
  },
  {
    name: '20261123T1000_notifications_inbox_actor',
    scope: 'global',
    async up(db) {
      // The person who acted last in an entry, so the inbox can show their picture.
      await sql`alter table notifications.inbox add column actor_id uuid`.execute(db);
    },
  },
];
