// Channels on top of the inbox: grouping columns, per-person settings, push subscriptions, the
// queue of e-mails and pushes to send (now or when quiet hours end), and the digests already sent.
import { sql } from 'kysely';
import type { Migration } from '../../../platform/migrations/migration.ts';

export const channelsMigration: Migration = {
  name: '20261124T1200_notifications_channels',
  scope: 'global',
  async up(db) {
    await sql`alter table notifications.inbox
      add column group_key text,
      add column count integer not null default 1,
      add column actors jsonb not null default '[]',
      add column actor_count integer not null default 0,
      add column hidden boolean not null default false,
      add column updated_at timestamptz not null default now()`.execute(db);
    await sql`create index inbox_group_idx on notifications.inbox (user_id, group_key, created_at desc)
      where group_key is not null and read_at is null`.execute(db);

    await sql`create table notifications.settings (
      user_id uuid primary key,
      categories jsonb not null default '{}',
      quiet_start text,
      quiet_end text,
      time_zone text not null default 'UTC',
      digest text not null default 'off' check (digest in ('off', 'daily', 'weekly')),
      next_digest_at timestamptz,
      updated_at timestamptz not null default now()
    )`.execute(db);
    await sql`create index settings_digest_due_idx on notifications.settings (next_digest_at) where digest <> 'off'`.execute(db);

    await sql`create table notifications.push_subscriptions (
      id uuid primary key,
      user_id uuid not null,
      endpoint text not null unique,
      p256dh text not null,
      auth text not null,
      created_at timestamptz not null default now()
    )`.execute(db);
    await sql`create index push_subscriptions_user_idx on notifications.push_subscriptions (user_id)`.execute(db);

    await sql`create table notifications.deliveries (
      id uuid primary key,
      user_id uuid not null,
      channel text not null check (channel in ('email', 'push', 'digest')),
      inbox_id uuid,
      payload jsonb not null default '{}',
      due_at timestamptz not null,
      status text not null default 'pending' check (status in ('pending', 'sent', 'skipped', 'failed')),
      attempts integer not null default 0,
      last_error text,
      locked_until timestamptz,
      created_at timestamptz not null default now(),
      completed_at timestamptz
    )`.execute(db);
    await sql`create index deliveries_due_idx on notifications.deliveries (due_at) where status = 'pending'`.execute(db);
    await sql`create index deliveries_user_idx on notifications.deliveries (user_id, created_at desc)`.execute(db);

    await sql`create table notifications.digests (
      user_id uuid not null,
      period text not null,
      delivery_id uuid not null,
      created_at timestamptz not null default now(),
      primary key (user_id, period)
    )`.execute(db);
  },
};
