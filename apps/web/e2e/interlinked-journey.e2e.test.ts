// Issue 6's done-when journey, in two browser contexts against one server that mails through a real
// SMTP server started here: Ana posts and Bo, waiting on his feed, sees the live indicator and then
// the post; they chat live and each sees the other's read receipt; Bo closes his browser, Ana writes
// again, and Bo is e-mailed the message (captured by `smtp-server`, not the in-memory dev outbox).
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedUpClient } from '../../server/src/testing/factories.ts';
import { type SmtpCapture, startSmtpCapture } from '../../server/src/testing/smtp-capture.ts';
import type { TestPlatform } from '../../server/src/testing/test-platform.ts';
import { liveConnected as connected, DESKTOP, PHONE, screenshotsAtWidths, signedInTab, useE2E, WEB_DIST } from './browser.ts';

/** Where to save screenshots for a look at the pages (JOURNEY_SHOTS=/tmp/journey-shots); none without it. */
const SHOTS = process.env.JOURNEY_SHOTS;

type Presence = { items: { online: boolean }[] };

describe('Students Interlinked journey in Chromium, with e-mail through a real SMTP server', () => {
  let smtp: SmtpCapture;
  // Registered before useE2E's hook, so the server starts knowing the SMTP server's address.
  beforeAll(async () => {
    smtp = await startSmtpCapture();
  });
  afterAll(() => smtp?.close());
  const e2e = useE2E(WEB_DIST, () => ({ SMTP_URL: smtp.url }));

  const message = (page: Page, text: string) => page.getByTestId('message').filter({ hasText: text });
  const shows = (page: Page, text: string) => expect.poll(() => message(page, text).count(), { timeout: 15_000 }).toBe(1);
  const composer = (page: Page) => page.getByRole('textbox', { name: 'Message', exact: true });

  /** Someone who signed up and confirmed their address from the mail the SMTP server received. */
  async function person(t: TestPlatform, name: string, handle: string) {
    const p = await signedUpClient(t, name);
    await expect.poll(() => smtp.to(p.email).length, { timeout: 15_000 }).toBeGreaterThan(0);
    const token = smtp
      .to(p.email)
      .map((m) => m.text?.match(/verify-email\?token=([\w-]+)/)?.[1])
      .find(Boolean);
    if (!token) throw new Error(`no verification mail to ${p.email}`);
    await p.client.auth.verifyEmail(token);
    await p.client.social.updateProfile({ handle });
    return p;
  }

  async function send(page: Page, text: string) {
    await composer(page).fill(text);
    await composer(page).press('Enter');
    await shows(page, text);
    await expect.poll(() => page.getByText('Sending…').count(), { timeout: 15_000 }).toBe(0);
  }

  it('a live post, a live chat with read receipts, and an e-mail for a message sent while offline', async () => {
    const t = e2e.t();
    const ana = await person(t, 'Ana Okafor', 'ana_okafor');
    const bo = await person(t, 'Bo Lindqvist', 'bo_lindqvist');
    await bo.client.social.follow(ana.id);

    const a = await signedInTab(e2e, ana.email, DESKTOP, 'interlinked-ana');
    const b = await signedInTab(e2e, bo.email, PHONE, 'interlinked-bo');
    const [pa, pb] = [a.page, b.page];

    // Bo waits on his feed; Ana posts.
    await pb.goto(`${t.url}/feed`);
    await expect.poll(() => pb.getByText('Your feed is empty', { exact: false }).count(), { timeout: 15_000 }).toBe(1);
    await connected(pb);
    await pa.goto(`${t.url}/feed`);
    await pa.getByRole('textbox', { name: 'Post', exact: true }).fill('Field trip photos are up, thanks @bo_lindqvist!');
    await pa.getByRole('button', { name: 'Post', exact: true }).click();
    const aCard = pa.locator('article[data-post]').filter({ hasText: 'Field trip photos' });
    await expect.poll(() => aCard.count(), { timeout: 15_000 }).toBe(1);
    const postId = await aCard.getAttribute('data-post');

    // Bo sees the live indicator, then the post itself.
    const pill = pb.getByRole('button', { name: /1 new post$/ });
    await expect.poll(() => pill.count(), { timeout: 15_000 }).toBe(1);
    await screenshotsAtWidths(pb, SHOTS, 'journey-new-post-pill');
    await pill.click();
    await expect.poll(() => pb.locator(`article[data-post="${postId}"]`).textContent(), { timeout: 15_000 }).toContain('Field trip photos');

    // They chat live: Ana starts a conversation, Bo reads it, Ana sees that he has.
    await pa.goto(`${t.url}/chat?with=${bo.id}`);
    await pa.waitForURL(/\/chat\/[0-9a-f-]{36}$/);
    await connected(pa);
    await send(pa, 'Did you see the photos?');
    await pb.goto(`${t.url}/chat`);
    const item = pb.locator('[data-conversation="Ana Okafor"]');
    await expect.poll(() => item.textContent(), { timeout: 15_000 }).toContain('Did you see the photos?');
    await item.click();
    await shows(pb, 'Did you see the photos?');
    await expect.poll(() => message(pa, 'Did you see the photos?').getByTestId('seen').textContent(), { timeout: 15_000 }).toBe('Seen');

    // Bo answers; it reaches Ana live, and her reading it shows on his side.
    await connected(pb);
    await send(pb, 'Yes, great shots!');
    await shows(pa, 'Yes, great shots!');
    await expect.poll(() => message(pb, 'Yes, great shots!').getByTestId('seen').textContent(), { timeout: 15_000 }).toBe('Seen');
    await screenshotsAtWidths(pa, SHOTS, 'journey-chat-ana');
    expect(smtp.to(bo.email, /new message/i)).toEqual([]);
    expect(b.consoleErrors).toEqual([]);

    // Bo closes his browser. Once he shows as offline, Ana writes again, and he is e-mailed.
    await pb.context().close();
    await expect
      .poll(async () => (await ana.client.raw<Presence>('GET', '/api/v1/presence', undefined, { userIds: bo.id })).items[0]?.online, {
        timeout: 15_000,
      })
      .toBe(false);
    await send(pa, 'Bring the tripod on Monday');
    await expect.poll(() => smtp.to(bo.email, /new message/i).length, { timeout: 30_000 }).toBe(1);
    const [mail] = smtp.to(bo.email, /new message/i);
    expect(mail?.subject).toContain('Ana Okafor');
    expect(mail?.text).toContain('Bring the tripod on Monday');
    expect(mail?.html).toContain('Bring the tripod on Monday');
    expect(smtp.to(ana.email, /new message/i)).toEqual([]);
    expect(a.consoleErrors).toEqual([]);
  }, 240_000);
});
