// The weekly timetable, with clash detection and iCalendar feeds.
export { timetableMigrations } from './timetable.migrations.ts';
export { timetableRoutes } from './timetable.routes.ts';
export { createTimetableService, type TimetableService } from './timetable.service.ts';
