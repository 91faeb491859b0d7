// Cluster mode: two server processes over one PostgreSQL and one Redis share rate limits and rooms.
// Process A serves sockets but runs no event worker; B runs the worker, so every live push that
// reaches A's socket went through Redis.
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, createInstitution, problemOf, signedUpClient } from '../../testing/factories.ts';
import { onPostgres, PASSWORD, startTestPlatform, type TestPlatform } from '../../testing/test-platform.ts';

const redisUrl = process.env.TEST_REDIS_URL;

describe.skipIf(!onPostgres() || !redisUrl)('cluster mode: two processes, one PostgreSQL, one Redis', () => {
  let a: TestPlatform;
  let b: TestPlatform;
  beforeAll(async () => {
    const shared = { REDIS_URL: redisUrl as string, LOGIN_ATTEMPTS_PER_ACCOUNT: '3' };
    a = await startTestPlatform({ env: { ...shared, ROLES: 'api,realtime' } });
    b = await startTestPlatform({ env: { ...shared, ROLES: 'api,realtime,worker' }, reuse: { databaseName: a.databaseName as string } });
  });
  afterAll(async () => {
    await b?.close({ keepDatabase: true });
    await a?.close();
  });

  it('sign-in attempts are counted across processes', async () => {
    const user = await signedUpClient(a, 'Counted');
    for (const t of [a, b, a])
      expect((await problemOf(t.client().auth.login({ email: user.email, password: 'wrong password!' }))).status).toBe(401);
    expect((await problemOf(b.client().auth.login({ email: user.email, password: PASSWORD }))).status).toBe(429);
  });

  it('a socket on one process receives an event pushed by the other', async () => {
    const owner = await signedUpClient(a, 'Cluster Owner');
    const inst = await createInstitution(owner.client);
    const socket: Socket = connect(a.url, {
      path: '/socket.io',
      auth: { token: owner.client.accessToken },
      transports: ['websocket'],
      reconnection: false,
    });
    try {
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', () => resolve());
        socket.once('connect_error', reject);
      });
      expect(await socket.emitWithAck('subscribe', `institution:${inst.id}`)).toEqual({ ok: true });
      const pushed = new Promise<{ type: string; userId: string }>((resolve) =>
        socket.on('institutions:member_changed', (data: { type: string; userId: string }) => resolve(data)),
      );
      // The member joins through B; B's worker handles the event and B's gateway pushes it.
      const ownerOnB = b.client();
      await ownerOnB.auth.login({ email: owner.email, password: PASSWORD });
      const member = await addMember(b, ownerOnB, inst.id, 'teacher');
      expect(await pushed).toMatchObject({ type: 'institutions.member_joined', userId: member.id });
      expect(a.platform.events.worker).toBeNull();
      // Presence lives in Redis: B sees the user connected to A.
      const presence = await ownerOnB.raw<{ items: { online: boolean }[] }>('GET', '/api/v1/presence', undefined, { userIds: owner.id });
      expect(presence.items[0]?.online).toBe(true);
    } finally {
      socket.disconnect();
    }
  });
});
