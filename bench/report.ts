// The table printed after each benchmark, and the results file it is saved to (cited by
// docs/performance.md, so the files are committed).
import { writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';

/** Throughput and p99 as ratios against the ceiling measured in the same run: never absolute targets. */
export type Row = {
  scenario: string;
  perSecond: number;
  ratio: number;
  p50: number;
  p99: number;
  p99Ratio: number;
  /** Fan-out: the server's growth per open connection, after garbage collection. */
  memoryPerConnection?: { rssKb: number; heapKb: number };
};

const kib = (n: number) => n.toFixed(1);

const columns: [string, (r: Row) => string][] = [
  ['scenario', (r) => r.scenario],
  ['msgs/s', (r) => Math.round(r.perSecond).toLocaleString('en-US')],
  ['vs ceiling', (r) => `${(r.ratio * 100).toFixed(1)} %`],
  ['p50 ms', (r) => r.p50.toFixed(2)],
  ['p99 ms', (r) => r.p99.toFixed(2)],
  ['p99 vs ceiling', (r) => `${r.p99Ratio.toFixed(1)}×`],
  [
    'memory/conn RSS (heap)',
    (r) => (r.memoryPerConnection ? `${kib(r.memoryPerConnection.rssKb)} (${kib(r.memoryPerConnection.heapKb)}) KiB` : ''),
  ],
];

export function formatTable(title: string, rows: Row[]): string {
  const used = columns.filter(([name]) => !name.startsWith('memory') || rows.some((r) => r.memoryPerConnection));
  const cells = [used.map(([name]) => name), ...rows.map((r) => used.map(([, cell]) => cell(r)))];
  const widths = used.map((_, i) => Math.max(...cells.map((line) => (line[i] ?? '').length)));
  const line = (values: string[]) =>
    `| ${values.map((v, i) => (i === 0 ? v.padEnd(widths[i] ?? 0) : v.padStart(widths[i] ?? 0))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`;
  return [`\n${title}`, line(cells[0] ?? []), rule, ...cells.slice(1).map(line)].join('\n');
}

export function writeResult(name: string, result: Record<string, unknown>): string {
  const path = new URL(`./results/${name}.json`, import.meta.url);
  const machine = {
    cpus: cpus().length,
    cpu: cpus()[0]?.model ?? 'unknown',
    memoryGb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    // Anything else running shares the cores: a load average well above the benchmark's own says so.
    loadAverage: loadavg().map((l) => Math.round(l * 100) / 100),
  };
  writeFileSync(path, `${JSON.stringify({ name, date: new Date().toISOString(), machine, ...result }, null, 2)}\n`);
  return path.pathname;
}
