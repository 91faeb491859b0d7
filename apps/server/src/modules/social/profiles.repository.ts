// SQL for profiles. A user without a row has the default (empty) profile.
import type { ProfilePrivacy } from '@edumatrix/contracts';
import type { Db } from '../../platform/db/database.ts';

export type ProfileRow = {
  user_id: string;
  handle: string | null;
  headline: string;
  bio: string;
  skills: string[];
  interests: string[];
  privacy: Partial<ProfilePrivacy>;
  /** Set only by the picture's own upload and removal (avatars.ts), never by upsert. */
  avatar_version?: string | null;
};

export const emptyProfile = (userId: string): ProfileRow => ({
  user_id: userId,
  handle: null,
  headline: '',
  bio: '',
  skills: [],
  interests: [],
  privacy: {},
});

export function profilesRepository(db: Db) {
  return {
    async find(userId: string): Promise<ProfileRow | undefined> {
      return (await db.selectFrom('social.profiles').selectAll().where('user_id', '=', userId).executeTakeFirst()) as
        | ProfileRow
        | undefined;
    },
    async upsert({ avatar_version: _picture, ...row }: ProfileRow): Promise<void> {
      const values = {
        ...row,
        skills: JSON.stringify(row.skills),
        interests: JSON.stringify(row.interests),
        privacy: JSON.stringify(row.privacy),
        updated_at: new Date(),
      };
      await db
        .insertInto('social.profiles')
        .values(values)
        .onConflict((oc) => oc.column('user_id').doUpdateSet(values))
        .execute();
    },
    /** What person summaries show besides the name: the handle and the picture's version. */
    async cards(userIds: string[]): Promise<Map<string, { handle: string | null; avatarVersion: string | null }>> {
      if (userIds.length === 0) return new Map();
      const rows = await db
        .selectFrom('social.profiles')
        .select(['user_id', 'handle', 'avatar_version'])
        .where('user_id', 'in', userIds)
        .execute();
      return new Map(
        rows.map((r) => [r.user_id as string, { handle: r.handle as string | null, avatarVersion: r.avatar_version as string | null }]),
      );
    },
    /** Headlines with the privacy level each is kept at. */
    async headlines(userIds: string[]): Promise<Map<string, { headline: string; privacy: Partial<ProfilePrivacy> }>> {
      if (userIds.length === 0) return new Map();
      const rows = await db
        .selectFrom('social.profiles')
        .select(['user_id', 'headline', 'privacy'])
        .where('user_id', 'in', userIds)
        .execute();
      return new Map(
        rows.map((r) => [r.user_id as string, { headline: r.headline as string, privacy: r.privacy as Partial<ProfilePrivacy> }]),
      );
    },
    /** The privacy settings people chose (absent: none chosen, so all defaults). */
    async privacies(userIds: string[]): Promise<Map<string, Partial<ProfilePrivacy>>> {
      if (userIds.length === 0) return new Map();
      const rows = await db.selectFrom('social.profiles').select(['user_id', 'privacy']).where('user_id', 'in', userIds).execute();
      return new Map(rows.map((r) => [r.user_id as string, r.privacy as Partial<ProfilePrivacy>]));
    },
    async idsByHandle(handles: string[]): Promise<Map<string, string>> {
      if (handles.length === 0) return new Map();
      const rows = await db.selectFrom('social.profiles').select(['user_id', 'handle']).where('handle', 'in', handles).execute();
      return new Map(rows.map((r) => [r.handle as string, r.user_id as string]));
    },
  };
}
