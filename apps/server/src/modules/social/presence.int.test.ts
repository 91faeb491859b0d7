// Presence as people let others see it: the kernel's presence API filtered by the `presence` privacy
// level (connections by default), blocks either way, and the list of one's connections online.
// Being online means having a socket open, as the web app does.
import type { ApiClient } from '@edumatrix/client';
import type { Presence } from '@edumatrix/contracts';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, createInstitution, problemOf, problemSummary, waitFor } from '../../testing/factories.ts';
import { dbLabel, startTestPlatform, type TestPlatform } from '../../testing/test-platform.ts';
import { connect, type Person, person } from './social.testing.ts';

const hidden = (userId: string) => ({ userId, online: false, lastSeenAt: null });

describe(`presence privacy on ${dbLabel()}`, () => {
  let t: TestPlatform;
  const sockets: Socket[] = [];
  beforeAll(async () => {
    t = await startTestPlatform();
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await t.close();
  });

  const presenceOf = async (viewer: { client: ApiClient }, ...ids: string[]): Promise<Presence[]> =>
    (await viewer.client.social.presence(ids)).items;

  /** Opens a socket for `p` and waits until the presence store has them online. */
  async function goOnline(p: Person): Promise<Socket> {
    const socket = io(t.url, { path: '/socket.io', auth: { token: p.client.accessToken }, transports: ['websocket'], reconnection: false });
    sockets.push(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    await waitFor(`${p.id} online`, async () => (await presenceOf(p, p.id))[0]?.online === true);
    return socket;
  }

  async function goOffline(p: Person, socket: Socket): Promise<void> {
    socket.disconnect();
    await waitFor(`${p.id} offline`, async () => (await presenceOf(p, p.id))[0]?.online === false);
  }

  it('connections only by default: a connection sees it, a stranger sees someone never seen; oneself always', async () => {
    const ada = await person(t, 'Ada');
    const bob = await person(t, 'Bob');
    const cy = await person(t, 'Cy');
    await connect(ada, bob);
    expect((await ada.client.social.myProfile()).privacy?.presence).toBe('connections');
    await goOnline(ada);

    expect(await presenceOf(bob, ada.id)).toEqual([{ userId: ada.id, online: true, lastSeenAt: expect.any(String) }]);
    expect(await presenceOf(cy, ada.id)).toEqual([hidden(ada.id)]);
    expect((await presenceOf(ada, ada.id))[0]?.online).toBe(true);
    // One entry per id asked for, in order, hidden or not.
    expect((await presenceOf(cy, cy.id, ada.id, bob.id)).map((p) => p.userId)).toEqual([cy.id, ada.id, bob.id]);
    // The profile page shows nothing of it to the stranger either: presence is not a profile field.
    expect(await cy.client.social.profile(ada.id)).not.toHaveProperty('presence');
  });

  it('public shows it to everyone signed in; only me hides it from connections too; institution to members', async () => {
    const ada = await person(t, 'Ada');
    const bob = await person(t, 'Bob');
    const cy = await person(t, 'Cy');
    await connect(ada, bob);
    const socket = await goOnline(ada);

    await ada.client.social.updateProfile({ privacy: { presence: 'public' } });
    expect((await presenceOf(cy, ada.id))[0]?.online).toBe(true);
    expect((await problemOf(t.client().social.presence([ada.id]))).status).toBe(401);

    await ada.client.social.updateProfile({ privacy: { presence: 'only_me' } });
    expect(await presenceOf(bob, ada.id)).toEqual([hidden(ada.id)]);
    expect(await presenceOf(cy, ada.id)).toEqual([hidden(ada.id)]);
    expect((await presenceOf(ada, ada.id))[0]?.online).toBe(true);

    const inst = await createInstitution(ada.client);
    const member = await addMember(t, ada.client, inst.id, 'student');
    await ada.client.social.updateProfile({ privacy: { presence: 'institution' } });
    expect((await presenceOf(member, ada.id))[0]?.online).toBe(true);
    expect(await presenceOf(bob, ada.id)).toEqual([hidden(ada.id)]);

    // Last seen is as private as online.
    await ada.client.social.updateProfile({ privacy: { presence: 'connections' } });
    await goOffline(ada, socket);
    expect((await presenceOf(bob, ada.id))[0]).toMatchObject({ online: false, lastSeenAt: expect.any(String) });
    expect(await presenceOf(cy, ada.id)).toEqual([hidden(ada.id)]);
  });

  it('a block hides it both ways, whatever the level', async () => {
    const ada = await person(t, 'Ada');
    const cy = await person(t, 'Cy');
    await ada.client.social.updateProfile({ privacy: { presence: 'public' } });
    await cy.client.social.updateProfile({ privacy: { presence: 'public' } });
    await goOnline(ada);
    await goOnline(cy);
    expect((await presenceOf(cy, ada.id))[0]?.online).toBe(true);

    await cy.client.social.block(ada.id);
    expect(await presenceOf(cy, ada.id)).toEqual([hidden(ada.id)]);
    expect(await presenceOf(ada, cy.id)).toEqual([hidden(cy.id)]);
    await cy.client.social.unblock(ada.id);
    expect((await presenceOf(ada, cy.id))[0]?.online).toBe(true);
  });

  it('connections online: online first by name, then by last seen; hidden, never seen and strangers left out; capped', async () => {
    const me = await person(t, 'Viewer');
    const [zed, amy, early, late, never, secret, stranger] = await Promise.all(
      ['Zed', 'Amy', 'Early', 'Late', 'Never', 'Secret', 'Stranger'].map((n) => person(t, n)),
    );
    for (const p of [zed, amy, early, late, never, secret]) await connect(me, p as Person);
    await secret?.client.social.updateProfile({ privacy: { presence: 'only_me' } });
    await stranger?.client.social.updateProfile({ privacy: { presence: 'public' } });

    await goOffline(early as Person, await goOnline(early as Person));
    await new Promise((r) => setTimeout(r, 20));
    await goOffline(late as Person, await goOnline(late as Person));
    for (const p of [zed, amy, secret, stranger]) await goOnline(p as Person);

    const list = await me.client.social.onlineConnections();
    expect(list.onlineCount).toBe(2);
    expect(list.items.map((p) => [p.displayName, p.online])).toEqual([
      ['Amy', true],
      ['Zed', true],
      ['Late', false],
      ['Early', false],
    ]);
    expect(list.items[0]).toMatchObject({ userId: amy?.id, handle: amy?.handle, lastSeenAt: expect.any(String) });
    // Someone who never came online is left out like someone who hides it: the list cannot tell them apart.
    expect(list.items.map((p) => p.userId)).not.toContain(never?.id);
    expect(list.items.map((p) => p.userId)).not.toContain(secret?.id);

    const capped = await me.client.social.onlineConnections({ limit: 3 });
    expect(capped.items.map((p) => p.displayName)).toEqual(['Amy', 'Zed', 'Late']);
    expect(capped.onlineCount).toBe(2);

    // Blocking ends the connection, so they leave the list.
    await zed?.client.social.block(me.id);
    expect((await me.client.social.onlineConnections()).items.map((p) => p.displayName)).toEqual(['Amy', 'Late', 'Early']);
    expect((await stranger?.client.social.onlineConnections())?.items).toEqual([]);
  });

  it('bad input is a problem naming the field', async () => {
    const ada = await person(t, 'Ada');
    expect(await problemSummary(ada.client.raw('GET', '/api/v1/presence', undefined, { userIds: 'nope' }))).toMatchObject({
      status: 400,
      fields: [expect.stringMatching(/^userIds/)],
    });
    expect(await problemSummary(ada.client.raw('GET', '/api/v1/presence', undefined, { userIds: '' }))).toMatchObject({
      status: 400,
      fields: [expect.stringMatching(/^userIds/)],
    });
    const tooMany = Array.from({ length: 101 }, () => ada.id).join(',');
    expect(await problemSummary(ada.client.raw('GET', '/api/v1/presence', undefined, { userIds: tooMany }))).toMatchObject({
      status: 400,
      fields: [expect.stringMatching(/^userIds/)],
    });
    for (const limit of [0, 101, 'many'] as const) {
      expect(await problemSummary(ada.client.raw('GET', '/api/v1/connections/online', undefined, { limit }))).toMatchObject({
        status: 400,
        fields: ['limit'],
      });
    }
    expect(await problemSummary(ada.client.social.updateProfile({ privacy: { presence: 'friends' as never } }))).toMatchObject({
      status: 400,
      fields: ['privacy.presence'],
    });
    expect((await problemOf(t.client().social.onlineConnections())).status).toBe(401);
  });
});
