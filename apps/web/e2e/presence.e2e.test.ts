// Presence in two browsers: Bo opens the app (his socket makes him online), Ana sees him in "Online
// now" beside her feed, on his profile and on the Network page; Bo leaves and reads as "Last seen";
// Bo hides his online status in his profile editor and drops off Ana's list.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DESKTOP, liveConnected, PHONE, verifiedPerson as person, screenshotsAtWidths, signedInTab, useE2E, WEB_DIST } from './browser.ts';

/** Where to save screenshots for a look at the pages (PRESENCE_SHOTS=/tmp/presence-shots); none without it. */
const SHOTS = process.env.PRESENCE_SHOTS;

describe('presence in Chromium', () => {
  const e2e = useE2E(WEB_DIST);
  const shot = (page: Page, name: string) => screenshotsAtWidths(page, SHOTS, name);
  async function tab(email: string, viewport: { width: number; height: number }, name: string) {
    const watched = await signedInTab(e2e, email, viewport, `presence-${name}`);
    await liveConnected(watched.page);
    return watched;
  }

  it('a connection online, then last seen, then hidden', async () => {
    const t = e2e.t();
    const ana = await person(t, 'Ana Archer');
    const bo = await person(t, 'Bo Baker');
    const request = await ana.client.social.requestConnection({ userId: bo.id });
    await bo.client.social.acceptRequest(request.id);

    const b = await tab(bo.email, PHONE, 'bo');
    const a = await tab(ana.email, DESKTOP, 'ana');
    const pa = a.page;

    // Beside Ana's feed: Bo, online, with a green dot on his avatar.
    await pa.goto(`${t.url}/feed`);
    const online = pa.getByRole('region', { name: 'Online now' });
    const boRow = online.locator(`[data-person="${bo.id}"]`);
    await expect.poll(() => boRow.textContent(), { timeout: 15_000 }).toContain('Online now');
    expect(await boRow.locator('[data-online="true"]').count()).toBe(1);
    await shot(pa, 'feed-online');

    // His profile says so too.
    await pa.goto(`${t.url}/people/${bo.id}`);
    await expect.poll(() => pa.locator('[data-field="presence"]').textContent(), { timeout: 15_000 }).toBe('Online now');
    await shot(pa, 'profile-online');

    // Bo leaves: the Network page lists him as last seen.
    await b.page.context().close();
    await pa.goto(`${t.url}/network`);
    await expect.poll(() => boRow.textContent(), { timeout: 15_000 }).toContain('Last seen');
    expect(await boRow.locator('[data-online="true"]').count()).toBe(0);
    await shot(pa, 'network-last-seen');

    // Bo, back on his phone, keeps his online status to himself: he leaves Ana's list.
    const b2 = await tab(bo.email, PHONE, 'bo-again');
    await b2.page.goto(`${t.url}/me/profile`);
    await b2.page.getByRole('combobox', { name: 'Who can see your online status' }).click();
    await b2.page.getByRole('option', { name: 'Only me' }).click();
    await b2.page.getByRole('button', { name: 'Save profile' }).click();
    await expect.poll(() => b2.page.getByText('Your profile was saved.').count(), { timeout: 15_000 }).toBe(1);
    await pa.reload();
    await expect.poll(() => online.getByText('None of your connections is online right now.').count(), { timeout: 15_000 }).toBe(1);
    expect(await boRow.count()).toBe(0);
    await shot(b2.page, 'profile-privacy');

    expect(a.consoleErrors).toEqual([]);
    expect(b2.consoleErrors).toEqual([]);
  });
});
