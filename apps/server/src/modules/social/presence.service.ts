// Presence as people let others see it: whether someone is online and when they were last seen is
// a profile privacy level (`presence`, connections by default) decided by the same rule as every
// other field. The kernel's presence store knows who is online; this decides who may know it.
import { DEFAULT_PRIVACY, type FieldPrivacy, type OnlineConnections } from '@edumatrix/contracts';
import type { PresenceStore } from '../../platform/realtime/presence.ts';
import { mayViewField } from './privacy.ts';
import { profilesRepository } from './profiles.repository.ts';
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
    // Only people who keep it to their institutions need a membership check: the members of the
    // viewer's (few) institutions are read once, not each person's memberships.
    const byInstitution = ownerIds.some((id) => levelOf(id) === 'institution' && !viewer.blocked.has(id));
    const colleagues = new Set(byInstitution ? (await Promise.all([...viewer.institutionIds].map((id) => deps.memberIds(id)))).flat() : []);
    return new Set(
      ownerIds.filter((id) =>
        mayViewField(levelOf(id), {
          self: false,
          connected: viewer.connections.has(id),
          sharesInstitution: colleagues.has(id),
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
     * The viewer's connections whose presence they may see and who have been seen (those who hide
     * it, or never came online, are left out alike): online ones first by name, then the others by
     * when they were last seen; `onlineCount` counts every one online, also past `limit`.
     */
    async onlineConnections(viewerId: string, limit: number): Promise<OnlineConnections> {
      const viewer = await loadViewer(deps, viewerId);
      const connectionIds = [...viewer.connections].slice(0, MAX_CONNECTIONS_READ);
      // Never-seen people are left out like hidden ones, so the list cannot tell who hides.
      const presence = (await deps.presence.get([...(await visibleAmong(viewer, connectionIds))])).filter(
        (p) => p.online || p.lastSeenAt !== null,
      );
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
