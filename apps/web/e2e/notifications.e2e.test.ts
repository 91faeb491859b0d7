// Notifications in Chromium: the settings page (a category's e-mail off, quiet hours in the browser's
// zone, a weekly digest, kept after a reload; the server's field error on the very input), the
// notification centre with a grouped entry ("Cy Chen and 2 others…") that changes in place live, and
// the "push on this device" switch: explained and hidden without VAPID keys, working with them.
import { sql } from 'kysely';
import type { BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import webpush from 'web-push';
import { AVATAR_PNG } from '../../server/src/modules/social/social.testing.ts';
import { signedUpClient } from '../../server/src/testing/factories.ts';
import type { TestPlatform } from '../../server/src/testing/test-platform.ts';
import { openPage, screenshotOnFailure, screenshotsAtWidths, signInAs, useE2E, type WatchedPage, WEB_DIST } from './browser.ts';

const SHOTS = process.env.NOTIFICATIONS_SHOTS;

type Marked = Window & { notificationsMarker?: string };

/** A value on window survives everything but a reload. */
const markPage = (page: Page) => page.evaluate(() => ((window as Marked).notificationsMarker = 'not reloaded'));
const stillSamePage = (page: Page) => page.evaluate(() => (window as Marked).notificationsMarker);

async function openSettings(page: Page) {
  await page.getByRole('button', { name: 'Account menu' }).click();
  await page.getByRole('menuitem', { name: 'Notification settings' }).click();
  await page.waitForURL(/\/settings\/notifications$/);
  await expect.poll(() => page.getByRole('switch', { name: 'Mentions: E-mail' }).count(), { timeout: 15_000 }).toBe(1);
}

describe('notifications in Chromium (no VAPID keys)', () => {
  const e2e = useE2E(WEB_DIST);

  const open = async (name: string, options: BrowserContextOptions = {}) => {
    const watched = await openPage(await e2e.browser().newContext({ viewport: { width: 1280, height: 900 }, ...options }));
    screenshotOnFailure(`notifications-${name}`, watched);
    return watched;
  };

  it('settings: a category e-mail off, quiet hours and a weekly digest are kept; start = end is refused on its input', async () => {
    const t = e2e.t();
    const person = await signedUpClient(t, 'Sam Settings');
    // The zone a person's settings start in is their browser's.
    const watched = await open('settings', { timezoneId: 'Asia/Karachi' });
    const { page } = watched;
    await signInAs(page, t.url, person.email);
    await openSettings(page);

    // Security e-mail cannot be switched off, and the page says why.
    const securityMail = page.getByRole('switch', { name: 'Account and security: E-mail' });
    expect(await securityMail.isDisabled()).toBe(true);
    expect(await securityMail.isChecked()).toBe(true);
    expect(await page.getByText(/^E-mail is always on/).count()).toBe(1);
    expect(await page.getByRole('combobox', { name: 'Time zone' }).inputValue()).toBe('Asia/Karachi');
    // No VAPID keys on this server: no switch, and a sentence saying so.
    expect(await page.getByRole('switch', { name: 'Push notifications on this device' }).count()).toBe(0);
    expect(await page.getByText(/^Push notifications are not set up on this server/).count()).toBe(1);

    const mentionsMail = page.getByRole('switch', { name: 'Mentions: E-mail' });
    expect(await mentionsMail.isChecked()).toBe(true);
    await mentionsMail.uncheck({ force: true });
    await page.getByRole('switch', { name: 'Use quiet hours' }).check({ force: true });
    await page.getByLabel('Starts at').fill('22:30');
    await page.getByLabel('Ends at').fill('06:45');
    await page.getByRole('radio', { name: 'Weekly, on Mondays' }).click();
    await screenshotsAtWidths(page, SHOTS, 'notification-settings');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(() => page.getByText('Your notification settings were saved.').count(), { timeout: 10_000 }).toBe(1);

    const saved = await person.client.notifications.settings();
    expect(saved.categories.find((c) => c.category === 'social_mentions')?.channels).toEqual({ in_app: true, email: false, push: true });
    // Only what changed was sent: the other categories keep their defaults.
    expect(saved.categories.find((c) => c.category === 'social_reactions')?.channels).toEqual({ in_app: true, email: false, push: false });
    expect(saved.quietHours).toEqual({ start: '22:30', end: '06:45' });
    expect(saved.timeZone).toBe('Asia/Karachi');
    expect(saved.digest).toBe('weekly');

    await page.reload();
    await expect.poll(() => page.getByRole('switch', { name: 'Mentions: E-mail' }).count(), { timeout: 15_000 }).toBe(1);
    expect(await page.getByRole('switch', { name: 'Mentions: E-mail' }).isChecked()).toBe(false);
    expect(await page.getByRole('switch', { name: 'Use quiet hours' }).isChecked()).toBe(true);
    expect(await page.getByLabel('Starts at').inputValue()).toBe('22:30');
    expect(await page.getByLabel('Ends at').inputValue()).toBe('06:45');
    expect(await page.getByRole('combobox', { name: 'Time zone' }).inputValue()).toBe('Asia/Karachi');
    expect(await page.getByRole('radio', { name: 'Weekly, on Mondays' }).isChecked()).toBe(true);

    // Quiet hours that start when they end: the server's message lands on "Ends at".
    await page.getByLabel('Ends at').fill('22:30');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(() => page.getByLabel('Ends at').getAttribute('aria-invalid'), { timeout: 10_000 }).toBe('true');
    expect(await page.getByText('Must differ from start').count()).toBe(1);
    expect(await page.getByLabel('Starts at').getAttribute('aria-invalid')).not.toBe('true');
    expect((await person.client.notifications.settings()).quietHours).toEqual({ start: '22:30', end: '06:45' });
    await screenshotsAtWidths(page, SHOTS, 'notification-settings-error');

    // The refused save is a 400 the browser reports; nothing else may go wrong.
    expect(watched.consoleErrors.filter((e) => !e.includes('status of 400'))).toEqual([]);
  });

  it('the centre shows a grouped entry with its count, and the entry changes in place when the group grows', async () => {
    const t = e2e.t();
    const rita = await signedUpClient(t, 'Rita Reader');
    const ana = await signedUpClient(t, 'Ana Alvarez');
    const bo = await signedUpClient(t, 'Bo Berg');
    const cy = await signedUpClient(t, 'Cy Chen');
    const dee = await signedUpClient(t, 'Dee Diaz');
    const group = await ana.client.chat.createGroup({ title: 'Study group', memberIds: [rita.id, bo.id, cy.id, dee.id] });
    const { avatarUrl: cyPicture } = await cy.client.social.setAvatar(new Blob([AVATAR_PNG], { type: 'image/png' }));

    // Chat asks for a notification only for members who are offline: Rita has no page open yet.
    let n = 0;
    for (const sender of [ana, bo, cy]) {
      await sender.client.chat.send(group.id, { clientId: `e2e-${++n}`, body: `Hello number ${n}` });
    }
    const grouped = () => rita.client.notifications.list().then((page) => page.items.filter((i) => i.kind === 'chat.message'));
    await expect
      .poll(async () => (await grouped()).map((i) => `${i.title} ${i.count}`), { timeout: 15_000 })
      .toEqual(['Cy Chen and 2 others: new message 3']);

    const watched = await open('centre');
    const { page } = watched;
    await signInAs(page, t.url, rita.email);
    await page.goto(`${t.url}/notifications`);
    const entry = page.getByRole('button', { name: /and 2 others: new message/ });
    await expect.poll(() => entry.count(), { timeout: 15_000 }).toBe(1);
    expect(await entry.getByTestId('notification-count').textContent()).toContain('3 notifications grouped');
    expect(await entry.textContent()).toContain('Chat');
    // Beside it, the face of whoever wrote last.
    expect(await entry.getByTestId('notification-actor').locator('img').getAttribute('src')).toBe(cyPicture);
    await expect.poll(() => page.getByText('Live updates: connected').count(), { timeout: 15_000 }).toBe(1);
    await markPage(page);
    await screenshotsAtWidths(page, SHOTS, 'notification-centre');

    // Rita is online now, so chat itself asks for nothing more; the group grows by the request chat
    // makes for an offline member, published the same way, and the open page follows it live.
    await publishChatRequest(t, { userId: rita.id, conversationId: group.id, sender: { userId: dee.id, name: 'Dee Diaz' } });
    const grown = page.getByRole('button', { name: /Dee Diaz and 3 others: new message/ });
    await expect.poll(() => grown.count(), { timeout: 15_000 }).toBe(1);
    expect(await grown.getByTestId('notification-count').textContent()).toContain('4 notifications grouped');
    expect(await page.getByRole('button', { name: /new message/ }).count()).toBe(1);
    expect(await stillSamePage(page)).toBe('not reloaded');
    // Dee wrote last and has no picture: her initials.
    const deeFace = grown.getByTestId('notification-actor');
    expect([await deeFace.locator('img').count(), await deeFace.textContent()]).toEqual([0, 'DD']);

    // The bell's inbox shows the same entry.
    await page.getByRole('button', { name: 'Notifications, 1 unread' }).click();
    const inbox = page.getByRole('dialog', { name: 'Notifications' });
    await expect.poll(() => inbox.getByRole('button', { name: /Dee Diaz and 3 others: new message/ }).count()).toBe(1);
    // A popover here; on a phone the same inbox slides up as a drawer.
    await screenshotsAtWidths(page, SHOTS, 'notification-inbox');
    await page.keyboard.press('Escape');
    await expect.poll(() => inbox.count()).toBe(0);

    // The filters narrow the list.
    await page
      .locator('label')
      .filter({ hasText: /^Unread$/ })
      .click();
    await page.waitForURL(/unread=true/);
    expect(await grown.count()).toBe(1);
    await page.getByRole('combobox', { name: 'From' }).click();
    await page.getByRole('option', { name: 'Courses', exact: true }).click();
    await expect.poll(() => page.getByText('No unread notifications from courses.').count()).toBe(1);
    await page.getByRole('combobox', { name: 'From' }).click();
    await page.getByRole('option', { name: 'Chat', exact: true }).click();
    await expect.poll(() => grown.count()).toBe(1);

    expect(watched.consoleErrors).toEqual([]);

    // Opening it marks it read and goes to its conversation (the chat pages' own checks are theirs).
    await grown.click();
    await page.waitForURL(new RegExp(`/chat/${group.id}$`));
    await expect.poll(async () => (await rita.client.notifications.unreadCount()).count, { timeout: 10_000 }).toBe(0);
  });
});

/** What chat publishes for an offline member (messages.service.ts): same kind, group key and actor. */
async function publishChatRequest(
  t: TestPlatform,
  args: { userId: string; conversationId: string; sender: { userId: string; name: string } },
) {
  await t.platform.events.publisher.publish(t.platform.database.db, {
    type: 'notifications.notification_requested',
    key: args.userId,
    actorId: null,
    payload: {
      userId: args.userId,
      kind: 'chat.message',
      title: `${args.sender.name}: new message`,
      body: 'One more thing',
      link: `/chat/${args.conversationId}`,
      institutionId: null,
      groupKey: `chat.message:${args.conversationId}`,
      actorName: args.sender.name,
      actorId: args.sender.userId,
    },
  });
}

const vapid = webpush.generateVAPIDKeys();

/**
 * Headless Chromium has no push service to reach from this closed network, so PushManager is
 * replaced by one that hands out a fixed https subscription; everything else (the permission, the
 * service worker, the API calls) is real.
 */
async function fakePushService(context: BrowserContext) {
  await context.addInitScript(() => {
    const base64url = (n: number, seed: number) => {
      let s = '';
      for (let i = 0; i < n; i++) s += String.fromCharCode((seed + i * 31) % 256);
      return btoa(s).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
    };
    type Fake = { endpoint: string; options: { applicationServerKey: ArrayBuffer } };
    let current: Fake | null = null;
    const proto = PushManager.prototype as unknown as Record<string, unknown>;
    proto.subscribe = async (options: { applicationServerKey: Uint8Array }) => {
      const key = options.applicationServerKey;
      const fake = {
        endpoint: 'https://push.example.test/send/e2e-device',
        expirationTime: null,
        options: { userVisibleOnly: true, applicationServerKey: key.slice().buffer },
        toJSON: () => ({ endpoint: fake.endpoint, expirationTime: null, keys: { p256dh: base64url(65, 4), auth: base64url(16, 9) } }),
        unsubscribe: async () => {
          current = null;
          return true;
        },
      };
      current = fake;
      return fake;
    };
    proto.getSubscription = async () => current;
  });
}

describe('web push in Chromium (with VAPID keys)', () => {
  const e2e = useE2E(WEB_DIST, {
    VAPID_PUBLIC_KEY: vapid.publicKey,
    VAPID_PRIVATE_KEY: vapid.privateKey,
    VAPID_SUBJECT: 'mailto:e2e@example.org',
  });

  it('"Push notifications on this device" registers the worker, subscribes and unsubscribes', async () => {
    const t = e2e.t();
    const person = await signedUpClient(t, 'Pia Push');
    const context = await e2e.browser().newContext({ viewport: { width: 1280, height: 900 }, permissions: ['notifications'] });
    await fakePushService(context);
    const watched: WatchedPage = await openPage(context);
    screenshotOnFailure('notifications-push', watched);
    const { page } = watched;
    await signInAs(page, t.url, person.email);
    await openSettings(page);

    const endpoints = async () =>
      (
        await sql<{ endpoint: string }>`select endpoint from notifications.push_subscriptions where user_id = ${person.id}`.execute(
          t.platform.database.db,
        )
      ).rows.map((r) => r.endpoint);

    const device = page.getByRole('switch', { name: 'Push notifications on this device' });
    await expect.poll(() => device.count(), { timeout: 10_000 }).toBe(1);
    expect(await device.isChecked()).toBe(false);
    // The switch follows the browser's subscription, so it turns on only once that exists: a click, not check().
    await device.click({ force: true });
    await expect.poll(() => device.isChecked(), { timeout: 10_000 }).toBe(true);
    expect(await endpoints()).toEqual(['https://push.example.test/send/e2e-device']);
    // The worker is served from the site's root and allowed by its Content-Security-Policy.
    const worker = await page.evaluate(async () => (await navigator.serviceWorker.getRegistration('/'))?.active?.scriptURL ?? null);
    expect(worker).toBe(`${t.url}/push-sw.js`);
    await screenshotsAtWidths(page, SHOTS, 'notification-settings-push');

    await device.click({ force: true });
    await expect.poll(() => device.isChecked(), { timeout: 10_000 }).toBe(false);
    expect(await endpoints()).toEqual([]);
    expect(watched.consoleErrors).toEqual([]);
  });
});
