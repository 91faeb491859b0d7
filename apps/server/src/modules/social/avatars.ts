// Profile pictures: recognised by their bytes, sized from their header before decoding, cropped to
// a centred square and re-encoded (dropping metadata such as a phone's GPS position) at one size.
// Each upload gets a random version in its URL, so the file is served without a session (an <img>
// cannot send a bearer token) with a year of caching, and a new picture is a new URL. A picture is
// public like a name, so people can be recognised; removing it is always possible.
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { recordAudit } from '../../platform/audit/audit.ts';
import { type Db, rowsOf } from '../../platform/db/database.ts';
import { AppError, notFound } from '../../platform/http/app-error.ts';
import { decodeUpload } from '../../platform/images/decode-upload.ts';
import type { Storage, StoredObject } from '../../platform/storage/storage.ts';

export const AVATAR_MAX_BYTES = 5 * 1024 * 1024;
/** Shown at most 96 px wide, so 192 px is sharp on a double-density screen. */
export const AVATAR_SIDE = 192;
const MIN_SIDE = 32;
/** Decoding takes 4 bytes a pixel: a picture shown at 192 px needs no more than this. */
const MAX_SIDE = 4096;
const FIELD = 'avatar';

export const avatarUrl = (userId: string, version: string | null) => (version ? `/api/v1/avatars/${userId}/${version}` : null);
const avatarKey = (userId: string, version: string) => `social/avatars/${userId}/${version}.png`;

export const avatarTooLarge = () =>
  new AppError('too_large', 'social.avatar_too_large', `${FIELD} must be at most 5 MB`, {
    fields: [{ field: FIELD, message: 'must be at most 5 MB' }],
  });

async function processAvatar(bytes: Uint8Array): Promise<Uint8Array> {
  if (bytes.length > AVATAR_MAX_BYTES) throw avatarTooLarge();
  const { image } = await decodeUpload(bytes, { field: FIELD, code: 'social.avatar', minSide: MIN_SIDE, maxSide: MAX_SIDE });
  return image.cover({ w: AVATAR_SIDE, h: AVATAR_SIDE }).getBuffer('image/png');
}

const currentVersion = async (db: Db, userId: string, lock = false) =>
  (
    await rowsOf<{ avatar_version: string | null }>(
      db,
      sql`select avatar_version from social.profiles where user_id = ${userId} ${lock ? sql`for update` : sql``}`,
    )
  )[0]?.avatar_version ?? null;

export function createAvatars(deps: { db: Db; storage: Storage; onCleanupError?(err: unknown): void }) {
  const removeFile = (userId: string, version: string) =>
    deps.storage.delete(avatarKey(userId, version)).catch((err: unknown) => deps.onCleanupError?.(err));

  return {
    /** Stores the file first, then points the profile at it: a failure leaves no broken picture. */
    async upload(userId: string, bytes: Uint8Array): Promise<{ avatarUrl: string }> {
      const png = await processAvatar(bytes);
      // Hex: storage keys allow no segment starting with '-', which base64url could produce.
      const version = randomBytes(12).toString('hex');
      await deps.storage.put(avatarKey(userId, version), png, 'image/png');
      const previous = await deps.db.transaction().execute(async (trx) => {
        await sql`insert into social.profiles (user_id) values (${userId}) on conflict (user_id) do nothing`.execute(trx);
        const before = await currentVersion(trx, userId, true);
        await sql`update social.profiles set avatar_version = ${version}, updated_at = now() where user_id = ${userId}`.execute(trx);
        await recordAudit(trx, { action: 'social.avatar_updated', targetType: 'user', targetId: userId });
        return before;
      });
      if (previous) void removeFile(userId, previous);
      return { avatarUrl: avatarUrl(userId, version) as string };
    },

    /** Idempotent: removing a picture that is not there changes nothing. */
    async remove(userId: string): Promise<void> {
      const previous = await deps.db.transaction().execute(async (trx) => {
        const before = await currentVersion(trx, userId, true);
        if (!before) return null;
        await sql`update social.profiles set avatar_version = null, updated_at = now() where user_id = ${userId}`.execute(trx);
        await recordAudit(trx, { action: 'social.avatar_removed', targetType: 'user', targetId: userId });
        return before;
      });
      if (previous) void removeFile(userId, previous);
    },

    /** The current picture, only under its current version (an old or made-up URL is 404). */
    async read(userId: string, version: string): Promise<StoredObject> {
      const file = (await currentVersion(deps.db, userId)) === version ? await deps.storage.get(avatarKey(userId, version)) : null;
      if (!file) throw notFound('social.avatar_not_found', 'Picture');
      return file;
    },
  };
}

export type Avatars = ReturnType<typeof createAvatars>;
