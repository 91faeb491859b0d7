// The append-only audit trail every module writes to, inside the transaction of the action it records.
import type { AuditEntry, AuditQuery, Page } from '@edumatrix/contracts';
import type { ColumnType, Generated, Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Db } from '../db/database.ts';
import { decodeCursor, toPage } from '../http/cursor.ts';
import { currentContext } from '../observability/context.ts';

type AuditTable = {
  'platform.audit_log': {
    id: string;
    at: Generated<Date>;
    actor_id: string | null;
    action: string;
    target_type: string;
    target_id: string | null;
    institution_id: string | null;
    // Written as JSON text, read back parsed.
    before: ColumnType<unknown, string | null, never>;
    after: ColumnType<unknown, string | null, never>;
    ip: string | null;
    request_id: string | null;
  };
};

export type AuditRecord = {
  action: string;
  targetType: string;
  targetId?: string | null;
  institutionId?: string | null;
  before?: unknown;
  after?: unknown;
  /** Defaults to the signed-in user of the current request. */
  actorId?: string | null;
};

export async function recordAudit(db: Db, record: AuditRecord): Promise<void> {
  const ctx = currentContext();
  await (db as Kysely<AuditTable>)
    .insertInto('platform.audit_log')
    .values({
      id: uuidv7(),
      actor_id: record.actorId !== undefined ? record.actorId : (ctx?.userId ?? null),
      action: record.action,
      target_type: record.targetType,
      target_id: record.targetId ?? null,
      institution_id: record.institutionId ?? null,
      before: record.before === undefined ? null : JSON.stringify(record.before),
      after: record.after === undefined ? null : JSON.stringify(record.after),
      ip: ctx?.ip ?? null,
      request_id: ctx?.requestId ?? null,
    })
    .execute();
}

/** Newest first; ids are UUIDv7 so their order is time order and makes a stable cursor. */
export async function listAudit(db: Db, institutionId: string, query: AuditQuery): Promise<Page<AuditEntry>> {
  let q = (db as Kysely<AuditTable>)
    .selectFrom('platform.audit_log')
    .selectAll()
    .where('institution_id', '=', institutionId)
    .orderBy('id', 'desc')
    .limit(query.limit + 1);
  if (query.action) q = q.where('action', '=', query.action);
  if (query.actorId) q = q.where('actor_id', '=', query.actorId);
  if (query.targetType) q = q.where('target_type', '=', query.targetType);
  if (query.targetId) q = q.where('target_id', '=', query.targetId);
  if (query.from) q = q.where('at', '>=', new Date(query.from));
  if (query.to) q = q.where('at', '<', new Date(query.to));
  if (query.cursor) q = q.where('id', '<', decodeCursor(query.cursor));
  const rows = await q.execute();
  return toPage(rows, query.limit, (r) => ({
    id: r.id,
    at: new Date(r.at).toISOString(),
    actorId: r.actor_id,
    action: r.action,
    targetType: r.target_type,
    targetId: r.target_id,
    institutionId: r.institution_id,
    before: r.before ?? null,
    after: r.after ?? null,
    ip: r.ip,
    requestId: r.request_id,
  }));
}
