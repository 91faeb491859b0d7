// HTTP for the institution's settings beyond its profile: the grading scale and the logo.
import { GradingScale, LogoSize, UpdateGradingScaleBody } from '@edumatrix/contracts';
import { z } from 'zod';
import { AppError } from '../../../platform/http/app-error.ts';
import { tenantOf } from '../../../platform/http/guards.ts';
import { IMAGE_BODY_TYPES, imageBodyParser } from '../../../platform/http/image-body.ts';
import type { HttpApp, RouteDeps } from '../../../platform/http/types.ts';
import type { GradingScaleService } from './grading-scale.service.ts';
import type { LogoService } from './logo.service.ts';
import { LOGO_MAX_BYTES, logoTooLarge } from './logo-image.ts';

const InstitutionParams = z.object({ institutionId: z.uuid() });

const LogoParams = InstitutionParams.extend({ size: LogoSize });

export function settingsRoutes(app: HttpApp, deps: RouteDeps & { gradingScale: GradingScaleService; logo: LogoService }) {
  const { guards, gradingScale, logo } = deps;
  const tags = ['settings'];
  const path = '/api/v1/institutions/:institutionId/settings/grading-scale';
  app.get(
    path,
    {
      schema: {
        tags,
        summary: 'The grading scale (bands from a minimum percentage)',
        params: InstitutionParams,
        response: { 200: GradingScale },
      },
      onRequest: guards.institution('institution.read'),
    },
    async (req) => gradingScale.get(tenantOf(req)),
  );
  app.put(
    path,
    {
      schema: {
        tags,
        summary: 'Replace the grading scale (highest band first, the last from 0)',
        params: InstitutionParams,
        body: UpdateGradingScaleBody,
        response: { 200: GradingScale },
      },
      onRequest: guards.institution('institution.update'),
    },
    async (req) => gradingScale.update(tenantOf(req), req.body),
  );

  // The image parser is registered in its own scope, so no other route accepts image bodies.
  app.register(async (scope: HttpApp) => {
    scope.addContentTypeParser(IMAGE_BODY_TYPES, imageBodyParser(LOGO_MAX_BYTES, logoTooLarge));
    scope.put(
      '/api/v1/institutions/:institutionId/settings/logo',
      {
        schema: {
          tags,
          summary: 'Upload the logo: the PNG or JPEG bytes as the body (at most 2 MB, 16–4096 px a side)',
          params: InstitutionParams,
          response: { 200: z.object({ logoUrl: z.string() }) },
        },
        onRequest: guards.institution('institution.update'),
      },
      async (req) => {
        if (!Buffer.isBuffer(req.body)) {
          throw new AppError(
            'unsupported_media',
            'settings.logo_type',
            'logo must be sent as image bytes (Content-Type image/png or image/jpeg)',
            {
              fields: [{ field: 'logo', message: 'must be sent as image bytes' }],
            },
          );
        }
        const { version } = await logo.upload(tenantOf(req), req.body);
        return { logoUrl: `/api/v1/institutions/${req.params.institutionId}/logo/256?v=${version}` };
      },
    );
  });
  app.delete(
    '/api/v1/institutions/:institutionId/settings/logo',
    {
      schema: { tags, summary: 'Remove the logo', params: InstitutionParams },
      onRequest: guards.institution('institution.update'),
    },
    async (req, reply) => {
      await logo.remove(tenantOf(req));
      return reply.code(204).send();
    },
  );
  // Public, like a letterhead: <img> cannot send a bearer token, and the logo is shown where the
  // viewer is not a member yet (invitations). Only members learn the URL from the read model.
  app.get(
    '/api/v1/institutions/:institutionId/logo/:size',
    {
      schema: {
        tags,
        summary: 'The logo as PNG (64 or 256 px square, or the original); ?v= from logoUrl makes it cacheable for a year',
        params: LogoParams,
        querystring: z.object({ v: z.string().max(64).optional() }),
      },
      onRequest: guards.public({ ignoreToken: true }),
    },
    async (req, reply) => {
      const file = await logo.read(req.params.institutionId, req.params.size);
      const etag = `"${file.version}-${req.params.size}"`;
      reply.header('etag', etag);
      // A versioned URL never changes content; the bare one is revalidated (cheaply, by ETag) each time.
      reply.header('cache-control', req.query.v === file.version ? 'public, max-age=31536000, immutable' : 'public, no-cache');
      if (req.headers['if-none-match'] === etag) return reply.code(304).send();
      return reply.type(file.contentType).send(Buffer.from(file.bytes));
    },
  );
}
