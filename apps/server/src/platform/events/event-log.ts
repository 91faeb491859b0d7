// Reading the event log after a given event, for clients that were away longer than the socket's
// own recovery window: they name the last event they saw and get what followed, in log order.
import type { EventEnvelope } from '@edumatrix/contracts';
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import { toEnvelope } from './envelope.ts';
import type { LogRow } from './relay.ts';

export type EventsAfter = {
  events: EventEnvelope[];
  /** False when the anchor is unknown or more followed than `limit`: the client must reload instead. */
  complete: boolean;
};

export async function eventsAfter(
  db: Db,
  query: { afterEventId: string; tenantId: string; types: readonly string[]; limit: number },
): Promise<EventsAfter> {
  const { rows } = await sql<LogRow & { anchor: string | null }>`
    with anchor as (select position from events.outbox where id = ${query.afterEventId} and position is not null)
    select (select position from anchor) as anchor, o.position, o.id, o.type, o.version, o.occurred_at, o.tenant_id,
      o.actor_id, o.key, o.priority, o.payload
    from (select 1) one
    left join events.outbox o on o.position > (select position from anchor)
      and o.tenant_id = ${query.tenantId} and o.type = any(${[...query.types]}::text[])
    order by o.position
    limit ${query.limit + 1}`.execute(db);
  if (!rows[0] || rows[0].anchor === null) return { events: [], complete: false };
  const found = rows.filter((r) => r.id !== null);
  return { events: found.slice(0, query.limit).map(toEnvelope), complete: found.length <= query.limit };
}
