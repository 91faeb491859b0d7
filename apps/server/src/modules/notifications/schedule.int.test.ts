// Time-driven channels with a movable clock: quiet hours hold e-mail until they end (also across a
// restart), a digest takes the quiet-hours e-mail instead when one is coming, and a digest goes out
// at most once per period.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventPayload } from '@edumatrix/contracts';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedUpClient, waitFor } from '../../testing/factories.ts';
import { type SmtpCapture, startSmtpCapture } from '../../testing/smtp-capture.ts';
import { dbLabel, onPostgres, startTestPlatform, type TestPlatform } from '../../testing/test-platform.ts';

type Request = Partial<EventPayload<'notifications.notification_requested'>> & { userId: string; kind: string; title: string };

const publish = (t: TestPlatform, ...payloads: Request[]) =>
  t.platform.database.db.transaction().execute(async (trx) => {
    for (const payload of payloads) {
      await t.platform.events.publisher.publish(trx, { type: 'notifications.notification_requested', key: payload.userId, payload });
    }
  });

const rows = async <T>(t: TestPlatform, query: ReturnType<typeof sql<T>>) => (await query.execute(t.platform.database.db)).rows;

describe(`quiet hours and digests on ${dbLabel()}`, () => {
  let t: TestPlatform;
  let smtp: SmtpCapture;
  let clock = new Date('2026-11-24T23:00:00Z');
  const env = () => ({ SMTP_URL: smtp.url, PUBLIC_URL: 'https://edu.example', NOTIFICATION_POLL_MS: '100' });
  const mailTo = (email: string, subject?: RegExp) => smtp.to(email, subject).filter((m) => !/Confirm your email/.test(m.subject));
  const deliveries = (userId: string) =>
    rows(
      t,
      sql<{ channel: string; status: string; due_at: Date }>`
      select channel, status, due_at from notifications.deliveries where user_id = ${userId} order by created_at`,
    );

  beforeAll(async () => {
    smtp = await startSmtpCapture();
    t = await startTestPlatform({ env: env(), now: () => clock });
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  it('during quiet hours (22:00–07:00 London) an e-mail waits for 07:00 and then goes out', async () => {
    clock = new Date('2026-11-24T23:00:00Z');
    const user = await signedUpClient(t, 'Night Owl');
    await user.client.notifications.updateSettings({ quietHours: { start: '22:00', end: '07:00' }, timeZone: 'Europe/London' });
    await publish(t, { userId: user.id, kind: 'institutions.announcement', title: 'School closed tomorrow' });
    await waitFor('the inbox entry', async () => (await user.client.notifications.unreadCount()).count === 1);
    expect(await deliveries(user.id)).toEqual([{ channel: 'email', status: 'pending', due_at: new Date('2026-11-25T07:00:00Z') }]);
    await new Promise((r) => setTimeout(r, 300));
    expect(mailTo(user.email)).toHaveLength(0);

    clock = new Date('2026-11-25T07:00:05Z');
    // The row says `sent` a moment after the SMTP server has the mail.
    await waitFor(
      'the morning mail',
      async () => mailTo(user.email, /School closed tomorrow/).length === 1 && (await deliveries(user.id))[0]?.status === 'sent',
    );
    expect(mailTo(user.email, /School closed tomorrow/)).toHaveLength(1);
  });

  it('with a digest coming, the quiet-hours e-mail is left to the digest, which lists it at 08:00', async () => {
    clock = new Date('2026-11-24T23:00:00Z');
    const user = await signedUpClient(t, 'Digest Reader');
    await user.client.notifications.updateSettings({
      quietHours: { start: '22:00', end: '07:00' },
      timeZone: 'Europe/London',
      digest: 'daily',
    });
    await publish(t, { userId: user.id, kind: 'institutions.announcement', title: 'Trip <forms> due' });
    await waitFor('the inbox entry', async () => (await user.client.notifications.unreadCount()).count === 1);
    expect(await deliveries(user.id)).toEqual([]);

    clock = new Date('2026-11-25T08:00:05Z');
    await waitFor('the digest', async () => mailTo(user.email, /daily summary/).length === 1);
    const [digest] = mailTo(user.email);
    expect(digest?.subject).toBe('Your daily summary: 1 unread notification');
    expect(digest?.text).toContain('Trip <forms> due');
    expect(digest?.html).toContain('Trip &lt;forms&gt; due');
    expect(digest?.html).toContain('href="https://edu.example/notifications/settings"');
  });

  it('a digest goes out once per period, even when the job runs again for the same day', async () => {
    clock = new Date('2026-12-01T02:00:00Z'); // 07:00 in Karachi
    const user = await signedUpClient(t, 'Daily Person');
    await user.client.notifications.updateSettings({ timeZone: 'Asia/Karachi', digest: 'daily' });
    await publish(t, { userId: user.id, kind: 'test.ping', title: 'Ping one' }, { userId: user.id, kind: 'test.ping', title: 'Ping two' });
    await waitFor('two entries', async () => (await user.client.notifications.unreadCount()).count === 2);
    const two = (await user.client.notifications.list()).items.find((n) => n.title === 'Ping two');
    await user.client.notifications.markRead(two?.id as string);

    clock = new Date('2026-12-01T03:00:05Z');
    await waitFor('the first digest', async () => mailTo(user.email, /daily summary/).length === 1);
    expect(mailTo(user.email)[0]?.text).toContain('Ping one');
    expect(mailTo(user.email)[0]?.text).not.toContain('Ping two');

    // As if a crash had happened before the next time was stored: the job finds the same period again.
    const next = () => rows(t, sql<{ next_digest_at: Date }>`select next_digest_at from notifications.settings where user_id = ${user.id}`);
    expect((await next())[0]?.next_digest_at).toEqual(new Date('2026-12-02T03:00:00Z'));
    await sql`update notifications.settings set next_digest_at = ${new Date('2026-12-01T03:00:00Z')} where user_id = ${user.id}`.execute(
      t.platform.database.db,
    );
    await waitFor(
      'the job to move on',
      async () => (await next())[0]?.next_digest_at.getTime() === new Date('2026-12-02T03:00:00Z').getTime(),
    );
    await new Promise((r) => setTimeout(r, 300));
    expect(mailTo(user.email, /daily summary/)).toHaveLength(1);

    clock = new Date('2026-12-01T12:00:00Z');
    await publish(t, { userId: user.id, kind: 'test.ping', title: 'Ping three' });
    await waitFor('the third entry', async () => (await user.client.notifications.unreadCount()).count === 2);
    clock = new Date('2026-12-02T03:00:05Z');
    await waitFor('the second day’s digest', async () => mailTo(user.email, /daily summary/).length === 2);
    expect(mailTo(user.email, /daily summary/)[1]?.text).toContain('Ping three');
    const periods = await rows(
      t,
      sql<{ period: string }>`select period from notifications.digests where user_id = ${user.id} order by period`,
    );
    expect(periods.map((p) => p.period)).toEqual(['day:2026-12-01', 'day:2026-12-02']);
  });

  it('nothing is lost on restart: an e-mail held by quiet hours goes out from the next process', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'edumatrix-quiet-'));
    clock = new Date('2026-11-24T23:00:00Z');
    const first = await startTestPlatform({ env: env(), now: () => clock, ...(onPostgres() ? {} : { dataDir }) });
    let second: TestPlatform | null = null;
    try {
      const user = await signedUpClient(first, 'Restart Person');
      await user.client.notifications.updateSettings({ quietHours: { start: '22:00', end: '07:00' } });
      await publish(first, { userId: user.id, kind: 'institutions.announcement', title: 'Held over a restart' });
      await waitFor('the held e-mail', async () => (await user.client.notifications.unreadCount()).count === 1);
      await first.close({ keepDatabase: true });

      clock = new Date('2026-11-25T07:00:05Z');
      second = await startTestPlatform({
        env: env(),
        now: () => clock,
        ...(onPostgres() ? { reuse: { databaseName: first.databaseName as string } } : { dataDir }),
      });
      await waitFor('the mail after the restart', async () => mailTo(user.email, /Held over a restart/).length === 1);
    } finally {
      await second?.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
