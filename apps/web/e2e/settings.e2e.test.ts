// Institution settings in Chromium: an owner uploads a logo and sees it, brands the institution and
// sees the colour applied, is told on the very input what is wrong with a grading scale, then saves one.
import { Jimp } from 'jimp';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createInstitution, signedUpClient } from '../../server/src/testing/factories.ts';
import { openPage, screenshotOnFailure, signInAs, useE2E, WEB_DIST } from './browser.ts';

/** A 320×160 logo: blue left half, orange right half, so a square fit visibly pads it. */
async function logoPng(): Promise<Buffer> {
  const image = new Jimp({ width: 320, height: 160, color: 0x1864abff });
  image.scan(160, 0, 160, 160, (_x, _y, idx) => {
    image.bitmap.data.set([0xf0, 0x8c, 0x00, 0xff], idx);
  });
  return image.getBuffer('image/png');
}

const computed = (page: Page, selector: string, property: string) =>
  page
    .locator(selector)
    .first()
    .evaluate((el, prop) => getComputedStyle(el).getPropertyValue(prop), property);

describe('institution settings in Chromium', () => {
  const e2e = useE2E(WEB_DIST);

  it('an owner uploads a logo, brands the institution and fixes a grading scale the server refused', async () => {
    const t = e2e.t();
    const owner = await signedUpClient(t, 'Sana Owner');
    const institution = await createInstitution(owner.client, { name: 'Riverside College' });
    const watched = await openPage(await e2e.browser().newContext({ viewport: { width: 1280, height: 900 } }));
    screenshotOnFailure('settings', watched);
    const { page } = watched;

    await signInAs(page, t.url, owner.email);
    await page.goto(`${t.url}/institutions/${institution.id}`);
    await page.getByRole('link', { name: 'Settings', exact: true }).click();
    await page.waitForURL(/\/settings$/);
    await expect.poll(() => page.getByRole('heading', { name: 'Grading scale' }).count(), { timeout: 15_000 }).toBe(1);

    // Logo: choose a file, see the preview, upload, and see it in the header and the section.
    await page.locator('input[type="file"]').setInputFiles({ name: 'riverside.png', mimeType: 'image/png', buffer: await logoPng() });
    await expect.poll(() => page.getByAltText('Preview of the chosen logo').count()).toBe(1);
    await page.getByRole('button', { name: 'Upload logo' }).click();
    await expect.poll(() => page.getByAltText('Riverside College logo').count(), { timeout: 10_000 }).toBe(1);
    const shown = page.getByAltText('Riverside College logo');
    await expect.poll(() => shown.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(256);
    expect(await shown.getAttribute('src')).toMatch(/\/logo\/256\?v=[0-9a-f]{16}$/);
    const header = page.locator('h1').locator('xpath=..').locator('img');
    await expect.poll(() => header.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(64);
    expect((await owner.client.institutions.get(institution.id)).logoUrl).toBe(await shown.getAttribute('src'));

    // Brand colour: a pale one is refused before it is sent; a dark one is applied to the pages.
    const colour = page.getByRole('textbox', { name: 'Brand colour' });
    await colour.fill('#ffd43b');
    await expect.poll(() => page.getByText(/^Too light for white text/).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Save colour' }).isDisabled()).toBe(true);
    await colour.fill('#0b7285');
    // Clicking away closes the picker, as a person would before saving.
    await page.getByRole('heading', { name: 'Brand colour' }).click();
    // The preview takes the colour before it is saved.
    await expect.poll(() => computed(page, '[data-testid="brand-preview-button"]', 'background-color')).toBe('rgb(11, 114, 133)');
    const activeTab = 'nav[aria-label="Institution sections"] a[aria-current="page"]';
    expect(await computed(page, activeTab, 'color')).not.toBe('rgb(11, 114, 133)');
    await page.getByRole('button', { name: 'Save colour' }).click();
    await expect.poll(() => computed(page, activeTab, 'color'), { timeout: 10_000 }).toBe('rgb(11, 114, 133)');
    expect((await owner.client.institutions.get(institution.id)).brandColor).toBe('#0b7285');
    // Other pages of the institution wear it too, after a reload.
    await page.getByRole('link', { name: 'Overview', exact: true }).click();
    await page.reload();
    await expect.poll(() => computed(page, 'a:has-text("Open settings")', 'color'), { timeout: 15_000 }).toBe('rgb(11, 114, 133)');
    await page.getByRole('link', { name: 'Open settings' }).click();
    await page.waitForURL(/\/settings$/);

    // Grading scale: a band above the one before it is refused on that very input.
    const minOf = (band: number) => page.getByRole('textbox', { name: `Minimum % of band ${band}` });
    await expect.poll(() => minOf(2).count(), { timeout: 15_000 }).toBe(1);
    await minOf(2).fill('95');
    await page.getByRole('button', { name: 'Save grading scale' }).click();
    await expect.poll(() => minOf(2).getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByText('Must be below 90').count()).toBe(1);
    expect(await minOf(1).getAttribute('aria-invalid')).not.toBe('true');

    // Fixed, with a GPA scale and one band fewer, it saves.
    await minOf(2).fill('85');
    await page.getByRole('button', { name: 'Remove band 4' }).click();
    await page.getByRole('combobox', { name: 'Kind of scale' }).click();
    await page.getByRole('option', { name: 'GPA points' }).click();
    await page.getByRole('button', { name: 'Save grading scale' }).click();
    await expect.poll(() => page.getByText('The grading scale was saved.').count(), { timeout: 10_000 }).toBe(1);
    const saved = await owner.client.settings.gradingScale(institution.id);
    expect(saved.kind).toBe('gpa');
    expect(saved.bands.map((b) => `${b.label}${b.min}:${b.gpa}`)).toEqual(['A90:4', 'B85:3', 'C70:2', 'F0:0']);

    // The audit log names the new actions.
    const actions = (await owner.client.institutions.audit(institution.id)).items.map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['institution.logo_updated', 'institution.updated', 'grading_scale.updated']));
    // Outside the institution's pages the app's own colour is back.
    const rootPrimary = () => page.evaluate(() => document.documentElement.style.getPropertyValue('--mantine-primary-color-filled'));
    expect(await rootPrimary()).toBe('#0b7285');
    await page.getByRole('link', { name: 'Profile', exact: true }).click();
    await page.waitForURL(/\/profile$/);
    await expect.poll(rootPrimary).toBe('');

    // The refused scale is a 400 the browser reports; nothing else may go wrong.
    expect(watched.consoleErrors.filter((e) => !e.includes('status of 400'))).toEqual([]);
  });
});
