// Redis stopped mid-run: writes still commit (rate limits fail open), /health/ready names Redis,
// and when it is back, live pushes through the Redis adapter flow again. The test runs its own
// redis-server so that it can stop it.
import { type ChildProcess, spawn } from 'node:child_process';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, describe, expect, it } from 'vitest';
import { addMember, createInstitution, signedUpClient, waitFor } from '../../testing/factories.ts';
import { findBinary, freePort, waitForPortOpen } from '../../testing/processes.ts';
import { dbLabel, startTestPlatform } from '../../testing/test-platform.ts';

const binary = findBinary('redis-server', '/usr/bin/redis-server');

describe.skipIf(!binary)(`Redis outage on ${dbLabel()}`, () => {
  let redis: ChildProcess | null = null;
  afterAll(() => {
    redis?.kill('SIGKILL');
  });
  const startRedis = async (port: number) => {
    redis = spawn(binary as string, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
      stdio: 'ignore',
    });
    await waitForPortOpen(port);
  };

  it('keeps committing while Redis is down, reports it, and pushes live again when it is back', async () => {
    const port = await freePort();
    await startRedis(port);
    const t = await startTestPlatform({ env: { REDIS_URL: `redis://127.0.0.1:${port}` } });
    let socket: Socket | null = null;
    try {
      const owner = await signedUpClient(t, 'Owner');
      const inst = await createInstitution(owner.client);
      socket = connect(t.url, { path: '/socket.io', auth: { token: owner.client.accessToken }, transports: ['websocket'] });
      await new Promise<void>((resolve) => socket?.once('connect', () => resolve()));
      expect(await socket.emitWithAck('subscribe', `institution:${inst.id}`)).toEqual({ ok: true });

      redis?.kill('SIGKILL');
      await waitFor('readiness to notice', async () => (await fetch(`${t.url}/health/ready`)).status === 503);
      const ready = (await (await fetch(`${t.url}/health/ready`)).json()) as { detail: string };
      expect(ready.detail).toMatch(/redis is down/);
      const stillWorks = await signedUpClient(t, 'Signs Up Anyway'); // rate limits fail open
      expect(stillWorks.id).toBeTruthy();

      await startRedis(port);
      await waitFor('readiness to recover', async () => (await fetch(`${t.url}/health/ready`)).status === 200, 20_000);
      const pushed = new Promise<{ type: string; userId: string }>((resolve) =>
        socket?.on('institutions:member_changed', (d: { type: string; userId: string }) => resolve(d)),
      );
      const member = await addMember(t, owner.client, inst.id, 'student');
      expect(await pushed).toMatchObject({ type: 'institutions.member_joined', userId: member.id });
    } finally {
      socket?.disconnect();
      await t.close();
    }
  });
});
