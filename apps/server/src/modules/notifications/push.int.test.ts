// Web push against a local fake push service (the real ones cannot be reached here): the public
// key, subscriptions, encrypted and VAPID-signed pushes, and a 410 removing the subscription.
import type { EventPayload } from '@edumatrix/contracts';
import { importJWK, jwtVerify } from 'jose';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import webpush from 'web-push';
import { problemSummary, signedUpClient, waitFor } from '../../testing/factories.ts';
import { type FakePushService, startFakePushService } from '../../testing/fake-push-service.ts';
import { dbLabel, startTestPlatform, type TestPlatform } from '../../testing/test-platform.ts';
import { AVATAR_PNG } from '../social/social.testing.ts';

type Request = Partial<EventPayload<'notifications.notification_requested'>> & { userId: string; kind: string; title: string };

describe(`web push against a fake push service on ${dbLabel()}`, () => {
  const vapid = webpush.generateVAPIDKeys();
  let t: TestPlatform;
  let fake: FakePushService;

  beforeAll(async () => {
    fake = await startFakePushService();
    t = await startTestPlatform({
      env: {
        VAPID_PUBLIC_KEY: vapid.publicKey,
        VAPID_PRIVATE_KEY: vapid.privateKey,
        VAPID_SUBJECT: 'mailto:ops@edu.example',
        PUSH_ALLOW_PRIVATE_NETWORKS: 'true',
        NOTIFICATION_POLL_MS: '100',
      },
    });
  });
  afterAll(async () => {
    await t.close();
    await fake.close();
  });

  const request = (payload: Request) =>
    t.platform.database.db
      .transaction()
      .execute((trx) =>
        t.platform.events.publisher.publish(trx, { type: 'notifications.notification_requested', key: payload.userId, payload }),
      );
  const endpoints = async (userId: string) =>
    (
      await sql<{
        endpoint: string;
      }>`select endpoint from notifications.push_subscriptions where user_id = ${userId} order by endpoint`.execute(t.platform.database.db)
    ).rows.map((r) => r.endpoint);

  it('without VAPID keys push is off, and the API says so', async () => {
    const off = await startTestPlatform();
    try {
      const user = await signedUpClient(off, 'No Push');
      expect(await off.client().notifications.pushPublicKey()).toEqual({ enabled: false, publicKey: null });
      expect((await user.client.notifications.settings()).pushAvailable).toBe(false);
      const browser = fake.browser('/push/unused');
      expect(
        await problemSummary(user.client.notifications.subscribePush({ endpoint: browser.endpoint, keys: browser.keys })),
      ).toMatchObject({
        status: 503,
        code: 'notifications.push_disabled',
      });
    } finally {
      await off.close();
    }
  });

  it('gives the public key to anyone; subscriptions need a user and a valid https shape', async () => {
    expect(await t.client().notifications.pushPublicKey()).toEqual({ enabled: true, publicKey: vapid.publicKey });
    const browser = fake.browser('/push/shape');
    expect((await problemSummary(t.client().notifications.subscribePush({ endpoint: browser.endpoint, keys: browser.keys }))).status).toBe(
      401,
    );
    expect((await problemSummary(t.client().notifications.unsubscribePush(browser.endpoint))).status).toBe(401);

    const user = await signedUpClient(t, 'Shape Tester');
    const n = user.client.notifications;
    expect(await problemSummary(n.subscribePush({ endpoint: 'http://push.example/x', keys: browser.keys }))).toMatchObject({
      status: 400,
      fields: ['endpoint'],
    });
    expect(
      await problemSummary(n.subscribePush({ endpoint: browser.endpoint, keys: { ...browser.keys, p256dh: 'c2hvcnQ' } })),
    ).toMatchObject({
      status: 400,
      fields: ['keys.p256dh'],
    });
    expect(
      await problemSummary(n.subscribePush({ endpoint: browser.endpoint, keys: { p256dh: browser.keys.p256dh } as typeof browser.keys })),
    ).toMatchObject({ status: 400, fields: ['keys.auth'] });
    expect(await problemSummary(n.unsubscribePush(''))).toMatchObject({ status: 400, fields: ['endpoint'] });
    await n.subscribePush({ endpoint: browser.endpoint, expirationTime: null, keys: browser.keys });
    expect(await endpoints(user.id)).toEqual([browser.endpoint]);
  });

  it('pushes through the fake push service, encrypted (aes128gcm) and VAPID-signed; a 410 removes that subscription', async () => {
    const user = await signedUpClient(t, 'Push Reader');
    const phone = fake.browser(`/push/ok-${user.id}`);
    const oldLaptop = fake.browser(`/push/gone-${user.id}`, 410);
    await user.client.notifications.subscribePush({ endpoint: phone.endpoint, keys: phone.keys });
    await user.client.notifications.subscribePush({ endpoint: oldLaptop.endpoint, keys: oldLaptop.keys });
    expect((await user.client.notifications.settings()).pushAvailable).toBe(true);

    await request({ userId: user.id, kind: 'courses.assignment_graded', title: 'Essay graded', body: 'Well done', link: '/courses/c/a' });
    await waitFor('the push', async () => fake.received.some((r) => r.path === `/push/ok-${user.id}`));
    await waitFor('the gone subscription removed', async () => (await endpoints(user.id)).length === 1);
    expect(await endpoints(user.id)).toEqual([phone.endpoint]);

    const push = fake.received.find((r) => r.path === `/push/ok-${user.id}`);
    expect(push?.headers['content-encoding']).toBe('aes128gcm');
    expect(push?.headers['content-type']).toBe('application/octet-stream');
    expect(Number(push?.headers.ttl)).toBeGreaterThan(0);
    const [, token, key] = String(push?.headers.authorization).match(/^vapid t=([^,]+), k=(.+)$/) ?? [];
    expect(key).toBe(vapid.publicKey);
    const point = Buffer.from(vapid.publicKey, 'base64url');
    const jwk = { kty: 'EC', crv: 'P-256', x: point.subarray(1, 33).toString('base64url'), y: point.subarray(33).toString('base64url') };
    const { payload } = await jwtVerify(token as string, await importJWK(jwk, 'ES256'));
    expect(payload).toMatchObject({ aud: fake.origin, sub: 'mailto:ops@edu.example' });
    const message = JSON.parse(phone.decrypt(push?.body as Buffer));
    // A notice without an actor leaves the icon to the service worker's default.
    expect(message).toMatchObject({ title: 'Essay graded', body: 'Well done', url: '/courses/c/a', count: 1, icon: null });

    // The next push goes to the phone only, with the picture of the person who acted.
    const teacher = await signedUpClient(t, 'Tia Teacher');
    const { avatarUrl } = await teacher.client.social.setAvatar(new Blob([AVATAR_PNG], { type: 'image/png' }));
    const before = fake.received.length;
    await request({
      userId: user.id,
      kind: 'courses.assignment_graded',
      title: 'Quiz graded',
      actorId: teacher.id,
      actorName: 'Tia Teacher',
    });
    await waitFor('the second push', async () => fake.received.length === before + 1);
    expect(fake.received.at(-1)?.path).toBe(`/push/ok-${user.id}`);
    expect(JSON.parse(phone.decrypt(fake.received.at(-1)?.body as Buffer))).toMatchObject({ title: 'Quiz graded', icon: avatarUrl });
  });

  it('a switched-off push category pushes nothing; unsubscribing removes only my own subscription', async () => {
    const user = await signedUpClient(t, 'Quiet Phone');
    const other = await signedUpClient(t, 'Other Phone');
    const mine = fake.browser(`/push/mine-${user.id}`);
    const theirs = fake.browser(`/push/theirs-${other.id}`);
    await user.client.notifications.subscribePush({ endpoint: mine.endpoint, keys: mine.keys });
    await other.client.notifications.subscribePush({ endpoint: theirs.endpoint, keys: theirs.keys });
    await user.client.notifications.updateSettings({ categories: { course_work: { push: false } } });
    await request({ userId: user.id, kind: 'courses.assignment_graded', title: 'Not pushed' });
    await request({ userId: user.id, kind: 'institutions.announcement', title: 'Pushed' });
    await waitFor('the announcement push', async () => fake.received.some((r) => r.path === `/push/mine-${user.id}`));
    const mineReceived = fake.received.filter((r) => r.path === `/push/mine-${user.id}`).map((r) => JSON.parse(mine.decrypt(r.body)).title);
    expect(mineReceived).toEqual(['Pushed']);

    await user.client.notifications.unsubscribePush(theirs.endpoint);
    expect(await endpoints(other.id)).toEqual([theirs.endpoint]);
    await user.client.notifications.unsubscribePush(mine.endpoint);
    expect(await endpoints(user.id)).toEqual([]);
  });
});
