// Courses: created by teachers and admins, drafts until published, seen by the institution, by
// chosen classes or by everyone (then listed in the global catalogue through events).
import type { Course, CourseOutline, CourseQuery, CreateCourseBody, Page, UpdateCourseBody } from '@edumatrix/contracts';
import { sql } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { recordAudit } from '../../platform/audit/audit.ts';
import { type Db, rowsOf } from '../../platform/db/database.ts';
import type { EventPublisher } from '../../platform/events/outbox.ts';
import { AppError, forbidden, invalidField, notFound } from '../../platform/http/app-error.ts';
import { containsPattern, decodeKeyCursor, encodeKeyCursor } from '../../platform/http/cursor.ts';
import { beforeAndAfter, definedOnly } from '../../platform/patch.ts';
import type { Storage } from '../../platform/storage/storage.ts';
import type { TenantContext } from '../../platform/tenancy/tenancy.ts';
import { isManager } from '../institutions/institutions.permissions.ts';
import { type CourseRow, coursesRepository, type LessonRow, type ModuleRow, type Viewer } from './courses.repository.ts';
import { type LockState, lockStateOf } from './paths.service.ts';

export type CoursesDeps = {
  db: Db;
  events: EventPublisher;
  /** The institution's name, carried by catalogue events (asked outside transactions). */
  institutionName(institutionId: string): Promise<string>;
  /** Where lesson files live: a deleted course's files go with it. */
  storage: Pick<Storage, 'delete'>;
};

/** Teachers and staff see every published course; students and parents those of their classes. */
const seesAllClasses = (role: string) => isManager(role) || role === 'teacher' || role === 'staff';
export const courseNotFound = () => notFound('courses.course_not_found', 'Course');

export function presentCourse(tenant: TenantContext, userId: string, c: CourseRow, isEnrolled: boolean): Course {
  const canEdit = isManager(tenant.role) || c.owner_id === userId;
  return {
    id: c.id,
    institutionId: tenant.institutionId,
    title: c.title,
    code: c.code,
    summary: c.summary,
    description: c.description,
    visibility: c.visibility,
    status: c.status,
    classIds: c.class_ids,
    subjectId: c.subject_id,
    capacity: c.capacity,
    ownerId: c.owner_id,
    joinCode: canEdit ? c.join_code : null,
    enrolled: c.enrolled,
    requires: c.requires,
    isEnrolled,
    canEdit,
    publishedAt: c.published_at ? new Date(c.published_at).toISOString() : null,
    createdAt: new Date(c.created_at).toISOString(),
    updatedAt: new Date(c.updated_at).toISOString(),
  };
}

export function presentOutline(course: Course, modules: ModuleRow[], lessons: LessonRow[], lock: LockState): CourseOutline {
  const visible = course.canEdit ? lessons : lessons.filter((l) => l.published);
  return {
    course,
    lockedBy: lock.courseLockedBy,
    modules: modules.map((m) => ({
      id: m.id,
      title: m.title,
      summary: m.summary,
      position: m.position,
      requires: lock.modules.get(m.id)?.requires ?? [],
      lockedBy: lock.modules.get(m.id)?.lockedBy ?? [],
      lessons: visible
        .filter((l) => l.module_id === m.id)
        .map((l) => ({
          id: l.id,
          moduleId: l.module_id,
          title: l.title,
          kind: l.kind,
          body: l.body,
          videoUrl: l.video_url,
          linkUrl: l.link_url,
          minutes: l.minutes,
          published: l.published,
          position: l.position,
          file: l.file_name ? { name: l.file_name, type: l.file_type ?? 'application/octet-stream', size: l.file_size ?? 0 } : null,
          updatedAt: new Date(l.updated_at).toISOString(),
        })),
    })),
  };
}

export type CoursesService = ReturnType<typeof createCoursesService>;

export function createCoursesService(deps: CoursesDeps) {
  const repo = (tenant: TenantContext, db: Db = deps.db) => coursesRepository(db, tenant.schema);

  async function viewerOf(tenant: TenantContext, userId: string, mineOnly = false): Promise<Viewer | null> {
    if (isManager(tenant.role) && !mineOnly) return null;
    const classIds = seesAllClasses(tenant.role) ? 'all' : await repo(tenant).classesOfViewer(userId);
    return { userId, classIds, mineOnly };
  }

  /** The course if the caller may see it (404 otherwise, so ids reveal nothing), and whether they may edit it. */
  async function visible(tenant: TenantContext, userId: string, courseId: string) {
    const r = repo(tenant);
    const row = await r.course(courseId);
    if (!row) throw courseNotFound();
    const enrolled = await r.isEnrolled(courseId, userId);
    const canEdit = isManager(tenant.role) || row.owner_id === userId;
    const seen = { row, enrolled, canEdit };
    if (canEdit) return seen;
    if (row.status === 'draft') throw courseNotFound();
    if (enrolled) return seen;
    if (row.status !== 'published') throw courseNotFound();
    if (row.visibility !== 'class' || seesAllClasses(tenant.role)) return seen;
    const mine = new Set(await r.classesOfViewer(userId));
    if (!row.class_ids.some((id) => mine.has(id))) throw courseNotFound();
    return seen;
  }

  /** The course if the caller may change it (its owner or an admin). */
  async function editable(tenant: TenantContext, userId: string, courseId: string) {
    const found = await visible(tenant, userId, courseId);
    if (!found.canEdit) throw forbidden('courses.not_yours', 'Only the teacher who owns this course or an admin can change it');
    return found.row;
  }

  async function checkReferences(tenant: TenantContext, body: { classIds?: string[]; subjectId?: string | null }) {
    const r = repo(tenant);
    if (body.classIds?.length) {
      const found = await r.existingIds('classes', body.classIds);
      const i = body.classIds.findIndex((id) => !found.has(id));
      if (i >= 0) throw invalidField('courses.class_not_found', `classIds.${i}`, 'does not match a class in use');
    }
    if (body.subjectId && !(await r.existingIds('subjects', [body.subjectId])).has(body.subjectId))
      throw invalidField('courses.subject_not_found', 'subjectId', 'does not match a subject in use');
  }

  async function changed(trx: Db, tenant: TenantContext, row: CourseRow, action: 'created' | 'updated' | 'deleted', name: string) {
    await deps.events.publish(trx, {
      type: 'courses.course_changed',
      key: row.id,
      tenantId: tenant.institutionId,
      payload: {
        institutionId: tenant.institutionId,
        courseId: row.id,
        institutionName: name,
        title: row.title,
        summary: row.summary,
        visibility: row.visibility,
        status: row.status,
        publishedAt: row.published_at ? new Date(row.published_at).toISOString() : null,
        action,
      },
    });
  }

  return {
    visible,
    editable,
    changed,

    async list(tenant: TenantContext, userId: string, query: CourseQuery): Promise<Page<Course>> {
      const limit = query.limit;
      const viewer = await viewerOf(tenant, userId, query.scope === 'mine');
      const r = repo(tenant);
      const found = await r.courses({
        q: query.q ? containsPattern(query.q) : undefined,
        status: query.status,
        after: query.cursor ? decodeKeyCursor(query.cursor) : undefined,
        limit: limit + 1,
        viewer,
      });
      const page = found.slice(0, limit);
      const enrolled = await r.enrolledIn(
        userId,
        page.map((c) => c.id),
      );
      const last = page.at(-1);
      return {
        items: page.map((c) => presentCourse(tenant, userId, c, enrolled.has(c.id))),
        nextCursor: found.length > limit && last ? encodeKeyCursor(last.title.toLowerCase(), last.id) : null,
      };
    },

    async create(tenant: TenantContext, userId: string, body: CreateCourseBody): Promise<Course> {
      const classIds = body.classIds ?? [];
      await checkReferences(tenant, { classIds, subjectId: body.subjectId ?? null });
      if (body.visibility === 'class' && classIds.length === 0)
        throw invalidField('courses.classes_required', 'classIds', 'choose at least one class for a class course');
      const name = await deps.institutionName(tenant.institutionId);
      const id = uuidv7();
      return deps.db.transaction().execute(async (trx) => {
        const r = repo(tenant, trx);
        await r.insertCourse(id, userId, {
          title: body.title,
          code: body.code ?? '',
          summary: body.summary ?? '',
          description: body.description ?? '',
          visibility: body.visibility ?? 'institution',
          subject_id: body.subjectId ?? null,
          capacity: body.capacity ?? null,
        });
        await r.setClasses(id, classIds);
        const row = (await r.course(id)) as CourseRow;
        const course = presentCourse(tenant, userId, row, false);
        await recordAudit(trx, {
          action: 'course.created',
          targetType: 'course',
          targetId: id,
          institutionId: tenant.institutionId,
          after: { title: course.title, visibility: course.visibility, classIds },
        });
        await changed(trx, tenant, row, 'created', name);
        return course;
      });
    },

    async outline(tenant: TenantContext, userId: string, courseId: string): Promise<CourseOutline> {
      const { row, enrolled } = await visible(tenant, userId, courseId);
      const course = presentCourse(tenant, userId, row, enrolled);
      const lock = await lockStateOf(deps.db, tenant.schema, userId, courseId, course.canEdit);
      return presentOutline(course, lock.outline.modules, lock.outline.lessons, lock);
    },

    async update(tenant: TenantContext, userId: string, courseId: string, body: UpdateCourseBody): Promise<Course> {
      const current = await editable(tenant, userId, courseId);
      await checkReferences(tenant, body);
      const visibility = body.visibility ?? current.visibility;
      const classIds = body.classIds ?? current.class_ids;
      if (visibility === 'class' && classIds.length === 0)
        throw invalidField('courses.classes_required', 'classIds', 'choose at least one class for a class course');
      const name = await deps.institutionName(tenant.institutionId);
      return deps.db.transaction().execute(async (trx) => {
        const r = repo(tenant, trx);
        if (body.status === 'published' && current.status !== 'published') {
          const lessons = await r.lessons(courseId);
          if (!lessons.some((l) => l.published))
            throw invalidField(
              'courses.nothing_to_publish',
              'status',
              'needs at least one published lesson before the course is published',
            );
        }
        const patch = definedOnly({
          title: body.title,
          code: body.code,
          summary: body.summary,
          description: body.description,
          visibility: body.visibility,
          subject_id: body.subjectId,
          capacity: body.capacity,
          status: body.status,
          // The first publication is the course's date in the catalogue.
          published_at: body.status === 'published' && !current.published_at ? new Date() : undefined,
        });
        await r.updateCourse(courseId, patch);
        if (body.classIds) await r.setClasses(courseId, body.classIds);
        const row = (await r.course(courseId)) as CourseRow;
        const [before, after] = beforeAndAfter(
          Object.keys(body),
          presentCourse(tenant, userId, current, false),
          presentCourse(tenant, userId, row, false),
        );
        await recordAudit(trx, {
          action: body.status && body.status !== current.status ? `course.${body.status}` : 'course.updated',
          targetType: 'course',
          targetId: courseId,
          institutionId: tenant.institutionId,
          before,
          after,
        });
        await changed(trx, tenant, row, 'updated', name);
        return presentCourse(tenant, userId, row, await r.isEnrolled(courseId, userId));
      });
    },

    /** Only drafts are deleted; a course people have seen is archived instead. */
    async remove(tenant: TenantContext, userId: string, courseId: string): Promise<void> {
      const current = await editable(tenant, userId, courseId);
      if (current.status !== 'draft')
        throw new AppError('conflict', 'courses.not_a_draft', 'Only a draft can be deleted; archive a published course instead');
      const name = await deps.institutionName(tenant.institutionId);
      const files = await deps.db.transaction().execute(async (trx) => {
        const stored = await rowsOf(
          trx,
          sql<{ file_key: string }>`select file_key from ${sql.table(`${tenant.schema}.course_lessons`)}
            where course_id = ${courseId} and file_key is not null`,
        );
        await repo(tenant, trx).deleteCourse(courseId);
        await recordAudit(trx, {
          action: 'course.deleted',
          targetType: 'course',
          targetId: courseId,
          institutionId: tenant.institutionId,
          before: { title: current.title },
        });
        await changed(trx, tenant, current, 'deleted', name);
        return stored.map((f) => f.file_key);
      });
      // After the commit: a failure here leaves an orphaned file, never a lesson without its file.
      await Promise.all(files.map((key) => deps.storage.delete(key)));
    },
  };
}
