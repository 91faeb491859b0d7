// HTTP for quizzes and attempts.
import {
  AnswerBody,
  CourseGradebook,
  CourseGradesRelease,
  CreateQuizBody,
  GradeOverrideBody,
  ManualGradeBody,
  Quiz,
  QuizAttempt,
  ReleaseCourseGradesBody,
  SetGradebookCategoriesBody,
  UpdateQuizBody,
} from '@edumatrix/contracts';
import { z } from 'zod';
import { tenantOf, userOf } from '../../platform/http/guards.ts';
import type { HttpApp, RouteDeps } from '../../platform/http/types.ts';
import type { GradebookService } from './gradebook.service.ts';
import type { QuizzesService } from './quizzes.service.ts';

const CourseParams = z.object({ institutionId: z.uuid(), courseId: z.uuid() });
const QuizParams = CourseParams.extend({ quizId: z.uuid() });
const AttemptParams = QuizParams.extend({ attemptId: z.uuid() });
const QuestionParams = AttemptParams.extend({ questionId: z.uuid() });

export function quizzesRoutes(app: HttpApp, deps: RouteDeps & { quizzes: QuizzesService; gradebook: GradebookService }) {
  const { guards, quizzes, gradebook } = deps;
  const tags = ['quizzes'];
  const list = '/api/v1/institutions/:institutionId/courses/:courseId/quizzes';
  const one = `${list}/:quizId`;
  const attempt = `${one}/attempts/:attemptId`;
  const read = guards.institution('courses.read');
  const manage = guards.institution('courses.manage');
  const learn = guards.institution('courses.learn');

  app.get(
    list,
    {
      schema: { tags, summary: "A course's quizzes (learners: published ones)", params: CourseParams, response: { 200: z.array(Quiz) } },
      onRequest: read,
    },
    async (req) => quizzes.list(tenantOf(req), userOf(req).id, req.params.courseId),
  );
  app.post(
    list,
    {
      schema: { tags, summary: 'Create a quiz from the bank', params: CourseParams, body: CreateQuizBody, response: { 201: Quiz } },
      onRequest: manage,
    },
    async (req, reply) => reply.code(201).send(await quizzes.create(tenantOf(req), userOf(req).id, req.params.courseId, req.body)),
  );
  app.patch(
    one,
    { schema: { tags, summary: 'Change a quiz', params: QuizParams, body: UpdateQuizBody, response: { 200: Quiz } }, onRequest: manage },
    async (req) => quizzes.update(tenantOf(req), userOf(req).id, req.params.courseId, req.params.quizId, req.body),
  );
  app.delete(
    one,
    { schema: { tags, summary: 'Delete a quiz and its attempts', params: QuizParams }, onRequest: manage },
    async (req, reply) => {
      await quizzes.remove(tenantOf(req), userOf(req).id, req.params.courseId, req.params.quizId);
      return reply.code(204).send();
    },
  );
  app.post(
    `${one}/attempts`,
    {
      schema: { tags, summary: 'Start an attempt (or resume the open one)', params: QuizParams, response: { 200: QuizAttempt } },
      onRequest: learn,
    },
    async (req) => quizzes.start(tenantOf(req), userOf(req).id, req.params.courseId, req.params.quizId),
  );
  app.get(
    `${one}/attempts`,
    {
      schema: {
        tags,
        summary: 'Attempts (editors: everyone’s; learners: their own)',
        params: QuizParams,
        response: { 200: z.array(QuizAttempt) },
      },
      onRequest: read,
    },
    async (req) => quizzes.attempts(tenantOf(req), userOf(req).id, req.params.courseId, req.params.quizId),
  );
  app.get(
    attempt,
    {
      schema: { tags, summary: 'An attempt (its student, or the course’s editors)', params: AttemptParams, response: { 200: QuizAttempt } },
      onRequest: guards.institution('courses.attempt.read'),
    },
    async (req) => quizzes.get(tenantOf(req), userOf(req).id, req.params.courseId, req.params.quizId, req.params.attemptId),
  );
  app.put(
    `${attempt}/answers/:questionId`,
    {
      schema: {
        tags,
        summary: 'Answer a question (refused once the time is up)',
        params: QuestionParams,
        body: AnswerBody,
        response: { 200: QuizAttempt },
      },
      onRequest: learn,
    },
    async (req) =>
      quizzes.answer(
        tenantOf(req),
        userOf(req).id,
        req.params.courseId,
        req.params.quizId,
        req.params.attemptId,
        req.params.questionId,
        req.body.response,
      ),
  );
  app.post(
    `${attempt}/submit`,
    {
      schema: { tags, summary: 'Submit the attempt for grading', params: AttemptParams, response: { 200: QuizAttempt } },
      onRequest: learn,
    },
    async (req) => quizzes.submit(tenantOf(req), userOf(req).id, req.params.courseId, req.params.quizId, req.params.attemptId),
  );
  app.put(
    `${attempt}/questions/:questionId/grade`,
    {
      schema: {
        tags,
        summary: 'Grade a question by hand (an essay)',
        params: QuestionParams,
        body: ManualGradeBody,
        response: { 200: QuizAttempt },
      },
      onRequest: manage,
    },
    async (req) =>
      quizzes.grade(
        tenantOf(req),
        userOf(req).id,
        req.params.courseId,
        req.params.quizId,
        req.params.attemptId,
        req.params.questionId,
        req.body,
      ),
  );

  const book = '/api/v1/institutions/:institutionId/courses/:courseId/gradebook';
  app.get(
    book,
    {
      schema: {
        tags,
        summary: "The course's gradebook: every learner's result per quiz, and the weighted total",
        params: CourseParams,
        response: { 200: CourseGradebook },
      },
      onRequest: manage,
    },
    async (req) => gradebook.get(tenantOf(req), userOf(req).id, req.params.courseId),
  );
  app.get(
    `${book}.csv`,
    { schema: { tags, summary: 'The gradebook as CSV', params: CourseParams }, onRequest: manage },
    async (req, reply) => {
      const csv = await gradebook.csv(tenantOf(req), userOf(req).id, req.params.courseId);
      return reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="gradebook.csv"').send(csv);
    },
  );
  app.put(
    `${book}/categories`,
    {
      schema: {
        tags,
        summary: 'Replace the weighted categories',
        params: CourseParams,
        body: SetGradebookCategoriesBody,
        response: { 200: CourseGradebook },
      },
      onRequest: manage,
    },
    async (req) => gradebook.setCategories(tenantOf(req), userOf(req).id, req.params.courseId, req.body),
  );
  app.put(
    `${book}/overrides/:userId`,
    {
      schema: {
        tags,
        summary: "Override a learner's grade for a quiz or the course, with the reason (percent null clears it)",
        params: CourseParams.extend({ userId: z.uuid() }),
        body: GradeOverrideBody,
        response: { 200: CourseGradebook },
      },
      onRequest: manage,
    },
    async (req) => gradebook.override(tenantOf(req), userOf(req).id, req.params.courseId, req.params.userId, req.body),
  );
  app.post(
    `${book}/release`,
    {
      schema: {
        tags,
        summary: "Release every learner's course total to the Hub's grades for a term (one assessment per class)",
        params: CourseParams,
        body: ReleaseCourseGradesBody,
        response: { 200: CourseGradesRelease },
      },
      onRequest: manage,
    },
    async (req) => gradebook.release(tenantOf(req), userOf(req).id, req.params.courseId, req.body),
  );
}
