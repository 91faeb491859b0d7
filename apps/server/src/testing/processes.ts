// Spawning real server processes from tests (TypeScript through tsx), and reading what they print.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { processDatabaseEnv } from './test-platform.ts';

export type Running = { child: ChildProcess; output: () => string; exited: Promise<number | null> };

export function startProcess(script: string, env: Record<string, string>): Running {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d) => {
    output += d;
  });
  child.stderr?.on('data', (d) => {
    output += d;
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

/** Waits until the output matches, returning the match; fails with the output after `timeoutMs`. */
export async function waitForOutput(running: Running, pattern: RegExp, timeoutMs = 30_000): Promise<RegExpMatchArray> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const match = running.output().match(pattern);
    if (match) return match;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no ${pattern} in output:\n${running.output().slice(-3000)}`);
}

/**
 * For a describe block that runs server processes: a database of their own (a data folder on
 * PGlite, a new database on PostgreSQL), made before the tests and removed after them.
 */
export function useProcessDatabase(): { env(): Record<string, string>; dataDir: string } {
  const dataDir = mkdtempSync(join(tmpdir(), 'edumatrix-process-'));
  let database: Awaited<ReturnType<typeof processDatabaseEnv>> | null = null;
  beforeAll(async () => {
    database = await processDatabaseEnv(dataDir);
  });
  afterAll(async () => {
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });
  return {
    dataDir,
    env: () => {
      if (!database) throw new Error('useProcessDatabase: used outside a test');
      return database.env;
    },
  };
}

/** The first of `candidates` that runs, or null (an optional server binary such as nats-server). */
export function findBinary(...candidates: string[]): string | null {
  for (const candidate of candidates) {
    try {
      execFileSync(candidate, ['--version'], { stdio: 'ignore' });
      return candidate;
    } catch {}
  }
  return null;
}

/** A loopback port nothing listens on right now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  return typeof address === 'object' && address ? address.port : 0;
}

/** Resolves once something accepts connections on the port. */
export async function waitForPortOpen(port: number, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.end();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`nothing listens on port ${port}`);
}
