// The servers the benchmarks need: BENCH_DATABASE_URL / BENCH_NATS_URL when given, otherwise a
// throwaway PostgreSQL and NATS (JetStream) on free loopback ports, stopped (and deleted) by stop().
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chownSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { findBinary, freePort, waitForPortOpen } from '../apps/server/src/testing/processes.ts';

export type Services = { databaseUrl: string; natsUrl: string; stop(): Promise<void> };

// PostgreSQL refuses to run as root, as scripts/test-full.sh knows too.
const asPostgres = (bin: string, args: string[]) =>
  userInfo().uid === 0 ? execFileSync('runuser', ['-u', 'postgres', '--', bin, ...args]) : execFileSync(bin, args);

function postgresBin(): string {
  const root = '/usr/lib/postgresql';
  const version = readdirSync(root)
    .sort((a, b) => Number(a) - Number(b))
    .at(-1);
  if (!version) throw new Error(`no PostgreSQL under ${root}: install postgresql or set BENCH_DATABASE_URL`);
  return join(root, version, 'bin');
}

async function startPostgres(dir: string): Promise<{ url: string; stop(): void }> {
  const bin = postgresBin();
  const port = await freePort();
  if (userInfo().uid === 0) chownSync(dir, Number(execFileSync('id', ['-u', 'postgres'])), Number(execFileSync('id', ['-g', 'postgres'])));
  asPostgres(join(bin, 'initdb'), ['-D', join(dir, 'data'), '-U', 'postgres', '-A', 'trust']);
  // Durable settings (fsync and synchronous commit stay on): the numbers are what production pays.
  asPostgres(join(bin, 'pg_ctl'), [
    ...['-D', join(dir, 'data'), '-l', join(dir, 'pg.log'), '-w', 'start'],
    ...['-o', `-p ${port} -c listen_addresses=127.0.0.1 -k ${dir} -c max_connections=200`],
  ]);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop: () => asPostgres(join(bin, 'pg_ctl'), ['-D', join(dir, 'data'), '-m', 'fast', 'stop']),
  };
}

async function startNats(dir: string): Promise<{ url: string; child: ChildProcess }> {
  const bin = findBinary('nats-server', '/usr/sbin/nats-server');
  if (!bin) throw new Error('no nats-server: install it or set BENCH_NATS_URL');
  const port = await freePort();
  const child = spawn(bin, ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', join(dir, 'nats')], { stdio: 'ignore' });
  await waitForPortOpen(port);
  return { url: `nats://127.0.0.1:${port}`, child };
}

export async function startServices(): Promise<Services> {
  const dir = mkdtempSync(join(tmpdir(), 'edumatrix-bench-'));
  const given = { db: process.env.BENCH_DATABASE_URL, nats: process.env.BENCH_NATS_URL };
  const pg = given.db ? null : await startPostgres(dir);
  const nats = given.nats
    ? null
    : await startNats(dir).catch((err: unknown) => {
        pg?.stop();
        throw err;
      });
  let stopped = false;
  return {
    databaseUrl: given.db ?? (pg?.url as string),
    natsUrl: given.nats ?? (nats?.url as string),
    async stop() {
      // Ctrl-C may arrive while a stop is already under way.
      if (stopped) return;
      stopped = true;
      pg?.stop();
      if (nats) {
        const exited = new Promise((resolve) => nats.child.once('exit', resolve));
        nats.child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
