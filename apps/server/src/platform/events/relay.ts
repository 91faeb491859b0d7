// The relay gives committed outbox rows their place in the event log: a gap-free position, in
// (xid, seq) order, taking only rows whose writing transaction has ended (xid below the snapshot's
// xmin). One relay at a time across all processes (advisory lock).
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';

const RELAY_LOCK = 72_430_002;
const BATCH = 2000;

/**
 * Returns how many events were appended to the log (0 when another process holds the relay).
 * With `publish` (the NATS adapter) the rows are first published; if that fails nothing is marked,
 * and the next round publishes them again (JetStream drops duplicates by event id).
 */
export async function relayOnce(
  db: Db,
  publish?: (rows: LogRow[]) => Promise<void>,
): Promise<{ appended: number; perLane: Map<string, number> }> {
  return db.transaction().execute(async (trx) => {
    const { rows: lock } = await sql<{ ok: boolean }>`select pg_try_advisory_xact_lock(${RELAY_LOCK}) as ok`.execute(trx);
    if (!lock[0]?.ok) return { appended: 0, perLane: new Map<string, number>() };
    const { rows: ready } = await sql<LogRow & { seq: string }>`
      select seq, 0 as position, id, type, version, occurred_at, tenant_id, actor_id, key, priority, payload
      from events.outbox
      where position is null and xid < pg_snapshot_xmin(pg_current_snapshot())
      order by xid, seq
      limit ${BATCH}`.execute(trx);
    if (ready.length === 0) return { appended: 0, perLane: new Map<string, number>() };
    if (publish) await publish(ready);
    await sql`
      with next as (select s.seq, s.n from unnest(${ready.map((r) => Number(r.seq))}::bigint[]) with ordinality as s(seq, n)),
        base as (select coalesce(max(position), 0) as p from events.outbox)
      update events.outbox o set position = base.p + next.n, published_at = now()
      from next, base where o.seq = next.seq`.execute(trx);
    const perLane = new Map<string, number>();
    for (const r of ready) perLane.set(r.priority, (perLane.get(r.priority) ?? 0) + 1);
    return { appended: ready.length, perLane };
  });
}

export type LogRow = {
  position: number;
  id: string;
  type: string;
  version: number;
  occurred_at: Date;
  tenant_id: string | null;
  actor_id: string | null;
  key: string;
  priority: string;
  payload: unknown;
};

export async function readLane(db: Db, lane: string, after: number, limit: number): Promise<LogRow[]> {
  const { rows } = await sql<LogRow>`
    select position, id, type, version, occurred_at, tenant_id, actor_id, key, priority, payload
    from events.outbox
    where priority = ${lane} and position > ${after} and position is not null
    order by position
    limit ${limit}`.execute(db);
  return rows.map((r) => ({ ...r, position: Number(r.position) }));
}
