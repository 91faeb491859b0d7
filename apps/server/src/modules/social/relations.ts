// How a viewer stands to another person: the input of every privacy and block decision.
import { graphRepository } from './graph.repository.ts';
import type { Relation } from './privacy.ts';
import type { SocialDeps } from './social.deps.ts';

export async function relationOf(deps: SocialDeps, viewerId: string, ownerId: string): Promise<Relation> {
  if (viewerId === ownerId) return { self: true, connected: false, sharesInstitution: true, blocked: false };
  const graph = graphRepository(deps.db);
  const [block, connected, mine, theirs] = await Promise.all([
    graph.blockState(viewerId, ownerId),
    graph.isConnected(viewerId, ownerId),
    deps.institutionsOf(viewerId),
    deps.institutionsOf(ownerId),
  ]);
  const my = new Set(mine.map((a) => a.institutionId));
  return {
    self: false,
    connected,
    sharesInstitution: theirs.some((a) => my.has(a.institutionId)),
    blocked: block.aBlockedB || block.bBlockedA,
  };
}
