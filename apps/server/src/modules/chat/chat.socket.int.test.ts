// Chat over a real socket.io-client: conversation rooms for members only, chat:send acked after
// commit (idempotent by clientId), pushes once per socket, typing and receipts, and catch-up by
// sequence after a reconnect: every missed message once, in order.
import type { Message } from '@edumatrix/contracts';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../testing/factories.ts';
import { dbLabel, startTestPlatform, type TestPlatform } from '../../testing/test-platform.ts';
import { clientId, collect, connected, openSocket, type Person, people, settle, subscribe } from './testing.ts';

type Reply = { ok: boolean; code?: string; detail?: string; errors?: { field: string }[]; message?: Message; created?: boolean };

describe(`chat over the socket on ${dbLabel()}`, () => {
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
  const send = (socket: Socket, input: unknown) => socket.emitWithAck('chat:send', input) as Promise<Reply>;

  it('only members join a conversation room; typing reaches the other member', async () => {
    const [ana, bo, id] = await pair();
    const [eve] = await people(t, 'Eve');
    const [a, b, e] = [openSocket(t, ana, sockets), openSocket(t, bo, sockets), openSocket(t, eve as Person, sockets)];
    await Promise.all([connected(a), connected(b), connected(e)]);
    const room = `conversation:${id}`;
    expect(await subscribe(a, room)).toEqual({ ok: true });
    expect(await subscribe(b, room)).toEqual({ ok: true });
    expect(await subscribe(e, room)).toMatchObject({ ok: false, code: 'chat.conversation_not_found' });
    expect(await subscribe(e, 'conversation:not-a-uuid')).toMatchObject({ ok: false, code: 'chat.conversation_not_found' });
    const typing = collect<{ room: string; userId: string; typing: boolean }>(b, 'typing');
    a.emit('typing', { room, typing: true });
    await waitFor('typing', async () => typing.length === 1);
    expect(typing[0]).toEqual({ room, userId: ana.id, typing: true });
  });

  it('chat:send acks the stored message; a resend acks the same one; each socket hears it once', async () => {
    const [ana, bo, id] = await pair();
    const [a, b] = [openSocket(t, ana, sockets), openSocket(t, bo, sockets)];
    await Promise.all([connected(a), connected(b)]);
    // Bo is in the conversation's room and in his user room: one emit reaches him once.
    await subscribe(b, `conversation:${id}`);
    const heard = collect<Message>(b, 'chat:message');
    const key = clientId();
    const first = await send(a, { conversationId: id, clientId: key, body: 'over the socket' });
    expect(first).toMatchObject({ ok: true, created: true, message: { seq: 1, body: 'over the socket', senderId: ana.id } });
    // Acked means committed: it is in the history already.
    expect((await bo.client.chat.messages(id)).items.map((m) => m.id)).toEqual([first.message?.id]);
    const resent = await send(a, { conversationId: id, clientId: key, body: 'over the socket' });
    expect(resent).toMatchObject({ ok: true, created: false, message: { id: first.message?.id, seq: 1 } });
    await waitFor('the push', async () => heard.length === 1);
    await settle();
    expect(heard.map((m) => m.id)).toEqual([first.message?.id]);
    // The HTTP fallback with the same key is the same message too.
    expect((await ana.client.chat.send(id, { clientId: key, body: 'over the socket' })).id).toBe(first.message?.id);
  });

  it('bad commands are acked with the problem and its fields; strangers are refused', async () => {
    const [ana, , id] = await pair();
    const [eve] = (await people(t, 'Eve')) as [Person];
    const [a, e] = [openSocket(t, ana, sockets), openSocket(t, eve, sockets)];
    await Promise.all([connected(a), connected(e)]);
    expect(await send(a, { conversationId: id, body: 'no key' })).toMatchObject({
      ok: false,
      code: 'request.validation_failed',
      errors: [{ field: 'clientId' }],
    });
    expect(await send(a, { conversationId: 'x', clientId: 'k', body: 'hi' })).toMatchObject({
      ok: false,
      errors: [{ field: 'conversationId' }],
    });
    expect(await send(a, null)).toMatchObject({ ok: false, code: 'request.validation_failed' });
    expect(await send(a, { conversationId: id, clientId: clientId(), body: '' })).toMatchObject({
      ok: false,
      code: 'chat.empty_message',
      errors: [{ field: 'body' }],
    });
    expect(await send(e, { conversationId: id, clientId: clientId(), body: 'let me in' })).toMatchObject({
      ok: false,
      code: 'chat.conversation_not_found',
    });
  });

  it('chat:read moves the read position and pushes the receipt to the room', async () => {
    const [ana, bo, id] = await pair();
    const [a, b] = [openSocket(t, ana, sockets), openSocket(t, bo, sockets)];
    await Promise.all([connected(a), connected(b)]);
    await subscribe(a, `conversation:${id}`);
    const receipts = collect<{ conversationId: string; userId: string; seq: number }>(a, 'chat:read');
    await send(a, { conversationId: id, clientId: clientId(), body: 'one' });
    await send(a, { conversationId: id, clientId: clientId(), body: 'two' });
    expect(await b.emitWithAck('chat:read', { conversationId: id, seq: 2 })).toEqual({ ok: true, lastReadSeq: 2, unreadCount: 0 });
    await waitFor('the receipt', async () => receipts.length === 1);
    expect(receipts[0]).toEqual({ conversationId: id, userId: bo.id, seq: 2 });
    expect(await b.emitWithAck('chat:read', { conversationId: id, seq: 'two' })).toMatchObject({ ok: false, errors: [{ field: 'seq' }] });
  });

  it('reading to the end also reads the conversation’s message notifications, and pushes the new unread count', async () => {
    const [ana, bo, cy] = (await people(t, 'Ana', 'Bo', 'Cy')) as [Person, Person, Person];
    const one = (await ana.client.chat.direct(bo.id)).id;
    const two = (await cy.client.chat.direct(bo.id)).id;
    // Bo has no socket, so he is offline: each message asks for a notification for him.
    await ana.client.chat.send(one, { clientId: clientId(), body: 'one' });
    await ana.client.chat.send(one, { clientId: clientId(), body: 'two' });
    await cy.client.chat.send(two, { clientId: clientId(), body: 'from Cy' });
    const unreadOf = async (conversationId: string) =>
      (await bo.client.notifications.list()).items
        .filter((n) => n.kind === 'chat.message' && n.link === `/chat/${conversationId}` && n.readAt === null)
        .reduce((sum, n) => sum + n.count, 0);
    await waitFor('the notifications', async () => (await unreadOf(one)) === 2 && (await unreadOf(two)) === 1);
    const b = openSocket(t, bo, sockets);
    await connected(b);
    const counts = collect<{ count: number }>(b, 'notifications:unread');
    const before = (await bo.client.notifications.unreadCount()).count;
    // Read part way: the notification is about a message he has not seen yet, so it stays.
    expect(await bo.client.chat.markRead(one, 1)).toEqual({ lastReadSeq: 1, unreadCount: 1 });
    expect(await unreadOf(one)).toBe(2);
    expect(await b.emitWithAck('chat:read', { conversationId: one, seq: 2 })).toEqual({ ok: true, lastReadSeq: 2, unreadCount: 0 });
    await waitFor('the notifications read', async () => (await unreadOf(one)) === 0);
    expect(await unreadOf(two)).toBe(1);
    const after = (await bo.client.notifications.unreadCount()).count;
    expect(after).toBeLessThan(before);
    await waitFor('the unread count push', async () => counts.at(-1)?.count === after);
    // Over HTTP too, and only that conversation's.
    expect(await bo.client.chat.markRead(two, 1)).toEqual({ lastReadSeq: 1, unreadCount: 0 });
    await waitFor('the notifications read', async () => (await unreadOf(two)) === 0);
    await waitFor('the unread count push', async () => counts.at(-1)?.count === after - 1);
  });

  it('a read that comes before its notification is stored still reads it: both go through the outbox, in order', async () => {
    const [ana, bo] = (await people(t, 'Ana', 'Bo')) as [Person, Person];
    const id = (await ana.client.chat.direct(bo.id)).id;
    // Bo has no socket (offline), so the message asks for a notification; he reads at once over HTTP.
    await ana.client.chat.send(id, { clientId: clientId(), body: 'quick' });
    expect(await bo.client.chat.markRead(id, 1)).toEqual({ lastReadSeq: 1, unreadCount: 0 });
    const entries = async () => (await bo.client.notifications.list()).items.filter((n) => n.link === `/chat/${id}`);
    await waitFor('the notification and the read after it', async () => {
      const found = await entries();
      return found.length === 1 && found[0]?.readAt !== null;
    });
    expect((await bo.client.notifications.unreadCount()).count).toBe(0);
  });

  it('a reply pushes its thread root with the new reply count to every member', async () => {
    const [ana, bo, id] = await pair();
    const b = openSocket(t, bo, sockets);
    await connected(b);
    const root = await bo.client.chat.send(id, { clientId: clientId(), body: 'root' });
    const heard = collect<Message>(b, 'chat:message');
    const updated = collect<Message>(b, 'chat:message_updated');
    const key = clientId();
    const first = await ana.client.chat.send(id, { clientId: key, body: 'reply', replyTo: root.id });
    await waitFor('the root', async () => updated.length === 1);
    // The reply first, then its root as now stored.
    expect(heard.map((m) => m.id)).toEqual([first.id]);
    expect(updated[0]).toMatchObject({ id: root.id, body: 'root', replyCount: 1 });
    // A reply to a reply counts under the same root; a resend counts nothing.
    await ana.client.chat.send(id, { clientId: clientId(), body: 'reply 2', replyTo: first.id });
    await ana.client.chat.send(id, { clientId: key, body: 'reply', replyTo: root.id });
    await waitFor('the root again', async () => updated.length === 2);
    await settle();
    expect(updated.map((m) => [m.id, m.replyCount])).toEqual([
      [root.id, 1],
      [root.id, 2],
    ]);
  });

  it('a member who reconnects catches up by sequence: every missed message once, in order', async () => {
    const [ana, bo, id] = await pair();
    const room = `conversation:${id}`;
    const a = openSocket(t, ana, sockets);
    let b = openSocket(t, bo, sockets);
    await Promise.all([connected(a), connected(b)]);
    await subscribe(b, room);
    const received: Message[] = [];
    const listen = (s: Socket) => s.on('chat:message', (m: Message) => received.push(m));
    listen(b);
    for (let i = 1; i <= 3; i++) expect((await send(a, { conversationId: id, clientId: clientId(), body: `before ${i}` })).ok).toBe(true);
    await waitFor('the first three', async () => received.length === 3);

    b.disconnect();
    // Sent while Bo is away, over both paths.
    for (let i = 1; i <= 4; i++) await send(a, { conversationId: id, clientId: clientId(), body: `missed ${i}` });
    await ana.client.chat.send(id, { clientId: clientId(), body: 'missed 5' });

    b = openSocket(t, bo, sockets);
    listen(b);
    await connected(b);
    expect(await subscribe(b, room)).toEqual({ ok: true });
    const lastSeen = received.at(-1)?.seq as number;
    const catchUp = (await b.emitWithAck('catchup', { room, after: String(lastSeen) })) as {
      ok: boolean;
      complete: boolean;
      messages: { event: string; data: Message }[];
    };
    expect(catchUp.ok).toBe(true);
    expect(catchUp.complete).toBe(true);
    expect(catchUp.messages.every((m) => m.event === 'chat:message')).toBe(true);
    for (const m of catchUp.messages) received.push(m.data);
    // New messages flow live again after the catch-up.
    await send(a, { conversationId: id, clientId: clientId(), body: 'after' });
    await waitFor('the live one', async () => received.length === 9);
    await settle();
    expect(received.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(received.map((m) => m.body)).toEqual([
      'before 1',
      'before 2',
      'before 3',
      'missed 1',
      'missed 2',
      'missed 3',
      'missed 4',
      'missed 5',
      'after',
    ]);

    expect(await b.emitWithAck('catchup', { room, after: 'yesterday' })).toMatchObject({ ok: false, code: 'realtime.bad_catchup' });
    expect(await b.emitWithAck('catchup', { room: `conversation:${(await pair())[2]}`, after: '0' })).toMatchObject({
      ok: false,
      code: 'realtime.not_subscribed',
    });
  });

  it('a connection that drops briefly is recovered: the missed messages are replayed once, in order', async () => {
    const [ana, bo, id] = await pair();
    const a = openSocket(t, ana, sockets);
    const b = openSocket(t, bo, sockets);
    await Promise.all([connected(a), connected(b)]);
    await subscribe(b, `conversation:${id}`);
    const received = collect<Message>(b, 'chat:message');
    await send(a, { conversationId: id, clientId: clientId(), body: 'one' });
    await waitFor('the first', async () => received.length === 1);
    // The network goes away (not a client disconnect): the server keeps the session for recovery.
    b.io.engine.close();
    await waitFor('the drop', async () => !b.connected);
    await send(a, { conversationId: id, clientId: clientId(), body: 'two' });
    await send(a, { conversationId: id, clientId: clientId(), body: 'three' });
    b.connect();
    await connected(b);
    expect(b.recovered).toBe(true);
    await waitFor('the replay', async () => received.length === 3);
    await settle();
    expect(received.map((m) => m.seq)).toEqual([1, 2, 3]);
  });

  it('a removed member’s sockets leave the room at once', async () => {
    const [admin, bo] = (await people(t, 'Admin', 'Bo')) as [Person, Person];
    const g = await admin.client.chat.createGroup({ title: 'Team', memberIds: [bo.id] });
    const [a, b] = [openSocket(t, admin, sockets), openSocket(t, bo, sockets)];
    await Promise.all([connected(a), connected(b)]);
    await subscribe(b, `conversation:${g.id}`);
    const changes = collect<{ removedIds: string[] }>(b, 'chat:members');
    const heard = collect<Message>(b, 'chat:message');
    await admin.client.chat.removeMember(g.id, bo.id);
    await waitFor('the members push', async () => changes.length === 1);
    expect(changes[0]?.removedIds).toEqual([bo.id]);
    await send(a, { conversationId: g.id, clientId: clientId(), body: 'without Bo' });
    await settle(300);
    expect(heard).toEqual([]);
  });
});
