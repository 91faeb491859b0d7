// Profile pictures in Chromium: chosen on the profile editor, uploaded at once, then shown to others
// on the author's posts (loaded by a plain <img>, without a session); removing brings back initials.
import { Jimp } from 'jimp';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { person } from '../../server/src/modules/social/social.testing.ts';
import { DESKTOP, PHONE, screenshotsAtWidths, signedInTab, useE2E, WEB_DIST } from './browser.ts';

/** Where to save screenshots for a look at the pages (AVATAR_SHOTS=/tmp/avatar-shots); none without it. */
const SHOTS = process.env.AVATAR_SHOTS;

/** Whether an <img> finished loading real pixels. */
const loaded = (page: Page, selector: string) =>
  page
    .locator(selector)
    .first()
    .evaluate((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0);

describe('profile pictures in Chromium', () => {
  const e2e = useE2E(WEB_DIST);

  it('an uploaded picture shows on the editor and, for others, on posts; removing it brings back the initials', async () => {
    const t = e2e.t();
    const ada = await person(t, 'Ada');
    const ben = await person(t, 'Ben');
    await ben.client.social.follow(ada.id);
    const picture = await new Jimp({ width: 400, height: 300, color: 0xe8590cff }).getBuffer('image/png');

    const aTab = await signedInTab(e2e, ada.email, DESKTOP, 'avatars-ada');
    const a = aTab.page;
    await a.goto(`${t.url}/me/profile`);
    await a.getByRole('button', { name: 'Add a picture' }).waitFor();
    await a
      .locator('input[type="file"][accept="image/png,image/jpeg"]')
      .setInputFiles({ name: 'me.png', mimeType: 'image/png', buffer: picture });
    await expect.poll(() => a.getByRole('button', { name: 'Change picture' }).count(), { timeout: 15_000 }).toBe(1);
    const avatarImg = 'img[src^="/api/v1/avatars/"]';
    await expect.poll(() => loaded(a, avatarImg), { timeout: 10_000 }).toBe(true);
    await screenshotsAtWidths(a, SHOTS, 'avatar-editor');
    await ada.client.social.createPost({ body: 'Now with a picture' });

    const bTab = await signedInTab(e2e, ben.email, PHONE, 'avatars-ben');
    const b = bTab.page;
    await b.goto(`${t.url}/feed`);
    const card = b.locator('article[data-post]').filter({ hasText: 'Now with a picture' });
    await expect.poll(() => card.locator(avatarImg).count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => loaded(b, `article[data-post] ${avatarImg}`), { timeout: 10_000 }).toBe(true);
    await screenshotsAtWidths(b, SHOTS, 'avatar-feed');

    await a.getByRole('button', { name: 'Remove picture' }).click();
    await expect.poll(() => a.getByRole('button', { name: 'Add a picture' }).count(), { timeout: 15_000 }).toBe(1);
    await b.reload();
    await expect.poll(() => card.count(), { timeout: 15_000 }).toBe(1);
    expect(await card.locator(avatarImg).count()).toBe(0);
    expect(aTab.consoleErrors).toEqual([]);
    expect(bTab.consoleErrors).toEqual([]);
  });
});
