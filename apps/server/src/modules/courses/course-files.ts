// The files a course accepts (lesson files, assignment submissions): the types, the size limit,
// and the check that the bytes are what the type says (a renamed .exe is no PDF).
import { AppError, invalidField } from '../../platform/http/app-error.ts';

export const COURSE_FILE_MAX_BYTES = 25 * 1024 * 1024;

/** Types with a signature must start with one of its byte sequences. */
const TYPES: Record<string, number[][] | null> = {
  'application/pdf': [[0x25, 0x50, 0x44, 0x46]],
  'image/png': [[0x89, 0x50, 0x4e, 0x47]],
  'image/jpeg': [[0xff, 0xd8, 0xff]],
  'application/zip': [[0x50, 0x4b, 0x03, 0x04]],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': [[0x50, 0x4b, 0x03, 0x04]],
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': [[0x50, 0x4b, 0x03, 0x04]],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': [[0x50, 0x4b, 0x03, 0x04]],
  'audio/mpeg': [
    [0x49, 0x44, 0x33],
    [0xff, 0xfb],
    [0xff, 0xf3],
    [0xff, 0xf2],
  ],
  'text/plain': null,
  'text/csv': null,
};
export const COURSE_FILE_TYPES = Object.keys(TYPES);

export const unsupportedFileType = () =>
  new AppError('unsupported_media', 'courses.file_type', `file must be one of: ${COURSE_FILE_TYPES.join(', ')}`, {
    fields: [{ field: 'file', message: 'is not an accepted type' }],
  });

const startsWith = (bytes: Uint8Array, signature: number[]) => signature.every((b, i) => bytes[i] === b);

/** Refuses an unknown type, bytes that do not match their type, and empty files. */
export function checkCourseFile(body: Uint8Array, type: string) {
  const signatures = TYPES[type];
  if (signatures === undefined) throw unsupportedFileType();
  if (body.length === 0) throw invalidField('courses.file_empty', 'file', 'is empty');
  if (signatures && !signatures.some((sig) => startsWith(body, sig)))
    throw invalidField('courses.file_not_its_type', 'file', `does not look like ${type}`);
}

/** A download name that survives any header: ASCII fallback plus the UTF-8 form (RFC 6266). */
export const attachmentDisposition = (name: string) =>
  `attachment; filename="${name.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`;
