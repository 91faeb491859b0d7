// Departments, programs, subjects and classes: one generic service over the kinds table. Every
// change is audited and published as institutions.structure_changed, in the same transaction.
import type { Department, Page, StructureKind, StructureQuery } from '@edumatrix/contracts';
import { uuidv7 } from 'uuidv7';
import { recordAudit } from '../../../platform/audit/audit.ts';
import { type Db, isForeignKeyViolation, isUniqueViolation } from '../../../platform/db/database.ts';
import type { EventPublisher } from '../../../platform/events/outbox.ts';
import { AppError, invalidField, notFound } from '../../../platform/http/app-error.ts';
import { containsPattern, decodeKeyCursor, encodeKeyCursor } from '../../../platform/http/cursor.ts';
import type { TenantContext } from '../../../platform/tenancy/tenancy.ts';
import { isoOrNull as iso } from '../../../platform/time/zoned.ts';
import { canTeach } from '../institutions.permissions.ts';
import { HOLDER_NAMES, KINDS, type KindConfig } from './structure.kinds.ts';
import { structureRepository, type UnitRow } from './structure.repository.ts';

export type StructureServiceDeps = {
  db: Db;
  events: EventPublisher;
  /** The role a user holds in an institution, if any (homeroom teachers must teach there). */
  roleOf(institutionId: string, userId: string): Promise<string | null>;
};

/** A unit as the API shows it: the common fields, plus its kind's references and extras. */
type Unit = Department & Record<string, unknown>;
type Body = Record<string, unknown> & { archived?: boolean };

function present(config: KindConfig, row: UnitRow): Unit {
  const unit: Unit = {
    id: row.id,
    name: row.name,
    code: row.code,
    description: row.description,
    archivedAt: iso(row.archived_at),
    createdAt: iso(row.created_at) as string,
    updatedAt: iso(row.updated_at) as string,
  };
  for (const ref of config.references) unit[ref.field] = row[ref.column] ?? null;
  for (const [field, column] of Object.entries(config.extra)) unit[field] = row[column] ?? null;
  return unit;
}

/** "2 programs and 1 class" */
export function describeHolders(holders: { table: string; count: number }[]): string {
  const parts = holders.map(({ table, count }) => {
    const [one, many] = HOLDER_NAMES[table] ?? [table.replaceAll('_', ' '), table.replaceAll('_', ' ')];
    return `${count} ${count === 1 ? one : many}`;
  });
  return parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}` : (parts[0] ?? 'other records');
}

export type StructureService = ReturnType<typeof createStructureService>;

export function createStructureService(deps: StructureServiceDeps) {
  const codeTaken = (config: KindConfig) =>
    new AppError('conflict', 'structure.code_taken', `Another ${config.singular} already uses this code`, {
      fields: [{ field: 'code', message: 'is already used' }],
    });

  /** Body fields → columns, with every reference checked to exist (and not be archived) in this institution. */
  async function columnsOf(trx: Db, tenant: TenantContext, config: KindConfig, body: Body): Promise<Record<string, unknown>> {
    const repo = structureRepository(trx, tenant.schema);
    const values: Record<string, unknown> = {};
    for (const field of ['name', 'code', 'description'] as const) if (body[field] !== undefined) values[field] = body[field];
    for (const ref of config.references) {
      const id = body[ref.field];
      if (id === undefined) continue;
      values[ref.column] = id;
      if (id === null) continue;
      const found = await repo.find(ref.table, id as string);
      if (!found) throw invalidField('structure.reference_not_found', ref.field, `does not match a ${ref.label} of this institution`);
      if (found.archived) throw invalidField('structure.reference_archived', ref.field, `is an archived ${ref.label}`);
    }
    for (const [field, column] of Object.entries(config.extra)) if (body[field] !== undefined) values[column] = body[field];
    return values;
  }

  /** Asked before the transaction: on embedded PGlite, a query outside it would wait for it. */
  async function checkTeacher(tenant: TenantContext, body: Body) {
    const teacher = body.homeroomTeacherId;
    if (typeof teacher === 'string' && !canTeach(await deps.roleOf(tenant.institutionId, teacher))) {
      throw invalidField('structure.not_a_teacher', 'homeroomTeacherId', 'must be a teacher of this institution');
    }
  }

  /** A class's term decides its academic year; a term of another year is refused. */
  async function alignTerm(trx: Db, tenant: TenantContext, values: Record<string, unknown>, current?: UnitRow) {
    const termId = values.term_id !== undefined ? values.term_id : current?.term_id;
    if (typeof termId !== 'string') return;
    const yearOfTerm = await structureRepository(trx, tenant.schema).termYear(termId);
    const year = values.academic_year_id !== undefined ? values.academic_year_id : current?.academic_year_id;
    if (year && year !== yearOfTerm) throw invalidField('structure.term_of_other_year', 'termId', 'belongs to another academic year');
    values.academic_year_id = yearOfTerm;
  }

  async function record(trx: Db, tenant: TenantContext, config: KindConfig, action: string, unit: Unit, before?: Unit) {
    await recordAudit(trx, {
      action: `${config.singular}.${action}`,
      targetType: config.singular,
      targetId: unit.id,
      institutionId: tenant.institutionId,
      ...(before ? { before } : {}),
      ...(action !== 'deleted' ? { after: unit } : {}),
    });
    await deps.events.publish(trx, {
      type: 'institutions.structure_changed',
      key: unit.id,
      tenantId: tenant.institutionId,
      payload: {
        institutionId: tenant.institutionId,
        kind: config.kind,
        id: unit.id,
        action: action as 'created' | 'updated' | 'archived' | 'restored' | 'deleted',
        name: unit.name,
      },
    });
  }

  const guardUnique = (config: KindConfig) => (err: unknown) => {
    throw isUniqueViolation(err) ? codeTaken(config) : err;
  };

  return {
    async list(tenant: TenantContext, kind: StructureKind, query: StructureQuery): Promise<Page<Unit>> {
      const config = KINDS[kind];
      const where: [string, string][] = [];
      for (const ref of config.references) {
        const value = query[ref.field as keyof StructureQuery];
        if (typeof value === 'string') where.push([ref.column, value]);
      }
      if (kind === 'classes' && query.homeroomTeacherId) where.push(['homeroom_teacher_id', query.homeroomTeacherId]);
      const rows = await structureRepository(deps.db, tenant.schema).list(config, {
        q: query.q ? containsPattern(query.q) : undefined,
        archived: query.archived,
        where,
        after: query.cursor ? decodeKeyCursor(query.cursor) : undefined,
        limit: query.limit + 1,
      });
      const page = rows.slice(0, query.limit);
      const last = page.at(-1);
      return {
        items: page.map((r) => present(config, r)),
        nextCursor: rows.length > query.limit && last ? encodeKeyCursor(last.name.toLowerCase(), last.id) : null,
      };
    },

    async get(tenant: TenantContext, kind: StructureKind, id: string): Promise<Unit> {
      const config = KINDS[kind];
      const row = await structureRepository(deps.db, tenant.schema).get(config, id);
      if (!row)
        throw notFound(
          `structure.${config.singular}_not_found`,
          config.singular.replace(/^./, (c) => c.toUpperCase()),
        );
      return present(config, row);
    },

    async create(tenant: TenantContext, kind: StructureKind, body: Body): Promise<Unit> {
      const config = KINDS[kind];
      await checkTeacher(tenant, body);
      return deps.db
        .transaction()
        .execute(async (trx) => {
          const values = await columnsOf(trx, tenant, config, body);
          if (kind === 'classes') await alignTerm(trx, tenant, values);
          const row = await structureRepository(trx, tenant.schema).insert(config, { id: uuidv7(), ...values });
          const unit = present(config, row);
          await record(trx, tenant, config, 'created', unit);
          return unit;
        })
        .catch(guardUnique(config));
    },

    async update(tenant: TenantContext, kind: StructureKind, id: string, body: Body): Promise<Unit> {
      const config = KINDS[kind];
      await checkTeacher(tenant, body);
      return deps.db
        .transaction()
        .execute(async (trx) => {
          const repo = structureRepository(trx, tenant.schema);
          const current = await repo.get(config, id);
          if (!current) throw notFound(`structure.${config.singular}_not_found`, config.singular);
          const { archived, ...changes } = body;
          const values = await columnsOf(trx, tenant, config, changes);
          if (kind === 'classes' && (values.term_id !== undefined || values.academic_year_id !== undefined)) {
            await alignTerm(trx, tenant, values, current);
          }
          if (archived !== undefined) values.archived_at = archived ? (current.archived_at ?? new Date()) : null;
          const row = (await repo.update(config, id, values)) as UnitRow;
          const [before, after] = [present(config, current), present(config, row)];
          const action =
            archived === true && !current.archived_at ? 'archived' : archived === false && current.archived_at ? 'restored' : 'updated';
          await record(trx, tenant, config, action, after, before);
          return after;
        })
        .catch(guardUnique(config));
    },

    async remove(tenant: TenantContext, kind: StructureKind, id: string): Promise<void> {
      const config = KINDS[kind];
      try {
        await deps.db.transaction().execute(async (trx) => {
          const repo = structureRepository(trx, tenant.schema);
          const current = await repo.get(config, id);
          if (!current) throw notFound(`structure.${config.singular}_not_found`, config.singular);
          await repo.delete(config, id);
          await record(trx, tenant, config, 'deleted', present(config, current), present(config, current));
        });
      } catch (err) {
        if (!isForeignKeyViolation(err)) throw err;
        const holders = await structureRepository(deps.db, tenant.schema).holders(config.kind, id);
        throw new AppError(
          'conflict',
          'structure.in_use',
          `This ${config.singular} is still used by ${describeHolders(holders)}. Archive it instead, or move those first.`,
        );
      }
    },
  };
}
