// `npm run bench [-- bus|fanout|feed|import]`: runs the benchmarks, prints their tables and writes
// bench/results/<name>.json. Every number is read against a ceiling measured in the same run.
import { loadavg } from 'node:os';
import { benchBus } from './bus.bench.ts';
import { benchFanout } from './fanout.bench.ts';
import { benchFeed } from './feed.bench.ts';
import { benchImport } from './import.bench.ts';
import { formatTable, type Row, writeResult } from './report.ts';
import { type Services, startServices } from './services.ts';

let services: Services | null = null;
// Ctrl-C still stops the PostgreSQL and NATS this run started (the children get the signal themselves).
process.once('SIGINT', () => void services?.stop().finally(() => process.exit(130)));

const benchmarks: Record<string, () => Promise<{ title: string; rows: Row[]; measured: unknown }>> = {
  async bus() {
    services = await startServices();
    try {
      return await benchBus(services);
    } finally {
      await services.stop();
      services = null;
    }
  },
  fanout: benchFanout,
  /** Needs PostgreSQL only: BENCH_DATABASE_URL when set, else a throwaway server. */
  async feed() {
    const given = process.env.BENCH_DATABASE_URL;
    if (given) return benchFeed({ databaseUrl: given });
    services = await startServices();
    try {
      return await benchFeed(services);
    } finally {
      await services.stop();
      services = null;
    }
  },
  async import() {
    services = await startServices();
    try {
      return await benchImport(services);
    } finally {
      await services.stop();
      services = null;
    }
  },
};

const chosen = process.argv.slice(2);
const started = Date.now();
const [load = 0] = loadavg();
if (load > 0.5) console.warn(`load average is ${load.toFixed(2)} before starting: other work shares the cores and will colour the numbers`);
for (const [name, bench] of Object.entries(benchmarks)) {
  if (chosen.length > 0 && !chosen.includes(name)) continue;
  const { title, rows, measured } = await bench();
  console.log(formatTable(title, rows));
  console.log(`written to ${writeResult(name, { title, rows, measured })}\n`);
}
console.log(`bench finished in ${Math.round((Date.now() - started) / 1000)} s`);
