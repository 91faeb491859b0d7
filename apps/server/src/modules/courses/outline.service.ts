// A course's outline: modules of ordered lessons, edited by whoever may edit the course.
import type {
  CourseModule,
  CourseOutline,
  CreateLessonBody,
  CreateModuleBody,
  Lesson,
  UpdateLessonBody,
  UpdateModuleBody,
} from '@edumatrix/contracts';
import { uuidv7 } from 'uuidv7';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { Db } from '../../platform/db/database.ts';
import { invalidField, notFound } from '../../platform/http/app-error.ts';
import { definedOnly } from '../../platform/patch.ts';
import type { TenantContext } from '../../platform/tenancy/tenancy.ts';
import { coursesRepository, type LessonRow, type ModuleRow } from './courses.repository.ts';
import { type CoursesService, presentCourse, presentOutline } from './courses.service.ts';
import { lockStateOf } from './paths.service.ts';

const moduleNotFound = () => notFound('courses.module_not_found', 'Module');
const lessonNotFound = () => notFound('courses.lesson_not_found', 'Lesson');

/** A video lesson needs its address, a link lesson its link: named on the field that is missing. */
function checkLesson(kind: string, videoUrl: string | null, linkUrl: string | null) {
  if (kind === 'video' && !videoUrl) throw invalidField('courses.video_url_required', 'videoUrl', 'is required for a video lesson');
  if (kind === 'link' && !linkUrl) throw invalidField('courses.link_url_required', 'linkUrl', 'is required for a link lesson');
}

/** The new order must name every item exactly once. */
function checkOrder(current: string[], ids: string[]) {
  const wanted = new Set(current);
  if (ids.length !== current.length || new Set(ids).size !== ids.length || ids.some((id) => !wanted.has(id)))
    throw invalidField('courses.order_mismatch', 'ids', `must list each of the ${current.length} items exactly once`);
}

export type OutlineService = ReturnType<typeof createOutlineService>;

export function createOutlineService(deps: { db: Db; courses: CoursesService }) {
  const repo = (tenant: TenantContext, db: Db = deps.db) => coursesRepository(db, tenant.schema);

  async function moduleOf(tenant: TenantContext, courseId: string, moduleId: string): Promise<ModuleRow> {
    const found = await repo(tenant).module(moduleId);
    if (!found || found.course_id !== courseId) throw moduleNotFound();
    return found;
  }
  async function lessonOf(tenant: TenantContext, courseId: string, lessonId: string): Promise<LessonRow> {
    const found = await repo(tenant).lesson(lessonId);
    if (!found || found.course_id !== courseId) throw lessonNotFound();
    return found;
  }

  async function outlineNow(trx: Db, tenant: TenantContext, userId: string, courseId: string): Promise<CourseOutline> {
    const r = repo(tenant, trx);
    const row = await r.course(courseId);
    if (!row) throw notFound('courses.course_not_found', 'Course');
    const course = presentCourse(tenant, userId, row, false);
    const lock = await lockStateOf(trx, tenant.schema, userId, courseId, course.canEdit);
    return presentOutline(course, lock.outline.modules, lock.outline.lessons, lock);
  }

  const audit = (trx: Db, tenant: TenantContext, action: string, courseId: string, detail: Record<string, unknown>) =>
    recordAudit(trx, { action, targetType: 'course', targetId: courseId, institutionId: tenant.institutionId, after: detail });

  const moduleIn = (outline: CourseOutline, id: string) => outline.modules.find((m) => m.id === id) as CourseModule;
  const lessonIn = (outline: CourseOutline, id: string) => outline.modules.flatMap((m) => m.lessons).find((l) => l.id === id) as Lesson;

  return {
    async addModule(tenant: TenantContext, userId: string, courseId: string, body: CreateModuleBody): Promise<CourseModule> {
      await deps.courses.editable(tenant, userId, courseId);
      const id = uuidv7();
      return deps.db.transaction().execute(async (trx) => {
        await repo(tenant, trx).insertModule({ id, course_id: courseId, title: body.title, summary: body.summary ?? '' });
        await audit(trx, tenant, 'course.module_added', courseId, { moduleId: id, title: body.title });
        return moduleIn(await outlineNow(trx, tenant, userId, courseId), id);
      });
    },

    async updateModule(tenant: TenantContext, userId: string, courseId: string, moduleId: string, body: UpdateModuleBody) {
      await deps.courses.editable(tenant, userId, courseId);
      await moduleOf(tenant, courseId, moduleId);
      return deps.db.transaction().execute(async (trx) => {
        await repo(tenant, trx).updateModule(moduleId, definedOnly({ title: body.title, summary: body.summary }));
        await audit(trx, tenant, 'course.module_updated', courseId, { moduleId, ...body });
        return moduleIn(await outlineNow(trx, tenant, userId, courseId), moduleId);
      });
    },

    async removeModule(tenant: TenantContext, userId: string, courseId: string, moduleId: string): Promise<void> {
      await deps.courses.editable(tenant, userId, courseId);
      const found = await moduleOf(tenant, courseId, moduleId);
      await deps.db.transaction().execute(async (trx) => {
        await repo(tenant, trx).deleteModule(moduleId);
        await audit(trx, tenant, 'course.module_deleted', courseId, { moduleId, title: found.title });
      });
    },

    async reorderModules(tenant: TenantContext, userId: string, courseId: string, ids: string[]): Promise<CourseOutline> {
      await deps.courses.editable(tenant, userId, courseId);
      return deps.db.transaction().execute(async (trx) => {
        const r = repo(tenant, trx);
        checkOrder(
          (await r.modules(courseId)).map((m) => m.id),
          ids,
        );
        await r.reorder('course_modules', ids);
        await audit(trx, tenant, 'course.modules_reordered', courseId, { ids });
        return outlineNow(trx, tenant, userId, courseId);
      });
    },

    async addLesson(tenant: TenantContext, userId: string, courseId: string, moduleId: string, body: CreateLessonBody): Promise<Lesson> {
      await deps.courses.editable(tenant, userId, courseId);
      await moduleOf(tenant, courseId, moduleId);
      const kind = body.kind ?? 'text';
      checkLesson(kind, body.videoUrl ?? null, body.linkUrl ?? null);
      const id = uuidv7();
      return deps.db.transaction().execute(async (trx) => {
        await repo(tenant, trx).insertLesson(id, courseId, moduleId, {
          title: body.title,
          kind,
          body: body.body ?? '',
          video_url: body.videoUrl ?? null,
          link_url: body.linkUrl ?? null,
          minutes: body.minutes ?? null,
          published: body.published ?? false,
        });
        await audit(trx, tenant, 'course.lesson_added', courseId, { lessonId: id, moduleId, title: body.title });
        return lessonIn(await outlineNow(trx, tenant, userId, courseId), id);
      });
    },

    async updateLesson(tenant: TenantContext, userId: string, courseId: string, lessonId: string, body: UpdateLessonBody): Promise<Lesson> {
      await deps.courses.editable(tenant, userId, courseId);
      const current = await lessonOf(tenant, courseId, lessonId);
      if (body.moduleId) await moduleOf(tenant, courseId, body.moduleId);
      checkLesson(
        body.kind ?? current.kind,
        body.videoUrl !== undefined ? body.videoUrl : current.video_url,
        body.linkUrl !== undefined ? body.linkUrl : current.link_url,
      );
      return deps.db.transaction().execute(async (trx) => {
        const r = repo(tenant, trx);
        const moved = body.moduleId && body.moduleId !== current.module_id;
        await r.updateLesson(
          lessonId,
          definedOnly({
            title: body.title,
            kind: body.kind,
            body: body.body,
            video_url: body.videoUrl,
            link_url: body.linkUrl,
            minutes: body.minutes,
            published: body.published,
            module_id: moved ? body.moduleId : undefined,
            position: moved ? await r.nextLessonPosition(body.moduleId as string) : undefined,
          }),
        );
        await audit(trx, tenant, 'course.lesson_updated', courseId, { lessonId, ...definedOnly({ ...body, body: undefined }) });
        return lessonIn(await outlineNow(trx, tenant, userId, courseId), lessonId);
      });
    },

    async removeLesson(tenant: TenantContext, userId: string, courseId: string, lessonId: string): Promise<void> {
      await deps.courses.editable(tenant, userId, courseId);
      const found = await lessonOf(tenant, courseId, lessonId);
      await deps.db.transaction().execute(async (trx) => {
        await repo(tenant, trx).deleteLesson(lessonId);
        await audit(trx, tenant, 'course.lesson_deleted', courseId, { lessonId, title: found.title });
      });
    },

    async reorderLessons(tenant: TenantContext, userId: string, courseId: string, moduleId: string, ids: string[]): Promise<CourseOutline> {
      await deps.courses.editable(tenant, userId, courseId);
      await moduleOf(tenant, courseId, moduleId);
      return deps.db.transaction().execute(async (trx) => {
        const r = repo(tenant, trx);
        checkOrder(
          (await r.lessons(courseId)).filter((l) => l.module_id === moduleId).map((l) => l.id),
          ids,
        );
        await r.reorder('course_lessons', ids);
        await audit(trx, tenant, 'course.lessons_reordered', courseId, { moduleId, ids });
        return outlineNow(trx, tenant, userId, courseId);
      });
    },
  };
}
