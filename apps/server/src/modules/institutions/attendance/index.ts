// Attendance registers, rates and low-attendance alerts.
export { attendanceMigrations } from './attendance.migrations.ts';
export { attendanceRoutes } from './attendance.routes.ts';
export { type AttendanceService, createAttendanceService } from './attendance.service.ts';
