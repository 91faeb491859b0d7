// Everything about a viewer that decides which posts they may see, loaded once per request.
import { graphRepository } from './graph.repository.ts';
import type { PostRow } from './posts.repository.ts';
import { mayViewPost } from './privacy.ts';
import type { SocialDeps } from './social.deps.ts';

export type Viewer = {
  id: string;
  connections: ReadonlySet<string>;
  /** Blocked by or blocking the viewer. */
  blocked: ReadonlySet<string>;
  institutionIds: ReadonlySet<string>;
};

export async function loadViewer(deps: SocialDeps, userId: string): Promise<Viewer> {
  const graph = graphRepository(deps.db);
  const [connections, blocked, institutions] = await Promise.all([
    graph.connectionIds(userId),
    graph.blockedEitherWay(userId),
    deps.institutionsOf(userId),
  ]);
  return {
    id: userId,
    connections: new Set(connections),
    blocked: new Set(blocked),
    institutionIds: new Set(institutions.map((a) => a.institutionId)),
  };
}

export function canView(viewer: Viewer, post: Pick<PostRow, 'author_id' | 'visibility' | 'institution_id' | 'deleted_at'>): boolean {
  return mayViewPost(
    { visibility: post.visibility, institutionId: post.institution_id, deleted: post.deleted_at !== null },
    {
      isAuthor: post.author_id === viewer.id,
      blocked: viewer.blocked.has(post.author_id),
      connected: viewer.connections.has(post.author_id),
      institutionIds: viewer.institutionIds,
    },
  );
}
