// A restart loses no acknowledged message: sends are acked only after commit, so whatever a client
// saw acked is there after the server comes back; resending the unacked ones (same clientIds) fills
// the rest without duplicates, and the sequence goes on without gaps.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@edumatrix/client';
import type { Message } from '@edumatrix/contracts';
import type { Socket } from 'socket.io-client';
import { afterAll, describe, expect, it } from 'vitest';
import { dbLabel, onPostgres, PASSWORD, startTestPlatform } from '../../testing/test-platform.ts';
import { connected, openSocket, type Person, people } from './testing.ts';

describe(`chat across a restart on ${dbLabel()}`, () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'edumatrix-chat-restart-'));
  const sockets: Socket[] = [];
  afterAll(() => {
    for (const s of sockets) s.disconnect();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps every acknowledged message; resends fill in the rest exactly once, in sequence', async () => {
    const first = await startTestPlatform({ dataDir });
    const [ana, bo] = (await people(first, 'Ana', 'Bo')) as [Person, Person];
    const id = (await ana.client.chat.direct(bo.id)).id;
    const socket = openSocket(first, ana, sockets);
    await connected(socket);
    const keys = Array.from({ length: 20 }, (_, i) => `restart-${i}`);
    const acked = new Map<string, Message>();
    // All in flight at once; the server goes down once a few are acked.
    for (const key of keys) {
      socket
        .timeout(10_000)
        .emitWithAck('chat:send', { conversationId: id, clientId: key, body: key })
        .then((reply: { ok: boolean; message?: Message }) => {
          if (reply.ok && reply.message) acked.set(key, reply.message);
        })
        .catch(() => {});
    }
    while (acked.size < 5) await new Promise((r) => setTimeout(r, 5));
    await first.close({ keepDatabase: true });
    const ackedBefore = new Map(acked);

    const second = await startTestPlatform(onPostgres() ? { reuse: { databaseName: first.databaseName as string } } : { dataDir });
    try {
      const client = createClient({ baseUrl: second.url });
      await client.auth.login({ email: ana.email, password: PASSWORD });
      const stored = (await client.chat.messages(id, { limit: 100 })).items;
      for (const [key, message] of ackedBefore) {
        expect(stored.find((m) => m.clientId === key)).toMatchObject({ id: message.id, seq: message.seq, body: key });
      }
      // The client resends whatever it has no ack for; the same keys never make a second message.
      for (const key of keys) if (!ackedBefore.has(key)) await client.chat.send(id, { clientId: key, body: key });
      for (const key of ackedBefore.keys()) await client.chat.send(id, { clientId: key, body: key });
      const all = (await client.chat.messages(id, { limit: 100 })).items;
      expect(all.map((m) => m.seq)).toEqual(keys.map((_, i) => i + 1));
      expect(new Set(all.map((m) => m.clientId))).toEqual(new Set(keys));
    } finally {
      await second.close();
    }
  });
});
