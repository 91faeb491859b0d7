// "People you may know": members of your institutions and friends of your connections, ranked by
// mutual connections (3 points each) and shared institutions (2 each); never yourself, anyone you
// are connected to or have a pending request with, or anyone blocked either way.
import type { Suggestion } from '@edumatrix/contracts';
import { graphRepository } from './graph.repository.ts';
import { type SocialDeps, summaries, summaryOf } from './social.deps.ts';

/** Bounds so a huge institution cannot make one request scan everyone. */
const MAX_INSTITUTIONS = 20;
const MAX_MEMBERS_PER_INSTITUTION = 2000;
const MAX_MUTUAL_CANDIDATES = 500;

export const suggestionScore = (s: { mutual: number; shared: number }) => 3 * s.mutual + 2 * s.shared;

export function createSuggestionsService(deps: SocialDeps) {
  return {
    async suggest(userId: string, limit = 20): Promise<Suggestion[]> {
      const graph = graphRepository(deps.db);
      const [institutions, connections, blocked, outgoing, incoming, mutual] = await Promise.all([
        deps.institutionsOf(userId),
        graph.connectionIds(userId),
        graph.blockedEitherWay(userId),
        graph.listRequests(userId, 'outgoing'),
        graph.listRequests(userId, 'incoming'),
        graph.mutualCandidates(userId, MAX_MUTUAL_CANDIDATES),
      ]);
      const excluded = new Set([userId, ...connections, ...blocked, ...outgoing.map((r) => r.to_id), ...incoming.map((r) => r.from_id)]);
      const shared = new Map<string, number>();
      for (const inst of institutions.slice(0, MAX_INSTITUTIONS)) {
        for (const id of (await deps.memberIds(inst.institutionId)).slice(0, MAX_MEMBERS_PER_INSTITUTION)) {
          if (!excluded.has(id)) shared.set(id, (shared.get(id) ?? 0) + 1);
        }
      }
      const mutualOf = new Map(mutual.filter((m) => !excluded.has(m.id)).map((m) => [m.id, m.mutual]));
      // Institution peers also get their mutual counts, so both signals rank everyone.
      const missing = [...shared.keys()].filter((id) => !mutualOf.has(id));
      for (const [id, n] of await graph.mutualCounts(userId, missing.slice(0, MAX_MUTUAL_CANDIDATES))) mutualOf.set(id, n);
      const ranked = [...new Set([...shared.keys(), ...mutualOf.keys()])]
        .map((id) => ({ id, shared: shared.get(id) ?? 0, mutual: mutualOf.get(id) ?? 0 }))
        .sort((a, b) => suggestionScore(b) - suggestionScore(a) || a.id.localeCompare(b.id))
        .slice(0, limit);
      const people = await summaries(
        deps,
        ranked.map((r) => r.id),
      );
      return ranked.map((r) => ({ ...summaryOf(people, r.id), sharedInstitutions: r.shared, mutualConnections: r.mutual }));
    },
  };
}

export type SuggestionsService = ReturnType<typeof createSuggestionsService>;
