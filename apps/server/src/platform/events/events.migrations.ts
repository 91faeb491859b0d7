import { sql } from 'kysely';
import type { Migration } from '../migrations/migration.ts';

export const eventsMigrations: Migration[] = [
  {
    name: '20261122T2200_events_create_log',
    scope: 'global',
    async up(db) {
      await sql`create schema events`.execute(db);
      // The outbox and, on the PostgreSQL bus, the event log itself. `xid` is the writing
      // transaction: the relay only takes rows whose transaction has ended, in (xid, seq) order,
      // and gives them a gap-free `position`, so readers never skip a late committer.
      await sql`create table events.outbox (
        seq bigint generated always as identity primary key,
        xid xid8 not null default pg_current_xact_id(),
        id uuid not null unique,
        type text not null,
        version int not null,
        occurred_at timestamptz not null,
        tenant_id uuid,
        actor_id uuid,
        key text not null,
        priority text not null check (priority in ('p0', 'p1', 'p2', 'p3')),
        payload jsonb not null,
        position bigint unique,
        published_at timestamptz
      )`.execute(db);
      await sql`create index outbox_unpublished_idx on events.outbox (xid, seq) where position is null`.execute(db);
      await sql`create index outbox_lane_idx on events.outbox (priority, position) where position is not null`.execute(db);
      // One row per consumer group and lane: how far it has read, and who holds it (lease).
      await sql`create table events.consumer_positions (
        group_name text not null,
        lane text not null,
        position bigint not null default 0,
        leased_by text,
        lease_until timestamptz,
        primary key (group_name, lane)
      )`.execute(db);
      // Written in the consumer's own transaction: an event takes effect once per group.
      await sql`create table events.processed (
        group_name text not null,
        event_id uuid not null,
        processed_at timestamptz not null default now(),
        primary key (group_name, event_id)
      )`.execute(db);
      await sql`create table events.dead_letters (
        id uuid primary key,
        group_name text not null,
        event_id uuid not null,
        event jsonb not null,
        error text not null,
        attempts jsonb not null,
        status text not null default 'pending' check (status in ('pending', 'retried', 'discarded')),
        created_at timestamptz not null default now(),
        resolved_at timestamptz
      )`.execute(db);
      await sql`create index dead_letters_status_idx on events.dead_letters (status, id desc)`.execute(db);
    },
  },
];
