// Academic years and their terms. Dates are plain calendar dates in the institution's time zone.
import type { AcademicYear, CreateAcademicYearBody, TermBody, UpdateAcademicYearBody, UpdateTermBody } from '@edumatrix/contracts';
import { uuidv7 } from 'uuidv7';
import { recordAudit } from '../../../platform/audit/audit.ts';
import { type Db, isForeignKeyViolation, isUniqueViolation } from '../../../platform/db/database.ts';
import type { EventPublisher } from '../../../platform/events/outbox.ts';
import { AppError, invalidField, notFound } from '../../../platform/http/app-error.ts';
import type { TenantContext } from '../../../platform/tenancy/tenancy.ts';
import { academicYearsRepository, type TermRow, type YearRow } from './academic-years.repository.ts';
import { structureRepository } from './structure.repository.ts';
import { describeHolders } from './structure.service.ts';

type Span = { name: string; startsOn: string; endsOn: string };

const yearNotFound = () => notFound('structure.academic_year_not_found', 'Academic year');
const termNotFound = () => notFound('structure.term_not_found', 'Term');
const nameTaken = (what: string) =>
  new AppError('conflict', 'structure.name_taken', `Another ${what} already has this name`, {
    fields: [{ field: 'name', message: 'is already used' }],
  });

const presentTerm = (t: TermRow) => ({
  id: t.id,
  academicYearId: t.academic_year_id,
  name: t.name,
  startsOn: t.starts_on,
  endsOn: t.ends_on,
});
const presentYear = (y: YearRow, terms: TermRow[]): AcademicYear => ({
  id: y.id,
  name: y.name,
  startsOn: y.starts_on,
  endsOn: y.ends_on,
  current: y.current,
  terms: terms.filter((t) => t.academic_year_id === y.id).map(presentTerm),
  archivedAt: y.archived_at ? new Date(y.archived_at).toISOString() : null,
});

function checkSpan(span: { startsOn: string; endsOn: string }, prefix = '') {
  if (span.endsOn <= span.startsOn) throw invalidField('structure.bad_dates', `${prefix}endsOn`, 'must be after startsOn');
}

/** Terms lie inside their year and do not overlap one another. */
function checkTerms(year: { startsOn: string; endsOn: string }, terms: (Span & { field: string })[]) {
  for (const term of terms) {
    checkSpan(term, term.field);
    if (term.startsOn < year.startsOn || term.endsOn > year.endsOn) {
      throw invalidField('structure.term_outside_year', `${term.field}startsOn`, 'must fall within the academic year');
    }
  }
  const sorted = [...terms].sort((a, b) => a.startsOn.localeCompare(b.startsOn));
  for (let i = 1; i < sorted.length; i++) {
    const [before, term] = [sorted[i - 1] as Span, sorted[i] as Span & { field: string }];
    if (term.startsOn <= before.endsOn) throw invalidField('structure.terms_overlap', `${term.field}startsOn`, `overlaps ${before.name}`);
  }
}

export type AcademicYearsService = ReturnType<typeof createAcademicYearsService>;

export function createAcademicYearsService(deps: { db: Db; events: EventPublisher }) {
  async function withTerms(db: Db, tenant: TenantContext, year: YearRow) {
    return presentYear(year, await academicYearsRepository(db, tenant.schema).termsOf([year.id]));
  }

  async function record(
    trx: Db,
    tenant: TenantContext,
    action: 'created' | 'updated' | 'archived' | 'restored' | 'deleted',
    year: AcademicYear,
    before?: AcademicYear,
  ) {
    await recordAudit(trx, {
      action: `academic_year.${action}`,
      targetType: 'academic_year',
      targetId: year.id,
      institutionId: tenant.institutionId,
      ...(before ? { before } : {}),
      ...(action !== 'deleted' ? { after: year } : {}),
    });
    await deps.events.publish(trx, {
      type: 'institutions.structure_changed',
      key: year.id,
      tenantId: tenant.institutionId,
      payload: { institutionId: tenant.institutionId, kind: 'academic_years', id: year.id, action, name: year.name },
    });
  }

  /** Runs a change to one year (and its terms) in a transaction, audits it, and answers the year as it is after. */
  async function changeYear(
    tenant: TenantContext,
    id: string,
    change: (trx: Db, year: AcademicYear) => Promise<void>,
    action: 'updated' | 'archived' | 'restored' = 'updated',
  ) {
    return deps.db
      .transaction()
      .execute(async (trx) => {
        const repo = academicYearsRepository(trx, tenant.schema);
        const current = await repo.get(id);
        if (!current) throw yearNotFound();
        const before = await withTerms(trx, tenant, current);
        await change(trx, before);
        const after = await withTerms(trx, tenant, (await repo.get(id)) as YearRow);
        await record(trx, tenant, action, after, before);
        return after;
      })
      .catch((err: unknown) => {
        throw isUniqueViolation(err) ? nameTaken('academic year or term') : err;
      });
  }

  async function inUse(tenant: TenantContext, table: 'academic_years' | 'terms', id: string, what: string): Promise<never> {
    const holders = await structureRepository(deps.db, tenant.schema).holders(table, id);
    // Terms cannot be archived on their own: their year is.
    const advice = table === 'terms' ? 'Move those to another term first.' : 'Archive it instead, or move those first.';
    throw new AppError('conflict', 'structure.in_use', `This ${what} is still used by ${describeHolders(holders)}. ${advice}`);
  }

  return {
    async list(tenant: TenantContext, archived: 'false' | 'true' | 'all'): Promise<AcademicYear[]> {
      const repo = academicYearsRepository(deps.db, tenant.schema);
      const years = await repo.list(archived);
      const terms = await repo.termsOf(years.map((y) => y.id));
      return years.map((y) => presentYear(y, terms));
    },

    async get(tenant: TenantContext, id: string): Promise<AcademicYear> {
      const year = await academicYearsRepository(deps.db, tenant.schema).get(id);
      if (!year) throw yearNotFound();
      return withTerms(deps.db, tenant, year);
    },

    async create(tenant: TenantContext, input: CreateAcademicYearBody): Promise<AcademicYear> {
      const body = { current: false, terms: [], ...input };
      checkSpan(body);
      checkTerms(
        body,
        body.terms.map((t, i) => ({ ...t, field: `terms.${i}.` })),
      );
      return deps.db
        .transaction()
        .execute(async (trx) => {
          const repo = academicYearsRepository(trx, tenant.schema);
          const id = uuidv7();
          if (body.current) await repo.clearCurrent(id);
          const year = await repo.insertYear({
            id,
            name: body.name,
            starts_on: body.startsOn,
            ends_on: body.endsOn,
            current: body.current,
          });
          for (const t of body.terms) {
            await repo.insertTerm({ id: uuidv7(), academic_year_id: id, name: t.name, starts_on: t.startsOn, ends_on: t.endsOn });
          }
          const created = await withTerms(trx, tenant, year);
          await record(trx, tenant, 'created', created);
          return created;
        })
        .catch((err: unknown) => {
          throw isUniqueViolation(err) ? nameTaken('academic year or term') : err;
        });
    },

    update(tenant: TenantContext, id: string, body: UpdateAcademicYearBody): Promise<AcademicYear> {
      const { archived, current, name, startsOn, endsOn } = body;
      return changeYear(
        tenant,
        id,
        async (trx, year) => {
          const span = { startsOn: startsOn ?? year.startsOn, endsOn: endsOn ?? year.endsOn };
          checkSpan(span);
          checkTerms(
            span,
            year.terms.map((t, i) => ({ ...t, field: `terms.${i}.` })),
          );
          const repo = academicYearsRepository(trx, tenant.schema);
          if (current) await repo.clearCurrent(id);
          await repo.updateYear(id, {
            ...(name !== undefined ? { name } : {}),
            starts_on: span.startsOn,
            ends_on: span.endsOn,
            ...(current ? { current: true } : {}),
            ...(archived !== undefined ? { archived_at: archived ? new Date() : null, ...(archived ? { current: false } : {}) } : {}),
          });
        },
        archived === true ? 'archived' : archived === false ? 'restored' : 'updated',
      );
    },

    async remove(tenant: TenantContext, id: string): Promise<void> {
      try {
        await deps.db.transaction().execute(async (trx) => {
          const repo = academicYearsRepository(trx, tenant.schema);
          const year = await repo.get(id);
          if (!year) throw yearNotFound();
          const present = await withTerms(trx, tenant, year);
          await repo.deleteYear(id);
          await record(trx, tenant, 'deleted', present, present);
        });
      } catch (err) {
        if (isForeignKeyViolation(err)) await inUse(tenant, 'academic_years', id, 'academic year');
        throw err;
      }
    },

    addTerm(tenant: TenantContext, yearId: string, body: TermBody): Promise<AcademicYear> {
      return changeYear(tenant, yearId, async (trx, year) => {
        checkTerms(year, [...year.terms.map((t, i) => ({ ...t, field: `terms.${i}.` })), { ...body, field: '' }]);
        await academicYearsRepository(trx, tenant.schema).insertTerm({
          id: uuidv7(),
          academic_year_id: yearId,
          name: body.name,
          starts_on: body.startsOn,
          ends_on: body.endsOn,
        });
      });
    },

    updateTerm(tenant: TenantContext, yearId: string, termId: string, body: UpdateTermBody): Promise<AcademicYear> {
      return changeYear(tenant, yearId, async (trx, year) => {
        const term = year.terms.find((t) => t.id === termId);
        if (!term) throw termNotFound();
        const changed = { ...term, ...body };
        checkTerms(year, [
          ...year.terms.filter((t) => t.id !== termId).map((t, i) => ({ ...t, field: `terms.${i}.` })),
          { ...changed, field: '' },
        ]);
        await academicYearsRepository(trx, tenant.schema).updateTerm(termId, {
          name: changed.name,
          starts_on: changed.startsOn,
          ends_on: changed.endsOn,
        });
      });
    },

    async removeTerm(tenant: TenantContext, yearId: string, termId: string): Promise<AcademicYear> {
      try {
        return await changeYear(tenant, yearId, async (trx, year) => {
          if (!year.terms.some((t) => t.id === termId)) throw termNotFound();
          await academicYearsRepository(trx, tenant.schema).deleteTerm(termId);
        });
      } catch (err) {
        if (isForeignKeyViolation(err)) await inUse(tenant, 'terms', termId, 'term');
        throw err;
      }
    },
  };
}
