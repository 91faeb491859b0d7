// HTTP for the one search box: people, posts, hashtags and public courses, grouped by kind.
import { SearchQuery, SearchResults } from '@edumatrix/contracts';
import { userOf } from '../../platform/http/guards.ts';
import type { HttpApp, RouteDeps } from '../../platform/http/types.ts';
import type { createSearchService } from './search.service.ts';

export function searchRoutes(app: HttpApp, deps: RouteDeps & { search: ReturnType<typeof createSearchService> }) {
  app.get(
    '/api/v1/search',
    {
      schema: {
        tags: ['social'],
        summary: 'Search people, posts, hashtags and public courses (prefix, accent- and typo-tolerant)',
        querystring: SearchQuery,
        response: { 200: SearchResults },
      },
      onRequest: deps.guards.user(),
    },
    async (req) => deps.search.search(userOf(req).id, req.query),
  );
}
