// Staff and teacher records: who works at the institution, in which department, with which account.
import type { CreateStaffBody, Page, StaffMember, StaffQuery, UpdateStaffBody } from '@edumatrix/contracts';
import { uuidv7 } from 'uuidv7';
import type { Db } from '../../../platform/db/database.ts';
import { invalidField, notFound } from '../../../platform/http/app-error.ts';
import { containsPattern, decodeKeyCursor, encodeKeyCursor } from '../../../platform/http/cursor.ts';
import { beforeAndAfter, definedOnly } from '../../../platform/patch.ts';
import type { TenantContext } from '../../../platform/tenancy/tenancy.ts';
import { type PeopleAction, recordPeopleChange } from './people.changes.ts';
import { peopleRepository, type StaffRow } from './people.repository.ts';
import { type PeopleDeps, uniqueField } from './students.service.ts';

const STAFF_UNIQUE = { number: 'staffNumber', user_id: 'userId', external_id: 'externalId' };
const staffNotFound = () => notFound('people.staff_not_found', 'Staff member');
const ACCOUNT_ROLES = ['teacher', 'staff', 'admin', 'owner'];

const present = (r: StaffRow): StaffMember => ({
  id: r.id,
  staffNumber: r.staff_number,
  firstName: r.first_name,
  lastName: r.last_name,
  email: r.email,
  kind: r.kind,
  title: r.title,
  departmentId: r.department_id,
  userId: r.user_id,
  externalId: r.external_id,
  archivedAt: r.archived_at ? new Date(r.archived_at).toISOString() : null,
  createdAt: new Date(r.created_at).toISOString(),
  updatedAt: new Date(r.updated_at).toISOString(),
});

export type StaffService = ReturnType<typeof createStaffService>;

export function createStaffService(deps: PeopleDeps) {
  async function checkAccount(tenant: TenantContext, userId: string | null | undefined) {
    if (!userId) return;
    const member = (await deps.members(tenant)).find((m) => m.userId === userId);
    if (!member || !ACCOUNT_ROLES.includes(member.role)) {
      throw invalidField('people.not_staff', 'userId', 'must be a member with a teacher, staff, admin or owner role');
    }
  }

  async function checkDepartment(trx: Db, tenant: TenantContext, departmentId: string | null | undefined) {
    if (!departmentId) return;
    const department = await peopleRepository(trx, tenant.schema).department(departmentId);
    if (!department) throw invalidField('structure.reference_not_found', 'departmentId', 'does not match a department of this institution');
    if (department.archived_at) throw invalidField('structure.reference_archived', 'departmentId', 'is an archived department');
  }

  const changed = (trx: Db, tenant: TenantContext, id: string, action: PeopleAction, before?: unknown, after?: unknown) =>
    recordPeopleChange(trx, deps.events, tenant, { kind: 'staff', id, action, before, after });

  return {
    async list(tenant: TenantContext, query: StaffQuery): Promise<Page<StaffMember>> {
      const repo = peopleRepository(deps.db, tenant.schema);
      const rows = await repo.listStaff({
        q: query.q ? containsPattern(query.q) : undefined,
        kind: query.kind,
        departmentId: query.departmentId,
        archived: query.archived,
        after: query.cursor ? decodeKeyCursor(query.cursor) : undefined,
        limit: query.limit + 1,
      });
      const page = rows.slice(0, query.limit);
      const last = page.at(-1);
      return {
        items: page.map(present),
        nextCursor: rows.length > query.limit && last ? encodeKeyCursor(repo.sortKeyOf(last), last.id) : null,
      };
    },

    async get(tenant: TenantContext, id: string): Promise<StaffMember> {
      const row = await peopleRepository(deps.db, tenant.schema).staffMember(id);
      if (!row) throw staffNotFound();
      return present(row);
    },

    async create(tenant: TenantContext, body: CreateStaffBody): Promise<StaffMember> {
      await checkAccount(tenant, body.userId);
      return deps.db
        .transaction()
        .execute(async (trx) => {
          await checkDepartment(trx, tenant, body.departmentId);
          const row = await peopleRepository(trx, tenant.schema).insertStaff({
            id: uuidv7(),
            staff_number: body.staffNumber,
            first_name: body.firstName,
            last_name: body.lastName,
            email: body.email ?? null,
            kind: body.kind,
            title: body.title ?? '',
            department_id: body.departmentId ?? null,
            user_id: body.userId ?? null,
            external_id: body.externalId ?? null,
            archived_at: null,
          });
          await changed(trx, tenant, row.id, 'created', undefined, { staffNumber: row.staff_number });
          return present(row);
        })
        .catch((err: unknown) => uniqueField(err, STAFF_UNIQUE));
    },

    async update(tenant: TenantContext, id: string, body: UpdateStaffBody): Promise<StaffMember> {
      await checkAccount(tenant, body.userId);
      return deps.db
        .transaction()
        .execute(async (trx) => {
          const repo = peopleRepository(trx, tenant.schema);
          const before = await repo.staffMember(id);
          if (!before) throw staffNotFound();
          await checkDepartment(trx, tenant, body.departmentId);
          const { archived, ...fields } = body;
          const patch = definedOnly({
            staff_number: fields.staffNumber,
            first_name: fields.firstName,
            last_name: fields.lastName,
            email: fields.email,
            kind: fields.kind,
            title: fields.title,
            department_id: fields.departmentId,
            user_id: fields.userId,
            external_id: fields.externalId,
            archived_at: archived === undefined ? undefined : archived ? (before.archived_at ?? new Date()) : null,
          });
          const after = await repo.updateStaff(id, patch);
          const action =
            archived === true && !before.archived_at ? 'archived' : archived === false && before.archived_at ? 'restored' : 'updated';
          await changed(trx, tenant, id, action, ...beforeAndAfter(Object.keys(patch), before, after));
          return present(after);
        })
        .catch((err: unknown) => uniqueField(err, STAFF_UNIQUE));
    },

    async remove(tenant: TenantContext, id: string): Promise<void> {
      await deps.db.transaction().execute(async (trx) => {
        const repo = peopleRepository(trx, tenant.schema);
        const before = await repo.staffMember(id);
        if (!before) throw staffNotFound();
        await repo.deleteStaff(id);
        await changed(trx, tenant, id, 'deleted', { staffNumber: before.staff_number });
      });
    },
  };
}
