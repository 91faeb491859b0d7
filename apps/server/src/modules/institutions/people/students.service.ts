// Student records with their guardians and classes. Staff who run the institution see every
// student; a student sees their own record; a parent sees their own children's.
import type {
  CreateStudentBody,
  Guardian,
  GuardianBody,
  Member,
  Page,
  Student,
  StudentQuery,
  UpdateStudentBody,
} from '@edumatrix/contracts';
import { uuidv7 } from 'uuidv7';
import { recordAudit } from '../../../platform/audit/audit.ts';
import { type Db, isUniqueViolation } from '../../../platform/db/database.ts';
import type { EventPublisher } from '../../../platform/events/outbox.ts';
import { AppError, invalidField, notFound } from '../../../platform/http/app-error.ts';
import { containsPattern, decodeKeyCursor, encodeKeyCursor } from '../../../platform/http/cursor.ts';
import { beforeAndAfter, definedOnly } from '../../../platform/patch.ts';
import type { TenantContext } from '../../../platform/tenancy/tenancy.ts';
import { type PeopleAction, recordPeopleChange } from './people.changes.ts';
import { peopleRepository, type StudentRow, type StudentScope } from './people.repository.ts';

export type PeopleDeps = {
  db: Db;
  events: EventPublisher;
  /** The institution's members with names and roles (asked outside transactions). */
  members(tenant: TenantContext): Promise<Member[]>;
};

const SEES_ALL = ['owner', 'admin', 'teacher', 'staff'];
const studentNotFound = () => notFound('people.student_not_found', 'Student');

export function scopeOf(tenant: TenantContext, userId: string): StudentScope {
  if (SEES_ALL.includes(tenant.role)) return { all: true };
  return { userId, as: tenant.role === 'parent' ? 'parent' : 'student' };
}

/** Unique violations become 409s naming the field that clashed. */
export function uniqueField(err: unknown, fields: Record<string, string>): never {
  if (isUniqueViolation(err)) {
    const detail = String((err as { detail?: string; constraint?: string }).constraint ?? (err as Error).message);
    const [column, field] = Object.entries(fields).find(([c]) => detail.includes(c)) ?? Object.entries(fields)[0] ?? ['', 'id'];
    throw new AppError('conflict', 'people.already_used', `Another record already uses this ${column.replaceAll('_', ' ')}`, {
      fields: [{ field, message: 'is already used' }],
    });
  }
  throw err;
}

const STUDENT_UNIQUE = { number: 'studentNumber', user_id: 'userId', external_id: 'externalId' };

export type StudentsService = ReturnType<typeof createStudentsService>;

export function createStudentsService(deps: PeopleDeps) {
  async function present(tenant: TenantContext, rows: StudentRow[], people?: Map<string, Member>): Promise<Student[]> {
    const repo = peopleRepository(deps.db, tenant.schema);
    const ids = rows.map((r) => r.id);
    const [links, classes] = await Promise.all([repo.guardiansOf(ids), repo.classesOf(ids)]);
    const members = people ?? new Map((await deps.members(tenant)).map((m) => [m.userId, m]));
    return rows.map((r) => ({
      id: r.id,
      studentNumber: r.student_number,
      firstName: r.first_name,
      lastName: r.last_name,
      dateOfBirth: r.date_of_birth,
      email: r.email,
      status: r.status,
      userId: r.user_id,
      externalId: r.external_id,
      guardians: links
        .filter((g) => g.student_id === r.id)
        .map((g): Guardian => {
          const m = members.get(g.user_id);
          return { userId: g.user_id, displayName: m?.displayName ?? 'Former member', email: m?.email ?? '', relationship: g.relationship };
        }),
      classIds: classes.filter((c) => c.student_id === r.id).map((c) => c.class_id),
      createdAt: new Date(r.created_at).toISOString(),
      updatedAt: new Date(r.updated_at).toISOString(),
    }));
  }

  /** A member account linked to a student record must hold the student role here. */
  async function checkAccount(tenant: TenantContext, userId: string | null | undefined, role: 'student' | 'parent', field: string) {
    if (!userId) return;
    const member = (await deps.members(tenant)).find((m) => m.userId === userId);
    if (member?.role !== role) throw invalidField(`people.not_a_${role}`, field, `must be a member with the ${role} role`);
  }

  const changed = (trx: Db, tenant: TenantContext, id: string, action: PeopleAction, before?: unknown, after?: unknown) =>
    recordPeopleChange(trx, deps.events, tenant, { kind: 'students', id, action, before, after });

  async function visible(tenant: TenantContext, userId: string, id: string): Promise<StudentRow> {
    const repo = peopleRepository(deps.db, tenant.schema);
    const row = await repo.student(id);
    if (!row) throw studentNotFound();
    const scope = scopeOf(tenant, userId);
    if ('userId' in scope) {
      const own = scope.as === 'student' ? row.user_id === userId : await repo.isGuardian(id, userId);
      // The same answer as for a record that does not exist: ids reveal nothing.
      if (!own) throw studentNotFound();
    }
    return row;
  }

  return {
    async list(tenant: TenantContext, userId: string, query: StudentQuery): Promise<Page<Student>> {
      const { limit } = query;
      const repo = peopleRepository(deps.db, tenant.schema);
      const rows = await repo.listStudents(scopeOf(tenant, userId), {
        q: query.q ? containsPattern(query.q) : undefined,
        status: query.status,
        classId: query.classId,
        after: query.cursor ? decodeKeyCursor(query.cursor) : undefined,
        limit: limit + 1,
      });
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return {
        items: await present(tenant, page),
        nextCursor: rows.length > limit && last ? encodeKeyCursor(repo.sortKeyOf(last), last.id) : null,
      };
    },

    async get(tenant: TenantContext, userId: string, id: string): Promise<Student> {
      return (await present(tenant, [await visible(tenant, userId, id)]))[0] as Student;
    },

    async create(tenant: TenantContext, body: CreateStudentBody): Promise<Student> {
      await checkAccount(tenant, body.userId, 'student', 'userId');
      const row = await deps.db
        .transaction()
        .execute(async (trx) => {
          const inserted = await peopleRepository(trx, tenant.schema).insertStudent({
            id: uuidv7(),
            student_number: body.studentNumber,
            first_name: body.firstName,
            last_name: body.lastName,
            date_of_birth: body.dateOfBirth ?? null,
            email: body.email ?? null,
            status: body.status ?? 'active',
            user_id: body.userId ?? null,
            external_id: body.externalId ?? null,
          });
          await changed(trx, tenant, inserted.id, 'created', undefined, { studentNumber: inserted.student_number });
          return inserted;
        })
        .catch((err: unknown) => uniqueField(err, STUDENT_UNIQUE));
      return (await present(tenant, [row]))[0] as Student;
    },

    async update(tenant: TenantContext, id: string, body: UpdateStudentBody): Promise<Student> {
      await checkAccount(tenant, body.userId, 'student', 'userId');
      const row = await deps.db
        .transaction()
        .execute(async (trx) => {
          const repo = peopleRepository(trx, tenant.schema);
          const before = await repo.student(id);
          if (!before) throw studentNotFound();
          const patch = definedOnly({
            student_number: body.studentNumber,
            first_name: body.firstName,
            last_name: body.lastName,
            date_of_birth: body.dateOfBirth,
            email: body.email,
            status: body.status,
            user_id: body.userId,
            external_id: body.externalId,
          });
          const after = await repo.updateStudent(id, patch);
          await changed(trx, tenant, id, 'updated', ...beforeAndAfter(Object.keys(patch), before, after));
          return after;
        })
        .catch((err: unknown) => uniqueField(err, STUDENT_UNIQUE));
      return (await present(tenant, [row]))[0] as Student;
    },

    async remove(tenant: TenantContext, id: string): Promise<void> {
      await deps.db.transaction().execute(async (trx) => {
        const repo = peopleRepository(trx, tenant.schema);
        const before = await repo.student(id);
        if (!before) throw studentNotFound();
        await repo.deleteStudent(id);
        await changed(trx, tenant, id, 'deleted', { studentNumber: before.student_number });
      });
    },

    async linkGuardian(tenant: TenantContext, studentId: string, userId: string, body: GuardianBody): Promise<Student> {
      // The record first: an id from elsewhere is 404, whatever the user id.
      if (!(await peopleRepository(deps.db, tenant.schema).student(studentId))) throw studentNotFound();
      await checkAccount(tenant, userId, 'parent', 'userId');
      await deps.db.transaction().execute(async (trx) => {
        const repo = peopleRepository(trx, tenant.schema);
        if (!(await repo.student(studentId))) throw studentNotFound();
        await repo.upsertGuardian({ student_id: studentId, user_id: userId, relationship: body.relationship ?? 'guardian' });
        await recordAudit(trx, {
          action: 'student.guardian_linked',
          targetType: 'student',
          targetId: studentId,
          institutionId: tenant.institutionId,
          after: { userId, relationship: body.relationship ?? 'guardian' },
        });
      });
      return (await present(tenant, [(await peopleRepository(deps.db, tenant.schema).student(studentId)) as StudentRow]))[0] as Student;
    },

    async unlinkGuardian(tenant: TenantContext, studentId: string, userId: string): Promise<void> {
      await deps.db.transaction().execute(async (trx) => {
        const result = await peopleRepository(trx, tenant.schema).deleteGuardian(studentId, userId);
        if (Number(result.numDeletedRows) === 0) throw notFound('people.guardian_not_found', 'Guardian link');
        await recordAudit(trx, {
          action: 'student.guardian_unlinked',
          targetType: 'student',
          targetId: studentId,
          institutionId: tenant.institutionId,
          before: { userId },
        });
      });
    },

    /** Adds students to a class (already enrolled ones are left as they are), within its capacity. */
    async enrol(tenant: TenantContext, classId: string, studentIds: string[]): Promise<{ enrolled: string[] }> {
      const wanted = [...new Set(studentIds)];
      return deps.db.transaction().execute(async (trx) => {
        const repo = peopleRepository(trx, tenant.schema);
        // Locked, so two enrolments at once cannot both squeeze into the last seat.
        const klass = await repo.classForUpdate(classId);
        if (!klass) throw notFound('structure.class_not_found', 'Class');
        if (klass.archived_at)
          throw new AppError('conflict', 'people.class_archived', 'This class is archived; restore it to enrol students');
        const found = new Set(await repo.existingStudents(wanted));
        const missing = wanted.findIndex((id) => !found.has(id));
        if (missing >= 0)
          throw invalidField('people.student_not_found', `studentIds.${missing}`, 'does not match a student of this institution');
        const added = (await repo.enrol(classId, wanted)).map((r) => r.student_id);
        if (klass.capacity !== null) {
          const count = await repo.enrolledCount(classId);
          if (count > klass.capacity) {
            throw new AppError('conflict', 'people.class_full', `${klass.name} has ${klass.capacity} places; this would make ${count}`);
          }
        }
        if (added.length > 0) {
          await recordAudit(trx, {
            action: 'class.students_enrolled',
            targetType: 'class',
            targetId: classId,
            institutionId: tenant.institutionId,
            after: { studentIds: added },
          });
          await deps.events.publish(trx, {
            type: 'institutions.enrolment_changed',
            key: classId,
            tenantId: tenant.institutionId,
            payload: { institutionId: tenant.institutionId, classId, studentIds: added, action: 'enrolled' },
          });
        }
        return { enrolled: added };
      });
    },

    async unenrol(tenant: TenantContext, classId: string, studentId: string): Promise<void> {
      await deps.db.transaction().execute(async (trx) => {
        const result = await peopleRepository(trx, tenant.schema).unenrol(classId, studentId);
        if (Number(result.numDeletedRows) === 0) throw notFound('people.enrolment_not_found', 'Enrolment');
        await recordAudit(trx, {
          action: 'class.student_unenrolled',
          targetType: 'class',
          targetId: classId,
          institutionId: tenant.institutionId,
          before: { studentId },
        });
        await deps.events.publish(trx, {
          type: 'institutions.enrolment_changed',
          key: classId,
          tenantId: tenant.institutionId,
          payload: { institutionId: tenant.institutionId, classId, studentIds: [studentId], action: 'unenrolled' },
        });
      });
    },
  };
}
