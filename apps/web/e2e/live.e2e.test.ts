import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { addMember, createInstitution, signedUpClient } from '../../server/src/testing/factories.ts';
import { openPage, screenshotOnFailure, signInAs, useE2E, type WatchedPage, WEB_DIST } from './browser.ts';

type Marked = Window & { liveMarker?: string };

describe('live updates in Chromium', () => {
  const e2e = useE2E(WEB_DIST);

  const signIn = (page: Page, email: string) => signInAs(page, e2e.t().url, email);

  const connected = (page: Page) => expect.poll(() => page.getByText('Live updates: connected').count(), { timeout: 15_000 }).toBe(1);

  /** A value on window survives everything but a reload. */
  const markPage = (page: Page) => page.evaluate(() => ((window as Marked).liveMarker = 'not reloaded'));
  const stillSamePage = (page: Page) => page.evaluate(() => (window as Marked).liveMarker);

  const onFailure = (name: string, watched: WatchedPage) => screenshotOnFailure(`live-${name}`, watched);

  it('members list and notification bell update without a reload', async () => {
    const t = e2e.t();
    const browser = e2e.browser();
    const owner = await signedUpClient(t, 'Olivia Owner');
    const institution = await createInstitution(owner.client, { name: 'Live Academy' });

    const ownerTab = await openPage(await browser.newContext({ viewport: { width: 1280, height: 800 } }));
    onFailure('owner', ownerTab);
    const { page } = ownerTab;
    await signIn(page, owner.email);
    await page.goto(`${t.url}/institutions/${institution.id}/members`);
    await expect.poll(() => page.getByRole('row').filter({ hasText: 'Olivia Owner' }).count(), { timeout: 15_000 }).toBe(1);
    await connected(page);
    await markPage(page);

    // Someone accepts an invitation elsewhere: the open list gains a row on its own.
    const joiner = await addMember(t, owner.client, institution.id, 'teacher');
    const row = page.getByRole('row').filter({ hasText: joiner.email });
    await expect.poll(() => row.count(), { timeout: 15_000 }).toBe(1);
    expect(((await row.textContent()) ?? '').toLowerCase()).toContain('teacher');
    await expect.poll(() => page.getByText('teacher person joined.').count(), { timeout: 5_000 }).toBe(1);
    expect(await stillSamePage(page)).toBe('not reloaded');

    // An existing user, signed in elsewhere, is invited: their bell counts it live.
    const invitee = await signedUpClient(t, 'Ines Invitee');
    const inviteeTab = await openPage(await browser.newContext({ viewport: { width: 1280, height: 800 } }));
    onFailure('invitee', inviteeTab);
    const other = inviteeTab.page;
    await signIn(other, invitee.email);
    await connected(other);
    await expect.poll(() => other.getByRole('button', { name: 'Notifications', exact: true }).count()).toBe(1);
    await markPage(other);

    await page.getByLabel('Email').first().fill(invitee.email);
    await page.getByLabel('Role').first().fill('Student');
    await page.keyboard.press('Tab');
    await page.getByRole('button', { name: 'Send invitation' }).click();

    const unreadBell = other.getByRole('button', { name: 'Notifications, 1 unread' });
    await expect.poll(() => unreadBell.count(), { timeout: 15_000 }).toBe(1);

    // The keyboard opens the inbox, Escape closes it and gives the focus back to the bell.
    const inbox = other.getByRole('dialog', { name: 'Notifications' });
    await unreadBell.focus();
    await other.keyboard.press('Enter');
    await expect.poll(() => inbox.isVisible()).toBe(true);
    await expect.poll(() => inbox.getByText('You are invited to Live Academy').count()).toBe(1);
    await other.keyboard.press('Escape');
    await expect.poll(() => inbox.count()).toBe(0);
    expect(await other.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Notifications, 1 unread');

    await unreadBell.click();
    await inbox.getByRole('button', { name: 'Mark all read' }).click();
    await expect.poll(() => other.getByRole('button', { name: 'Notifications', exact: true }).count(), { timeout: 15_000 }).toBe(1);
    expect(await unreadBell.count()).toBe(0);
    expect(await stillSamePage(other)).toBe('not reloaded');

    expect(ownerTab.consoleErrors).toEqual([]);
    expect(inviteeTab.consoleErrors).toEqual([]);
  });

  it('after a gap the socket could not recover, the page catches up by the last event id', async () => {
    const t = e2e.t();
    const owner = await signedUpClient(t, 'Carla Catchup');
    const institution = await createInstitution(owner.client, { name: 'Gap College' });
    const tab = await openPage(await e2e.browser().newContext({ viewport: { width: 1280, height: 800 } }));
    onFailure('catchup', tab);
    const { page } = tab;
    const sent: string[] = [];
    const received: string[] = [];
    page.on('websocket', (ws) => {
      ws.on('framesent', (f) => sent.push(String(f.payload)));
      ws.on('framereceived', (f) => received.push(String(f.payload)));
    });
    await signIn(page, owner.email);
    await page.goto(`${t.url}/institutions/${institution.id}/members`);
    await connected(page);
    const member = await addMember(t, owner.client, institution.id, 'student');
    await expect.poll(() => page.getByText('student person joined.').count(), { timeout: 15_000 }).toBe(1);
    await markPage(page);

    // The server ends the connection (no recovery after that) and the change happens before the
    // client is back (it waits at least half a second): only the catch-up can tell it.
    t.platform.gateway()?.disconnect(`user:${owner.id}`);
    await owner.client.institutions.updateMember(institution.id, member.id, { role: 'teacher' });
    await expect.poll(() => page.getByText('student person is now teacher.').count(), { timeout: 15_000 }).toBe(1);
    expect(sent.some((f) => f.includes('"catchup"'))).toBe(true);
    // Socket.IO acknowledgements are packets of type 43: the change came back in the catch-up's answer.
    expect(received.some((f) => f.startsWith('43') && f.includes('institutions.member_role_changed'))).toBe(true);
    expect(await stillSamePage(page)).toBe('not reloaded');
    expect(tab.consoleErrors).toEqual([]);
  });
});
