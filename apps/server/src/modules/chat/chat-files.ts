// The files a chat accepts: the course-file types plus the images a chat needs (GIF, WebP),
// checked against their bytes. At most 25 MB.
import { DOCUMENT_TYPES, uploadRules } from '../../platform/storage/file-types.ts';

export { attachmentDisposition } from '../../platform/storage/file-types.ts';

const rules = uploadRules('chat', ['image/png', 'image/jpeg', 'image/gif', 'image/webp', ...DOCUMENT_TYPES]);

export const CHAT_FILE_MAX_BYTES = rules.maxBytes;
export const CHAT_FILE_TYPES = rules.types;
export const unsupportedChatFile = rules.unsupported;
export const checkChatFile = rules.check;
