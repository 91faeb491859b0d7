// Who takes a course: whole class rosters (kept in step as classes change, by the consumer),
// students one by one, or anyone of the institution's students holding the join code. Capacity
// bounds the individual and join-code enrolments; a roster is the school's own decision.

import { randomInt } from 'node:crypto';
import type { CourseEnrolBody, CourseEnrolment, InstitutionRole } from '@edumatrix/contracts';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { Db } from '../../platform/db/database.ts';
import type { EventPublisher } from '../../platform/events/outbox.ts';
import { AppError, invalidField, notFound } from '../../platform/http/app-error.ts';
import type { TenantContext } from '../../platform/tenancy/tenancy.ts';
import { coursesRepository, type EnrolmentSource } from './courses.repository.ts';
import { type CoursesService, presentCourse } from './courses.service.ts';

// No 0/O or 1/I/L: codes are read aloud and copied from a board.
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const newJoinCode = () => Array.from({ length: 8 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');

export type EnrolmentDeps = {
  db: Db;
  events: EventPublisher;
  courses: CoursesService;
  roleOf(institutionId: string, userId: string): Promise<InstitutionRole | null>;
  displayNames(userIds: string[]): Promise<Map<string, string>>;
};

/** Brings one class's roster enrolments of one course in line with the class; returns who changed. */
export async function syncRoster(trx: Db, schema: string, courseId: string, classId: string) {
  const r = coursesRepository(trx, schema);
  const wanted = new Set(await r.rosterUserIds(classId));
  const have = await r.classEnrolments(courseId, classId);
  const before = await r.enrolledUserIds(courseId);
  for (const userId of wanted) if (!have.has(userId)) await r.enrol(courseId, userId, 'class', classId);
  for (const userId of have) if (!wanted.has(userId)) await r.dropClassEnrolment(courseId, classId, userId);
  const after = await r.enrolledUserIds(courseId);
  return { enrolled: [...after].filter((u) => !before.has(u)), unenrolled: [...before].filter((u) => !after.has(u)) };
}

export async function publishEnrolment(
  events: EventPublisher,
  trx: Db,
  institutionId: string,
  courseId: string,
  change: { enrolled: string[]; unenrolled: string[] },
) {
  for (const action of ['enrolled', 'unenrolled'] as const) {
    if (!change[action].length) continue;
    await events.publish(trx, {
      type: 'courses.enrolment_changed',
      key: courseId,
      tenantId: institutionId,
      payload: { institutionId, courseId, userIds: change[action], action },
    });
  }
}

export type EnrolmentService = ReturnType<typeof createEnrolmentService>;

export function createEnrolmentService(deps: EnrolmentDeps) {
  const repo = (tenant: TenantContext, db: Db = deps.db) => coursesRepository(db, tenant.schema);

  async function listOf(tenant: TenantContext, courseId: string): Promise<CourseEnrolment[]> {
    const rows = await repo(tenant).enrolments(courseId);
    const names = await deps.displayNames(rows.map((r) => r.user_id));
    return rows.map((r) => ({
      userId: r.user_id,
      displayName: names.get(r.user_id) ?? '(deleted user)',
      sources: r.sources,
      enrolledAt: new Date(r.enrolled_at).toISOString(),
    }));
  }

  /** Adds individual or join-code enrolments within capacity, under the course's row lock. */
  async function addWithinCapacity(trx: Db, tenant: TenantContext, courseId: string, userIds: string[], source: EnrolmentSource) {
    const r = repo(tenant, trx);
    await r.lockCourse(courseId);
    const course = await r.course(courseId);
    const before = await r.enrolledUserIds(courseId);
    const newcomers = userIds.filter((u) => !before.has(u));
    if (course?.capacity && before.size + newcomers.length > course.capacity) {
      throw new AppError('conflict', 'courses.full', `The course is full: ${course.capacity} places, ${before.size} taken`);
    }
    for (const userId of userIds) await r.enrol(courseId, userId, source);
    return newcomers;
  }

  return {
    async list(tenant: TenantContext, userId: string, courseId: string): Promise<CourseEnrolment[]> {
      await deps.courses.editable(tenant, userId, courseId);
      return listOf(tenant, courseId);
    },

    async enrol(tenant: TenantContext, userId: string, courseId: string, body: CourseEnrolBody): Promise<CourseEnrolment[]> {
      await deps.courses.editable(tenant, userId, courseId);
      const userIds = body.userIds ?? [];
      const classIds = body.classIds ?? [];
      const roles = await Promise.all(userIds.map((u) => deps.roleOf(tenant.institutionId, u)));
      const notStudent = roles.findIndex((role) => role !== 'student');
      if (notStudent >= 0) throw invalidField('courses.not_a_student', `userIds.${notStudent}`, 'is not a student of this institution');
      const classes = await repo(tenant).existingIds('classes', classIds);
      const missing = classIds.findIndex((id) => !classes.has(id));
      if (missing >= 0) throw invalidField('courses.class_not_found', `classIds.${missing}`, 'does not match a class in use');

      await deps.db.transaction().execute(async (trx) => {
        const r = repo(tenant, trx);
        const enrolled = await addWithinCapacity(trx, tenant, courseId, userIds, 'individual');
        const fromRosters: string[] = [];
        for (const classId of classIds) {
          await r.setRoster(courseId, classId);
          fromRosters.push(...(await syncRoster(trx, tenant.schema, courseId, classId)).enrolled);
        }
        await recordAudit(trx, {
          action: 'course.enrolled',
          targetType: 'course',
          targetId: courseId,
          institutionId: tenant.institutionId,
          after: { userIds, classIds },
        });
        await publishEnrolment(deps.events, trx, tenant.institutionId, courseId, {
          enrolled: [...enrolled, ...fromRosters],
          unenrolled: [],
        });
      });
      return listOf(tenant, courseId);
    },

    /** Ends the individual and join-code enrolment; one through a class roster stays with the class. */
    async unenrol(tenant: TenantContext, userId: string, courseId: string, memberId: string): Promise<void> {
      await deps.courses.editable(tenant, userId, courseId);
      await deps.db.transaction().execute(async (trx) => {
        const r = repo(tenant, trx);
        if (!(await r.enrolledUserIds(courseId)).has(memberId)) throw notFound('courses.not_enrolled', 'Enrolment');
        await r.unenrol(courseId, memberId, ['individual', 'join_code']);
        const still = await r.isEnrolled(courseId, memberId);
        await recordAudit(trx, {
          action: 'course.unenrolled',
          targetType: 'course',
          targetId: courseId,
          institutionId: tenant.institutionId,
          before: { userId: memberId },
        });
        if (!still) await publishEnrolment(deps.events, trx, tenant.institutionId, courseId, { enrolled: [], unenrolled: [memberId] });
      });
    },

    async setJoinCode(tenant: TenantContext, userId: string, courseId: string, on: boolean) {
      await deps.courses.editable(tenant, userId, courseId);
      return deps.db.transaction().execute(async (trx) => {
        const r = repo(tenant, trx);
        await r.updateCourse(courseId, { join_code: on ? newJoinCode() : null });
        await recordAudit(trx, {
          action: on ? 'course.join_code_created' : 'course.join_code_removed',
          targetType: 'course',
          targetId: courseId,
          institutionId: tenant.institutionId,
        });
        const row = await r.course(courseId);
        if (!row) throw notFound('courses.course_not_found', 'Course');
        return presentCourse(tenant, userId, row, await r.isEnrolled(courseId, userId));
      });
    },

    /** A student enrols themself with the code the teacher shared; a published course only. */
    async join(tenant: TenantContext, userId: string, code: string) {
      const courseId = await repo(tenant).byJoinCode(code.toUpperCase());
      const row = courseId ? await repo(tenant).course(courseId) : undefined;
      if (!courseId || !row || row.status !== 'published')
        throw invalidField('courses.join_code_unknown', 'code', 'does not match an open course');
      return deps.db.transaction().execute(async (trx) => {
        const added = await addWithinCapacity(trx, tenant, courseId, [userId], 'join_code');
        await publishEnrolment(deps.events, trx, tenant.institutionId, courseId, { enrolled: added, unenrolled: [] });
        const r = repo(tenant, trx);
        return presentCourse(tenant, userId, (await r.course(courseId)) ?? row, true);
      });
    },
  };
}
