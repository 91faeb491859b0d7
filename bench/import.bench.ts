// Roster import: 10,000 students through the real import job (check, commit, re-import), on
// PGlite and PostgreSQL, each against a plain INSERT of the same rows in the same run.
import { forkBench, type Message, nextMessage } from './child.ts';
import type { Row } from './report.ts';

type Measured = { students: number; dryRunMs: number; commitMs: number; reimportMs: number; rawInsertMs: number };

export async function benchImport(services: { databaseUrl: string }) {
  const scenarios = [
    { name: 'pglite', label: 'PGlite', env: { TEST_DATABASE_URL: undefined } },
    { name: 'postgres', label: 'PostgreSQL', env: { TEST_DATABASE_URL: services.databaseUrl } },
  ];
  const measured: Record<string, Measured> = {};
  const rows: Row[] = [];
  for (const s of scenarios) {
    process.stdout.write(`import: ${s.label}...\n`);
    const child = forkBench('import.scenario.ts', [], s.env);
    const m = (await nextMessage<Message & { result: Measured }>(child, 'result', 900_000)).result;
    measured[s.name] = m;
    // Rows per second of the whole job (queue, check, match, write), against the bare insert.
    const ceiling = {
      scenario: `bare INSERT of the rows (${s.label})`,
      perSecond: (m.students / m.rawInsertMs) * 1000,
      ratio: 1,
      p50: 0,
      p99: 0,
      p99Ratio: 1,
    };
    const row = (scenario: string, ms: number) => ({
      scenario: `${scenario} (${s.label})`,
      perSecond: (m.students / ms) * 1000,
      ratio: m.rawInsertMs / ms,
      p50: ms,
      p99: ms,
      p99Ratio: ms / m.rawInsertMs,
    });
    rows.push(ceiling, row('dry run', m.dryRunMs), row('commit', m.commitMs), row('re-import, nothing changes', m.reimportMs));
  }
  return {
    title: 'Roster import of 10,000 students: rows/s and wall time (the p50/p99 columns hold the whole job in ms)',
    rows,
    measured,
  };
}
