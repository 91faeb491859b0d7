// Moderation in Chromium: someone reports a post through the API; a platform moderator finds the
// Moderation entry in the nav, sees the reported text, its author and the reasons on the queue's card,
// removes it with a note (after confirming), and the queue empties; the author reads why in the inbox.
import { describe, expect, it } from 'vitest';
import { problemOf, signedUpClient } from '../../server/src/testing/factories.ts';
import { DESKTOP, screenshotsAtWidths, signedInTab, useE2E, WEB_DIST } from './browser.ts';

/** Where to save screenshots for a look at the page (MODERATION_SHOTS=/tmp/moderation-shots); none without it. */
const SHOTS = process.env.MODERATION_SHOTS;

describe('moderation queue in Chromium', () => {
  const e2e = useE2E(WEB_DIST);

  it('a moderator removes a reported post and its author is told', async () => {
    const t = e2e.t();
    const author = await signedUpClient(t, 'Ada Author');
    const reporter = await signedUpClient(t, 'Rex Reporter');
    const other = await signedUpClient(t, 'Oli Other');
    const moderator = await signedUpClient(t, 'Mia Moderator');
    await t.platform.identity.setPlatformRoles(moderator.id, ['moderator']);
    await moderator.client.auth.refresh();

    const post = await author.client.social.createPost({ body: 'Buy **cheap** watches at example.test' });
    await reporter.client.social.reportPost(post.id, { reason: 'spam', details: 'An advert, again' });
    await other.client.social.reportPost(post.id, { reason: 'misinformation' });
    const fine = await author.client.social.createPost({ body: 'A perfectly fine post' });
    await reporter.client.social.reportPost(fine.id, { reason: 'other', details: 'Not sure about this one' });

    // Nobody else gets the nav entry, and the page itself says whose it is.
    const plain = await signedInTab(e2e, reporter.email, DESKTOP, 'moderation-plain');
    await plain.page.goto(`${t.url}/moderation`);
    await expect.poll(() => plain.page.getByText(/^Only the platform’s moderators/).count(), { timeout: 15_000 }).toBe(1);
    expect(await plain.page.getByRole('link', { name: 'Moderation' }).count()).toBe(0);

    const watched = await signedInTab(e2e, moderator.email, DESKTOP, 'moderation');
    const { page } = watched;
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Moderation' }).click();
    await page.waitForURL(/\/moderation$/);

    const card = page.getByRole('article').filter({ hasText: 'Buy cheap watches' });
    await expect.poll(() => card.count(), { timeout: 15_000 }).toBe(1);
    expect(await card.getByText('2 reports').count()).toBe(1);
    expect(await card.getByText('Spam', { exact: true }).count()).toBe(1);
    expect(await card.getByText(/An advert, again/).count()).toBe(1);
    expect(await card.getByText('Misinformation', { exact: true }).count()).toBe(1);
    expect(await card.getByRole('link', { name: 'Ada Author' }).count()).toBe(1);
    // The Markdown is rendered, not shown raw.
    expect(await card.locator('strong', { hasText: 'cheap' }).count()).toBe(1);
    expect(await card.getByRole('link', { name: 'Open the post' }).getAttribute('href')).toBe(`/posts/${post.id}`);
    expect(await page.getByRole('article').count()).toBe(2);
    await screenshotsAtWidths(page, SHOTS, 'moderation-queue');

    await card.getByRole('button', { name: 'Remove' }).click();
    const dialog = page.getByRole('dialog', { name: 'Remove this post?' });
    await dialog.getByLabel(/Note to the author/).fill('Adverts are not allowed here.');
    await screenshotsAtWidths(page, SHOTS, 'moderation-remove');
    await dialog.getByRole('button', { name: 'Remove post' }).click();
    await expect.poll(() => card.count(), { timeout: 10_000 }).toBe(0);
    expect(await page.getByRole('article').filter({ hasText: 'A perfectly fine post' }).count()).toBe(1);

    // Gone for everyone, and every report on it closed.
    expect((await problemOf(reporter.client.social.post(post.id))).status).toBe(404);
    const queue = await moderator.client.social.reports();
    expect(queue.items.map((r) => r.targetId)).toEqual([fine.id]);

    // Dismissing the other one empties the queue.
    await page.getByRole('article').getByRole('button', { name: 'Dismiss' }).click();
    await expect.poll(() => page.getByText(/^Nothing to review/).count(), { timeout: 10_000 }).toBe(1);
    await screenshotsAtWidths(page, SHOTS, 'moderation-empty');
    expect(await author.client.social.post(fine.id)).toMatchObject({ id: fine.id });

    // The author reads why in the inbox.
    const inbox = await signedInTab(e2e, author.email, DESKTOP, 'moderation-author');
    await inbox.page.goto(`${t.url}/notifications`);
    await expect.poll(() => inbox.page.getByText('A moderator removed your post').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    expect(await inbox.page.getByText('Adverts are not allowed here.').count()).toBeGreaterThan(0);
    expect(watched.consoleErrors).toEqual([]);
  });
});
