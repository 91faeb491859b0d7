// Institutions (Edu Matrix Hub) own the registry of institutions and their tenant schemas,
// memberships with roles, and invitations. Later: departments, classes, people, attendance, grades.

export {
  type AnnouncementsService,
  announcementsMigrations,
  announcementsRoutes,
  createAnnouncementsService,
} from './announcements/index.ts';
export { type AttendanceService, attendanceMigrations, attendanceRoutes, createAttendanceService } from './attendance/index.ts';
export {
  createDashboardsService,
  DASHBOARD_EVENT_TYPES,
  type DashboardsService,
  dashboardsConsumer,
  dashboardsMigrations,
  dashboardsRoutes,
} from './dashboards/index.ts';
export { courseGradesConsumer, createGradesService, type GradesService, gradesMigrations, gradesRoutes } from './grades/index.ts';
export { type LiveRooms, liveMembersConsumer, MEMBER_EVENT_TYPES, memberChangedPush } from './institutions.live.ts';
export { institutionsPermissions } from './institutions.permissions.ts';
export { institutionsRoutes } from './institutions.routes.ts';
export { createInstitutionsService, type InstitutionsService } from './institutions.service.ts';
export { institutionsMigrations } from './migrations/index.ts';
export {
  classmatesOf,
  createStaffService,
  createStudentsService,
  peopleMigrations,
  peopleRoutes,
  type StaffService,
  type StudentsService,
} from './people/index.ts';
export { createRosterService, type RosterService, rosterMigrations, rosterRoutes } from './roster/index.ts';
export {
  createGradingScaleService,
  createLogoService,
  type GradingScaleService,
  type LogoService,
  settingsMigrations,
  settingsRoutes,
} from './settings/index.ts';
export {
  type AcademicYearsService,
  createAcademicYearsService,
  createStructureService,
  type StructureService,
  structureMigrations,
  structureRoutes,
} from './structure/index.ts';
export { createTimetableService, type TimetableService, timetableMigrations, timetableRoutes } from './timetable/index.ts';
