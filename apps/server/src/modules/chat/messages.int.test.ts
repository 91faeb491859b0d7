// Messages over HTTP: idempotent sends in sequence order, history by sequence, edits and deletes,
// threads, reactions, search, attachments, the notification for offline members and the event.
import { MESSAGE_MAX_LENGTH } from '@edumatrix/contracts';
import { sql } from 'kysely';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { problemSummary, waitFor } from '../../testing/factories.ts';
import { dbLabel, startTestPlatform, type TestPlatform } from '../../testing/test-platform.ts';
import { clientId, connected, openSocket, type Person, people } from './testing.ts';

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);

describe(`chat messages on ${dbLabel()}`, () => {
  let t: TestPlatform;
  const sockets: Socket[] = [];
  beforeAll(async () => {
    t = await startTestPlatform();
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await t.close();
  });

  async function pair(): Promise<[Person, Person, string]> {
    const [ana, bo] = (await people(t, 'Ana', 'Bo')) as [Person, Person];
    return [ana, bo, (await ana.client.chat.direct(bo.id)).id];
  }
  const db = () => t.platform.database.db;

  it('sends in order with gapless sequence numbers; resending a clientId returns the stored message', async () => {
    const [ana, bo, id] = await pair();
    const key = clientId();
    const res = await fetch(`${t.url}/api/v1/conversations/${id}/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ana.client.accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ clientId: key, body: 'hello' }),
    });
    expect(res.status).toBe(201);
    const first = (await res.json()) as { id: string; seq: number };
    const again = await fetch(`${t.url}/api/v1/conversations/${id}/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ana.client.accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ clientId: key, body: 'hello' }),
    });
    expect(again.status).toBe(200);
    expect(((await again.json()) as { id: string }).id).toBe(first.id);
    // Concurrent sends from both sides: every one stored once, numbered without gaps.
    const sent = await Promise.all(
      Array.from({ length: 10 }, (_, i) => (i % 2 ? ana : bo).client.chat.send(id, { clientId: clientId(), body: `m${i}` })),
    );
    expect(sent.map((m) => m.seq).sort((a, b) => a - b)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    const history = await bo.client.chat.messages(id);
    expect(history.items.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(history.hasMore).toBe(false);
    expect(history.items[0]).toMatchObject({ id: first.id, senderId: ana.id, body: 'hello', clientId: key, editedAt: null });
  });

  it('pages history by sequence: newest first page, then before, and after', async () => {
    const [ana, , id] = await pair();
    for (let i = 1; i <= 7; i++) await ana.client.chat.send(id, { clientId: clientId(), body: `n${i}` });
    const newest = await ana.client.chat.messages(id, { limit: 3 });
    expect(newest).toMatchObject({ hasMore: true });
    expect(newest.items.map((m) => m.seq)).toEqual([5, 6, 7]);
    const older = await ana.client.chat.messages(id, { limit: 3, before: 5 });
    expect(older.items.map((m) => m.seq)).toEqual([2, 3, 4]);
    const oldest = await ana.client.chat.messages(id, { limit: 3, before: 2 });
    expect(oldest).toMatchObject({ hasMore: false });
    expect(oldest.items.map((m) => m.seq)).toEqual([1]);
    const newer = await ana.client.chat.messages(id, { limit: 4, after: 2 });
    expect(newer.items.map((m) => m.seq)).toEqual([3, 4, 5, 6]);
    expect(newer.hasMore).toBe(true);
    expect(await problemSummary(ana.client.chat.messages(id, { limit: 0 }))).toMatchObject({ status: 400, fields: ['limit'] });
    expect(await problemSummary(ana.client.chat.messages(id, { before: -1 }))).toMatchObject({ status: 400, fields: ['before'] });
  });

  it('refuses empty, too long and malformed messages, naming the field', async () => {
    const [ana, , id] = await pair();
    expect(await problemSummary(ana.client.chat.send(id, { clientId: clientId(), body: '   ' }))).toEqual({
      status: 400,
      code: 'chat.empty_message',
      fields: ['body'],
    });
    expect(
      await problemSummary(ana.client.chat.send(id, { clientId: clientId(), body: 'x'.repeat(MESSAGE_MAX_LENGTH + 1) })),
    ).toMatchObject({
      status: 400,
      fields: ['body'],
    });
    expect(await problemSummary(ana.client.chat.send(id, { clientId: '', body: 'x' }))).toMatchObject({
      status: 400,
      fields: ['clientId'],
    });
    expect(await problemSummary(ana.client.raw('POST', `/api/v1/conversations/${id}/messages`, { body: 'x' }))).toMatchObject({
      status: 400,
      fields: ['clientId'],
    });
    expect(await problemSummary(ana.client.chat.send(id, { clientId: clientId(), body: 'x', replyTo: 'nope' }))).toMatchObject({
      fields: ['replyTo'],
    });
  });

  it('edits keep editedAt; deletes are soft and empty the message; only the author may', async () => {
    const [ana, bo, id] = await pair();
    const m = await ana.client.chat.send(id, { clientId: clientId(), body: 'draft' });
    const edited = await ana.client.chat.edit(id, m.id, { body: 'final' });
    expect(edited).toMatchObject({ body: 'final', seq: m.seq });
    expect(edited.editedAt).not.toBeNull();
    expect(await problemSummary(bo.client.chat.edit(id, m.id, { body: 'mine now' }))).toMatchObject({
      status: 403,
      code: 'chat.not_author',
    });
    expect(await problemSummary(bo.client.chat.remove(id, m.id))).toMatchObject({ status: 403, code: 'chat.not_author' });
    expect(await problemSummary(ana.client.chat.edit(id, m.id, { body: '' }))).toMatchObject({ status: 400, fields: ['body'] });
    const gone = await ana.client.chat.remove(id, m.id);
    expect(gone).toMatchObject({ body: '', seq: m.seq, attachments: [] });
    expect(gone.deletedAt).not.toBeNull();
    expect(await problemSummary(ana.client.chat.edit(id, m.id, { body: 'back' }))).toMatchObject({
      status: 409,
      code: 'chat.message_deleted',
    });
    expect((await bo.client.chat.messages(id)).items.map((x) => [x.seq, x.body])).toEqual([[1, '']]);
    const { rows } = await sql<{ body: string }>`select body from chat.messages where id = ${m.id}`.execute(db());
    expect(rows[0]?.body).toBe('');
  });

  it('a group admin may delete anyone’s message', async () => {
    const [admin, bo] = await people(t, 'Admin', 'Bo');
    const g = await admin.client.chat.createGroup({ title: 'Mods', memberIds: [bo.id] });
    const m = await bo.client.chat.send(g.id, { clientId: clientId(), body: 'spam' });
    expect((await admin.client.chat.remove(g.id, m.id)).deletedAt).not.toBeNull();
  });

  it('replies form threads under their root; a thread lists in order', async () => {
    const [ana, bo, id] = await pair();
    const root = await ana.client.chat.send(id, { clientId: clientId(), body: 'question?' });
    const r1 = await bo.client.chat.send(id, { clientId: clientId(), body: 'answer 1', replyTo: root.id });
    const r2 = await ana.client.chat.send(id, { clientId: clientId(), body: 'answer 2', replyTo: r1.id });
    expect([r1.threadId, r2.threadId]).toEqual([root.id, root.id]);
    const thread = await bo.client.chat.thread(id, r2.id);
    expect(thread.root).toMatchObject({ id: root.id, replyCount: 2 });
    expect(thread.items.map((m) => m.body)).toEqual(['answer 1', 'answer 2']);
    expect((await bo.client.chat.thread(id, root.id, { after: r1.seq })).items.map((m) => m.id)).toEqual([r2.id]);
    const other = await pair();
    expect(await problemSummary(ana.client.chat.send(id, { clientId: clientId(), body: 'x', replyTo: other[2] }))).toEqual({
      status: 400,
      code: 'chat.reply_not_found',
      fields: ['replyTo'],
    });
  });

  it('reactions: a fixed set, once per person per emoji, taken back', async () => {
    const [ana, bo, id] = await pair();
    const m = await ana.client.chat.send(id, { clientId: clientId(), body: 'ship it' });
    await bo.client.chat.react(id, m.id, '👍');
    await bo.client.chat.react(id, m.id, '👍');
    await ana.client.chat.react(id, m.id, '👍');
    const both = await ana.client.chat.react(id, m.id, '🎉');
    expect(both.reactions).toEqual([
      { emoji: '👍', userIds: [bo.id, ana.id] },
      { emoji: '🎉', userIds: [ana.id] },
    ]);
    expect((await bo.client.chat.unreact(id, m.id, '👍')).reactions[0]).toEqual({ emoji: '👍', userIds: [ana.id] });
    expect(await problemSummary(bo.client.chat.react(id, m.id, '💩' as '👍'))).toMatchObject({ status: 400, fields: ['emoji'] });
  });

  it('searches within a conversation, case-insensitively, taking % and _ literally', async () => {
    const [ana, bo, id] = await pair();
    for (const body of ['Exam on Monday', 'the exam moved', '100% sure', 'snake_case', 'nothing here']) {
      await ana.client.chat.send(id, { clientId: clientId(), body });
    }
    const gone = await bo.client.chat.send(id, { clientId: clientId(), body: 'exam secret' });
    await bo.client.chat.remove(id, gone.id);
    expect((await bo.client.chat.search(id, { q: 'EXAM' })).items.map((m) => m.body)).toEqual(['the exam moved', 'Exam on Monday']);
    expect((await bo.client.chat.search(id, { q: 'exam', limit: 1 })).hasMore).toBe(true);
    expect((await bo.client.chat.search(id, { q: 'exam', before: 2 })).items.map((m) => m.seq)).toEqual([1]);
    expect((await bo.client.chat.search(id, { q: '%' })).items.map((m) => m.body)).toEqual(['100% sure']);
    expect((await bo.client.chat.search(id, { q: '_' })).items.map((m) => m.body)).toEqual(['snake_case']);
    expect(await problemSummary(bo.client.chat.search(id, { q: ' ' }))).toMatchObject({ status: 400, fields: ['q'] });
  });

  it('attachments: upload checked bytes, send them, members download; used once; strangers get nothing', async () => {
    const [ana, bo, id] = await pair();
    const [eve] = await people(t, 'Eve');
    const up = await ana.client.chat.upload(id, new Blob([PNG], { type: 'image/png' }), 'photo.png');
    expect(up).toMatchObject({ name: 'photo.png', type: 'image/png', size: PNG.length });
    // Not sent yet: only its uploader sees it.
    expect(await problemSummary(bo.client.chat.attachment(id, up.id))).toMatchObject({ status: 404 });
    const m = await ana.client.chat.send(id, { clientId: clientId(), attachmentIds: [up.id] });
    expect(m.attachments).toEqual([up]);
    const file = (await bo.client.chat.attachment(id, up.id)) as Blob;
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(PNG);
    expect(await problemSummary(eve.client.chat.attachment(id, up.id))).toMatchObject({ status: 404 });
    expect(await problemSummary(ana.client.chat.send(id, { clientId: clientId(), attachmentIds: [up.id] }))).toEqual({
      status: 400,
      code: 'chat.attachment_unavailable',
      fields: ['attachmentIds'],
    });
    const theirs = await bo.client.chat.upload(id, new Blob(['notes'], { type: 'text/plain' }), 'notes.txt');
    expect(await problemSummary(ana.client.chat.send(id, { clientId: clientId(), attachmentIds: [theirs.id] }))).toMatchObject({
      code: 'chat.attachment_unavailable',
    });
    expect(await problemSummary(ana.client.chat.upload(id, new Blob(['MZ'], { type: 'application/x-msdownload' }), 'x.exe'))).toMatchObject(
      {
        status: 415,
      },
    );
    expect(await problemSummary(ana.client.chat.upload(id, new Blob(['not a png'], { type: 'image/png' }), 'fake.png'))).toEqual({
      status: 400,
      code: 'chat.file_not_its_type',
      fields: ['file'],
    });
    expect(await problemSummary(eve.client.chat.upload(id, new Blob([PNG], { type: 'image/png' }), 'x.png'))).toMatchObject({
      status: 404,
    });
    const big = new Uint8Array(25 * 1024 * 1024 + 1);
    big.set(PNG);
    expect(await problemSummary(ana.client.chat.upload(id, new Blob([big], { type: 'image/png' }), 'big.png'))).toMatchObject({
      status: 413,
    });
    // Deleting the message deletes its files.
    await ana.client.chat.remove(id, m.id);
    expect(await problemSummary(bo.client.chat.attachment(id, up.id))).toMatchObject({ status: 404 });
  });

  it('asks for a notification for members who are offline, and publishes chat.message_sent', async () => {
    const [admin, online, offline] = await people(t, 'Ana Sender', 'Online', 'Offline');
    const g = await admin.client.chat.createGroup({ title: 'Heads up', memberIds: [online.id, offline.id] });
    const socket = openSocket(t, online, sockets);
    await connected(socket);
    await waitFor(
      'online',
      async () =>
        (await online.client.raw<{ items: { online: boolean }[] }>('GET', '/api/v1/presence', undefined, { userIds: online.id })).items[0]
          ?.online === true,
    );
    const m = await admin.client.chat.send(g.id, { clientId: clientId(), body: 'Meet at  \n noon in the library' });
    const requested = async () =>
      (
        await sql<{ payload: { userId: string; kind: string; title: string; body: string; link: string } }>`
          select payload from events.outbox where type = 'notifications.notification_requested'
            and payload->>'kind' = 'chat.message' and payload->>'link' = ${`/chat/${g.id}`}`.execute(db())
      ).rows.map((r) => r.payload);
    expect(await requested()).toEqual([
      expect.objectContaining({
        userId: offline.id,
        title: 'Ana Sender: new message',
        body: 'Meet at noon in the library',
        link: `/chat/${g.id}`,
        groupKey: `chat.message:${g.id}`,
        actorName: 'Ana Sender',
        actorId: admin.id,
      }),
    ]);
    await waitFor('the inbox entry', async () => (await offline.client.notifications.list()).items.some((n) => n.kind === 'chat.message'));
    const entry = (await offline.client.notifications.list()).items.find((n) => n.kind === 'chat.message');
    expect(entry?.actor).toEqual({ userId: admin.id, displayName: 'Ana Sender', avatarUrl: null });
    const { rows } = await sql<{ key: string; priority: string; payload: Record<string, unknown> }>`
      select key, priority, payload from events.outbox where type = 'chat.message_sent' and payload->>'messageId' = ${m.id}`.execute(db());
    expect(rows).toEqual([
      {
        key: g.id,
        priority: 'p1',
        payload: expect.objectContaining({ conversationId: g.id, seq: 1, senderId: admin.id, kind: 'group', attachments: 0 }),
      },
    ]);
    expect(JSON.stringify(rows[0]?.payload)).not.toContain('library');
  });
});
