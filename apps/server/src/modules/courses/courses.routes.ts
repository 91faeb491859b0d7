// HTTP for courses: the courses of an institution, their outline, enrolment, and the public catalogue.
import {
  Achievements,
  CatalogueCourse,
  CataloguePage,
  CatalogueQuery,
  Course,
  CourseAnalytics,
  CourseEnrolBody,
  CourseEnrolment,
  CourseGraph,
  CourseModule,
  CourseOutline,
  CoursePage,
  CourseProgress,
  CourseProgressSummary,
  CourseQuery,
  CreateCourseBody,
  CreateLessonBody,
  CreateModuleBody,
  JoinCourseBody,
  Leaderboard,
  LeaderboardPreferenceBody,
  LeaderboardQuery,
  Lesson,
  RecordProgressBody,
  ReorderBody,
  SetPrerequisitesBody,
  UpdateCourseBody,
  UpdateLessonBody,
  UpdateModuleBody,
} from '@edumatrix/contracts';
import { z } from 'zod';
import { tenantOf, userOf } from '../../platform/http/guards.ts';
import type { HttpApp, RouteDeps } from '../../platform/http/types.ts';
import type { AnalyticsService } from './analytics.service.ts';
import type { CatalogueService } from './catalogue.service.ts';
import type { CoursesService } from './courses.service.ts';
import type { EnrolmentService } from './enrolment.service.ts';
import type { GamificationService } from './gamification.service.ts';
import type { OutlineService } from './outline.service.ts';
import type { PathsService } from './paths.service.ts';
import type { ProgressService } from './progress.service.ts';

const InstitutionParams = z.object({ institutionId: z.uuid() });
const CourseParams = InstitutionParams.extend({ courseId: z.uuid() });
const ModuleParams = CourseParams.extend({ moduleId: z.uuid() });
const LessonParams = CourseParams.extend({ lessonId: z.uuid() });
const MemberParams = CourseParams.extend({ userId: z.uuid() });

export type CoursesRouteDeps = RouteDeps & {
  courses: CoursesService;
  outline: OutlineService;
  enrolment: EnrolmentService;
  catalogue: CatalogueService;
  progress: ProgressService;
  paths: PathsService;
  gamification: GamificationService;
  analytics: AnalyticsService;
};

export function coursesRoutes(app: HttpApp, deps: CoursesRouteDeps) {
  const { guards, courses, outline, enrolment, catalogue, progress, paths, gamification, analytics } = deps;
  const tags = ['courses'];
  const base = '/api/v1/institutions/:institutionId/courses';
  const one = `${base}/:courseId`;
  const read = guards.institution('courses.read');
  const manage = guards.institution('courses.manage');
  const noContent = async (reply: { code(n: number): { send(): unknown } }, work: Promise<unknown>) => {
    await work;
    return reply.code(204).send();
  };

  app.get(
    base,
    {
      schema: {
        tags,
        summary: 'Courses the caller may see',
        params: InstitutionParams,
        querystring: CourseQuery,
        response: { 200: CoursePage },
      },
      onRequest: read,
    },
    async (req) => courses.list(tenantOf(req), userOf(req).id, req.query),
  );
  app.post(
    base,
    {
      schema: { tags, summary: 'Create a course (a draft)', params: InstitutionParams, body: CreateCourseBody, response: { 201: Course } },
      onRequest: guards.institution('courses.create'),
    },
    async (req, reply) => reply.code(201).send(await courses.create(tenantOf(req), userOf(req).id, req.body)),
  );
  app.post(
    `${base}/join`,
    {
      schema: {
        tags,
        summary: 'Enrol yourself with a join code',
        params: InstitutionParams,
        body: JoinCourseBody,
        response: { 200: Course },
      },
      onRequest: guards.institution('courses.join'),
    },
    async (req) => enrolment.join(tenantOf(req), userOf(req).id, req.body.code),
  );
  app.get(
    one,
    {
      schema: { tags, summary: 'A course with its modules and lessons', params: CourseParams, response: { 200: CourseOutline } },
      onRequest: read,
    },
    async (req) => courses.outline(tenantOf(req), userOf(req).id, req.params.courseId),
  );
  app.patch(
    one,
    {
      schema: {
        tags,
        summary: 'Change, publish, unpublish, archive or restore a course',
        params: CourseParams,
        body: UpdateCourseBody,
        response: { 200: Course },
      },
      onRequest: manage,
    },
    async (req) => courses.update(tenantOf(req), userOf(req).id, req.params.courseId, req.body),
  );
  app.delete(one, { schema: { tags, summary: 'Delete a draft course', params: CourseParams }, onRequest: manage }, async (req, reply) =>
    noContent(reply, courses.remove(tenantOf(req), userOf(req).id, req.params.courseId)),
  );

  app.post(
    `${one}/modules`,
    {
      schema: { tags, summary: 'Add a module', params: CourseParams, body: CreateModuleBody, response: { 201: CourseModule } },
      onRequest: manage,
    },
    async (req, reply) => reply.code(201).send(await outline.addModule(tenantOf(req), userOf(req).id, req.params.courseId, req.body)),
  );
  app.put(
    `${one}/modules/order`,
    {
      schema: { tags, summary: 'Reorder the modules', params: CourseParams, body: ReorderBody, response: { 200: CourseOutline } },
      onRequest: manage,
    },
    async (req) => outline.reorderModules(tenantOf(req), userOf(req).id, req.params.courseId, req.body.ids),
  );
  app.patch(
    `${one}/modules/:moduleId`,
    {
      schema: { tags, summary: 'Rename a module', params: ModuleParams, body: UpdateModuleBody, response: { 200: CourseModule } },
      onRequest: manage,
    },
    async (req) => outline.updateModule(tenantOf(req), userOf(req).id, req.params.courseId, req.params.moduleId, req.body),
  );
  app.delete(
    `${one}/modules/:moduleId`,
    { schema: { tags, summary: 'Delete a module and its lessons', params: ModuleParams }, onRequest: manage },
    async (req, reply) => noContent(reply, outline.removeModule(tenantOf(req), userOf(req).id, req.params.courseId, req.params.moduleId)),
  );
  app.post(
    `${one}/modules/:moduleId/lessons`,
    {
      schema: { tags, summary: 'Add a lesson to a module', params: ModuleParams, body: CreateLessonBody, response: { 201: Lesson } },
      onRequest: manage,
    },
    async (req, reply) =>
      reply.code(201).send(await outline.addLesson(tenantOf(req), userOf(req).id, req.params.courseId, req.params.moduleId, req.body)),
  );
  app.put(
    `${one}/modules/:moduleId/lessons/order`,
    {
      schema: { tags, summary: "Reorder a module's lessons", params: ModuleParams, body: ReorderBody, response: { 200: CourseOutline } },
      onRequest: manage,
    },
    async (req) => outline.reorderLessons(tenantOf(req), userOf(req).id, req.params.courseId, req.params.moduleId, req.body.ids),
  );
  app.patch(
    `${one}/lessons/:lessonId`,
    {
      schema: { tags, summary: 'Change or move a lesson', params: LessonParams, body: UpdateLessonBody, response: { 200: Lesson } },
      onRequest: manage,
    },
    async (req) => outline.updateLesson(tenantOf(req), userOf(req).id, req.params.courseId, req.params.lessonId, req.body),
  );
  app.delete(
    `${one}/lessons/:lessonId`,
    { schema: { tags, summary: 'Delete a lesson', params: LessonParams }, onRequest: manage },
    async (req, reply) => noContent(reply, outline.removeLesson(tenantOf(req), userOf(req).id, req.params.courseId, req.params.lessonId)),
  );

  app.get(
    `${one}/enrolments`,
    {
      schema: { tags, summary: 'Who is enrolled, and why', params: CourseParams, response: { 200: z.array(CourseEnrolment) } },
      onRequest: manage,
    },
    async (req) => enrolment.list(tenantOf(req), userOf(req).id, req.params.courseId),
  );
  app.post(
    `${one}/enrolments`,
    {
      schema: {
        tags,
        summary: 'Enrol students, and class rosters (kept in step with the classes)',
        params: CourseParams,
        body: CourseEnrolBody,
        response: { 200: z.array(CourseEnrolment) },
      },
      onRequest: manage,
    },
    async (req) => enrolment.enrol(tenantOf(req), userOf(req).id, req.params.courseId, req.body),
  );
  app.delete(
    `${one}/enrolments/:userId`,
    { schema: { tags, summary: 'End an individual or join-code enrolment', params: MemberParams }, onRequest: manage },
    async (req, reply) => noContent(reply, enrolment.unenrol(tenantOf(req), userOf(req).id, req.params.courseId, req.params.userId)),
  );
  app.post(
    `${one}/join-code`,
    { schema: { tags, summary: 'Make a new join code', params: CourseParams, response: { 200: Course } }, onRequest: manage },
    async (req) => enrolment.setJoinCode(tenantOf(req), userOf(req).id, req.params.courseId, true),
  );
  app.delete(
    `${one}/join-code`,
    { schema: { tags, summary: 'Turn the join code off', params: CourseParams, response: { 200: Course } }, onRequest: manage },
    async (req) => enrolment.setJoinCode(tenantOf(req), userOf(req).id, req.params.courseId, false),
  );

  app.get(
    `${one}/progress`,
    { schema: { tags, summary: 'Your progress in a course', params: CourseParams, response: { 200: CourseProgress } }, onRequest: read },
    async (req) => progress.mine(tenantOf(req), userOf(req).id, req.params.courseId),
  );
  app.put(
    `${one}/lessons/:lessonId/progress`,
    {
      schema: {
        tags,
        summary: 'Report time on a lesson, or mark it done (enrolled members)',
        params: LessonParams,
        body: RecordProgressBody,
        response: { 200: CourseProgress },
      },
      onRequest: guards.institution('courses.learn'),
    },
    async (req) => progress.record(tenantOf(req), userOf(req).id, req.params.courseId, req.params.lessonId, req.body),
  );
  app.get(
    `${one}/progress/members`,
    {
      schema: {
        tags,
        summary: "Every enrolled member's progress (editors)",
        params: CourseParams,
        response: { 200: CourseProgressSummary },
      },
      onRequest: manage,
    },
    async (req) => progress.members(tenantOf(req), userOf(req).id, req.params.courseId),
  );
  app.put(
    `${one}/prerequisites`,
    {
      schema: {
        tags,
        summary: 'The courses to complete before this one (no circles)',
        params: CourseParams,
        body: SetPrerequisitesBody,
        response: { 200: CourseOutline },
      },
      onRequest: manage,
    },
    async (req) => {
      await paths.setCoursePrerequisites(tenantOf(req), userOf(req).id, req.params.courseId, req.body);
      return courses.outline(tenantOf(req), userOf(req).id, req.params.courseId);
    },
  );
  app.put(
    `${one}/modules/:moduleId/prerequisites`,
    {
      schema: {
        tags,
        summary: 'The modules of this course to complete before this one (no circles)',
        params: ModuleParams,
        body: SetPrerequisitesBody,
        response: { 200: CourseOutline },
      },
      onRequest: manage,
    },
    async (req) => {
      await paths.setModulePrerequisites(tenantOf(req), userOf(req).id, req.params.courseId, req.params.moduleId, req.body);
      return courses.outline(tenantOf(req), userOf(req).id, req.params.courseId);
    },
  );
  app.get(
    '/api/v1/institutions/:institutionId/learning-path',
    {
      schema: {
        tags,
        summary: 'The courses you may see as a graph of prerequisites, with where you stand',
        params: InstitutionParams,
        response: { 200: CourseGraph },
      },
      onRequest: read,
    },
    async (req) => paths.graph(tenantOf(req), userOf(req).id),
  );
  app.get(
    '/api/v1/institutions/:institutionId/achievements',
    {
      schema: { tags, summary: 'Your points, level, streak and badges here', params: InstitutionParams, response: { 200: Achievements } },
      onRequest: read,
    },
    async (req) => gamification.achievements(tenantOf(req), userOf(req).id),
  );
  app.get(
    '/api/v1/institutions/:institutionId/leaderboard',
    {
      schema: {
        tags,
        summary: "The institution's leaderboard, or a course's",
        params: InstitutionParams,
        querystring: LeaderboardQuery,
        response: { 200: Leaderboard },
      },
      onRequest: read,
    },
    async (req) => gamification.leaderboard(tenantOf(req), userOf(req).id, req.query.courseId),
  );
  app.get(
    '/api/v1/leaderboard',
    { schema: { tags, summary: 'The platform-wide leaderboard', response: { 200: Leaderboard } }, onRequest: guards.user() },
    async (req) => gamification.platformLeaderboard(userOf(req).id),
  );
  app.put(
    '/api/v1/me/leaderboards',
    {
      schema: {
        tags,
        summary: 'Stay off (or come back to) every leaderboard',
        body: LeaderboardPreferenceBody,
        response: { 200: LeaderboardPreferenceBody },
      },
      onRequest: guards.user(),
    },
    async (req) => gamification.setHidden(userOf(req).id, req.body.hidden),
  );
  app.get(
    `${one}/analytics`,
    {
      schema: {
        tags,
        summary: 'Completion, time per lesson, where learners stop, and quiz item analysis (editors)',
        params: CourseParams,
        response: { 200: CourseAnalytics },
      },
      onRequest: manage,
    },
    async (req) => analytics.course(tenantOf(req), userOf(req).id, req.params.courseId),
  );
  app.get(
    '/api/v1/catalogue',
    {
      schema: {
        tags,
        summary: 'Public courses of every institution, newest first',
        querystring: CatalogueQuery,
        response: { 200: CataloguePage },
      },
      onRequest: guards.public({ ignoreToken: true }),
    },
    async (req) => catalogue.list(req.query),
  );
  app.get(
    '/api/v1/catalogue/:courseId',
    {
      schema: {
        tags,
        summary: 'A public course: description and outline',
        params: z.object({ courseId: z.uuid() }),
        response: { 200: CatalogueCourse },
      },
      onRequest: guards.public({ ignoreToken: true }),
    },
    async (req) => catalogue.get(req.params.courseId),
  );
}
