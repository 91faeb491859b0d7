// The file of a file lesson: uploaded by the course's editors through the storage port, downloaded
// by whoever may read the lesson.
import { uuidv7 } from 'uuidv7';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { Db } from '../../platform/db/database.ts';
import { AppError, invalidField, notFound } from '../../platform/http/app-error.ts';
import type { Storage } from '../../platform/storage/storage.ts';
import type { TenantContext } from '../../platform/tenancy/tenancy.ts';
import { checkCourseFile } from './course-files.ts';
import { coursesRepository } from './courses.repository.ts';
import type { CoursesService } from './courses.service.ts';
import { lockStateOf } from './paths.service.ts';

export type LessonFilesService = ReturnType<typeof createLessonFilesService>;

export function createLessonFilesService(deps: { db: Db; storage: Storage; courses: CoursesService }) {
  const lessonNotFound = () => notFound('courses.lesson_not_found', 'Lesson');

  async function lessonOf(tenant: TenantContext, courseId: string, lessonId: string) {
    const lesson = await coursesRepository(deps.db, tenant.schema).lesson(lessonId);
    if (!lesson || lesson.course_id !== courseId) throw lessonNotFound();
    return lesson;
  }

  return {
    async upload(tenant: TenantContext, userId: string, courseId: string, lessonId: string, body: Buffer, type: string, name: string) {
      await deps.courses.editable(tenant, userId, courseId);
      const lesson = await lessonOf(tenant, courseId, lessonId);
      if (lesson.kind !== 'file') throw invalidField('courses.not_a_file_lesson', 'kind', 'must be file to hold an upload');
      checkCourseFile(body, type);
      const key = `courses/${tenant.institutionId}/${courseId}/${lessonId}/${uuidv7()}`;
      await deps.storage.put(key, body, type);
      try {
        await deps.db.transaction().execute(async (trx) => {
          await coursesRepository(trx, tenant.schema).setLessonFile(lessonId, { key, name, type, size: body.length });
          await recordAudit(trx, {
            action: 'course.lesson_file_uploaded',
            targetType: 'course',
            targetId: courseId,
            institutionId: tenant.institutionId,
            after: { lessonId, name, type, size: body.length },
          });
        });
      } catch (err) {
        await deps.storage.delete(key);
        throw err;
      }
      // The old file goes once the new one is recorded.
      if (lesson.file_key) await deps.storage.delete(lesson.file_key);
      return { name, type, size: body.length };
    },

    async remove(tenant: TenantContext, userId: string, courseId: string, lessonId: string) {
      await deps.courses.editable(tenant, userId, courseId);
      const lesson = await lessonOf(tenant, courseId, lessonId);
      await deps.db.transaction().execute(async (trx) => {
        await coursesRepository(trx, tenant.schema).setLessonFile(lessonId, null);
        await recordAudit(trx, {
          action: 'course.lesson_file_removed',
          targetType: 'course',
          targetId: courseId,
          institutionId: tenant.institutionId,
          before: { lessonId, name: lesson.file_name },
        });
      });
      if (lesson.file_key) await deps.storage.delete(lesson.file_key);
    },

    /** The file, for editors and for learners who may open the lesson (published, not locked). */
    async download(tenant: TenantContext, userId: string, courseId: string, lessonId: string) {
      const { canEdit } = await deps.courses.visible(tenant, userId, courseId);
      const lesson = await lessonOf(tenant, courseId, lessonId);
      if (!canEdit) {
        if (!lesson.published) throw lessonNotFound();
        const lock = await lockStateOf(deps.db, tenant.schema, userId, courseId, false);
        if (lock.courseLockedBy.length || lock.modules.get(lesson.module_id)?.lockedBy.length)
          throw new AppError('conflict', 'courses.locked', 'This lesson is locked until its prerequisites are complete');
      }
      const stored = lesson.file_key ? await deps.storage.get(lesson.file_key) : null;
      if (!stored) throw notFound('courses.file_not_found', 'File');
      return { bytes: stored.bytes, type: lesson.file_type ?? stored.contentType, name: lesson.file_name ?? 'file' };
    },
  };
}
