// The real-time gateway with a real Socket.IO client: handshake authentication, authorised rooms,
// live unread counts and live member changes, both driven by the event backbone.
import { SignJWT } from 'jose';
import { sql } from 'kysely';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, createInstitution, problemOf, signedUpClient, waitFor } from '../../testing/factories.ts';
import { dbLabel, PASSWORD, startTestPlatform, type TestPlatform } from '../../testing/test-platform.ts';
import { AppError } from '../http/app-error.ts';

type ConnectError = Error & { data?: { code: string; detail: string } };

describe(`real-time gateway on ${dbLabel()}`, () => {
  let t: TestPlatform;
  const sockets: Socket[] = [];
  beforeAll(async () => {
    t = await startTestPlatform();
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await t.close();
  });

  function open(token?: string): Socket {
    const socket = connect(t.url, { path: '/socket.io', auth: token ? { token } : {}, transports: ['websocket'], reconnection: false });
    sockets.push(socket);
    return socket;
  }
  const connected = (socket: Socket) =>
    new Promise<void>((resolve, reject) => {
      if (socket.connected) return resolve();
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
  const refused = (socket: Socket) =>
    new Promise<ConnectError>((resolve) => socket.once('connect_error', (err) => resolve(err as ConnectError)));
  const next = <T>(socket: Socket, event: string, accept: (data: T) => boolean = () => true) =>
    new Promise<T>((resolve) => {
      const handler = (data: T) => {
        if (!accept(data)) return;
        socket.off(event, handler);
        resolve(data);
      };
      socket.on(event, handler);
    });
  const subscribe = (socket: Socket, room: string) => socket.emitWithAck('subscribe', room) as Promise<{ ok: boolean; code?: string }>;

  it('refuses a missing, invalid or expired token at the handshake, with the reason', async () => {
    expect((await refused(open())).data?.code).toBe('auth.required');
    expect((await refused(open('not-a-jwt'))).data?.code).toBe('auth.invalid_token');
    const { rows } = await sql<{ value: string }>`select value from platform.settings where key = 'jwt_secret'`.execute(
      t.platform.database.db,
    );
    const expired = await new SignJWT({ sid: '01a20000-0000-7000-8000-000000000000', roles: [] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('01a20000-0000-7000-8000-000000000001')
      .setIssuer('edumatrix')
      .setIssuedAt(Math.floor(Date.now() / 1000) - 3600)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
      .sign(new TextEncoder().encode(rows[0]?.value));
    expect((await refused(open(expired))).data?.code).toBe('auth.token_expired');
  });

  it('joins rooms only after authorisation', async () => {
    const owner = await signedUpClient(t, 'Owner');
    const inst = await createInstitution(owner.client);
    const other = await signedUpClient(t, 'Other');
    const otherInst = await createInstitution(other.client);
    const socket = open(owner.client.accessToken as string);
    await connected(socket);
    expect(await subscribe(socket, `institution:${inst.id}`)).toEqual({ ok: true });
    expect(await subscribe(socket, `institution:${otherInst.id}`)).toMatchObject({ ok: false, code: 'institution.not_found' });
    expect(await subscribe(socket, `user:${other.id}`)).toMatchObject({ ok: false, code: 'realtime.room_forbidden' });
    expect(await subscribe(socket, 'castle:1')).toMatchObject({ ok: false, code: 'realtime.unknown_room_kind' });
    expect(await subscribe(socket, 'no room at all')).toMatchObject({ ok: false, code: 'realtime.bad_room' });
  });

  it('pushes the unread count live when a notification arrives and when it is read', async () => {
    const owner = await signedUpClient(t, 'Owner 2');
    const inst = await createInstitution(owner.client);
    const invitee = await signedUpClient(t, 'Invitee');
    const socket = open(invitee.client.accessToken as string);
    await connected(socket);
    const arrived = next<{ count: number }>(socket, 'notifications:unread', (d) => d.count === 1);
    await owner.client.institutions.invite(inst.id, { email: invitee.email, role: 'teacher' });
    expect(await arrived).toEqual({ count: 1 });
    const cleared = next<{ count: number }>(socket, 'notifications:unread', (d) => d.count === 0);
    await invitee.client.notifications.markAllRead();
    expect(await cleared).toEqual({ count: 0 });
  });

  it('pushes member changes to everyone watching the institution', async () => {
    const owner = await signedUpClient(t, 'Owner 3');
    const inst = await createInstitution(owner.client);
    const socket = open(owner.client.accessToken as string);
    await connected(socket);
    await subscribe(socket, `institution:${inst.id}`);
    const joined = next<{ type: string; userId: string }>(
      socket,
      'institutions:member_changed',
      (d) => d.type === 'institutions.member_joined',
    );
    const member = await addMember(t, owner.client, inst.id, 'student');
    expect(await joined).toMatchObject({ type: 'institutions.member_joined', userId: member.id, role: 'student', institutionId: inst.id });
    const changed = next<{ type: string }>(socket, 'institutions:member_changed', (d) => d.type === 'institutions.member_role_changed');
    await owner.client.institutions.updateMember(inst.id, member.id, { role: 'teacher' });
    expect(await changed).toMatchObject({ from: 'student', to: 'teacher' });
  });

  it('a client away longer than recovery catches up by the last event id it saw', async () => {
    const owner = await signedUpClient(t, 'Owner Away');
    const inst = await createInstitution(owner.client);
    const room = `institution:${inst.id}`;
    const first = open(owner.client.accessToken as string);
    await connected(first);
    await subscribe(first, room);
    const joined = next<{ eventId: string; room: string }>(first, 'institutions:member_changed');
    const member = await addMember(t, owner.client, inst.id, 'student');
    const last = await joined;
    expect(last.room).toBe(room);
    first.disconnect();

    // While away: a role change and a removal, plus a change in another institution.
    await owner.client.institutions.updateMember(inst.id, member.id, { role: 'teacher' });
    await owner.client.institutions.removeMember(inst.id, member.id);
    const elsewhere = await createInstitution(owner.client);
    await addMember(t, owner.client, elsewhere.id, 'staff');
    await waitFor('the removal to be in the log', async () => {
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from events.outbox
        where tenant_id = ${inst.id} and type = 'institutions.member_removed' and position is not null`.execute(t.platform.database.db);
      return rows[0]?.n === 1;
    });

    const second = open(owner.client.accessToken as string);
    await connected(second);
    const catchup = (request: unknown) => second.emitWithAck('catchup', request) as Promise<Record<string, unknown>>;
    expect(await catchup({ room, after: last.eventId })).toMatchObject({ ok: false, code: 'realtime.not_subscribed' });
    await subscribe(second, room);
    const reply = (await catchup({ room, after: last.eventId })) as {
      ok: boolean;
      complete: boolean;
      messages: { event: string; data: { type: string; userId: string; room: string } }[];
    };
    expect(reply).toMatchObject({ ok: true, complete: true });
    expect(reply.messages.map((m) => [m.event, m.data.type, m.data.userId, m.data.room])).toEqual([
      ['institutions:member_changed', 'institutions.member_role_changed', member.id, room],
      ['institutions:member_changed', 'institutions.member_removed', member.id, room],
    ]);
    // An id the log does not know (or no longer keeps): the client is told to reload.
    expect(await catchup({ room, after: '01a20000-0000-7000-8000-000000000000' })).toEqual({ ok: true, messages: [], complete: false });
    // More than a catch-up answers (100): the first hundred, and the advice to reload.
    const lastRemoval = reply.messages.at(-1)?.data as unknown as { eventId: string };
    await t.platform.database.db.transaction().execute(async (trx) => {
      for (let n = 0; n < 101; n++) {
        await t.platform.events.publisher.publish(trx, {
          type: 'institutions.member_role_changed',
          key: member.id,
          tenantId: inst.id,
          payload: { institutionId: inst.id, institutionName: inst.name, userId: member.id, from: 'student', to: 'teacher' },
        });
      }
    });
    await waitFor('the burst to be in the log', async () => {
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from events.outbox
        where tenant_id = ${inst.id} and type = 'institutions.member_role_changed' and position is not null`.execute(
        t.platform.database.db,
      );
      return rows[0]?.n === 102;
    });
    const long = (await catchup({ room, after: lastRemoval.eventId })) as { complete: boolean; messages: unknown[] };
    expect({ complete: long.complete, count: long.messages.length }).toEqual({ complete: false, count: 100 });
    expect(await catchup({ room, after: 'yesterday' })).toMatchObject({ ok: false, code: 'realtime.bad_catchup' });
    expect(await catchup({ room: `user:${owner.id}`, after: last.eventId })).toMatchObject({ ok: false, code: 'realtime.no_catchup' });
  });

  it('signing out (or revoking the session) disconnects that session’s sockets, and only those', async () => {
    const user = await signedUpClient(t, 'Two Tabs');
    const laptop = t.client();
    await laptop.auth.login({ email: user.email, password: PASSWORD });
    const here = open(user.client.accessToken as string);
    const there = open(laptop.accessToken as string);
    await Promise.all([connected(here), connected(there)]);
    const gone = new Promise<string>((resolve) => there.once('disconnect', (reason) => resolve(reason)));
    await laptop.auth.logout();
    expect(await gone).toBe('io server disconnect');
    expect(here.connected).toBe(true);

    const phone = t.client();
    await phone.auth.login({ email: user.email, password: PASSWORD });
    const phoneSocket = open(phone.accessToken as string);
    await connected(phoneSocket);
    const revoked = new Promise<string>((resolve) => phoneSocket.once('disconnect', (reason) => resolve(reason)));
    const { items } = await user.client.me.sessions();
    await user.client.me.revokeSession(items.find((s) => !s.current)?.id as string);
    expect(await revoked).toBe('io server disconnect');
  });

  it('a removed member stops receiving the institution’s events', async () => {
    const owner = await signedUpClient(t, 'Owner 4');
    const inst = await createInstitution(owner.client);
    const member = await addMember(t, owner.client, inst.id, 'teacher');
    const watcher = open(member.client.accessToken as string);
    await connected(watcher);
    expect(await subscribe(watcher, `institution:${inst.id}`)).toEqual({ ok: true });
    const removedSeen = next<{ type: string; actorId: string }>(
      watcher,
      'institutions:member_changed',
      (d) => d.type === 'institutions.member_removed',
    );
    await owner.client.institutions.removeMember(inst.id, member.id);
    expect(await removedSeen).toMatchObject({ actorId: owner.id });

    let afterRemoval = 0;
    watcher.on('institutions:member_changed', () => {
      afterRemoval += 1;
    });
    const ownerSocket = open(owner.client.accessToken as string);
    await connected(ownerSocket);
    await subscribe(ownerSocket, `institution:${inst.id}`);
    const ownerSaw = next(ownerSocket, 'institutions:member_changed');
    await addMember(t, owner.client, inst.id, 'student');
    await ownerSaw;
    await new Promise((r) => setTimeout(r, 200));
    expect(afterRemoval).toBe(0);
  });

  it('presence: online while a socket is connected, last seen after it closes', async () => {
    const user = await signedUpClient(t, 'Present');
    const observer = await signedUpClient(t, 'Observer');
    // Who may see it is the social module's rule (modules/social/presence.int.test.ts); here, everyone.
    await user.client.social.updateProfile({ privacy: { presence: 'public' } });
    const presenceOf = async () =>
      (
        await observer.client.raw<{ items: { online: boolean; lastSeenAt: string | null }[] }>('GET', '/api/v1/presence', undefined, {
          userIds: user.id,
        })
      ).items[0];
    expect(await presenceOf()).toEqual({ userId: user.id, online: false, lastSeenAt: null });
    const socket = open(user.client.accessToken as string);
    await connected(socket);
    await waitFor('online', async () => (await presenceOf())?.online === true);
    socket.disconnect();
    await waitFor('offline', async () => (await presenceOf())?.online === false);
    expect((await presenceOf())?.lastSeenAt).toBeTruthy();
    expect(
      (await problemOf(observer.client.raw('GET', '/api/v1/presence', undefined, { userIds: 'nope' }))).problem.errors?.[0]?.field,
    ).toMatch(/^userIds/);
  });

  it('typing indicators reach the other members of a room the sender has joined, and nobody else', async () => {
    const owner = await signedUpClient(t, 'Typist');
    const inst = await createInstitution(owner.client);
    const member = await addMember(t, owner.client, inst.id, 'teacher');
    const room = `institution:${inst.id}`;
    const typist = open(owner.client.accessToken as string);
    const reader = open(member.client.accessToken as string);
    const outsider = await signedUpClient(t, 'Outsider');
    const stranger = open(outsider.client.accessToken as string);
    await Promise.all([connected(typist), connected(reader), connected(stranger)]);
    await subscribe(typist, room);
    await subscribe(reader, room);
    let echoed = 0;
    typist.on('typing', () => {
      echoed += 1;
    });
    const seen = next<{ room: string; userId: string; typing: boolean }>(reader, 'typing');
    typist.emit('typing', { room, typing: true });
    expect(await seen).toEqual({ room, userId: owner.id, typing: true });

    // Not in the room: the server drops it.
    let forged = 0;
    reader.on('typing', (d: { userId: string }) => {
      if (d.userId === outsider.id) forged += 1;
    });
    stranger.emit('typing', { room, typing: true });
    await new Promise((r) => setTimeout(r, 200));
    expect(forged).toBe(0);
    expect(echoed).toBe(0);
  });

  it('runs registered commands as the socket’s user and acks their answer or their problem', async () => {
    const user = await signedUpClient(t, 'Commander');
    const gateway = t.platform.gateway();
    if (!gateway) throw new Error('no gateway');
    gateway.registerCommand('test:echo', async (caller, input) => ({ userId: caller.id, input }));
    gateway.registerCommand('test:refuse', async () => {
      throw new AppError('invalid', 'test.refused', 'name is wrong', { fields: [{ field: 'name', message: 'is wrong' }] });
    });
    gateway.registerCommand('test:crash', async () => {
      throw new Error('boom with secrets');
    });
    expect(() => gateway.registerCommand('test:echo', async () => ({}))).toThrow();
    expect(() => gateway.registerCommand('subscribe', async () => ({}))).toThrow();
    const socket = open(user.client.accessToken as string);
    await connected(socket);
    expect(await socket.emitWithAck('test:echo', { a: 1 })).toEqual({ ok: true, userId: user.id, input: { a: 1 } });
    expect(await socket.emitWithAck('test:refuse', {})).toEqual({
      ok: false,
      code: 'test.refused',
      detail: 'name is wrong',
      errors: [{ field: 'name', message: 'is wrong' }],
    });
    expect(await socket.emitWithAck('test:crash', {})).toEqual({ ok: false, code: 'internal', detail: 'Something went wrong' });
    // Unknown commands get no answer at all.
    await expect(socket.timeout(200).emitWithAck('test:unknown', {})).rejects.toThrow();
  });

  it('rate limits what one socket may send', async () => {
    const limited = await startTestPlatform({ env: { SOCKET_EVENTS_PER_10S: '3' } });
    try {
      const user = await signedUpClient(limited, 'Chatty');
      const socket = connect(limited.url, {
        path: '/socket.io',
        auth: { token: user.client.accessToken },
        transports: ['websocket'],
        reconnection: false,
      });
      sockets.push(socket);
      await connected(socket);
      const results = [];
      for (let i = 0; i < 5; i++) results.push(await subscribe(socket, `user:${user.id}`));
      expect(results.map((r) => r.ok)).toEqual([true, true, true, false, false]);
      expect(results[4]).toMatchObject({ code: 'realtime.rate_limited' });
      // Commands count against the same budget.
      limited.platform.gateway()?.registerCommand('test:limited', async () => ({}));
      expect(await socket.emitWithAck('test:limited', {})).toMatchObject({ ok: false, code: 'realtime.rate_limited' });
      socket.disconnect();
    } finally {
      await limited.close();
    }
  });

  it('rate limits one institution’s rooms across all its sockets', async () => {
    const limited = await startTestPlatform({ env: { SOCKET_EVENTS_PER_INSTITUTION_PER_10S: '4' } });
    try {
      const owner = await signedUpClient(limited, 'Busy Owner');
      const inst = await createInstitution(owner.client);
      const results = [];
      for (let i = 0; i < 3; i++) {
        const socket = connect(limited.url, {
          path: '/socket.io',
          auth: { token: owner.client.accessToken },
          transports: ['websocket'],
          reconnection: false,
        });
        sockets.push(socket);
        await connected(socket);
        results.push((await subscribe(socket, `institution:${inst.id}`)).ok, (await subscribe(socket, `institution:${inst.id}`)).ok);
      }
      // Each socket is far below its own limit; together they pass the institution's.
      expect(results).toEqual([true, true, true, true, false, false]);
    } finally {
      await limited.close();
    }
  });
});
