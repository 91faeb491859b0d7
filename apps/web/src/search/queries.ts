// The one search box's query and where each kind of result leads. The box and the search page ask
// the same endpoint; the box asks for a few of each kind, the page for more.
import type { SearchResults } from '@edumatrix/contracts';
import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { client } from '../api.ts';
import { hashtagPath, personPath } from '../social/linkify.ts';

export const searchKeys = {
  all: ['search'] as const,
  results: (q: string, limit: number) => [...searchKeys.all, q, limit] as const,
};

export const searchQuery = (q: string, limit: number) =>
  queryOptions({
    queryKey: searchKeys.results(q, limit),
    queryFn: () => client.social.search(q, limit),
    enabled: q.length > 0,
    // While the next words are asked for, the last answer stays on screen instead of a spinner.
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });

export const searchPagePath = (q: string) => (q ? `/search?q=${encodeURIComponent(q)}` : '/search');

export const resultPaths = {
  person: (p: SearchResults['people'][number]) => personPath(p.userId),
  post: (p: SearchResults['posts'][number]) => `/posts/${p.id}`,
  // Everyone's posts with the tag (/hashtags/:tag), the same place a tag in a post links to.
  hashtag: (h: SearchResults['hashtags'][number]) => hashtagPath(h.tag),
  course: (c: SearchResults['courses'][number]) => `/catalogue/${c.courseId}`,
};

export const resultCount = (r: SearchResults) => r.people.length + r.posts.length + r.hashtags.length + r.courses.length;
