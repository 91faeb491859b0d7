// Logo images: recognised by their first bytes (never by the Content-Type header), sized from their
// header before decoding (so a small file cannot unpack into gigabytes), then re-encoded as PNG.
import { createHash } from 'node:crypto';
import { Jimp } from 'jimp';
import { AppError, invalidField } from '../../../platform/http/app-error.ts';

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

const unsupported = () =>
  new AppError('unsupported_media', 'settings.logo_type', `${FIELD} must be a PNG or JPEG image`, {
    fields: [{ field: FIELD, message: 'must be a PNG or JPEG image' }],
  });

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

export function sniffImageType(bytes: Uint8Array): 'png' | 'jpeg' | null {
  if (PNG_SIGNATURE.every((b, i) => bytes[i] === b)) return 'png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  return null;
}

/** Width and height from the PNG IHDR chunk or the JPEG start-of-frame segment; null if not found. */
export function imageDimensions(bytes: Uint8Array, type: 'png' | 'jpeg'): { width: number; height: number } | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (type === 'png') {
    if (bytes.length < 24 || String.fromCharCode(...bytes.subarray(12, 16)) !== 'IHDR') return null;
    return { width: view.getUint32(16), height: view.getUint32(20) };
  }
  let at = 2;
  while (at + 9 < bytes.length) {
    if (bytes[at] !== 0xff) return null;
    const marker = bytes[at + 1] as number;
    // SOF0–SOF15 carry the frame size; C4 (Huffman tables), C8 and CC (arithmetic coding) do not.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: view.getUint16(at + 5), width: view.getUint16(at + 7) };
    }
    at += 2 + view.getUint16(at + 2);
  }
  return null;
}

/** Validates and decodes an upload, and makes the PNG renditions stored for it. */
export async function processLogo(bytes: Uint8Array): Promise<ProcessedLogo> {
  if (bytes.length === 0) throw invalidField('settings.logo_required', FIELD, 'is required: send the image as the request body');
  if (bytes.length > LOGO_MAX_BYTES) throw logoTooLarge();
  const type = sniffImageType(bytes);
  if (!type) throw unsupported();
  const size = imageDimensions(bytes, type);
  if (!size) throw invalidField('settings.logo_undecodable', FIELD, 'could not be read as an image');
  if (Math.min(size.width, size.height) < LOGO_MIN_SIDE || Math.max(size.width, size.height) > LOGO_MAX_SIDE) {
    throw invalidField(
      'settings.logo_dimensions',
      FIELD,
      `must be between ${LOGO_MIN_SIDE} and ${LOGO_MAX_SIDE} pixels on each side (this one is ${size.width}×${size.height})`,
    );
  }
  let image: Awaited<ReturnType<typeof Jimp.read>>;
  try {
    image = await Jimp.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  } catch (cause) {
    throw new AppError('invalid', 'settings.logo_undecodable', `${FIELD} could not be read as an image`, {
      fields: [{ field: FIELD, message: 'could not be read as an image' }],
      cause,
    });
  }
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
