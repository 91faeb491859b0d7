import { PRIORITIES } from '@edumatrix/contracts';
import { sql } from 'kysely';
import { Counter, Gauge, type Registry } from 'prom-client';
import type { Db } from '../db/database.ts';

export type EventMetrics = ReturnType<typeof createEventMetrics>;

/** Per-lane throughput, outcomes per group, dead letters and consumer lag (read at scrape time). */
/** `jetstreamLag`: with the NATS adapter, lag comes from JetStream rather than the PostgreSQL log. */
export function createEventMetrics(
  registry: Registry,
  db: Db,
  jetstreamLag?: () => Promise<{ group: string; lane: string; pending: number }[]>,
) {
  const relayed = new Counter({
    name: 'edumatrix_events_relayed_total',
    help: 'Events appended to the event log, by priority lane',
    labelNames: ['lane'] as const,
    registers: [registry],
  });
  const consumed = new Counter({
    name: 'edumatrix_events_consumed_total',
    help: 'Events handled by consumer groups, by lane and outcome (applied, duplicate, dead_lettered)',
    labelNames: ['group', 'lane', 'outcome'] as const,
    registers: [registry],
  });
  new Gauge({
    name: 'edumatrix_events_dead_letters',
    help: 'Dead letters waiting for an operator, by consumer group',
    labelNames: ['group'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      const { rows } = await sql<{ group_name: string; n: number }>`
        select group_name, count(*)::int as n from events.dead_letters where status = 'pending' group by group_name`.execute(db);
      for (const r of rows) this.set({ group: r.group_name }, r.n);
    },
  });
  new Gauge({
    name: 'edumatrix_events_consumer_lag',
    help: 'Events in the log not yet read by a consumer group, by lane',
    labelNames: ['group', 'lane'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      if (jetstreamLag) {
        for (const r of await jetstreamLag().catch(() => [])) this.set({ group: r.group, lane: r.lane }, r.pending);
        return;
      }
      const { rows } = await sql<{ group_name: string; lane: string; lag: number }>`
        select p.group_name, p.lane,
          (select count(*)::int from events.outbox o where o.priority = p.lane and o.position > p.position) as lag
        from events.consumer_positions p`.execute(db);
      for (const r of rows) this.set({ group: r.group_name, lane: r.lane }, r.lag);
    },
  });
  for (const lane of PRIORITIES) relayed.inc({ lane }, 0);
  return { relayed, consumed };
}
