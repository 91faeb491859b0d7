// The files a course accepts (lesson files, assignment submissions), checked against their bytes.
import { DOCUMENT_TYPES, uploadRules } from '../../platform/storage/file-types.ts';

export { attachmentDisposition } from '../../platform/storage/file-types.ts';

const rules = uploadRules('courses', ['image/png', 'image/jpeg', ...DOCUMENT_TYPES]);

export const COURSE_FILE_MAX_BYTES = rules.maxBytes;
export const COURSE_FILE_TYPES = rules.types;
export const unsupportedFileType = rules.unsupported;
export const checkCourseFile = rules.check;
