import { sql } from 'kysely';
import type { Migration } from '../../../platform/migrations/migration.ts';

export const webhooksMigrations: Migration[] = [
  {
    name: '20261123T0000_webhooks_tenant_endpoints',
    scope: 'tenant',
    async up(db) {
      // Endpoints and their delivery log are the institution's data: they live in its schema.
      await sql`create table webhook_endpoints (
        id uuid primary key,
        url text not null,
        description text not null default '',
        event_types text[] not null,
        secret text not null,
        enabled boolean not null default true,
        disabled_reason text,
        consecutive_failures int not null default 0,
        created_by uuid,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now()
      )`.execute(db);
      await sql`create table webhook_deliveries (
        id uuid primary key,
        endpoint_id uuid not null references webhook_endpoints (id) on delete cascade,
        event_id uuid not null,
        event_type text not null,
        body text not null,
        status text not null default 'pending' check (status in ('pending', 'succeeded', 'failed')),
        attempts jsonb not null default '[]',
        next_attempt_at timestamptz,
        created_at timestamptz not null default now(),
        completed_at timestamptz,
        unique (endpoint_id, event_id)
      )`.execute(db);
      await sql`create index webhook_deliveries_endpoint_idx on webhook_deliveries (endpoint_id, id desc)`.execute(db);
    },
  },
  {
    name: '20261123T0000_webhooks_queue',
    scope: 'global',
    async up(db) {
      // What is due, across institutions: ids and times only, no tenant data.
      await sql`create schema webhooks`.execute(db);
      await sql`create table webhooks.queue (
        delivery_id uuid primary key,
        institution_id uuid not null,
        due_at timestamptz not null,
        locked_until timestamptz
      )`.execute(db);
      await sql`create index webhooks_queue_due_idx on webhooks.queue (due_at)`.execute(db);
    },
  },
];
