// One event-bus scenario per process (`tsx bench/bus.scenario.ts <scenario>`): STEADY_SECONDS at each
// of RATES events per second (latency at a steady load), then a burst of EVENTS published as fast as
// CONCURRENCY publishers can (throughput). Latency runs from the scheduled send time to the consumer: for the
// platform, `afterCommit` of a consumer group, so the event's effect has committed.
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { AckPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { sql } from 'kysely';
import { z } from 'zod';
import { waitFor } from '../apps/server/src/testing/factories.ts';
import { onPostgres, preparePostgresTemplate, startTestPlatform } from '../apps/server/src/testing/test-platform.ts';
import { runAsChild, send } from './child.ts';
import { now, summarize } from './stats.ts';

const EVENTS = Number(process.env.BENCH_BUS_EVENTS ?? 5000);
const STEADY_SECONDS = Number(process.env.BENCH_BUS_STEADY_SECONDS ?? 8);
// A light load every adapter keeps up with, and one near embedded PGlite's knee (one event per transaction).
const RATES = (process.env.BENCH_BUS_RATES ?? '20,50').split(',').map(Number);
const CONCURRENCY = Number(process.env.BENCH_BUS_PUBLISHERS ?? 8);
const natsUrl = process.env.BENCH_NATS_URL ?? '';

type Tick = { n: number; sentAt: number; pad: string };
type Pipe = { send(tick: Tick): unknown; close(): Promise<unknown>; commits?(): Promise<number> };
/** Opens a way through the bus: ticks go in with `send`, and `receive` is called as each comes out. */
type Open = (receive: (sentAt: number) => void) => Promise<Pipe>;

const tick = (n: number, sentAt: number): Tick => ({ n, sentAt, pad: 'x'.repeat(64) });
// Raw NATS carries what the adapter carries: a whole event envelope as JSON.
const envelope = (payload: Tick) =>
  JSON.stringify({
    id: randomUUID(),
    type: 'bench.tick',
    version: 1,
    occurredAt: new Date().toISOString(),
    tenantId: null,
    actorId: null,
    key: `k${payload.n % 32}`,
    priority: 'p1',
    payload,
  });
const sentAtOf = (data: string) => (JSON.parse(data) as { payload: Tick }).payload.sentAt;

const natsCore: Open = async (receive) => {
  const [pub, sub] = await Promise.all([connect({ servers: natsUrl }), connect({ servers: natsUrl })]);
  const subject = `bench.${randomUUID()}`;
  sub.subscribe(subject, { callback: (_err, m) => receive(sentAtOf(m.string())) });
  await sub.flush();
  return { send: (payload) => pub.publish(subject, envelope(payload)), close: () => Promise.all([pub.drain(), sub.drain()]) };
};

const jetStreamRaw: Open = async (receive) => {
  const [pub, sub] = await Promise.all([connect({ servers: natsUrl }), connect({ servers: natsUrl })]);
  const stream = `BENCH_${randomUUID().replaceAll('-', '')}`;
  const jsm = await jetstreamManager(pub);
  await jsm.streams.add({ name: stream, subjects: [`${stream}.>`] });
  await jsm.consumers.add(stream, { durable_name: 'sink', ack_policy: AckPolicy.Explicit });
  const messages = await (await jetstream(sub).consumers.get(stream, 'sink')).consume();
  void (async () => {
    for await (const m of messages) {
      receive(sentAtOf(m.string()));
      m.ack();
    }
  })();
  const js = jetstream(pub);
  return {
    send: (payload) => js.publish(`${stream}.tick`, envelope(payload)),
    async close() {
      await messages.close();
      await jsm.streams.delete(stream);
      await Promise.all([pub.drain(), sub.drain()]);
    },
  };
};

const commitCount = sql<{ n: string }>`select xact_commit::text as n from pg_stat_database where datname = current_database()`;

const platform =
  (env: Record<string, string>): Open =>
  async (receive) => {
    if (onPostgres()) await preparePostgresTemplate();
    const t = await startTestPlatform({
      env,
      extraEvents: {
        'bench.tick': { version: 1, priority: 'p1', payload: z.object({ n: z.number(), sentAt: z.number(), pad: z.string() }) },
      },
      consumers: [
        { group: 'bench.sink', types: ['bench.tick'], handle: async () => {}, afterCommit: (e) => receive((e.payload as Tick).sentAt) },
      ],
    });
    const { db } = t.platform.database;
    const { publisher } = t.platform.events;
    return {
      // One event per transaction, as a service publishes alongside its own change.
      send: (payload) =>
        db.transaction().execute((trx) => publisher.publish(trx, { type: 'bench.tick', key: `k${payload.n % 32}`, payload } as never)),
      close: () => t.close(),
      // Committed transactions so far: how much database work one event costs. PostgreSQL publishes a
      // backend's statistics within a second of its transactions, so let them land first.
      async commits() {
        await sleep(1100);
        return Number((await commitCount.execute(db)).rows[0]?.n);
      },
    };
  };

const scenarios: Record<string, Open> = {
  'nats-core': natsCore,
  'jetstream-raw': jetStreamRaw,
  'log-pglite': platform({}),
  'log-postgres': platform({}),
  'jetstream-adapter': platform({ NATS_URL: natsUrl }),
};

async function measure(open: Open) {
  let samples: number[] = [];
  let lastAt = 0;
  const pipe = await open((sentAt) => {
    lastAt = now();
    samples.push(lastAt - sentAt);
  });
  /** Sends `count` ticks, all at once or at `perSecond`, and waits until every one came out. */
  async function phase(count: number, perSecond?: number) {
    samples = [];
    const start = now();
    let next = 0;
    const publisher = async () => {
      for (let n = next++; n < count; n = next++) {
        // Paced ticks carry their scheduled time, so a publisher that falls behind shows as latency.
        const due = perSecond ? start + (n * 1000) / perSecond : now();
        if (due > now()) await sleep(due - now());
        await pipe.send(tick(n, Math.min(due, now())));
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, publisher));
    // How fast the publishers alone got their events committed: tells a slow publish from a slow delivery.
    const publishedPerSecond = Math.round(count / ((now() - start) / 1000));
    await waitFor(`${count} ticks through`, async () => samples.length >= count, 120_000);
    return { perSecond: Math.round(count / ((lastAt - start) / 1000)), publishedPerSecond, latency: summarize(samples) };
  }
  await phase(200); // warm-up: JIT, pools, JetStream consumers
  // Steady phases first: a burst leaves work behind (other groups skipping through it) that would colour them.
  const steady = [];
  const commitsBefore = await pipe.commits?.();
  for (const rate of RATES) steady.push({ rate, events: rate * STEADY_SECONDS, ...(await phase(rate * STEADY_SECONDS, rate)) });
  const commitsAfter = await pipe.commits?.();
  const steadyEvents = steady.reduce((sum, p) => sum + p.events, 0);
  const commitsPerEvent =
    commitsBefore !== undefined && commitsAfter !== undefined ? Math.round((commitsAfter - commitsBefore) / steadyEvents) : null;
  // A burst that is over in milliseconds (raw NATS) is noisy: take the median of up to five.
  const bursts = [await phase(EVENTS)];
  while (bursts.length < 5 && bursts.length * (EVENTS / (bursts[0]?.perSecond ?? 1)) < 1) bursts.push(await phase(EVENTS));
  const burst = bursts.sort((a, b) => a.perSecond - b.perSecond)[Math.floor(bursts.length / 2)];
  await pipe.close();
  return { events: EVENTS, bursts: bursts.length, commitsPerEvent, burst, steady };
}

runAsChild(async () => {
  const name = process.argv[2] ?? '';
  const open = scenarios[name];
  if (!open) throw new Error(`unknown scenario ${name}; one of ${Object.keys(scenarios).join(', ')}`);
  await send({ type: 'result', result: await measure(open) });
});
