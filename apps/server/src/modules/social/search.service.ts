// Search over people, posts, hashtags and (through the courses module) public courses. Words are
// matched by prefix in a `simple` text-search index of unaccented, lower-cased text, so "mul"
// finds "Müller"; names also match by trigram word similarity, so "Muler" finds them too. Everything
// found passes the same rules as elsewhere: nobody blocked either way, only posts the viewer may see.
import type { SearchQuery, SearchResults } from '@edumatrix/contracts';
import { sql } from 'kysely';
import { rowsOf } from '../../platform/db/database.ts';
import { presentPosts } from './posts.present.ts';
import { type PostRow, uuidArray } from './posts.repository.ts';
import { type SocialDeps, summaries, summaryOf } from './social.deps.ts';
import { loadViewer } from './viewer.ts';

/** The words of a query as a prefix tsquery (`ana:* & mul:*`), or null when it has no word. */
export function prefixQuery(q: string): string | null {
  const words = q.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.length
    ? words
        .slice(0, 8)
        .map((w) => `${w}:*`)
        .join(' & ')
    : null;
}

export type SearchDeps = SocialDeps & {
  /** Courses: public, published courses matching the words. */
  searchCourses(q: string, limit: number): Promise<SearchResults['courses']>;
};

export function createSearchService(deps: SearchDeps) {
  return {
    async search(userId: string, query: SearchQuery): Promise<SearchResults> {
      const q = query.q.trim();
      const limit = Number(query.limit ?? 5);
      const words = prefixQuery(q);
      const viewer = await loadViewer(deps, userId);
      const hidden = uuidArray([...viewer.blocked]);
      const tsq = words ? sql`to_tsquery('simple', social.search_text(${words}))` : sql`null::tsquery`;
      const [people, posts, hashtags, courses] = await Promise.all([
        rowsOf<{ user_id: string }>(
          deps.db,
          sql`select i.user_id from social.people_index i left join social.profiles p on p.user_id = i.user_id
            where not (i.user_id = any(${hidden}))
              and (to_tsvector('simple', social.search_text(i.name)) @@ ${tsq}
                or social.search_text(${q}) <% social.search_text(i.name)
                or p.handle like ${`${q
                  .toLowerCase()
                  .replace(/^@/, '')
                  .replace(/[\\%_]/g, '\\$&')}%`})
            order by (to_tsvector('simple', social.search_text(i.name)) @@ ${tsq}) desc,
              word_similarity(social.search_text(${q}), social.search_text(i.name)) desc, i.user_id
            limit ${limit}`,
        ),
        words
          ? rowsOf<PostRow>(
              deps.db,
              sql`select p.* from social.posts p
                where p.deleted_at is null and to_tsvector('simple', social.search_text(p.body)) @@ ${tsq}
                  and not (p.author_id = any(${hidden}))
                  and (p.author_id = ${userId} or p.visibility = 'public'
                    or (p.visibility = 'connections' and p.author_id = any(${uuidArray([...viewer.connections])}))
                    or (p.visibility = 'institution' and p.institution_id = any(${uuidArray([...viewer.institutionIds])})))
                order by ts_rank(to_tsvector('simple', social.search_text(p.body)), ${tsq}) desc, p.id desc
                limit ${limit}`,
            )
          : Promise.resolve([]),
        rowsOf<{ tag: string; posts: number }>(
          deps.db,
          sql`select tag, count(*)::int as posts from social.post_tags
            where tag like ${`${q
              .toLowerCase()
              .replace(/^#/, '')
              .replace(/[\\%_]/g, '\\$&')}%`}
            group by tag order by count(*) desc, tag limit ${limit}`,
        ),
        deps.searchCourses(q, limit),
      ]);
      const found = await summaries(
        deps,
        people.map((p) => p.user_id),
      );
      return {
        people: people.map((p) => summaryOf(found, p.user_id)),
        posts: await presentPosts(deps, viewer, posts),
        hashtags,
        courses,
      };
    },
  };
}
