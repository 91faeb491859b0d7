// Notification settings over HTTP, and e-mail through a real SMTP server (the `smtp-server`
// package) with its HTML and text parts: preferences, grouping, security notices, retries.
import type { EventPayload, Notification } from '@edumatrix/contracts';
import { sql } from 'kysely';
import { io as connect } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { problemSummary, signedUpClient, waitFor } from '../../testing/factories.ts';
import { type SmtpCapture, startSmtpCapture } from '../../testing/smtp-capture.ts';
import { dbLabel, PASSWORD, startTestPlatform, type TestPlatform } from '../../testing/test-platform.ts';

type Request = Partial<EventPayload<'notifications.notification_requested'>> & { userId: string; kind: string; title: string };

describe(`notification settings and e-mail on ${dbLabel()}`, () => {
  let t: TestPlatform;
  let smtp: SmtpCapture;

  beforeAll(async () => {
    smtp = await startSmtpCapture();
    t = await startTestPlatform({
      env: { SMTP_URL: smtp.url, PUBLIC_URL: 'https://edu.example', NOTIFICATION_POLL_MS: '100', OUTBOUND_ATTEMPTS: '1' },
    });
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  const request = (...payloads: Request[]) =>
    t.platform.database.db.transaction().execute(async (trx) => {
      for (const payload of payloads) {
        await t.platform.events.publisher.publish(trx, { type: 'notifications.notification_requested', key: payload.userId, payload });
      }
    });
  /** Mail to `email` other than the sign-up verification. */
  const mailTo = (email: string, subject?: RegExp) => smtp.to(email, subject).filter((m) => !/Confirm your email/.test(m.subject));
  const deliveries = async (userId: string) =>
    (
      await sql<{ channel: string; status: string; attempts: number; last_error: string | null }>`
        select channel, status, attempts, last_error from notifications.deliveries where user_id = ${userId} order by created_at`.execute(
        t.platform.database.db,
      )
    ).rows;
  /** Publishes a mail-worthy request after the others and waits for its mail: everything before it was decided. */
  const settle = async (user: { id: string; email: string }) => {
    const marker = `Marker ${Math.random().toString(36).slice(2)}`;
    await request({ userId: user.id, kind: 'institutions.announcement', title: marker });
    await waitFor('the marker mail', async () => smtp.to(user.email, new RegExp(marker)).length === 1);
  };

  it('settings need a signed-in user, start from the documented defaults, and are each person’s own', async () => {
    const anonymous = t.client();
    expect((await problemSummary(anonymous.notifications.settings())).status).toBe(401);
    expect((await problemSummary(anonymous.notifications.updateSettings({ digest: 'daily' }))).status).toBe(401);

    const me = await signedUpClient(t, 'Settings Person');
    const defaults = await me.client.notifications.settings();
    expect(defaults).toMatchObject({ quietHours: null, timeZone: 'UTC', digest: 'off', pushAvailable: false });
    const byCategory = Object.fromEntries(defaults.categories.map((c) => [c.category, c]));
    expect(byCategory.social_reactions?.channels).toEqual({ in_app: true, email: false, push: false });
    expect(byCategory.chat_messages?.channels).toEqual({ in_app: true, email: true, push: true });
    expect(byCategory.account_security).toMatchObject({ locked: ['email'], label: 'Account and security' });

    const changed = await me.client.notifications.updateSettings({
      categories: { social_reactions: { push: true }, course_work: { email: false } },
      quietHours: { start: '22:00', end: '07:00' },
      timeZone: 'Europe/London',
      digest: 'weekly',
    });
    expect(changed).toMatchObject({ quietHours: { start: '22:00', end: '07:00' }, timeZone: 'Europe/London', digest: 'weekly' });
    const after = Object.fromEntries(changed.categories.map((c) => [c.category, c.channels]));
    expect(after.social_reactions).toEqual({ in_app: true, email: false, push: true });
    expect(after.course_work).toEqual({ in_app: true, email: false, push: true });
    // Naming one thing leaves the rest as it was.
    const again = await me.client.notifications.updateSettings({ digest: 'off' });
    expect(again).toMatchObject({ quietHours: { start: '22:00', end: '07:00' }, digest: 'off' });
    expect(again.categories.find((c) => c.category === 'social_reactions')?.channels.push).toBe(true);
    expect((await me.client.notifications.updateSettings({ quietHours: null })).quietHours).toBeNull();

    const other = await signedUpClient(t, 'Other Person');
    expect(await other.client.notifications.settings()).toEqual(defaults);

    const spec = (await (await fetch(`${t.url}/api/v1/openapi.json`)).json()) as { paths: Record<string, Record<string, unknown>> };
    expect(Object.keys(spec.paths['/api/v1/me/notification-settings'] ?? {}).sort()).toEqual(['get', 'put']);
    expect(Object.keys(spec.paths['/api/v1/me/push-subscriptions'] ?? {}).sort()).toEqual(['delete', 'post']);
  });

  it('bad settings are problem+json naming the field; security e-mail cannot be switched off', async () => {
    const me = await signedUpClient(t, 'Careless Person');
    const n = me.client.notifications;
    expect(await problemSummary(n.updateSettings({ timeZone: 'Mars/Olympus_Mons' }))).toMatchObject({ status: 400, fields: ['timeZone'] });
    expect(await problemSummary(n.updateSettings({ quietHours: { start: '25:00', end: '07:00' } }))).toMatchObject({
      status: 400,
      fields: ['quietHours.start'],
    });
    expect(await problemSummary(n.updateSettings({ quietHours: { start: '07:00', end: '07:00' } }))).toMatchObject({
      status: 400,
      fields: ['quietHours.end'],
    });
    expect(await problemSummary(n.updateSettings({ digest: 'hourly' as 'daily' }))).toMatchObject({ status: 400, fields: ['digest'] });
    expect(await problemSummary(n.updateSettings({ categories: { social_reactions: { fax: true } as never } }))).toMatchObject({
      status: 400,
      fields: ['categories.social_reactions.fax'],
    });
    expect(await problemSummary(n.updateSettings({ categories: { account_security: { email: false } } }))).toEqual({
      status: 400,
      code: 'notifications.channel_locked',
      fields: ['categories.account_security.email'],
    });
    const res = await fetch(`${t.url}/api/v1/me/notification-settings`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${me.client.accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ timeZone: 'Nowhere/Town' }),
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect((await n.settings()).timeZone).toBe('UTC');
  });

  it('an e-mail goes out through SMTP with text and escaped HTML parts and a link to the settings', async () => {
    const user = await signedUpClient(t, 'Mail Reader');
    await request({
      userId: user.id,
      kind: 'courses.assignment_graded',
      title: 'Essay <b>graded</b>',
      body: 'Teacher wrote: <script>alert(1)</script>',
      link: '/courses/c1/assignments/a1',
    });
    // The row says `sent` a moment after the SMTP server has the mail.
    await waitFor('the e-mail', async () => mailTo(user.email).length === 1 && (await deliveries(user.id))[0]?.status === 'sent');
    const [mail] = mailTo(user.email);
    expect(mail?.subject).toBe('Essay <b>graded</b>');
    expect(mail?.raw).toMatch(/multipart\/alternative/);
    expect(mail?.text).toContain('Teacher wrote: <script>alert(1)</script>');
    expect(mail?.text).toContain('https://edu.example/courses/c1/assignments/a1');
    expect(mail?.text).toContain('https://edu.example/notifications/settings');
    expect(mail?.html).toContain('Essay &lt;b&gt;graded&lt;/b&gt;');
    expect(mail?.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(mail?.html).not.toContain('<script>');
    expect(mail?.html).toContain('href="https://edu.example/notifications/settings"');
    expect(await deliveries(user.id)).toEqual([{ channel: 'email', status: 'sent', attempts: 1, last_error: null }]);
  });

  it('preferences decide: reactions are in-app only by default; a switched-off channel sends nothing; in-app off hides the entry', async () => {
    const user = await signedUpClient(t, 'Choosy Person');
    await request({ userId: user.id, kind: 'social.post_liked', title: 'Ana liked your post', actorName: 'Ana' });
    await user.client.notifications.updateSettings({
      categories: { course_work: { email: false }, course_badges: { in_app: false, email: true } },
    });
    await request(
      { userId: user.id, kind: 'courses.assignment_graded', title: 'Quiet grade' },
      { userId: user.id, kind: 'courses.badge_awarded', title: 'Hidden badge' },
    );
    await settle(user);
    expect(mailTo(user.email).map((m) => m.subject)).toEqual([expect.stringMatching(/Hidden badge/), expect.stringMatching(/Marker/)]);
    const titles = (await user.client.notifications.list()).items.map((n) => n.title);
    expect(titles).toContain('Quiet grade');
    expect(titles).toContain('Ana liked your post');
    expect(titles).not.toContain('Hidden badge');
    expect((await user.client.notifications.unreadCount()).count).toBe(3);
  });

  it('similar notifications in the window become one entry with a count, and one e-mail', async () => {
    const user = await signedUpClient(t, 'Popular Person');
    await user.client.notifications.updateSettings({ categories: { social_reactions: { email: true } } });
    const likers = ['Cy', 'Di', 'Ed', 'Bo', 'Ana'];
    await request(
      ...likers.map((name) => ({
        userId: user.id,
        kind: 'social.post_liked',
        title: `${name} liked your post`,
        link: '/social/posts/p1',
        groupKey: 'social.post_liked:p1',
        actorName: name,
      })),
      { userId: user.id, kind: 'social.post_liked', title: 'Ana liked your photo', groupKey: 'social.post_liked:p2', actorName: 'Ana' },
    );
    await settle(user);
    const items = (await user.client.notifications.list()).items.filter((n) => n.kind === 'social.post_liked');
    expect(items.map((n) => [n.title, n.count])).toEqual([
      ['Ana liked your photo', 1],
      ['Ana and 4 others liked your post', 5],
    ]);
    expect(smtp.to(user.email, /liked your post/)).toHaveLength(1);
    expect(smtp.to(user.email, /liked your photo/)).toHaveLength(1);

    // Read, the group is closed: the next like starts a new entry (and may mail again).
    await user.client.notifications.markAllRead();
    await request({
      userId: user.id,
      kind: 'social.post_liked',
      title: 'Fe liked your post',
      groupKey: 'social.post_liked:p1',
      actorName: 'Fe',
    });
    await settle(user);
    expect((await user.client.notifications.list({ unread: 'true' })).items.map((n) => n.title)).toContain('Fe liked your post');
  });

  it('while connected: chat is not e-mailed (the person is online), and each grouped request pushes the one entry live', async () => {
    const user = await signedUpClient(t, 'Online Person');
    const socket = connect(t.url, {
      path: '/socket.io',
      auth: { token: user.client.accessToken },
      transports: ['websocket'],
      reconnection: false,
    });
    try {
      const entries: Notification[] = [];
      socket.on('notifications:entry', (n: Notification) => entries.push(n));
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', () => resolve());
        socket.once('connect_error', reject);
      });
      await request(
        { userId: user.id, kind: 'chat.message', title: 'New message from Ana', actorName: 'Ana', groupKey: 'chat.message:c1' },
        { userId: user.id, kind: 'chat.message', title: 'New message from Bo', actorName: 'Bo', groupKey: 'chat.message:c1' },
        { userId: user.id, kind: 'chat.message', title: 'New message from Ana', actorName: 'Ana', groupKey: 'chat.message:c1' },
      );
      await waitFor('three live pushes', async () => entries.length === 3);
      expect(new Set(entries.map((e) => e.id)).size).toBe(1);
      expect(entries.map((e) => e.count)).toEqual([1, 2, 3]);
      expect(entries.at(-1)?.title).toBe('New message from Ana (3)');
      await waitFor('the e-mail decision', async () => (await deliveries(user.id))[0]?.status === 'skipped');
      expect(await deliveries(user.id)).toEqual([{ channel: 'email', status: 'skipped', attempts: 1, last_error: 'recipient online' }]);
    } finally {
      socket.disconnect();
    }
  });

  it('a password change tells the person in the inbox and by e-mail at once, quiet hours or not', async () => {
    const user = await signedUpClient(t, 'Careful Person');
    const hour = (h: number) => `${String((h + 24) % 24).padStart(2, '0')}:00`;
    const nowHour = new Date().getUTCHours();
    await user.client.notifications.updateSettings({ quietHours: { start: hour(nowHour - 1), end: hour(nowHour + 2) } });
    await t.client().auth.login({ email: user.email, password: PASSWORD });
    await user.client.me.changePassword({ currentPassword: PASSWORD, newPassword: 'another long passphrase 42' });
    await waitFor('the security mail', async () => smtp.to(user.email, /Your password was changed/).length === 1);
    expect((await user.client.notifications.list()).items[0]).toMatchObject({
      kind: 'account.security',
      title: 'Your password was changed',
    });
  });

  it('an SMTP failure is retried on the queue’s schedule, and kept as failed after the last attempt', async () => {
    const user = await signedUpClient(t, 'Unlucky Person');
    smtp.refuse(true);
    try {
      await request({ userId: user.id, kind: 'institutions.announcement', title: 'Bounced once' });
      await waitFor('a failed attempt', async () => (await deliveries(user.id))[0]?.attempts === 1);
      expect((await deliveries(user.id))[0]).toMatchObject({ channel: 'email', status: 'pending' });
      expect((await deliveries(user.id))[0]?.last_error).toMatch(/mailbox unavailable/);
    } finally {
      smtp.refuse(false);
    }
    await sql`update notifications.deliveries set due_at = now() where user_id = ${user.id}`.execute(t.platform.database.db);
    // The mail can reach the SMTP server a moment before the row says so.
    await waitFor(
      'the retried mail',
      async () => smtp.to(user.email, /Bounced once/).length === 1 && (await deliveries(user.id))[0]?.status === 'sent',
    );
    expect((await deliveries(user.id))[0]).toMatchObject({ status: 'sent', attempts: 2 });

    // After the last attempt the row stays as failed, with the error: the channel's dead letter.
    smtp.refuse(true);
    try {
      await request({ userId: user.id, kind: 'institutions.announcement', title: 'Never arrives' });
      await waitFor('the first failure', async () => (await deliveries(user.id))[1]?.attempts === 1);
      await sql`update notifications.deliveries set attempts = 5, due_at = now() where user_id = ${user.id} and status = 'pending'`.execute(
        t.platform.database.db,
      );
      await waitFor('the last failure', async () => (await deliveries(user.id))[1]?.status === 'failed');
      expect((await deliveries(user.id))[1]).toMatchObject({ attempts: 6, last_error: expect.stringMatching(/mailbox unavailable/) });
    } finally {
      smtp.refuse(false);
    }
  });
});
