// Grades: assessments, the marks grid, term grades, report cards.
export { courseGradesConsumer } from './course-grades.consumer.ts';
export { gradesMigrations } from './grades.migrations.ts';
export { gradesRoutes } from './grades.routes.ts';
export { createGradesService, type GradesService } from './grades.service.ts';
