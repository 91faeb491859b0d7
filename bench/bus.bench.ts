// Event bus: publish→consume through each adapter of the platform, against raw NATS core pub/sub
// measured in the same run (the ceiling). Raw JetStream is there too: the durable ceiling.
import { forkBench, type Message, nextMessage } from './child.ts';
import type { Row } from './report.ts';
import type { Latency } from './stats.ts';

type Phase = { perSecond: number; publishedPerSecond: number; latency: Latency };
type Measured = {
  events: number;
  bursts: number;
  /** Database transactions committed per event in the steady phases (platform adapters only). */
  commitsPerEvent: number | null;
  burst: Phase;
  steady: (Phase & { rate: number; events: number })[];
};

export async function benchBus(services: { databaseUrl: string; natsUrl: string }) {
  const postgres = { TEST_DATABASE_URL: services.databaseUrl };
  const scenarios = [
    { name: 'nats-core', label: 'raw NATS core pub/sub', env: {} },
    { name: 'jetstream-raw', label: 'raw NATS JetStream', env: {} },
    { name: 'log-pglite', label: 'event log on PGlite', env: { TEST_DATABASE_URL: undefined } },
    { name: 'log-postgres', label: 'event log on PostgreSQL', env: postgres },
    { name: 'jetstream-adapter', label: 'JetStream adapter (PostgreSQL)', env: postgres },
  ];
  const measured: Record<string, Measured> = {};
  for (const s of scenarios) {
    process.stdout.write(`bus: ${s.label}...\n`);
    const child = forkBench('bus.scenario.ts', [s.name], { ...s.env, BENCH_NATS_URL: services.natsUrl });
    measured[s.name] = (await nextMessage<Message & { result: Measured }>(child, 'result')).result;
  }
  const ceiling = measured['nats-core'] as Measured;
  // Latency at the lightest steady rate; the others are in the results file.
  const light = (m: Measured) => (m.steady[0] as Measured['steady'][number]).latency;
  const rows: Row[] = scenarios.map((s) => {
    const m = measured[s.name] as Measured;
    return {
      scenario: s.label,
      perSecond: m.burst.perSecond,
      ratio: m.burst.perSecond / ceiling.burst.perSecond,
      p50: light(m).p50,
      p99: light(m).p99,
      p99Ratio: light(m).p99 / light(ceiling).p99,
    };
  });
  const [firstRate, ...others] = ceiling.steady.map((p) => p.rate);
  const more = others.length > 0 ? ` (${others.join(', ')}/s in the results file)` : '';
  return {
    title: `Event bus: throughput of a ${ceiling.events}-event burst; latency at a steady ${firstRate} events/s${more}`,
    rows,
    measured,
  };
}
