// Profiles: what a person says about themselves, each field shown only to whom they chose, plus
// affiliations derived from institution membership (verified, never typed in).
import {
  DEFAULT_PRIVACY,
  type FieldPrivacy,
  type Profile,
  type ProfilePrivacy,
  type Relationship,
  type UpdateProfileBody,
} from '@edumatrix/contracts';
import { type Db, isUniqueViolation } from '../../platform/db/database.ts';
import { AppError } from '../../platform/http/app-error.ts';
import { avatarUrl } from './avatars.ts';
import { graphRepository } from './graph.repository.ts';
import { personNotFound } from './graph.service.ts';
import { mayViewField, type Relation } from './privacy.ts';
import { emptyProfile, type ProfileRow, profilesRepository } from './profiles.repository.ts';
import { relationOf } from './relations.ts';
import type { SocialDeps } from './social.deps.ts';

const dedupe = (values: string[]) => [...new Map(values.map((v) => [v.toLowerCase(), v])).values()];

export function createProfilesService(deps: SocialDeps) {
  const { db } = deps;
  const repo = profilesRepository(db);

  async function relationship(viewerId: string, ownerId: string): Promise<Relationship> {
    const graph = graphRepository(db);
    const [following, followsYou, connected, pending, block, muted] = await Promise.all([
      graph.isFollowing(viewerId, ownerId),
      graph.isFollowing(ownerId, viewerId),
      graph.isConnected(viewerId, ownerId),
      graph.pendingBetween(viewerId, ownerId),
      graph.blockState(viewerId, ownerId),
      graph.isMuted(viewerId, ownerId),
    ]);
    return {
      following,
      followsYou,
      connected,
      pendingRequest: pending ? (pending.from_id === viewerId ? 'sent' : 'received') : null,
      pendingRequestId: pending?.id ?? null,
      blocked: block.aBlockedB,
      muted,
    };
  }

  /** The profile as `rel` lets its viewer see it: fields they may not see are left out. */
  async function present(ownerId: string, row: ProfileRow, rel: Relation, viewerId: string): Promise<Profile> {
    const privacy = { ...DEFAULT_PRIVACY, ...row.privacy };
    const may = (field: keyof ProfilePrivacy) => mayViewField(privacy[field] as FieldPrivacy, rel);
    const [names, counts] = await Promise.all([deps.displayNames([ownerId]), graphRepository(db).counts(ownerId)]);
    const profile: Profile = {
      userId: ownerId,
      displayName: names.get(ownerId) ?? '(deleted user)',
      handle: row.handle,
      avatarUrl: avatarUrl(ownerId, row.avatar_version ?? null),
      ...counts,
    };
    if (may('headline')) profile.headline = row.headline;
    if (may('bio')) profile.bio = row.bio;
    if (may('skills')) profile.skills = row.skills;
    if (may('interests')) profile.interests = row.interests;
    if (may('affiliations')) profile.affiliations = await deps.institutionsOf(ownerId);
    if (rel.self) profile.privacy = privacy;
    else profile.relationship = await relationship(viewerId, ownerId);
    return profile;
  }

  const SELF: Relation = { self: true, connected: false, sharesInstitution: true, blocked: false };

  return {
    /**
     * For other modules (chat, notifications): people's profile picture URLs, null without one.
     * `executor`: the caller's transaction, for a caller inside one (one connection on PGlite).
     */
    async avatarUrls(userIds: string[], executor: Db = db): Promise<Map<string, string | null>> {
      const cards = await profilesRepository(executor).cards([...new Set(userIds)]);
      return new Map([...cards].map(([id, card]) => [id, avatarUrl(id, card.avatarVersion)]));
    },

    async mine(userId: string): Promise<Profile> {
      return present(userId, (await repo.find(userId)) ?? emptyProfile(userId), SELF, userId);
    },

    async update(userId: string, body: UpdateProfileBody): Promise<Profile> {
      const current = (await repo.find(userId)) ?? emptyProfile(userId);
      const next: ProfileRow = {
        ...current,
        ...(body.handle !== undefined ? { handle: body.handle } : {}),
        ...(body.headline !== undefined ? { headline: body.headline } : {}),
        ...(body.bio !== undefined ? { bio: body.bio } : {}),
        ...(body.skills ? { skills: dedupe(body.skills) } : {}),
        ...(body.interests ? { interests: dedupe(body.interests) } : {}),
        privacy: { ...current.privacy, ...body.privacy },
      };
      try {
        await repo.upsert(next);
      } catch (err) {
        if (isUniqueViolation(err)) {
          throw new AppError('conflict', 'social.handle_taken', 'handle is already taken', {
            fields: [{ field: 'handle', message: 'is already taken' }],
          });
        }
        throw err;
      }
      return this.mine(userId);
    },

    /** Someone's profile as the viewer may see it; 404 for unknown people and for anyone they blocked. */
    async view(viewerId: string, ownerId: string): Promise<Profile> {
      if (viewerId === ownerId) return this.mine(viewerId);
      if (!(await deps.displayNames([ownerId])).has(ownerId)) throw personNotFound();
      const rel = await relationOf(deps, viewerId, ownerId);
      const block = await graphRepository(db).blockState(viewerId, ownerId);
      if (block.bBlockedA) throw personNotFound();
      return present(ownerId, (await repo.find(ownerId)) ?? emptyProfile(ownerId), rel, viewerId);
    },
  };
}

export type ProfilesService = ReturnType<typeof createProfilesService>;
