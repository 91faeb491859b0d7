import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type Running, startProcess, useProcessDatabase, waitForOutput } from '../../testing/processes.ts';
import { busAdapters, dbLabel } from '../../testing/test-platform.ts';

const SERVER = fileURLToPath(new URL('../../testing/crash-server.ts', import.meta.url));
const EVENTS = 10_000;

type Progress = Record<string, { applied: number; distinct: number }>;

function lastProgress(running: Running): Progress {
  const lines = running
    .output()
    .split('\n')
    .filter((l) => l.startsWith('{"progress"'));
  const last = lines.at(-1);
  return last ? (JSON.parse(last) as { progress: Progress }).progress : {};
}

async function until(running: Running, what: string, ok: (p: Progress) => boolean, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (ok(lastProgress(running))) return lastProgress(running);
    if (running.child.exitCode !== null) throw new Error(`server exited while waiting for ${what}:\n${running.output().slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(
    `timed out waiting for ${what}; last progress ${JSON.stringify(lastProgress(running))}\n${running.output().slice(-2000)}`,
  );
}

describe.each(busAdapters())(`crash recovery ($name) on ${dbLabel()}`, ({ env: adapterEnv }) => {
  const database = useProcessDatabase();

  // Two real processes and 20,000 applications: far beyond the default per-test budget on 2 cores.
  it('kill -9 mid-stream, then restart: every group applies every event exactly once', { timeout: 300_000 }, async () => {
    // Both processes share one JetStream namespace, as a restarted deployment would.
    const env = { ...database.env(), ...adapterEnv, EVENT_LEASE_SECONDS: '2', EVENTS_NAMESPACE: `crash${Date.now()}` };
    const first = startProcess(SERVER, { ...env, PUBLISH: String(EVENTS), HANDLER_DELAY_MS: '1' });
    await waitForOutput(first, /"progress"/, 60_000);
    const before = await until(first, 'some progress', (p) => Object.values(p).some((g) => g.applied >= 100), 60_000);
    first.child.kill('SIGKILL');
    await first.exited;
    expect(Object.values(before).every((g) => g.applied < EVENTS)).toBe(true);

    const second = startProcess(SERVER, env);
    try {
      const done = await until(
        second,
        'every event applied by both groups',
        (p) => ['crash.alpha', 'crash.beta'].every((g) => (p[g]?.distinct ?? 0) >= EVENTS),
        180_000,
      );
      expect(done).toEqual({
        'crash.alpha': { applied: EVENTS, distinct: EVENTS },
        'crash.beta': { applied: EVENTS, distinct: EVENTS },
      });
    } finally {
      second.child.kill('SIGTERM');
      await second.exited;
    }
  });
});
