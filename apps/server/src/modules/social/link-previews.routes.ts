// HTTP for link previews: the page behind a URL, as the server read it (public addresses only).
import { LinkPreview, LinkPreviewQuery } from '@edumatrix/contracts';
import type { HttpApp, RouteDeps } from '../../platform/http/types.ts';
import { SOCIAL_BUDGETS } from './budgets.ts';
import type { createLinkPreviews } from './link-previews.ts';

export function linkPreviewRoutes(app: HttpApp, deps: RouteDeps & { linkPreviews: ReturnType<typeof createLinkPreviews> }) {
  app.get(
    '/api/v1/link-preview',
    {
      schema: {
        tags: ['social'],
        summary: "A page's title, description and image, fetched by the server (private and loopback addresses refused)",
        querystring: LinkPreviewQuery,
        response: { 200: LinkPreview },
      },
      onRequest: deps.guards.user(SOCIAL_BUDGETS.preview),
    },
    async (req) => deps.linkPreviews.get(req.query.url),
  );
}
