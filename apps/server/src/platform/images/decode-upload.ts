// The checks every uploaded image goes through before it is decoded (logos, profile pictures, post
// images): not empty, a PNG or JPEG by its bytes, sides within bounds read from the header (so a
// small file cannot unpack into gigabytes), then decoded. Each failure is a problem naming `field`,
// with codes `<code>_required | _type | _undecodable | _dimensions`.
import { Jimp } from 'jimp';
import { AppError, invalidField } from '../http/app-error.ts';
import { imageDimensions, sniffImageType } from './image-bytes.ts';

/** Decoding takes 4 bytes a pixel, on the main thread: 40 million pixels is 160 MB at most. */
const MAX_PIXELS = 40_000_000;

export type DecodedImage = { image: Awaited<ReturnType<typeof Jimp.read>>; type: 'png' | 'jpeg' };
export type UploadRules = { field: string; code: string; minSide: number; maxSide: number };

export const notPngOrJpeg = ({ field, code }: Pick<UploadRules, 'field' | 'code'>) =>
  new AppError('unsupported_media', `${code}_type`, `${field} must be a PNG or JPEG image`, {
    fields: [{ field, message: 'must be a PNG or JPEG image' }],
  });

export async function decodeUpload(bytes: Uint8Array, rules: UploadRules): Promise<DecodedImage> {
  const { field, code, minSide, maxSide } = rules;
  if (bytes.length === 0) throw invalidField(`${code}_required`, field, 'is required: send the image as the request body');
  const type = sniffImageType(bytes);
  if (!type) throw notPngOrJpeg(rules);
  const size = imageDimensions(bytes, type);
  if (!size) throw invalidField(`${code}_undecodable`, field, 'could not be read as an image');
  if (size.width * size.height > MAX_PIXELS)
    throw invalidField(
      `${code}_dimensions`,
      field,
      `must have at most ${MAX_PIXELS / 1_000_000} million pixels (this one is ${size.width}×${size.height})`,
    );
  if (Math.min(size.width, size.height) < minSide || Math.max(size.width, size.height) > maxSide)
    throw invalidField(
      `${code}_dimensions`,
      field,
      `must be between ${minSide} and ${maxSide} pixels on each side (this one is ${size.width}×${size.height})`,
    );
  try {
    return { image: await Jimp.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)), type };
  } catch (cause) {
    throw new AppError('invalid', `${code}_undecodable`, `${field} could not be read as an image`, {
      fields: [{ field, message: 'could not be read as an image' }],
      cause,
    });
  }
}
