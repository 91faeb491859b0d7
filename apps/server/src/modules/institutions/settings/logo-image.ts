// Logo images: recognised by their first bytes (never by the Content-Type header), sized from their
// header before decoding (so a small file cannot unpack into gigabytes), then re-encoded as PNG.
import { createHash } from 'node:crypto';
import { AppError } from '../../../platform/http/app-error.ts';
import { decodeUpload } from '../../../platform/images/decode-upload.ts';

export const LOGO_MAX_BYTES = 2 * 1024 * 1024;
export const LOGO_MIN_SIDE = 16;
export const LOGO_MAX_SIDE = 4096;
/** The square thumbnails made of every logo; the original is kept too, at most this wide or tall. */
export const THUMBNAIL_SIZES = [64, 256] as const;
const ORIGINAL_MAX_SIDE = 1024;

export type LogoRendition = { size: '64' | '256' | 'original'; png: Uint8Array };
export type ProcessedLogo = { version: string; width: number; height: number; renditions: LogoRendition[] };

const FIELD = 'logo';

export const logoTooLarge = () =>
  new AppError('too_large', 'settings.logo_too_large', `${FIELD} must be at most 2 MB`, {
    fields: [{ field: FIELD, message: 'must be at most 2 MB' }],
  });

/** Validates and decodes an upload, and makes the PNG renditions stored for it. */
export async function processLogo(bytes: Uint8Array): Promise<ProcessedLogo> {
  if (bytes.length > LOGO_MAX_BYTES) throw logoTooLarge();
  const { image } = await decodeUpload(bytes, { field: FIELD, code: 'settings.logo', minSide: LOGO_MIN_SIDE, maxSide: LOGO_MAX_SIDE });
  const original = image.clone();
  if (Math.max(original.width, original.height) > ORIGINAL_MAX_SIDE) original.scaleToFit({ w: ORIGINAL_MAX_SIDE, h: ORIGINAL_MAX_SIDE });
  const renditions: LogoRendition[] = [{ size: 'original', png: await original.getBuffer('image/png') }];
  for (const side of THUMBNAIL_SIZES) {
    // Square-fit: the whole logo, centred, on transparent padding.
    const thumbnail = image.clone().contain({ w: side, h: side });
    renditions.push({ size: String(side) as '64' | '256', png: await thumbnail.getBuffer('image/png') });
  }
  const version = createHash('sha256')
    .update((renditions[0] as LogoRendition).png)
    .digest('hex')
    .slice(0, 16);
  return { version, width: image.width, height: image.height, renditions };
}
