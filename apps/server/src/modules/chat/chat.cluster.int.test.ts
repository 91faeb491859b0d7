// Cluster mode: a message sent through one process reaches a member's socket on the other (the
// Redis streams adapter), and sequence numbers stay gapless with both processes sending at once.
import type { Message } from '@edumatrix/contracts';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../testing/factories.ts';
import { onPostgres, PASSWORD, startTestPlatform, type TestPlatform } from '../../testing/test-platform.ts';
import { clientId, collect, connected, openSocket, people } from './testing.ts';

const redisUrl = process.env.TEST_REDIS_URL;

describe.skipIf(!onPostgres() || !redisUrl)('chat in cluster mode: two processes, one PostgreSQL, one Redis', () => {
  let a: TestPlatform;
  let b: TestPlatform;
  const sockets: Socket[] = [];
  beforeAll(async () => {
    const env = { REDIS_URL: redisUrl as string };
    a = await startTestPlatform({ env: { ...env, ROLES: 'api,realtime' } });
    b = await startTestPlatform({ env: { ...env, ROLES: 'api,realtime,worker' }, reuse: { databaseName: a.databaseName as string } });
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await b?.close({ keepDatabase: true });
    await a?.close();
  });

  it('pushes across processes, in one gapless sequence', async () => {
    const [ana, bo] = await people(a, 'Ana', 'Bo');
    const id = (await ana.client.chat.direct(bo.id)).id;
    const boSocket = openSocket(a, bo, sockets);
    await connected(boSocket);
    const heard = collect<Message>(boSocket, 'chat:message');
    const anaOnB = b.client();
    await anaOnB.auth.login({ email: ana.email, password: PASSWORD });
    await Promise.all(
      Array.from({ length: 6 }, (_, i) => (i % 2 ? ana.client : anaOnB).chat.send(id, { clientId: clientId(), body: `m${i}` })),
    );
    await waitFor('six pushes', async () => heard.length === 6);
    expect(heard.map((m) => m.seq).sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5, 6]);
  });
});
