// "People you may know": classmates, fellow learners of your courses, members of your institutions
// and friends of your connections, ranked by shared classes (4 points each), mutual connections and
// shared courses (3 each) and shared institutions (2 each); never yourself, anyone you are
// connected to or have a pending request with, or anyone blocked either way.
import type { Suggestion } from '@edumatrix/contracts';
import { graphRepository } from './graph.repository.ts';
import { type SocialDeps, summaries, summaryOf } from './social.deps.ts';

/** Bounds so a huge institution cannot make one request scan everyone. */
const MAX_INSTITUTIONS = 20;
const MAX_MEMBERS_PER_INSTITUTION = 2000;
const MAX_MUTUAL_CANDIDATES = 500;

type Signals = { mutual: number; shared: number; classes: number; courses: number };
export const suggestionScore = (s: Signals) => 4 * s.classes + 3 * s.mutual + 3 * s.courses + 2 * s.shared;

export function createSuggestionsService(deps: SocialDeps) {
  return {
    async suggest(userId: string, limit = 20): Promise<Suggestion[]> {
      const graph = graphRepository(deps.db);
      const [institutions, connections, blocked, outgoing, incoming, mutual, learning] = await Promise.all([
        deps.institutionsOf(userId),
        graph.connectionIds(userId),
        graph.blockedEitherWay(userId),
        graph.listRequests(userId, 'outgoing'),
        graph.listRequests(userId, 'incoming'),
        graph.mutualCandidates(userId, MAX_MUTUAL_CANDIDATES),
        deps.sharedLearning?.(userId) ?? new Map<string, { classes: number; courses: number }>(),
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
      const learners = [...learning.keys()].filter((id) => !excluded.has(id));
      const ranked = [...new Set([...shared.keys(), ...mutualOf.keys(), ...learners])]
        .map((id) => ({
          id,
          shared: shared.get(id) ?? 0,
          mutual: mutualOf.get(id) ?? 0,
          classes: learning.get(id)?.classes ?? 0,
          courses: learning.get(id)?.courses ?? 0,
        }))
        .sort((a, b) => suggestionScore(b) - suggestionScore(a) || a.id.localeCompare(b.id))
        .slice(0, limit);
      const people = await summaries(
        deps,
        ranked.map((r) => r.id),
      );
      return ranked.map((r) => ({
        ...summaryOf(people, r.id),
        sharedInstitutions: r.shared,
        sharedClasses: r.classes,
        sharedCourses: r.courses,
        mutualConnections: r.mutual,
      }));
    },
  };
}

export type SuggestionsService = ReturnType<typeof createSuggestionsService>;
