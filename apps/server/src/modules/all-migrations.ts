import { kernelMigrations } from '../platform/kernel-migrations.ts';
import type { Migration } from '../platform/migrations/migration.ts';
import { chatMigrations } from './chat/index.ts';
import { coursesMigrations } from './courses/index.ts';
import { identityMigrations } from './identity/index.ts';
import {
  announcementsMigrations,
  attendanceMigrations,
  dashboardsMigrations,
  gradesMigrations,
  institutionsMigrations,
  peopleMigrations,
  rosterMigrations,
  settingsMigrations,
  structureMigrations,
  timetableMigrations,
} from './institutions/index.ts';
import { notificationsMigrations } from './notifications/index.ts';
import { socialMigrations } from './social/index.ts';
import { webhooksMigrations } from './webhooks/index.ts';

/** Every migration of the kernel and every module; the runner orders them by name. */
export const allMigrations: Migration[] = [
  ...kernelMigrations,
  ...identityMigrations,
  ...institutionsMigrations,
  ...structureMigrations,
  ...peopleMigrations,
  ...rosterMigrations,
  ...timetableMigrations,
  ...attendanceMigrations,
  ...gradesMigrations,
  ...announcementsMigrations,
  ...settingsMigrations,
  ...dashboardsMigrations,
  ...notificationsMigrations,
  ...webhooksMigrations,
  ...coursesMigrations,
  ...socialMigrations,
  ...chatMigrations,
];
