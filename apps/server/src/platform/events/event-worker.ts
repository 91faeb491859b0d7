// Runs the PostgreSQL event-log bus in a worker process: the relay loop, and for every consumer
// group one loop per priority lane, so a flood of p3 work never delays p1. A group's lane is read
// by one process at a time (a renewable lease), in log order; events of different keys within a
// batch are applied concurrently, events of one key in order.
import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { PRIORITIES, type Priority } from '@edumatrix/contracts';
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Logger } from '../observability/logger.ts';
import { deliver } from './apply.ts';
import type { Consumer, RetryPolicies } from './consumer.ts';
import { toEnvelope } from './envelope.ts';
import type { EventMetrics } from './event-metrics.ts';
import type { JetStreamBus } from './jetstream.ts';
import { type LogRow, readLane, relayOnce } from './relay.ts';
import { LOG_CHANNEL, OUTBOX_CHANNEL, type Signals } from './signals.ts';

export type EventWorkerOptions = {
  db: Db;
  postgres: boolean;
  signals: Signals;
  consumers: Consumer[];
  retry: RetryPolicies;
  log: Logger;
  metrics: EventMetrics;
  leaseSeconds: number;
  batchSize?: number;
  /** Events of different keys applied at once within a batch. */
  keyConcurrency?: number;
  pollMs?: number;
  /** Set: events travel through NATS JetStream; unset: consumers read the PostgreSQL log. */
  jetstream?: () => Promise<JetStreamBus>;
};

export type EventWorker = { stop(): Promise<void> };

export function startEventWorker(options: EventWorkerOptions): EventWorker {
  const { db, signals, log, metrics } = options;
  const workerId = `${process.pid}-${randomUUID().slice(0, 8)}`;
  const abort = new AbortController();
  // Every lane loop of every group waits on this one signal.
  setMaxListeners(0, abort.signal);
  const batchSize = options.batchSize ?? 500;
  const keyConcurrency = options.keyConcurrency ?? 8;
  const pollMs = options.pollMs ?? 1000;
  const pause = (ms: number) => sleep(ms, undefined, { signal: abort.signal }).catch(() => {});

  async function relayLoop() {
    const cursor = signals.cursor(OUTBOX_CHANNEL);
    while (!abort.signal.aborted) {
      try {
        const bus = options.jetstream ? await options.jetstream() : null;
        const { appended, perLane } = await relayOnce(db, bus ? (rows) => bus.publish(rows) : undefined);
        if (appended > 0) {
          for (const [lane, n] of perLane) metrics.relayed.inc({ lane }, n);
          if (options.postgres) await sql`select pg_notify(${LOG_CHANNEL}, '')`.execute(db);
          signals.emitter.emit(LOG_CHANNEL);
          continue;
        }
      } catch (err) {
        log.error({ err }, 'event relay failed; retrying');
        await pause(pollMs);
      }
      await cursor.wait(pollMs, abort.signal);
    }
  }

  async function claim(group: string, lane: Priority): Promise<number | null> {
    await sql`insert into events.consumer_positions (group_name, lane) values (${group}, ${lane}) on conflict do nothing`.execute(db);
    const { rows } = await sql<{ position: string }>`
      update events.consumer_positions
      set leased_by = ${workerId}, lease_until = now() + make_interval(secs => ${options.leaseSeconds})
      where group_name = ${group} and lane = ${lane}
        and (leased_by is null or leased_by = ${workerId} or lease_until < now())
      returning position`.execute(db);
    return rows[0] ? Number(rows[0].position) : null;
  }

  async function applyBatch(consumer: Consumer, lane: Priority, rows: LogRow[]) {
    const byKey = new Map<string, LogRow[]>();
    for (const row of rows) {
      if (!consumer.types.includes(row.type)) continue;
      const list = byKey.get(row.key) ?? [];
      list.push(row);
      byKey.set(row.key, list);
    }
    const queues = [...byKey.values()];
    const run = async () => {
      for (let queue = queues.shift(); queue; queue = queues.shift()) {
        for (const row of queue) {
          const outcome = await deliver(db, consumer, toEnvelope(row), options.retry[lane], pause);
          metrics.consumed.inc({ group: consumer.group, lane, outcome });
          if (outcome === 'dead_lettered') log.warn({ group: consumer.group, eventId: row.id, type: row.type }, 'event dead-lettered');
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(keyConcurrency, queues.length) }, run));
  }

  async function laneLoop(consumer: Consumer, lane: Priority) {
    const cursor = signals.cursor(LOG_CHANNEL);
    while (!abort.signal.aborted) {
      try {
        const position = await claim(consumer.group, lane);
        if (position !== null) {
          const rows = await readLane(db, lane, position, batchSize);
          if (rows.length > 0) {
            await applyBatch(consumer, lane, rows);
            const last = rows.at(-1)?.position as number;
            await sql`update events.consumer_positions set position = ${last}
              where group_name = ${consumer.group} and lane = ${lane} and leased_by = ${workerId}`.execute(db);
            continue;
          }
        }
      } catch (err) {
        log.error({ err, group: consumer.group, lane }, 'event consumer failed; retrying');
        await pause(pollMs);
      }
      await cursor.wait(pollMs, abort.signal);
    }
  }

  async function jetStreamLaneLoop(consumer: Consumer, lane: Priority, connect: () => Promise<JetStreamBus>) {
    let source: Awaited<ReturnType<JetStreamBus['lane']>> | null = null;
    while (!abort.signal.aborted) {
      try {
        // The same lease as the PostgreSQL log: one process per group and lane keeps per-key order.
        if ((await claim(consumer.group, lane)) === null) {
          await pause(pollMs);
          continue;
        }
        source ??= await (await connect()).lane(consumer.group, lane);
        for await (const message of source.fetch(batchSize)) {
          if (consumer.types.includes(message.event.type)) {
            const outcome = await deliver(db, consumer, message.event, options.retry[lane], pause);
            metrics.consumed.inc({ group: consumer.group, lane, outcome });
          }
          message.ack();
          if (abort.signal.aborted) break;
        }
      } catch (err) {
        source = null;
        log.warn({ err: (err as Error).message, group: consumer.group, lane }, 'jetstream consumer failed; retrying');
        await pause(pollMs);
      }
    }
  }

  const jetstream = options.jetstream;
  const loops = [
    relayLoop(),
    ...options.consumers.flatMap((c) => PRIORITIES.map((lane) => (jetstream ? jetStreamLaneLoop(c, lane, jetstream) : laneLoop(c, lane)))),
  ];

  return {
    async stop() {
      abort.abort();
      await Promise.all(loops);
      // Hand the lanes over at once rather than after the lease runs out.
      await sql`update events.consumer_positions set leased_by = null, lease_until = null where leased_by = ${workerId}`
        .execute(db)
        .catch(() => {});
    },
  };
}
