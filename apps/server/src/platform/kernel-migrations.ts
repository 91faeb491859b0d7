import { auditMigrations } from './audit/audit.migrations.ts';
import { settingsMigrations } from './auth/signing-secret.ts';
import { eventsMigrations } from './events/events.migrations.ts';
import type { Migration } from './migrations/migration.ts';

/** Migrations of the kernel itself (schema `platform`). */
export const kernelMigrations: Migration[] = [...settingsMigrations, ...auditMigrations, ...eventsMigrations];
