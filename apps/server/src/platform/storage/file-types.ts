// Uploaded files checked against their bytes: each module accepts a list of types, and a type
// with a signature must start with it (a renamed .exe is no PDF). Shared by course files and chat
// attachments, so both refuse the same way.
import { AppError, invalidField } from '../http/app-error.ts';

const ZIP = [[0x50, 0x4b, 0x03, 0x04]];
/** Each known type's possible first bytes (null: any text). */
const SIGNATURES: Record<string, number[][] | null> = {
  'application/pdf': [[0x25, 0x50, 0x44, 0x46]],
  'image/png': [[0x89, 0x50, 0x4e, 0x47]],
  'image/jpeg': [[0xff, 0xd8, 0xff]],
  'image/gif': [[0x47, 0x49, 0x46, 0x38]],
  // RIFF....WEBP: the first four bytes are enough to refuse what is plainly something else.
  'image/webp': [[0x52, 0x49, 0x46, 0x46]],
  'application/zip': ZIP,
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ZIP,
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': ZIP,
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ZIP,
  'audio/mpeg': [
    [0x49, 0x44, 0x33],
    [0xff, 0xfb],
    [0xff, 0xf3],
    [0xff, 0xf2],
  ],
  'text/plain': null,
  'text/csv': null,
};
export type FileType = keyof typeof SIGNATURES;

/** Documents people hand in and share: PDF, ZIP, Office, MP3, text and CSV. */
export const DOCUMENT_TYPES: FileType[] = [
  'application/pdf',
  'application/zip',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'audio/mpeg',
  'text/plain',
  'text/csv',
];

const startsWith = (bytes: Uint8Array, signature: number[]) => signature.every((b, i) => bytes[i] === b);

/** The rules of one kind of upload: its types, its size limit, and the check (errors coded `<area>.file_…`). */
export function uploadRules(area: string, types: FileType[], maxBytes = 25 * 1024 * 1024) {
  const unsupported = () =>
    new AppError('unsupported_media', `${area}.file_type`, `file must be one of: ${types.join(', ')}`, {
      fields: [{ field: 'file', message: 'is not an accepted type' }],
    });
  return {
    types: types as string[],
    maxBytes,
    unsupported,
    /** Refuses an unknown type, empty files, and bytes that do not match their type. */
    check(body: Uint8Array, type: string) {
      if (!types.includes(type)) throw unsupported();
      if (body.length === 0) throw invalidField(`${area}.file_empty`, 'file', 'is empty');
      const signatures = SIGNATURES[type];
      if (signatures && !signatures.some((sig) => startsWith(body, sig)))
        throw invalidField(`${area}.file_not_its_type`, 'file', `does not look like ${type}`);
    },
  };
}

/** A download name that survives any header: ASCII fallback plus the UTF-8 form (RFC 6266). */
export const attachmentDisposition = (name: string) =>
  `attachment; filename="${name.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`;
