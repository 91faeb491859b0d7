// People: students (with guardians), staff and teachers, class enrolments.
export { classmatesOf } from './classmates.ts';
export { peopleMigrations } from './people.migrations.ts';
export { peopleRoutes } from './people.routes.ts';
export { createStaffService, type StaffService } from './staff.service.ts';
export { createStudentsService, type StudentsService } from './students.service.ts';
