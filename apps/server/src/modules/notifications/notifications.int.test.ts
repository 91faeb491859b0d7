import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, createInstitution, problemOf, signedUpClient, waitFor } from '../../testing/factories.ts';
import { dbLabel, startTestPlatform, type TestPlatform } from '../../testing/test-platform.ts';

describe(`notification inbox on ${dbLabel()}`, () => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await startTestPlatform();
  });
  afterAll(() => t.close());

  it('foundation events that concern a user land in their inbox: invited, role changed, removed', async () => {
    const owner = await signedUpClient(t, 'Owner');
    const inst = await createInstitution(owner.client, { name: 'Hillside School' });
    const existing = await signedUpClient(t, 'Existing Person');
    await owner.client.institutions.invite(inst.id, { email: existing.email, role: 'teacher' });
    await waitFor('the invitation notification', async () => (await existing.client.notifications.unreadCount()).count === 1);
    const [invited] = (await existing.client.notifications.list()).items;
    expect(invited).toMatchObject({
      kind: 'institutions.invited',
      title: 'You are invited to Hillside School',
      institutionId: inst.id,
      readAt: null,
    });

    const member = await addMember(t, owner.client, inst.id, 'student');
    await owner.client.institutions.updateMember(inst.id, member.id, { role: 'staff' });
    await waitFor('the role notification', async () => (await member.client.notifications.unreadCount()).count === 1);
    expect((await member.client.notifications.list()).items[0]).toMatchObject({
      kind: 'institutions.role_changed',
      title: 'Your role in Hillside School changed',
      body: 'You are now staff member (before: student).',
      link: `/institutions/${inst.id}`,
    });
    await owner.client.institutions.removeMember(inst.id, member.id);
    await waitFor('the removal notification', async () => (await member.client.notifications.unreadCount()).count === 2);
    expect((await member.client.notifications.list()).items[0]?.kind).toBe('institutions.removed');
  });

  it('any module can request a notification by publishing an event', async () => {
    const user = await signedUpClient(t, 'Reader');
    await t.platform.database.db.transaction().execute((trx) =>
      t.platform.events.publisher.publish(trx, {
        type: 'notifications.notification_requested',
        key: user.id,
        payload: { userId: user.id, kind: 'courses.assignment_graded', title: 'Essay graded', link: '/courses/x' },
      }),
    );
    await waitFor('the requested notification', async () => (await user.client.notifications.unreadCount()).count === 1);
    expect((await user.client.notifications.list()).items[0]).toMatchObject({ title: 'Essay graded', body: '', link: '/courses/x' });
  });

  it('lists newest first with cursor and unread filter; marks one or all read; others cannot touch mine', async () => {
    const user = await signedUpClient(t, 'Busy Person');
    await t.platform.database.db.transaction().execute(async (trx) => {
      for (let n = 1; n <= 5; n++) {
        await t.platform.events.publisher.publish(trx, {
          type: 'notifications.notification_requested',
          key: user.id,
          payload: { userId: user.id, kind: 'test.ping', title: `Ping ${n}` },
        });
      }
    });
    await waitFor('five notifications', async () => (await user.client.notifications.unreadCount()).count === 5);
    const first = await user.client.notifications.list({ limit: 2 });
    expect(first.items.map((n) => n.title)).toEqual(['Ping 5', 'Ping 4']);
    const second = await user.client.notifications.list({ limit: 2, cursor: first.nextCursor as string });
    expect(second.items.map((n) => n.title)).toEqual(['Ping 3', 'Ping 2']);

    await user.client.notifications.markRead(first.items[0]?.id as string);
    expect((await user.client.notifications.unreadCount()).count).toBe(4);
    expect((await user.client.notifications.list({ unread: 'true' })).items.map((n) => n.title)).not.toContain('Ping 5');

    const stranger = await signedUpClient(t, 'Stranger');
    expect((await problemOf(stranger.client.notifications.markRead(first.items[1]?.id as string))).status).toBe(404);
    await user.client.notifications.markAllRead();
    expect((await user.client.notifications.unreadCount()).count).toBe(0);

    const { rows } = await sql<{ n: number }>`select count(*)::int as n from notifications.inbox where user_id = ${user.id}`.execute(
      t.platform.database.db,
    );
    expect(rows[0]?.n).toBe(5);
  });
});
