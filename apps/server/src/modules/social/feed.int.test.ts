// The feed: who appears (followed, connections, own, institution posts), newest first with stable
// pages, what never appears (blocked, muted, hidden), and the live "new post" push.
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, createInstitution, problemSummary } from '../../testing/factories.ts';
import { dbLabel, startTestPlatform, type TestPlatform } from '../../testing/test-platform.ts';
import { connect as connectPeople, type Person, person } from './social.testing.ts';

describe(`social feed on ${dbLabel()}`, () => {
  let t: TestPlatform;
  const sockets: Socket[] = [];
  beforeAll(async () => {
    t = await startTestPlatform();
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await t.close();
  });

  async function all(p: Person, limit: number) {
    const ids: string[] = [];
    let cursor: string | undefined;
    for (let i = 0; i < 50; i++) {
      const page = await p.client.social.feed({ limit, ...(cursor ? { cursor } : {}) });
      ids.push(...page.items.map((x) => x.id));
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    return ids;
  }

  it('shows own, followed, connections’ and institution posts it may show, newest first, across stable pages', async () => {
    const me = await person(t, 'Me');
    const inst = await createInstitution(me.client);
    const colleague = await addMember(t, me.client, inst.id, 'teacher');
    const followed = await person(t, 'Followed');
    const friend = await person(t, 'Friend');
    const stranger = await person(t, 'Stranger');
    await me.client.social.follow(followed.id);
    await connectPeople(me, friend);

    const expected: string[] = [];
    const post = async (p: { client: Person['client'] }, body: string, visibility?: string, shown = true) => {
      const created = await p.client.social.createPost({ body, ...(visibility ? { visibility } : {}) });
      if (shown) expected.unshift(created.id);
      return created;
    };
    await post(me, 'mine');
    await post(followed, 'followed public');
    await post(followed, 'followed for connections', 'connections', false);
    await post(friend, 'friend for connections', 'connections');
    await post(stranger, 'stranger public', undefined, false);
    await post(colleague, 'for the school', `institution:${inst.id}`);
    await post(colleague, 'colleague public (not followed)', undefined, false);
    for (let i = 0; i < 7; i++) await post(i % 2 ? friend : followed, `more ${i}`);

    // Without engagement, a page is in time order except that connections' posts move up a little;
    // across pages every post comes exactly once.
    const paged = await all(me, 4);
    expect(paged).toHaveLength(expected.length);
    expect(new Set(paged)).toEqual(new Set(expected));
    const first = await me.client.social.feed({ limit: 50 });
    expect(new Set(first.items.map((p) => p.id))).toEqual(new Set(expected));
    expect(first.nextCursor).toBeNull();

    // Deleted posts leave the feed.
    await me.client.social.deletePost(expected.at(-1) as string);
    expect((await me.client.social.feed({ limit: 50 })).items.map((p) => p.body)).not.toContain('mine');
    expect(await problemSummary(me.client.social.feed({ cursor: '!!' }))).toMatchObject({ status: 400, fields: ['cursor'] });
    expect(await problemSummary(me.client.social.feed({ limit: 500 }))).toMatchObject({ status: 400, fields: ['limit'] });
  });

  it('ranks within a page: an engaged post from a connection rises a few places', async () => {
    const me = await person(t, 'Me');
    const friend = await person(t, 'Friend');
    const followed = await person(t, 'Followed');
    await connectPeople(me, friend);
    await me.client.social.follow(followed.id);
    const old = await friend.client.social.createPost({ body: 'older, popular' });
    for (let i = 0; i < 3; i++) await followed.client.social.createPost({ body: `newer ${i}` });
    // Without engagement, strictly newest first (a connection's post alone moves up 2 places at most).
    expect((await followed.client.social.feed()).items.map((p) => p.body)).toEqual(['newer 2', 'newer 1', 'newer 0']);
    await followed.client.social.reactToPost(old.id, 'celebrate');
    await followed.client.social.comment(old.id, { body: 'great' });
    const bodies = (await me.client.social.feed()).items.map((p) => p.body);
    expect(bodies[0]).toBe('older, popular');
  });

  it('never shows blocked or muted people; muting hides only from the muter', async () => {
    const me = await person(t, 'Me');
    const loud = await person(t, 'Loud');
    const rude = await person(t, 'Rude');
    const other = await person(t, 'Other');
    for (const p of [loud, rude]) {
      await me.client.social.follow(p.id);
      await other.client.social.follow(p.id);
      await p.client.social.createPost({ body: `${p.handle} says hi` });
    }
    await me.client.social.mute(loud.id);
    await rude.client.social.block(me.id);
    const mine = (await me.client.social.feed()).items.map((p) => p.author.userId);
    expect(mine).not.toContain(loud.id);
    expect(mine).not.toContain(rude.id);
    const others = (await other.client.social.feed()).items.map((p) => p.author.userId);
    expect(others).toContain(loud.id);
    expect(others).toContain(rude.id);
    // The muted person's posts are still reachable directly.
    expect((await me.client.social.timeline(loud.id)).items).toHaveLength(1);
  });

  it('pushes feed:new_post (ids only) to followers online, not to strangers, muters, non-members or for hidden posts', async () => {
    const author = await person(t, 'Author');
    const fan = await person(t, 'Fan');
    const stranger = await person(t, 'Stranger');
    const muter = await person(t, 'Muter');
    await fan.client.social.follow(author.id);
    await muter.client.social.follow(author.id);
    await muter.client.social.mute(author.id);
    const open = (p: Person) => {
      const socket = connect(t.url, {
        path: '/socket.io',
        auth: { token: p.client.accessToken },
        transports: ['websocket'],
        reconnection: false,
      });
      sockets.push(socket);
      return new Promise<Socket>((resolve, reject) => {
        socket.once('connect', () => resolve(socket));
        socket.once('connect_error', reject);
      });
    };
    const fanSocket = await open(fan);
    const strangerSocket = await open(stranger);
    const heard: { who: string; data: unknown }[] = [];
    fanSocket.on('feed:new_post', (data) => heard.push({ who: 'fan', data }));
    strangerSocket.on('feed:new_post', (data) => heard.push({ who: 'stranger', data }));
    (await open(muter)).on('feed:new_post', (data) => heard.push({ who: 'muter', data }));
    // Presence is marked on connect; give the heartbeat a moment.
    await new Promise((r) => setTimeout(r, 200));

    await author.client.social.createPost({ body: 'for connections only', visibility: 'connections' });
    const post = await author.client.social.createPost({ body: 'hello followers' });
    const deadline = Date.now() + 10_000;
    while (!heard.some((h) => h.who === 'fan') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 300));
    expect(heard).toEqual([{ who: 'fan', data: { postId: post.id, authorId: author.id } }]);

    // An institution post reaches only followers who are members of that institution.
    const inst = await createInstitution(author.client);
    const member = await addMember(t, author.client, inst.id, 'student');
    await member.client.social.follow(author.id);
    const memberSocket = await open({ ...member, handle: '' });
    memberSocket.on('feed:new_post', (data) => heard.push({ who: 'member', data }));
    await new Promise((r) => setTimeout(r, 200));
    heard.length = 0;
    const schoolPost = await author.client.social.createPost({ body: 'school news', visibility: `institution:${inst.id}` });
    const until = Date.now() + 10_000;
    while (!heard.some((h) => h.who === 'member') && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 300));
    expect(heard).toEqual([{ who: 'member', data: { postId: schoolPost.id, authorId: author.id } }]);
  });
});
