// Courses: courses, modules and lessons, enrolment, the public catalogue, progress, learning paths,
// gamification, question banks, quizzes and analytics. Later: assignments and the gradebook.
export { type AnalyticsService, createAnalyticsService } from './analytics.service.ts';
export { sendDueReminders } from './assignment-reminders.ts';
export { assignmentsRoutes } from './assignments.routes.ts';
export { type AssignmentsService, createAssignmentsService } from './assignments.service.ts';
export { type CatalogueService, createCatalogueService } from './catalogue.service.ts';
export { coLearnersOf } from './co-learners.ts';
export { coursesConsumer } from './courses.consumer.ts';
export { coursesMigrations } from './courses.migrations.ts';
export { coursesPermissions } from './courses.permissions.ts';
export { coursesRoutes } from './courses.routes.ts';
export { type CoursesService, createCoursesService } from './courses.service.ts';
export { createEnrolmentService, type EnrolmentService } from './enrolment.service.ts';
export { gamificationConsumer } from './gamification.consumer.ts';
export { createGamificationService, type GamificationService } from './gamification.service.ts';
export { createGradebookService, type GradebookService } from './gradebook.service.ts';
export { lessonFilesRoutes } from './lesson-files.routes.ts';
export { createLessonFilesService, type LessonFilesService } from './lesson-files.service.ts';
export { createOutlineService, type OutlineService } from './outline.service.ts';
export { createPathsService, type PathsService } from './paths.service.ts';
export { createPeerReviewsService, type PeerReviewsService } from './peer-reviews.service.ts';
export { createProgressService, type ProgressService } from './progress.service.ts';
export { questionsRoutes } from './questions.routes.ts';
export { createQuestionsService, type QuestionsService } from './questions.service.ts';
export { quizzesRoutes } from './quizzes.routes.ts';
export { createQuizzesService, type QuizzesService } from './quizzes.service.ts';
export { createSubmissionsService, type SubmissionsService } from './submissions.service.ts';
