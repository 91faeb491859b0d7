// HTTP for a course's question bank, and its QTI import and export.
import { CreateQuestionBody, Question, UpdateQuestionBody } from '@edumatrix/contracts';
import { z } from 'zod';
import { AppError } from '../../platform/http/app-error.ts';
import { tenantOf, userOf } from '../../platform/http/guards.ts';
import type { HttpApp, RouteDeps } from '../../platform/http/types.ts';
import type { NewQuestion, QuestionsService } from './questions.service.ts';

const CourseParams = z.object({ institutionId: z.uuid(), courseId: z.uuid() });
const QuestionParams = CourseParams.extend({ questionId: z.uuid() });
const QTI_BODY_LIMIT = 20 * 1024 * 1024;

export function questionsRoutes(app: HttpApp, deps: RouteDeps & { questions: QuestionsService }) {
  const { guards, questions } = deps;
  const tags = ['quizzes'];
  const bank = '/api/v1/institutions/:institutionId/courses/:courseId/questions';
  const manage = guards.institution('courses.manage');

  app.get(
    bank,
    {
      schema: {
        tags,
        summary: "The course's question bank",
        params: CourseParams,
        querystring: z.strictObject({ tag: z.string().max(50).optional() }),
        response: { 200: z.array(Question) },
      },
      onRequest: manage,
    },
    async (req) => questions.list(tenantOf(req), userOf(req).id, req.params.courseId, req.query.tag),
  );
  app.post(
    bank,
    {
      schema: { tags, summary: 'Add a question', params: CourseParams, body: CreateQuestionBody, response: { 201: Question } },
      onRequest: manage,
    },
    async (req, reply) =>
      reply.code(201).send(await questions.create(tenantOf(req), userOf(req).id, req.params.courseId, req.body as NewQuestion)),
  );
  app.put(
    `${bank}/:questionId`,
    {
      schema: { tags, summary: 'Replace a question', params: QuestionParams, body: UpdateQuestionBody, response: { 200: Question } },
      onRequest: manage,
    },
    async (req) => questions.update(tenantOf(req), userOf(req).id, req.params.courseId, req.params.questionId, req.body as NewQuestion),
  );
  app.delete(
    `${bank}/:questionId`,
    { schema: { tags, summary: 'Delete a question', params: QuestionParams }, onRequest: manage },
    async (req, reply) => {
      await questions.remove(tenantOf(req), userOf(req).id, req.params.courseId, req.params.questionId);
      return reply.code(204).send();
    },
  );
  app.get(
    `${bank}/export`,
    {
      schema: {
        tags,
        summary: 'The bank as a QTI package (zip)',
        params: CourseParams,
        querystring: z.strictObject({ version: z.enum(['2.1', '3.0']).default('2.1') }),
      },
      onRequest: manage,
    },
    async (req, reply) => {
      const zip = await questions.exportQti(tenantOf(req), userOf(req).id, req.params.courseId, req.query.version);
      return reply
        .type('application/zip')
        .header('content-disposition', `attachment; filename="questions-qti-${req.query.version}.zip"`)
        .send(Buffer.from(zip));
    },
  );
  // Zip and XML bodies only here (browsers label zips differently; the service reads the bytes), read
  // whole (bounded), in a scope of their own.
  app.register(async (scope: HttpApp) => {
    scope.addContentTypeParser(
      ['application/zip', 'application/x-zip-compressed', 'application/octet-stream', 'application/xml', 'text/xml'],
      { parseAs: 'buffer', bodyLimit: QTI_BODY_LIMIT },
      (_req, body, done) => done(null, body),
    );
    scope.post(
      `${bank}/import`,
      {
        schema: {
          tags,
          summary: 'Import a QTI 2.1/3.0 package (application/zip) or item (application/xml); unreadable items are listed',
          params: CourseParams,
          response: {
            200: z.object({
              imported: z.array(Question),
              /** New questions, and questions this platform exported that came back onto their rows. */
              created: z.number().int(),
              updated: z.number().int(),
              errors: z.array(z.object({ file: z.string(), message: z.string() })),
            }),
          },
        },
        bodyLimit: QTI_BODY_LIMIT,
        onRequest: manage,
      },
      async (req) => {
        if (!Buffer.isBuffer(req.body))
          throw new AppError('unsupported_media', 'quizzes.qti_type', 'file must be sent as a QTI zip or XML', {
            fields: [{ field: 'file', message: 'must be application/zip or application/xml' }],
          });
        return questions.importQti(tenantOf(req), userOf(req).id, req.params.courseId, req.body);
      },
    );
  });
}
