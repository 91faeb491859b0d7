import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type Running, startProcess, useProcessDatabase, waitForOutput } from './testing/processes.ts';
import { dbLabel, newEmail, PASSWORD } from './testing/test-platform.ts';

const MAIN = fileURLToPath(new URL('./main.ts', import.meta.url));

async function waitForPort(running: Running): Promise<number> {
  return Number((await waitForOutput(running, /serving on http:\/\/localhost:(\d+)/))[1]);
}

const start = (env: Record<string, string>) => startProcess(MAIN, env);

describe(`server process on ${dbLabel()}`, () => {
  const database = useProcessDatabase();
  const dataDir = database.dataDir;

  it('a bad variable stops start-up with a message naming it', async () => {
    const running = start({ PORT: 'eighty', DATA_DIR: dataDir });
    expect(await running.exited).toBe(78);
    expect(running.output()).toMatch(/PORT: /);
    expect(running.output()).not.toMatch(/at \w+ \(/);
  });

  it('serves, logs a request id on every request line, drains on SIGTERM, and keeps data across a restart', async () => {
    const first = start({ PORT: '0', ...database.env() });
    const port = await waitForPort(first);
    const email = newEmail();
    const register = fetch(`http://127.0.0.1:${port}/api/v1/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: PASSWORD, displayName: 'Process Test' }),
    });
    // SIGTERM while the registration (argon2 hashing) is in flight: it must still complete.
    await new Promise((r) => setTimeout(r, 15));
    first.child.kill('SIGTERM');
    expect((await register).status).toBe(201);
    expect(await first.exited).toBe(0);

    const lines = first
      .output()
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { msg: string; reqId?: string });
    const requestLines = lines.filter((l) => l.msg === 'incoming request' || l.msg === 'request completed');
    expect(requestLines.length).toBeGreaterThanOrEqual(2);
    expect(requestLines.every((l) => typeof l.reqId === 'string' && l.reqId.length > 0)).toBe(true);
    expect(lines.some((l) => l.msg.includes('shutting down'))).toBe(true);

    const second = start({ PORT: '0', ...database.env() });
    const port2 = await waitForPort(second);
    const login = await fetch(`http://127.0.0.1:${port2}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: PASSWORD }),
    });
    expect(login.status).toBe(200);
    second.child.kill('SIGINT');
    expect(await second.exited).toBe(0);
  });
});
