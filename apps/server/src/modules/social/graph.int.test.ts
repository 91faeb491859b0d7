// The graph over HTTP: follows, connection requests, blocks, mutes and suggestions, with the events
// and inbox entries they cause.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, createInstitution, problemOf, problemSummary, waitFor } from '../../testing/factories.ts';
import { dbLabel, startTestPlatform, type TestPlatform } from '../../testing/test-platform.ts';
import { connect, person, published } from './social.testing.ts';

describe(`social graph on ${dbLabel()}`, () => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await startTestPlatform();
  });
  afterAll(() => t.close());

  it('follow and unfollow: idempotent, counted, one event and one inbox entry', async () => {
    const ada = await person(t, 'Ada');
    const bob = await person(t, 'Bob');
    await ada.client.social.follow(bob.id);
    await ada.client.social.follow(bob.id);
    expect(await bob.client.social.myProfile()).toMatchObject({ followers: 1, following: 0 });
    expect((await ada.client.social.profile(bob.id)).relationship).toMatchObject({ following: true, followsYou: false });
    expect((await bob.client.social.profile(ada.id)).relationship).toMatchObject({ following: false, followsYou: true });
    const events = (await published(t, 'social.followed')).filter((e) => e.followeeId === bob.id);
    expect(events).toEqual([{ followerId: ada.id, followeeId: bob.id }]);
    await waitFor('the follow notification', async () =>
      (await bob.client.notifications.list()).items.some((n) => n.kind === 'social.followed' && n.title === 'Ada started following you'),
    );
    await ada.client.social.unfollow(bob.id);
    expect((await bob.client.social.myProfile()).followers).toBe(0);
    expect(await problemSummary(ada.client.social.follow(ada.id))).toMatchObject({ status: 400, fields: ['userId'] });
    expect((await problemOf(ada.client.social.follow('01a20000-0000-7000-8000-000000000000'))).status).toBe(404);
  });

  it('connection requests: send, list, accept, decline, withdraw; only the right person answers', async () => {
    const ada = await person(t, 'Ada');
    const bob = await person(t, 'Bob');
    const cy = await person(t, 'Cy');
    const sent = await ada.client.social.requestConnection({ userId: bob.id, message: 'Hi from class' });
    expect(sent).toMatchObject({
      status: 'pending',
      from: { userId: ada.id, displayName: 'Ada' },
      to: { userId: bob.id },
      message: 'Hi from class',
    });
    expect((await problemOf(bob.client.social.requestConnection({ userId: ada.id }))).problem.code).toBe('social.request_pending');
    expect((await ada.client.social.connectionRequests('outgoing')).items.map((r) => r.id)).toEqual([sent.id]);
    expect((await bob.client.social.connectionRequests()).items.map((r) => r.id)).toEqual([sent.id]);
    expect((await bob.client.social.profile(ada.id)).relationship).toMatchObject({ pendingRequest: 'received', pendingRequestId: sent.id });
    expect((await ada.client.social.profile(bob.id)).relationship).toMatchObject({ pendingRequest: 'sent', pendingRequestId: sent.id });
    // Only the recipient accepts or declines; only the sender withdraws; others get 404.
    expect((await problemOf(ada.client.social.acceptRequest(sent.id))).status).toBe(404);
    expect((await problemOf(cy.client.social.acceptRequest(sent.id))).status).toBe(404);
    expect((await problemOf(bob.client.social.withdrawRequest(sent.id))).status).toBe(404);
    const accepted = await bob.client.social.acceptRequest(sent.id);
    expect(accepted.status).toBe('accepted');
    expect((await problemOf(bob.client.social.declineRequest(sent.id))).status).toBe(409);
    expect((await ada.client.social.connections()).items.map((c) => c.userId)).toEqual([bob.id]);
    expect((await bob.client.social.connections()).items.map((c) => c.userId)).toEqual([ada.id]);
    expect((await problemOf(ada.client.social.requestConnection({ userId: bob.id }))).problem.code).toBe('social.already_connected');

    const toCy = await ada.client.social.requestConnection({ userId: cy.id });
    expect((await cy.client.social.declineRequest(toCy.id)).status).toBe('declined');
    const again = await ada.client.social.requestConnection({ userId: cy.id });
    expect((await ada.client.social.withdrawRequest(again.id)).status).toBe('withdrawn');
    expect((await cy.client.social.connectionRequests()).items).toEqual([]);

    await ada.client.social.removeConnection(bob.id);
    expect((await bob.client.social.connections()).items).toEqual([]);

    expect(await problemSummary(ada.client.social.requestConnection({ userId: 'x' }))).toMatchObject({ status: 400, fields: ['userId'] });
    expect(await problemSummary(ada.client.social.requestConnection({ userId: cy.id, message: 'x'.repeat(301) }))).toMatchObject({
      fields: ['message'],
    });

    const requested = (await published(t, 'social.connection_requested')).filter((e) => e.fromId === ada.id);
    expect(requested.map((e) => e.toId)).toEqual([bob.id, cy.id, cy.id]);
    expect((await published(t, 'social.connection_accepted')).filter((e) => e.fromId === ada.id)).toEqual([
      { requestId: sent.id, fromId: ada.id, toId: bob.id },
    ]);
    await waitFor('request and acceptance notifications', async () => {
      const bobs = (await bob.client.notifications.list()).items.map((n) => n.kind);
      const adas = (await ada.client.notifications.list()).items.map((n) => n.kind);
      return bobs.includes('social.connection_requested') && adas.includes('social.connection_accepted');
    });
  });

  it('blocking: the blocked person sees nothing and can do nothing; every tie ends; unblocking restores access', async () => {
    const ada = await person(t, 'Ada');
    const bob = await person(t, 'Bob');
    await connect(ada, bob);
    await ada.client.social.follow(bob.id);
    await bob.client.social.follow(ada.id);
    await ada.client.social.block(bob.id);

    expect((await problemOf(bob.client.social.profile(ada.id))).status).toBe(404);
    expect((await problemOf(bob.client.social.timeline(ada.id))).status).toBe(404);
    expect((await problemOf(bob.client.social.follow(ada.id))).status).toBe(404);
    expect((await problemOf(bob.client.social.requestConnection({ userId: ada.id }))).status).toBe(404);
    // The blocker sees a bare profile (to unblock from) and cannot reach out either.
    const bare = await ada.client.social.profile(bob.id);
    expect(bare.relationship).toMatchObject({ blocked: true, connected: false, following: false, followsYou: false });
    expect(bare.headline).toBeUndefined();
    expect((await problemOf(ada.client.social.follow(bob.id))).problem.code).toBe('social.blocked');
    expect((await ada.client.social.connections()).items).toEqual([]);
    expect(await ada.client.social.myProfile()).toMatchObject({ followers: 0, following: 0, connections: 0 });
    expect((await ada.client.social.blocked()).items.map((p) => p.userId)).toEqual([bob.id]);

    await ada.client.social.unblock(bob.id);
    expect((await bob.client.social.profile(ada.id)).userId).toBe(ada.id);
    await bob.client.social.follow(ada.id);
  });

  it('the block rule reaches chat through the exported check: a blocked pair cannot open a conversation', async () => {
    const ada = await person(t, 'Ada');
    const bob = await person(t, 'Bob');
    await bob.client.social.block(ada.id);
    // The blocked side is told Bob does not exist; Bob, who blocked, is told why not.
    const hidden = await problemOf(ada.client.chat.direct(bob.id));
    expect({ status: hidden.status, code: hidden.problem.code }).toEqual({ status: 400, code: 'chat.unknown_user' });
    const refused = await problemOf(bob.client.chat.direct(ada.id));
    expect({ status: refused.status, code: refused.problem.code }).toEqual({ status: 403, code: 'chat.blocked' });
    await bob.client.social.unblock(ada.id);
    expect((await ada.client.chat.direct(bob.id)).id).toBeTruthy();
  });

  it('muting is private: the muted person notices nothing', async () => {
    const ada = await person(t, 'Ada');
    const bob = await person(t, 'Bob');
    await ada.client.social.mute(bob.id);
    expect((await ada.client.social.muted()).items.map((p) => p.userId)).toEqual([bob.id]);
    expect((await ada.client.social.profile(bob.id)).relationship?.muted).toBe(true);
    expect((await bob.client.social.profile(ada.id)).relationship?.muted).toBe(false);
    await bob.client.social.follow(ada.id);
    await ada.client.social.unmute(bob.id);
    expect((await ada.client.social.muted()).items).toEqual([]);
  });

  it('suggestions rank mutual connections and shared institutions, without the blocked or the connected', async () => {
    const me = await person(t, 'Me');
    const inst = await createInstitution(me.client, { name: 'Hillside' });
    const classmate = await addMember(t, me.client, inst.id, 'student');
    const blockedPeer = await addMember(t, me.client, inst.id, 'student');
    const friend = await person(t, 'Friend');
    const friendOfFriend = await person(t, 'Fof');
    const alsoClassmate = await addMember(t, me.client, inst.id, 'teacher');
    await connect(me, friend);
    await connect(friend, friendOfFriend);
    await connect(friend, alsoClassmate as never);
    await me.client.social.block(blockedPeer.id);

    const items = (await me.client.social.suggestions()).items;
    const ids = items.map((s) => s.userId);
    // alsoClassmate: one mutual connection and one shared institution; then the friend of a friend
    // (one mutual, 3 points) ahead of the classmate with one institution only (2 points).
    expect(ids).toEqual([alsoClassmate.id, friendOfFriend.id, classmate.id]);
    expect(items[0]).toMatchObject({ sharedInstitutions: 1, mutualConnections: 1 });
    expect(ids).not.toContain(friend.id);
    expect(ids).not.toContain(blockedPeer.id);
    expect(ids).not.toContain(me.id);
  });

  it('suggestions put classmates first, then fellow learners of a course, then the rest of the institution', async () => {
    const owner = await person(t, 'Owner');
    const inst = await createInstitution(owner.client, { name: 'Riverside' });
    const api = owner.client;
    const [me, classmate, courseMate, peer] = [
      await addMember(t, api, inst.id, 'student'),
      await addMember(t, api, inst.id, 'student'),
      await addMember(t, api, inst.id, 'student'),
      await addMember(t, api, inst.id, 'student'),
    ];
    const tenA = await api.structure.create(inst.id, 'classes', { name: '10A', code: '10A' });
    const records = [];
    for (const [i, m] of [me, classmate, courseMate].entries()) {
      records.push(await api.students.create(inst.id, { studentNumber: `R${i}`, firstName: 'Stu', lastName: `Dent ${i}`, userId: m.id }));
    }
    await api.students.enrol(
      inst.id,
      tenA.id,
      records.slice(0, 2).map((r) => r.id),
    );
    const course = await api.courses.create(inst.id, { title: 'Chemistry' });
    await api.courses.enrol(inst.id, course.id, { userIds: [me.id, courseMate.id] });

    const items = (await me.client.social.suggestions()).items;
    const byId = new Map(items.map((s) => [s.userId, s]));
    expect(items.slice(0, 2).map((s) => s.userId)).toEqual([classmate.id, courseMate.id]);
    expect(byId.get(classmate.id)).toMatchObject({ sharedClasses: 1, sharedCourses: 0, sharedInstitutions: 1 });
    expect(byId.get(courseMate.id)).toMatchObject({ sharedClasses: 0, sharedCourses: 1, sharedInstitutions: 1 });
    expect(byId.get(peer.id)).toMatchObject({ sharedClasses: 0, sharedCourses: 0, sharedInstitutions: 1 });
    // Connected people are never suggested, however much they share.
    await connect(me, classmate);
    expect((await me.client.social.suggestions()).items.map((s) => s.userId)).not.toContain(classmate.id);
  });
});
