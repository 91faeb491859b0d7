// NATS stopped mid-run: writes still commit, /health/ready names NATS, and when it is back every
// event is delivered, none lost. The test runs its own nats-server so that it can stop it.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventEnvelope } from '@edumatrix/contracts';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { signedUpClient, waitFor } from '../../testing/factories.ts';
import { findBinary, freePort, waitForPortOpen } from '../../testing/processes.ts';
import { dbLabel, startTestPlatform } from '../../testing/test-platform.ts';
import type { Db } from '../db/database.ts';

const binary = findBinary('nats-server', '/usr/sbin/nats-server', '/usr/bin/nats-server');

describe.skipIf(!binary)(`NATS outage on ${dbLabel()}`, () => {
  const storeDir = mkdtempSync(join(tmpdir(), 'edumatrix-nats-'));
  let nats: ChildProcess | null = null;
  afterAll(() => {
    nats?.kill('SIGKILL');
    rmSync(storeDir, { recursive: true, force: true });
  });

  const startNats = async (port: number) => {
    nats = spawn(binary as string, ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', storeDir], { stdio: 'ignore' });
    await waitForPortOpen(port);
  };

  it('keeps committing while NATS is down, reports it, and delivers everything when it is back', async () => {
    const port = await freePort();
    await startNats(port);
    const t = await startTestPlatform({
      extraEvents: { 'test.outage': { version: 1, priority: 'p1', payload: z.object({ n: z.number() }) } },
      consumers: [
        {
          group: 'test.outage',
          types: ['test.outage'],
          handle: async (event: EventEnvelope, trx: Db) => {
            await sql`insert into public.outage_effects (event_id) values (${event.id})`.execute(trx);
          },
        },
      ],
      env: { NATS_URL: `nats://127.0.0.1:${port}` },
      setupSql: 'create table public.outage_effects (event_id uuid primary key)',
    });
    const publish = (n: number) =>
      t.platform.database.db
        .transaction()
        .execute((trx) => t.platform.events.publisher.publish(trx, { type: 'test.outage', key: 'k', payload: { n } } as never));
    const applied = async () =>
      (await sql<{ n: number }>`select count(*)::int as n from public.outage_effects`.execute(t.platform.database.db)).rows[0]?.n ?? 0;
    try {
      await publish(0);
      await waitFor('the first event', async () => (await applied()) === 1);

      nats?.kill('SIGKILL');
      await new Promise((r) => setTimeout(r, 300));
      for (let n = 1; n <= 5; n++) await publish(n);
      const user = await signedUpClient(t, 'Still Works'); // an ordinary write commits too
      expect(user.id).toBeTruthy();
      const ready = await fetch(`${t.url}/health/ready`);
      expect(ready.status).toBe(503);
      expect(((await ready.json()) as { detail: string }).detail).toMatch(/nats is down/);
      expect(await applied()).toBe(1);

      await startNats(port);
      await waitFor('every event after the outage', async () => (await applied()) === 6, 30_000);
      await waitFor('readiness', async () => (await fetch(`${t.url}/health/ready`)).status === 200, 15_000);
    } finally {
      await t.close();
    }
  });
});
