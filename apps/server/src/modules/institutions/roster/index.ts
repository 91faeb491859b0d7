// Roster imports: CSV of students, staff or enrolments, or a OneRoster 1.1 bundle, as background jobs.
export { rosterMigrations } from './roster.migrations.ts';
export { rosterRoutes } from './roster.routes.ts';
export { createRosterService, type RosterService } from './roster.service.ts';
