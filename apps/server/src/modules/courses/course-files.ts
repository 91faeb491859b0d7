// The files a course accepts (lesson files, assignment submissions), checked against their bytes.
import { uploadRules } from '../../platform/storage/file-types.ts';

export { attachmentDisposition } from '../../platform/storage/file-types.ts';

const rules = uploadRules('courses', [
  'application/pdf',
  'image/png',
  'image/jpeg',
  'application/zip',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'audio/mpeg',
  'text/plain',
  'text/csv',
]);

export const COURSE_FILE_MAX_BYTES = rules.maxBytes;
export const COURSE_FILE_TYPES = rules.types;
export const unsupportedFileType = rules.unsupported;
export const checkCourseFile = rules.check;
