// Roster imports as background jobs: read and check every row, match against the institution,
// then (commit mode, no problems) write everything in one transaction. Progress goes to the
// person who started it over the socket, and into the import record for the API.
import type { CreateImportBody, ImportFormat, ImportProblem, ImportProgress, ImportReport, RosterImport } from '@edumatrix/contracts';
import { uuidv7 } from 'uuidv7';
import { recordAudit } from '../../../platform/audit/audit.ts';
import type { Db } from '../../../platform/db/database.ts';
import type { EventPublisher } from '../../../platform/events/outbox.ts';
import { notFound } from '../../../platform/http/app-error.ts';
import type { Logger } from '../../../platform/observability/logger.ts';
import { type TenantContext, tenantSchemaName } from '../../../platform/tenancy/tenancy.ts';
import { isoOrNull as iso } from '../../../platform/time/zoned.ts';
import { countsOf, planRoster } from './roster.plan.ts';
import { readRoster } from './roster.read.ts';
import { type ImportRow, importQueue, importsRepository, readExisting, writePlan } from './roster.repository.ts';

export type RosterServiceDeps = {
  db: Db;
  events: EventPublisher;
  log: Logger;
  /** Live progress to the importer's sockets (best effort). */
  push(
    userId: string,
    progress: { importId: string; institutionId: string; status: RosterImport['status']; progress: ImportProgress },
  ): void;
  /** Wakes the runner in this process, if it runs here. */
  wake(): void;
};

const MAX_PROBLEMS = 1000;

const present = (r: Omit<ImportRow, 'files'>): RosterImport => ({
  id: r.id,
  format: r.format as ImportFormat,
  mode: r.mode as RosterImport['mode'],
  status: r.status,
  progress: r.progress,
  report: r.report,
  error: r.error,
  createdBy: r.created_by,
  createdAt: iso(r.created_at) as string,
  startedAt: iso(r.started_at),
  finishedAt: iso(r.finished_at),
});

export type RosterService = ReturnType<typeof createRosterService>;

export function createRosterService(deps: RosterServiceDeps) {
  const importNotFound = () => notFound('roster.import_not_found', 'Import');

  /** Runs one import from start to end; any failure is recorded on it rather than thrown. */
  async function run(importId: string, institutionId: string): Promise<void> {
    const schema = tenantSchemaName(institutionId);
    const repo = importsRepository(deps.db, schema);
    const job = await repo.get(importId);
    if (!job || job.status === 'succeeded' || job.status === 'failed') return;
    await repo.start(importId);
    let lastPush = 0;
    let lastPhase = '';
    const report = async (progress: ImportProgress, persist: boolean) => {
      // The database hears of each phase; the socket of every step too, at most ~10 a second.
      if (persist) await repo.progress(importId, progress);
      if (progress.phase !== lastPhase || Date.now() - lastPush > 100 || progress.done === progress.total) {
        lastPush = Date.now();
        lastPhase = progress.phase;
        deps.push(job.created_by, { importId, institutionId, status: 'running', progress });
      }
    };
    try {
      await report({ phase: 'reading', done: 0, total: 0 }, true);
      const { roster, problems, rows } = readRoster(job.format as ImportFormat, job.files);
      await report({ phase: 'checking', done: 0, total: rows }, true);
      const plan = planRoster(roster, await readExisting(deps.db, schema), problems);
      const total = plan.students.create.length + plan.students.update.length + plan.staff.create.length + plan.staff.update.length;
      const outcome: ImportReport = {
        rows,
        problems: sortProblems(problems).slice(0, MAX_PROBLEMS),
        problemCount: problems.length,
        created: countsOf(plan, 'create'),
        updated: countsOf(plan, 'update'),
        unchanged: countsOf(plan, 'unchanged'),
      };
      const writes = total + plan.classes.create.length + plan.classes.update.length + plan.enrolments.add.length;
      if (job.mode === 'commit' && problems.length === 0 && writes > 0) {
        await report({ phase: 'writing', done: 0, total: writes }, true);
        await deps.db.transaction().execute(async (trx) => {
          // Inside the transaction only the socket hears of progress: nothing else can see these rows yet.
          await writePlan(trx, schema, plan, (done) => void report({ phase: 'writing', done, total: writes }, false));
          await recordAudit(trx, {
            action: 'roster.imported',
            targetType: 'import',
            targetId: importId,
            institutionId,
            actorId: job.created_by,
            after: { created: outcome.created, updated: outcome.updated },
          });
          await deps.events.publish(trx, {
            type: 'institutions.roster_imported',
            key: institutionId,
            tenantId: institutionId,
            actorId: job.created_by,
            payload: { institutionId, importId, created: outcome.created, updated: outcome.updated },
          });
          for (const [classId, studentIds] of groupByClass(plan.enrolments.add)) {
            await deps.events.publish(trx, {
              type: 'institutions.enrolment_changed',
              key: classId,
              tenantId: institutionId,
              actorId: job.created_by,
              payload: { institutionId, classId, studentIds, action: 'enrolled' },
            });
          }
        });
      }
      const committed = job.mode === 'commit' && problems.length === 0;
      const done: ImportProgress = { phase: 'done', done: rows, total: rows };
      // A dry run succeeds when it could check the file; a commit only when it wrote it.
      const status = job.mode === 'dry_run' || committed ? 'succeeded' : 'failed';
      const error =
        status === 'failed' ? `${problems.length} row${problems.length === 1 ? '' : 's'} need fixing; nothing was written` : null;
      await repo.finish(importId, { status, report: outcome, error, progress: done });
      deps.push(job.created_by, { importId, institutionId, status, progress: done });
    } catch (err) {
      deps.log.error({ err, importId }, 'import failed');
      const progress: ImportProgress = { phase: 'done', done: 0, total: 0 };
      await repo.finish(importId, {
        status: 'failed',
        report: null,
        error: 'The import could not be completed; nothing was written',
        progress,
      });
      deps.push(job.created_by, { importId, institutionId, status: 'failed', progress });
    }
  }

  return {
    run,

    /** The next queued import, run to the end; false when there was none. */
    async runNext(): Promise<boolean> {
      const queue = importQueue(deps.db);
      const next = await queue.claim(600);
      if (!next) return false;
      await run(next.import_id, next.institution_id);
      await queue.remove(next.import_id);
      return true;
    },

    async create(tenant: TenantContext, userId: string, body: CreateImportBody): Promise<RosterImport> {
      const id = uuidv7();
      await deps.db.transaction().execute(async (trx) => {
        await importsRepository(trx, tenant.schema).insert({
          id,
          format: body.format,
          mode: body.mode,
          files: body.files,
          created_by: userId,
        });
        await importQueue(trx).enqueue(id, tenant.institutionId);
      });
      deps.wake();
      return present((await importsRepository(deps.db, tenant.schema).get(id)) as ImportRow);
    },

    async get(tenant: TenantContext, id: string): Promise<RosterImport> {
      const row = await importsRepository(deps.db, tenant.schema).get(id);
      if (!row) throw importNotFound();
      return present(row);
    },

    async list(tenant: TenantContext): Promise<RosterImport[]> {
      return (await importsRepository(deps.db, tenant.schema).list(50)).map(present);
    },
  };
}

const sortProblems = (problems: ImportProblem[]) => [...problems].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);

function groupByClass(pairs: { classId: string; studentId: string }[]): Map<string, string[]> {
  const byClass = new Map<string, string[]>();
  for (const { classId, studentId } of pairs) {
    const list = byClass.get(classId) ?? [];
    list.push(studentId);
    byClass.set(classId, list);
  }
  return byClass;
}
