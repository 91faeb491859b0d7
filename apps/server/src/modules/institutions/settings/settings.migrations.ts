import { sql } from 'kysely';
import type { Migration } from '../../../platform/migrations/migration.ts';

export const settingsMigrations: Migration[] = [
  {
    name: '20261123T0700_institutions_grading_scale',
    scope: 'tenant',
    async up(db) {
      await sql`create table grading_scale (
        id smallint primary key default 1 check (id = 1),
        kind text not null check (kind in ('percentage', 'letters', 'gpa')),
        bands jsonb not null,
        updated_at timestamptz not null default now()
      )`.execute(db);
      // Every institution starts with the common A–F scale; it is theirs to change.
      await sql`insert into grading_scale (kind, bands) values ('letters', ${JSON.stringify([
        { label: 'A', min: 90, gpa: 4 },
        { label: 'B', min: 80, gpa: 3 },
        { label: 'C', min: 70, gpa: 2 },
        { label: 'D', min: 60, gpa: 1 },
        { label: 'F', min: 0, gpa: 0 },
      ])}::jsonb)`.execute(db);
    },
  },
  {
    name: '20261123T0900_institutions_branding',
    scope: 'tenant',
    async up(db) {
      // The brand sits with the rest of the profile, so one read gives the institution's read model.
      // logo_version names the stored files (a content hash): null means no logo.
      await sql`alter table profile add column brand_color text check (brand_color ~ '^#[0-9a-f]{6}$'),
        add column logo_version text`.execute(db);
    },
  },
];
