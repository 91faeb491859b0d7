// Images in posts: PNG or JPEG recognised by their bytes, sized from their header before decoding,
// then re-encoded (which also drops EXIF metadata such as a phone's GPS position) at most 1600 px
// a side. Stored through the storage port; readable by whoever may see the post they belong to
// (before that, by their uploader only).
import type { PostImage } from '@edumatrix/contracts';
import { sql } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { type Db, rowsOf } from '../../platform/db/database.ts';
import { invalidField, notFound } from '../../platform/http/app-error.ts';
import { decodeUpload } from '../../platform/images/decode-upload.ts';
import type { Storage } from '../../platform/storage/storage.ts';

export const POST_IMAGE_MAX_BYTES = 8 * 1024 * 1024;
const MAX_SIDE = 8000;
const STORED_MAX_SIDE = 1600;
export const POST_IMAGE_TYPES = ['image/png', 'image/jpeg'];

type ImageRow = { id: string; owner_id: string; post_id: string | null; key: string; type: string; width: number; height: number };

const imageNotFound = () => notFound('social.image_not_found', 'Image');
export const presentImage = (r: Pick<ImageRow, 'id' | 'width' | 'height'>): PostImage => ({
  id: r.id,
  width: r.width,
  height: r.height,
  url: `/api/v1/post-images/${r.id}`,
});

/** Checks and re-encodes an upload: the bytes to store, their type and size. */
async function processImage(bytes: Uint8Array) {
  const { image, type } = await decodeUpload(bytes, { field: 'file', code: 'social.image', minSide: 1, maxSide: MAX_SIDE });
  if (Math.max(image.width, image.height) > STORED_MAX_SIDE) image.scaleToFit({ w: STORED_MAX_SIDE, h: STORED_MAX_SIDE });
  const out = type === 'png' ? await image.getBuffer('image/png') : await image.getBuffer('image/jpeg', { quality: 85 });
  return { bytes: out, type: `image/${type}`, width: image.width, height: image.height };
}

export function createPostImages(deps: { db: Db; storage: Storage }) {
  return {
    async upload(userId: string, bytes: Uint8Array): Promise<PostImage> {
      const image = await processImage(bytes);
      const id = uuidv7();
      const key = `social/post-images/${userId}/${id}`;
      await deps.storage.put(key, image.bytes, image.type);
      try {
        await sql`insert into social.post_images (id, owner_id, key, type, width, height)
          values (${id}, ${userId}, ${key}, ${image.type}, ${image.width}, ${image.height})`.execute(deps.db);
      } catch (err) {
        await deps.storage.delete(key);
        throw err;
      }
      return presentImage({ id, width: image.width, height: image.height });
    },

    /** The image's row, for the post check of whoever asks. */
    async row(imageId: string): Promise<ImageRow> {
      const [row] = await rowsOf<ImageRow>(
        deps.db,
        sql`select id, owner_id, post_id, key, type, width, height from social.post_images where id = ${imageId}`,
      );
      if (!row) throw imageNotFound();
      return row;
    },

    async bytes(row: ImageRow) {
      const stored = await deps.storage.get(row.key);
      if (!stored) throw imageNotFound();
      return { bytes: stored.bytes, type: row.type };
    },

    imageNotFound,
  };
}

/** Attaches the uploader's unattached images to a new post, in the order given (inside its transaction). */
export async function attachImages(trx: Db, userId: string, postId: string, imageIds: string[]) {
  for (const [position, id] of imageIds.entries()) {
    const done = await rowsOf(
      trx,
      sql`update social.post_images set post_id = ${postId}, position = ${position}
        where id = ${id} and owner_id = ${userId} and post_id is null returning id`,
    );
    if (!done.length) throw invalidField('social.image_not_found', `imageIds.${position}`, 'is not an image you uploaded for a new post');
  }
}

/** The images of these posts, in order, by post id. */
export async function imagesOf(db: Db, postIds: string[]): Promise<Map<string, PostImage[]>> {
  const byPost = new Map<string, PostImage[]>();
  if (!postIds.length) return byPost;
  const rows = await rowsOf<ImageRow>(
    db,
    sql`select id, post_id, width, height from social.post_images where post_id = any(${sql`array[${sql.join(postIds)}]::uuid[]`})
      order by post_id, position`,
  );
  for (const r of rows) byPost.set(r.post_id as string, [...(byPost.get(r.post_id as string) ?? []), presentImage(r)]);
  return byPost;
}
