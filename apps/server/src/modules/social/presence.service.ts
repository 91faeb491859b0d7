// Presence as people let others see it: whether someone is online and when they were last seen is
// a profile privacy level (`presence`, connections by default) decided by the same rule as every
// other field. The kernel's presence store knows who is online; this decides who may know it.
import type { FieldPrivacy, OnlineConnections } from '@edumatrix/contracts';
import type { PresenceStore } from '../../platform/realtime/presence.ts';
import { mayViewField } from './privacy.ts';
import { profilesRepository } from './profiles.repository.ts';
import { DEFAULT_PRIVACY } from './profiles.service.ts';
import { type SocialDeps, summaries, summaryOf } from './social.deps.ts';
import { loadViewer, type Viewer } from './viewer.ts';

export type PresenceDeps = SocialDeps & { presence: Pick<PresenceStore, 'get'> };

/** The online list reads at most this many connections (online first, then by last seen). */
const MAX_CONNECTIONS_READ = 5000;

export function createPresenceService(deps: PresenceDeps) {
  const profiles = profilesRepository(deps.db);

  /** Of `ownerIds` (never the viewer), those whose presence `viewer` may see. */
  async function visibleAmong(viewer: Viewer, ownerIds: string[]): Promise<Set<string>> {
    const privacies = await profiles.privacies(ownerIds);
    const levelOf = (id: string): FieldPrivacy => privacies.get(id)?.presence ?? DEFAULT_PRIVACY.presence;
    // Only people who keep it to their institutions need their memberships looked up.
    const byInstitution = ownerIds.filter((id) => levelOf(id) === 'institution' && !viewer.blocked.has(id));
    const shares = new Map(
      await Promise.all(
        byInstitution.map(
          async (id) => [id, (await deps.institutionsOf(id)).some((a) => viewer.institutionIds.has(a.institutionId))] as const,
        ),
      ),
    );
    return new Set(
      ownerIds.filter((id) =>
        mayViewField(levelOf(id), {
          self: false,
          connected: viewer.connections.has(id),
          sharesInstitution: shares.get(id) ?? false,
          blocked: viewer.blocked.has(id),
        }),
      ),
    );
  }

  return {
    /**
     * The presence filter the kernel's `GET /api/v1/presence` asks (the kernel never imports a
     * module): of `userIds`, whose presence `viewerId` may see. One's own is always visible.
     */
    async visibleTo(viewerId: string, userIds: string[]): Promise<ReadonlySet<string>> {
      const others = [...new Set(userIds)].filter((id) => id !== viewerId);
      const visible = others.length > 0 ? await visibleAmong(await loadViewer(deps, viewerId), others) : new Set<string>();
      if (userIds.includes(viewerId)) visible.add(viewerId);
      return visible;
    },

    /**
     * The viewer's connections whose presence they may see (those who hide it are left out): online
     * ones first by name, then the others by when they were last seen; `onlineCount` counts every
     * one online, also past `limit`.
     */
    async onlineConnections(viewerId: string, limit: number): Promise<OnlineConnections> {
      const viewer = await loadViewer(deps, viewerId);
      const connectionIds = [...viewer.connections].slice(0, MAX_CONNECTIONS_READ);
      const presence = await deps.presence.get([...(await visibleAmong(viewer, connectionIds))]);
      const online = presence.filter((p) => p.online);
      const offline = presence
        .filter((p) => !p.online)
        .sort((a, b) => (b.lastSeenAt ?? '').localeCompare(a.lastSeenAt ?? '') || a.userId.localeCompare(b.userId))
        .slice(0, limit);
      // Names only for who can make the page: everyone online, and the first offline ones.
      const people = await summaries(
        deps,
        [...online, ...offline].map((p) => p.userId),
      );
      const present = (p: (typeof presence)[number]) => ({ ...summaryOf(people, p.userId), online: p.online, lastSeenAt: p.lastSeenAt });
      const items = [...online.map(present).sort((a, b) => a.displayName.localeCompare(b.displayName)), ...offline.map(present)];
      return { items: items.slice(0, limit), onlineCount: online.length };
    },
  };
}

export type PresenceService = ReturnType<typeof createPresenceService>;
