// HTTP for profile pictures: upload or remove your own; read anyone's by the versioned URL that
// profiles and person summaries carry (public: an <img> cannot send a bearer token).
import { z } from 'zod';
import { AppError } from '../../platform/http/app-error.ts';
import { userOf } from '../../platform/http/guards.ts';
import { IMAGE_BODY_TYPES, imageBodyParser } from '../../platform/http/image-body.ts';
import type { HttpApp, RouteDeps } from '../../platform/http/types.ts';
import { AVATAR_MAX_BYTES, type Avatars, avatarTooLarge } from './avatars.ts';
import { SOCIAL_BUDGETS } from './budgets.ts';

export function avatarRoutes(app: HttpApp, deps: RouteDeps & { avatars: Avatars }) {
  const tags = ['social'];
  app.register(async (scope: HttpApp) => {
    scope.addContentTypeParser(IMAGE_BODY_TYPES, imageBodyParser(AVATAR_MAX_BYTES, avatarTooLarge));
    scope.put(
      '/api/v1/me/avatar',
      {
        schema: {
          tags,
          summary: 'Set your profile picture: PNG or JPEG bytes as the body (at most 5 MB; cropped to a square)',
          response: { 200: z.object({ avatarUrl: z.string() }) },
        },
        onRequest: deps.guards.user(SOCIAL_BUDGETS.avatar),
      },
      async (req) => {
        if (!Buffer.isBuffer(req.body))
          throw new AppError('unsupported_media', 'social.avatar_type', 'avatar must be sent as image bytes (image/png or image/jpeg)', {
            fields: [{ field: 'avatar', message: 'must be sent as image bytes' }],
          });
        return deps.avatars.upload(userOf(req).id, req.body);
      },
    );
  });
  app.delete(
    '/api/v1/me/avatar',
    { schema: { tags, summary: 'Remove your profile picture' }, onRequest: deps.guards.user() },
    async (req, reply) => {
      await deps.avatars.remove(userOf(req).id);
      return reply.code(204).send();
    },
  );
  app.get(
    '/api/v1/avatars/:userId/:version',
    {
      schema: {
        tags,
        summary: "Someone's current profile picture (PNG), at the URL their profile gives; cacheable for a year",
        params: z.object({ userId: z.uuid(), version: z.string().regex(/^[\w-]{1,64}$/) }),
      },
      onRequest: deps.guards.public({ ignoreToken: true }),
    },
    async (req, reply) => {
      const file = await deps.avatars.read(req.params.userId, req.params.version);
      // The URL changes with the picture, so a copy never goes stale; `private` keeps shared caches
      // from serving a removed picture on.
      reply.header('cache-control', 'private, max-age=31536000, immutable');
      return reply.type(file.contentType).send(Buffer.from(file.bytes));
    },
  );
}
