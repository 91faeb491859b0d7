// HTTP for the file of a file lesson: upload (the raw bytes, typed), remove, download.
import { z } from 'zod';
import { tenantOf, userOf } from '../../platform/http/guards.ts';
import type { HttpApp, RouteDeps } from '../../platform/http/types.ts';
import { attachmentDisposition, COURSE_FILE_MAX_BYTES, COURSE_FILE_TYPES, unsupportedFileType } from './course-files.ts';
import type { LessonFilesService } from './lesson-files.service.ts';

const LessonParams = z.object({ institutionId: z.uuid(), courseId: z.uuid(), lessonId: z.uuid() });
const FileInfo = z.object({ name: z.string(), type: z.string(), size: z.number().int() });

export function lessonFilesRoutes(app: HttpApp, deps: RouteDeps & { lessonFiles: LessonFilesService }) {
  const { guards, lessonFiles } = deps;
  const tags = ['courses'];
  const path = '/api/v1/institutions/:institutionId/courses/:courseId/lessons/:lessonId/file';

  app.register(async (scope: HttpApp) => {
    scope.addContentTypeParser(COURSE_FILE_TYPES, { parseAs: 'buffer', bodyLimit: COURSE_FILE_MAX_BYTES }, (_req, body, done) =>
      done(null, body),
    );
    scope.put(
      path,
      {
        schema: {
          tags,
          summary: `Upload a file lesson's file: the bytes as the body, typed (${COURSE_FILE_TYPES.length} types), at most 25 MB`,
          params: LessonParams,
          querystring: z.strictObject({ name: z.string().trim().min(1, 'is required').max(200) }),
          response: { 200: FileInfo },
        },
        bodyLimit: COURSE_FILE_MAX_BYTES,
        onRequest: guards.institution('courses.manage'),
      },
      async (req) => {
        const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim() ?? '';
        if (!Buffer.isBuffer(req.body)) throw unsupportedFileType();
        return lessonFiles.upload(tenantOf(req), userOf(req).id, req.params.courseId, req.params.lessonId, req.body, type, req.query.name);
      },
    );
  });
  app.delete(
    path,
    { schema: { tags, summary: "Remove a file lesson's file", params: LessonParams }, onRequest: guards.institution('courses.manage') },
    async (req, reply) => {
      await lessonFiles.remove(tenantOf(req), userOf(req).id, req.params.courseId, req.params.lessonId);
      return reply.code(204).send();
    },
  );
  app.get(
    path,
    { schema: { tags, summary: "Download a file lesson's file", params: LessonParams }, onRequest: guards.institution('courses.read') },
    async (req, reply) => {
      const file = await lessonFiles.download(tenantOf(req), userOf(req).id, req.params.courseId, req.params.lessonId);
      return reply
        .type(file.type)
        .header('content-disposition', attachmentDisposition(file.name))
        .header('cache-control', 'private, no-store')
        .send(Buffer.from(file.bytes));
    },
  );
}
