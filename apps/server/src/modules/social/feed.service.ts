// The home feed and a person's timeline: pages cut by id (stable cursors), ranked inside the page.
import type { FeedQuery, Page, Post } from '@edumatrix/contracts';
import { decodeCursor, encodeCursor } from '../../platform/http/cursor.ts';
import { feedRows, taggedRows } from './feed.repository.ts';
import { graphRepository } from './graph.repository.ts';
import { personNotFound } from './graph.service.ts';
import { presentPosts } from './posts.present.ts';
import { rankPage } from './ranking.ts';
import type { SocialDeps } from './social.deps.ts';
import { loadViewer } from './viewer.ts';

type Query = { cursor?: string | undefined; limit: number };

export function createFeedService(deps: SocialDeps) {
  async function page(userId: string, query: Query, authorId?: string): Promise<Page<Post>> {
    const viewer = await loadViewer(deps, userId);
    const rows = await feedRows(deps.db, {
      viewerId: userId,
      institutionIds: [...viewer.institutionIds],
      beforeId: query.cursor ? decodeCursor(query.cursor) : null,
      limit: query.limit + 1,
      ...(authorId ? { authorId } : {}),
    });
    const pageRows = rows.slice(0, query.limit);
    // The cursor is the oldest post of the page, whatever order ranking shows them in.
    const last = pageRows.at(-1);
    const nextCursor = rows.length > query.limit && last ? encodeCursor(last.id) : null;
    const posts = await presentPosts(deps, viewer, pageRows);
    const ranked = authorId
      ? posts
      : rankPage(posts, (p) => ({
          fromConnection: viewer.connections.has(p.author.userId),
          reactions: Object.values(p.reactions).reduce((a, b) => a + b, 0),
          comments: p.commentCount,
        }));
    return { items: ranked, nextCursor };
  }

  return {
    feed: (userId: string, query: FeedQuery & Query) => page(userId, query),

    /** Posts with a hashtag that the viewer may see, newest first (from the search's tag rows). */
    async tagged(userId: string, tag: string, query: Query): Promise<Page<Post>> {
      const viewer = await loadViewer(deps, userId);
      const rows = await taggedRows(deps.db, {
        tag: tag.toLowerCase().replace(/^#/, ''),
        viewerId: userId,
        connections: [...viewer.connections],
        institutionIds: [...viewer.institutionIds],
        hidden: [...viewer.blocked],
        beforeId: query.cursor ? decodeCursor(query.cursor) : null,
        limit: query.limit + 1,
      });
      const pageRows = rows.slice(0, query.limit);
      const last = pageRows.at(-1);
      return {
        items: await presentPosts(deps, viewer, pageRows),
        nextCursor: rows.length > query.limit && last ? encodeCursor(last.id) : null,
      };
    },

    /** One person's posts that the viewer may see, newest first (404 if they blocked the viewer). */
    async timeline(userId: string, authorId: string, query: Query): Promise<Page<Post>> {
      if (!(await deps.displayNames([authorId])).has(authorId)) throw personNotFound();
      const block = await graphRepository(deps.db).blockState(userId, authorId);
      if (block.bBlockedA) throw personNotFound();
      if (block.aBlockedB) return { items: [], nextCursor: null };
      return page(userId, query, authorId);
    },
  };
}

export type FeedService = ReturnType<typeof createFeedService>;
