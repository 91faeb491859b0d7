// HTTP for post images: upload (the raw typed bytes) before posting, and read one as the post allows.
import { PostImage } from '@edumatrix/contracts';
import { z } from 'zod';
import { userOf } from '../../platform/http/guards.ts';
import type { HttpApp, RouteDeps } from '../../platform/http/types.ts';
import { notPngOrJpeg } from '../../platform/images/decode-upload.ts';
import { SOCIAL_BUDGETS } from './budgets.ts';
import { type createPostImages, POST_IMAGE_MAX_BYTES, POST_IMAGE_TYPES } from './post-images.ts';
import type { PostsService } from './posts.service.ts';
import type { SocialDeps } from './social.deps.ts';
import { loadViewer } from './viewer.ts';

export function postImagesRoutes(
  app: HttpApp,
  deps: RouteDeps & { images: ReturnType<typeof createPostImages>; posts: PostsService; social: SocialDeps },
) {
  const tags = ['social'];
  app.register(async (scope: HttpApp) => {
    scope.addContentTypeParser(POST_IMAGE_TYPES, { parseAs: 'buffer', bodyLimit: POST_IMAGE_MAX_BYTES }, (_req, body, done) =>
      done(null, body),
    );
    scope.post(
      '/api/v1/posts/images',
      {
        schema: {
          tags,
          summary: 'Upload an image for a new post: PNG or JPEG bytes as the body, at most 8 MB (stored at most 1600 px a side)',
          response: { 201: PostImage },
        },
        bodyLimit: POST_IMAGE_MAX_BYTES,
        onRequest: deps.guards.user(SOCIAL_BUDGETS.image),
      },
      async (req, reply) => {
        if (!Buffer.isBuffer(req.body)) throw notPngOrJpeg({ field: 'file', code: 'social.image' });
        return reply.code(201).send(await deps.images.upload(userOf(req).id, req.body));
      },
    );
  });
  app.get(
    '/api/v1/post-images/:imageId',
    {
      schema: {
        tags,
        summary: "A post's image (for whoever may see the post; before posting, its uploader)",
        params: z.object({ imageId: z.uuid() }),
      },
      onRequest: deps.guards.user(),
    },
    async (req, reply) => {
      const me = userOf(req).id;
      const row = await deps.images.row(req.params.imageId);
      if (row.post_id === null) {
        if (row.owner_id !== me) throw deps.images.imageNotFound();
      } else {
        await deps.posts.visiblePost(await loadViewer(deps.social, me), row.post_id).catch(() => {
          throw deps.images.imageNotFound();
        });
      }
      const image = await deps.images.bytes(row);
      return reply.type(image.type).header('cache-control', 'private, max-age=3600').send(Buffer.from(image.bytes));
    },
  );
}
