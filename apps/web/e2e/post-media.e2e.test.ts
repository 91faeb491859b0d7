// Images and link previews in posts, end to end: an author adds images (picked, pasted, one refused,
// one removed) and a link whose preview the server reads from a page served here, publishes, and a
// follower sees the images in a grid and the preview on the card and the post page, opens the images
// large, and gets no preview for a link the author removed it from or one the server cannot read.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Jimp } from 'jimp';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedUpClient } from '../../server/src/testing/factories.ts';
import { openPage, screenshotOnFailure, screenshotsAtWidths, signInAs, useE2E, type WatchedPage, WEB_DIST } from './browser.ts';

/** Where to save screenshots for a look at the pages (POST_MEDIA_SHOTS=/tmp/post-media-shots); none without it. */
const SHOTS = process.env.POST_MEDIA_SHOTS;

const PAGE = `<!doctype html><html><head><title>Fallback</title>
<meta property="og:title" content="The Cell, explained">
<meta property="og:description" content="Organelles &amp; what they do, with diagrams for every one of them.">
<meta property="og:site_name" content="Bio Notes"></head><body>Hello</body></html>`;

/** A PNG of one colour with a white band, `width` × `height`. */
async function png(width: number, height: number, color: number): Promise<Buffer> {
  const image = new Jimp({ width, height, color });
  image.scan(0, Math.floor(height / 2), width, Math.max(1, Math.floor(height / 10)), (_x, _y, idx) => {
    image.bitmap.data.set([0xff, 0xff, 0xff, 0xff], idx);
  });
  return image.getBuffer('image/png');
}

/** Pastes a PNG into the composer's text box, as a clipboard with an image file would. */
async function pastePng(textbox: Locator, name: string, bytes: Buffer) {
  await textbox.evaluate(
    (el, { name, data }) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([new Uint8Array(data)], name, { type: 'image/png' }));
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }));
    },
    { name, data: [...bytes] },
  );
}

const box = async (locator: Locator) => {
  const b = await locator.boundingBox();
  if (!b) throw new Error('not visible');
  return b;
};

describe('post images and link previews in Chromium', () => {
  let site: Server;
  let base = '';
  let pageHits = 0;
  beforeAll(async () => {
    site = createServer((req, res) => {
      if (req.url === '/cell') {
        pageHits += 1;
        return res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE);
      }
      res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => site.close(resolve)));

  // The page linked to is on loopback, which the server refuses unless told otherwise.
  const e2e = useE2E(WEB_DIST, { LINK_PREVIEW_ALLOW_PRIVATE_NETWORKS: 'true' });
  const onFailure = (name: string, watched: WatchedPage) => screenshotOnFailure(`post-media-${name}`, watched);
  const shot = (page: Page, name: string) => screenshotsAtWidths(page, SHOTS, name);
  const loadedWidth = (img: Locator) => img.evaluate((el: HTMLImageElement) => (el.complete ? el.naturalWidth : 0));

  it('adds, refuses, removes and pastes images, previews a link, and shows both on cards, the post page and large', async () => {
    const t = e2e.t();
    const ada = await signedUpClient(t, 'Ada Author');
    const ben = await signedUpClient(t, 'Ben Reader');
    await ben.client.social.follow(ada.id);

    const aTab = await openPage(await e2e.browser().newContext({ viewport: { width: 1280, height: 900 } }));
    onFailure('ada', aTab);
    const a = aTab.page;
    await signInAs(a, t.url, ada.email);
    await a.goto(`${t.url}/feed`);
    const composer = a.getByRole('region', { name: 'Write a post' });
    const textbox = composer.getByRole('textbox', { name: 'Post', exact: true });
    const fileInput = composer.locator('input[type="file"]');
    const thumbnails = composer.getByRole('list', { name: 'Images for this post' }).getByRole('listitem');

    // A file named .png that is not an image: the server's refusal is said in words, and nothing is added.
    await fileInput.setInputFiles({ name: 'notes.png', mimeType: 'image/png', buffer: Buffer.from('just some notes') });
    await expect
      .poll(() => composer.getByRole('alert').textContent(), { timeout: 10_000 })
      .toBe('Could not add “notes.png”: file must be a PNG or JPEG image');
    expect(await thumbnails.count()).toBe(0);

    // Three real images picked at once; the middle one is removed again; a fourth comes by pasting.
    await fileInput.setInputFiles([
      { name: 'wide.png', mimeType: 'image/png', buffer: await png(640, 480, 0x1864abff) },
      { name: 'unwanted.png', mimeType: 'image/png', buffer: await png(200, 200, 0xc92a2aff) },
      { name: 'tall.png', mimeType: 'image/png', buffer: await png(300, 600, 0xf08c00ff) },
    ]);
    await expect.poll(() => thumbnails.count(), { timeout: 10_000 }).toBe(3);
    expect(await composer.getByRole('alert').count()).toBe(0);
    await expect.poll(() => composer.locator('li[aria-busy="true"]').count(), { timeout: 15_000 }).toBe(0);
    await composer.getByRole('button', { name: 'Remove image 2' }).click();
    expect(await thumbnails.evaluateAll((items) => items.map((li) => li.getAttribute('aria-label')))).toEqual([
      'Image 1: wide.png',
      'Image 2: tall.png',
    ]);
    await pastePng(textbox, 'pasted.png', await png(400, 400, 0x2b8a3eff));
    await expect.poll(() => thumbnails.count(), { timeout: 10_000 }).toBe(3);
    await expect.poll(() => composer.locator('li[aria-busy="true"]').count(), { timeout: 15_000 }).toBe(0);

    // A link in the text: once typing pauses, the server's reading of the page shows under it.
    await textbox.fill(`Cell notes, with pictures: ${base}/cell.`);
    const composerPreview = composer.getByRole('complementary', { name: 'Link preview: The Cell, explained' });
    await expect.poll(() => composerPreview.count(), { timeout: 10_000 }).toBe(1);
    expect(await composerPreview.textContent()).toContain('Bio Notes');
    expect(await composerPreview.getByRole('link').getAttribute('href')).toBe(`${base}/cell`);
    await shot(a, 'composer');

    await composer.getByRole('button', { name: 'Post', exact: true }).click();
    const aCard = a.locator('article[data-post]').filter({ hasText: 'Cell notes, with pictures' });
    await expect.poll(() => aCard.count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => thumbnails.count()).toBe(0);
    const postId = (await aCard.getAttribute('data-post')) as string;
    const saved = await ada.client.social.post(postId);
    expect(saved.images.map((i) => [i.width, i.height])).toEqual([
      [640, 480],
      [300, 600],
      [400, 400],
    ]);
    // The server read the page once, for the composer; the card's preview came from its cache.
    await expect.poll(() => aCard.locator('[data-link-preview]').count(), { timeout: 10_000 }).toBe(1);
    expect(pageHits).toBe(1);

    // Ben, on a phone, sees the images in a grid sized before they load, and the preview.
    const bTab = await openPage(await e2e.browser().newContext({ viewport: { width: 390, height: 844 } }));
    onFailure('ben', bTab);
    const b = bTab.page;
    const previewRequests: string[] = [];
    b.on('request', (req) => {
      if (req.url().includes('/api/v1/link-preview')) previewRequests.push(req.url());
    });
    await signInAs(b, t.url, ben.email);
    await b.goto(`${t.url}/feed`);
    const bCard = b.locator(`article[data-post="${postId}"]`);
    await expect.poll(() => bCard.count(), { timeout: 10_000 }).toBe(1);
    const cells = bCard.getByRole('button', { name: /^Open image \d of 3 in Ada Author's post$/ });
    expect(await cells.count()).toBe(3);
    const images = bCard.getByRole('img', { name: /^Image \d of 3 in Ada Author's post$/ });
    await expect.poll(() => images.count(), { timeout: 10_000 }).toBe(3);
    await expect.poll(() => Promise.all([0, 1, 2].map((i) => loadedWidth(images.nth(i)))), { timeout: 10_000 }).toEqual([640, 300, 400]);
    expect(await images.first().getAttribute('width')).toBe('640');
    // Three images: a tall one on the left, two stacked on the right, in a 16:9 frame.
    const [first, second, third] = await Promise.all([0, 1, 2].map((i) => box(cells.nth(i))));
    if (!first || !second || !third) throw new Error('three cells expected');
    expect(Math.abs(first.y - second.y)).toBeLessThan(1);
    expect(second.x).toBeGreaterThan(first.x + first.width - 1);
    expect(Math.abs(third.x - second.x)).toBeLessThan(1);
    expect(third.y).toBeGreaterThan(second.y + second.height - 1);
    expect(Math.abs(first.height - (second.height + third.height + 4))).toBeLessThan(2);
    expect(Math.abs((first.width + second.width + 4) / first.height - 16 / 9)).toBeLessThan(0.05);
    const bPreview = bCard.getByRole('complementary', { name: 'Link preview: The Cell, explained' });
    await expect.poll(() => bPreview.count(), { timeout: 10_000 }).toBe(1);
    expect(await bPreview.textContent()).toContain('Organelles & what they do');
    await shot(b, 'feed');

    // On the post page, the first image opens large; Next and the arrow key go on, Escape closes.
    await b.goto(`${t.url}/posts/${postId}`);
    await expect.poll(() => images.count(), { timeout: 10_000 }).toBe(3);
    await cells.first().click();
    const viewer = b.getByRole('dialog', { name: 'Image 1 of 3' });
    await expect.poll(() => viewer.count(), { timeout: 10_000 }).toBe(1);
    const large = viewer.getByRole('img', { name: "Image 1 of 3 in Ada Author's post" });
    await expect.poll(() => loadedWidth(large), { timeout: 10_000 }).toBe(640);
    expect((await box(large)).width).toBeGreaterThan((await box(cells.first())).width);
    await shot(b, 'image-large');
    await viewer.getByRole('button', { name: 'Next' }).click();
    await expect.poll(() => b.getByRole('dialog', { name: 'Image 2 of 3' }).count()).toBe(1);
    await b.keyboard.press('ArrowRight');
    const lastOne = b.getByRole('dialog', { name: 'Image 3 of 3' });
    await expect.poll(() => lastOne.count()).toBe(1);
    await expect.poll(() => loadedWidth(lastOne.getByRole('img', { name: "Image 3 of 3 in Ada Author's post" }))).toBe(400);
    await b.keyboard.press('Escape');
    await expect.poll(() => b.getByRole('dialog').count()).toBe(0);
    await expect.poll(() => b.locator('[data-link-preview]').count(), { timeout: 10_000 }).toBe(1);
    await shot(b, 'post');

    // Ada removes the preview of a link before posting: the link is written <like this> and stays unpreviewed.
    await textbox.fill(`Again, without the card: ${base}/cell`);
    await expect.poll(() => composerPreview.count(), { timeout: 10_000 }).toBe(1);
    await composerPreview.getByRole('button', { name: 'Remove link preview' }).click();
    expect(await textbox.inputValue()).toBe(`Again, without the card: <${base}/cell>`);
    expect(await composerPreview.count()).toBe(0);
    await composer.getByRole('button', { name: 'Post', exact: true }).click();
    await expect.poll(() => textbox.inputValue(), { timeout: 10_000 }).toBe('');
    // An image alone is a post too.
    await fileInput.setInputFiles({ name: 'only.png', mimeType: 'image/png', buffer: await png(800, 300, 0x5f3dc4ff) });
    await expect.poll(() => composer.locator('li[aria-busy="false"]').count(), { timeout: 15_000 }).toBe(1);
    await composer.getByRole('button', { name: 'Post', exact: true }).click();
    await expect.poll(() => thumbnails.count(), { timeout: 10_000 }).toBe(0);
    // And a link the server cannot read (the page is not there) gets no card.
    await ada.client.social.createPost({ body: `Broken: ${base}/gone` });

    await b.goto(`${t.url}/feed`);
    const cards = b.locator('article[data-post]');
    await expect.poll(() => cards.count(), { timeout: 10_000 }).toBe(4);
    const imageOnly = cards.filter({ has: b.getByRole('button', { name: "Open image in Ada Author's post" }) });
    await expect.poll(() => loadedWidth(imageOnly.getByRole('img', { name: "Image in Ada Author's post" })), { timeout: 10_000 }).toBe(800);
    const single = await box(imageOnly.getByRole('button', { name: "Open image in Ada Author's post" }));
    expect(Math.abs(single.width / single.height - 2)).toBeLessThan(0.05);
    const unpreviewed = cards.filter({ hasText: 'Again, without the card' });
    expect(await unpreviewed.getByRole('link', { name: `${base}/cell` }).count()).toBe(1);
    // Posts carry their previews: the reader's browser asks for none, the first post's is there.
    await cards.last().scrollIntoViewIfNeeded();
    await expect.poll(() => b.locator('[data-link-preview]').count(), { timeout: 10_000 }).toBe(1);
    expect(await cards.last().locator('[data-link-preview]').count()).toBe(1);
    expect(pageHits).toBe(1);
    // The unreadable link was tried once by the server, and its post shows no card.
    expect(await cards.filter({ hasText: 'Broken:' }).locator('[data-link-preview]').count()).toBe(0);
    expect(await unpreviewed.locator('[data-link-preview]').count()).toBe(0);
    expect(previewRequests).toEqual([]);
    await shot(b, 'feed-mixed');

    // Expected in the console: only the refused upload (415) the browser reports.
    expect(aTab.consoleErrors).toEqual([expect.stringContaining('status of 415')]);
    expect(bTab.consoleErrors).toEqual([]);
  });
});
