import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { addMember, createInstitution, signedUpClient } from '../../server/src/testing/factories.ts';
import { openPage, screenshotOnFailure, signInAs, useE2E, type WatchedPage, WEB_DIST } from './browser.ts';

describe('timetable in Chromium', () => {
  const e2e = useE2E(WEB_DIST);

  const signIn = (page: Page, email: string) => signInAs(page, e2e.t().url, email);

  const onFailure = (name: string, watched: WatchedPage) => screenshotOnFailure(`timetable-${name}`, watched);

  /** The input labelled exactly `label`; a required field's label ends in an asterisk. */
  const field = (scope: Page | Locator, label: string) => scope.getByLabel(new RegExp(`^${label}( \\*)?$`));

  /** Picks `option` in the Mantine select labelled `label` (its list opens in a portal). */
  async function choose(page: Page, scope: Locator, label: string, option: string) {
    await field(scope, label).click();
    await page.getByRole('option', { name: option, exact: true }).click();
  }

  it('an owner builds the week, a clash is refused by name, a feed serves it, the teacher sees their week', async () => {
    const t = e2e.t();
    const owner = await signedUpClient(t, 'Olga Owner');
    const institution = await createInstitution(owner.client, { name: 'Hillside Academy' });
    const teacher = await addMember(t, owner.client, institution.id, 'teacher');
    for (const [name, code] of [
      ['9A', 'G9-A'],
      ['9B', 'G9-B'],
    ] as const) {
      await owner.client.structure.create(institution.id, 'classes', { name, code });
    }
    await owner.client.structure.create(institution.id, 'subjects', { name: 'Biology', code: 'BIO' });

    const desktop = await openPage(await e2e.browser().newContext({ viewport: { width: 1280, height: 800 } }));
    onFailure('desktop', desktop);
    const { page } = desktop;
    await signIn(page, owner.email);
    await page.goto(`${t.url}/institutions/${institution.id}`);
    await page.getByRole('link', { name: 'Timetable', exact: true }).click();
    await page.waitForURL(/\/timetable$/);
    // An owner opens on the first class.
    const week = page.getByRole('region', { name: '9A' });
    await expect.poll(() => week.getByText('No periods yet.').count(), { timeout: 15_000 }).toBe(1);
    const dialog = page.getByRole('dialog');

    // Monday 09:00–09:45, Biology with the teacher in B-204; the class on screen is filled in.
    await page.getByRole('button', { name: 'Add period' }).click();
    expect(await field(dialog, 'Class').inputValue()).toBe('9A');
    await choose(page, dialog, 'Subject', 'Biology');
    await choose(page, dialog, 'Teacher', 'teacher person');
    await field(dialog, 'Room').fill('B-204');
    expect(await field(dialog, 'Day').inputValue()).toBe('Monday');
    await field(dialog, 'Starts at').fill('09:00');
    await field(dialog, 'Ends at').fill('09:45');
    await dialog.getByRole('button', { name: 'Add period' }).click();
    await expect.poll(() => dialog.count(), { timeout: 10_000 }).toBe(0);
    const block = week.getByRole('list', { name: 'Monday' }).getByRole('button', { name: /^Edit Biology/ });
    await expect.poll(() => block.count(), { timeout: 10_000 }).toBe(1);
    const blockText = (await block.textContent()) ?? '';
    for (const shown of ['Biology', '09:00–09:45', '9A', 'Room B-204', 'teacher person']) expect(blockText).toContain(shown);
    expect(await week.textContent()).toContain('1 period a week');

    // The same teacher in 9B, overlapping: the server's sentence names the period it clashes with.
    await page.getByRole('button', { name: 'Add period' }).click();
    await choose(page, dialog, 'Class', '9B');
    await choose(page, dialog, 'Teacher', 'teacher person');
    await field(dialog, 'Starts at').fill('09:30');
    await field(dialog, 'Ends at').fill('10:15');
    await dialog.getByRole('button', { name: 'Add period' }).click();
    const clash = dialog.getByRole('alert').filter({ hasText: 'This clashes with another period' });
    await expect.poll(() => clash.count(), { timeout: 10_000 }).toBe(1);
    expect(await clash.textContent()).toContain('This teacher already teaches 9A (Biology) on Monday 09:00–09:45');
    expect(await field(dialog, 'Teacher').getAttribute('aria-invalid')).toBe('true');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => dialog.count()).toBe(0);

    // A calendar address for the class: shown once, and it serves the period as iCalendar.
    await page.getByRole('button', { name: 'Subscribe' }).click();
    await dialog.getByRole('button', { name: 'Create calendar address' }).click();
    const shown = dialog.locator('[data-feed-url]');
    await expect.poll(() => shown.count(), { timeout: 10_000 }).toBe(1);
    const address = new URL(((await shown.textContent()) ?? '').trim());
    expect(await dialog.getByRole('link', { name: 'Open in calendar app' }).getAttribute('href')).toMatch(/^webcal:\/\//);
    // Tests run without PUBLIC_URL, so the address names another host: its path is what counts.
    const ics = await fetch(`${t.url}${address.pathname}`);
    expect(ics.status).toBe(200);
    expect(ics.headers.get('content-type')).toContain('text/calendar');
    const calendar = await ics.text();
    expect(calendar).toContain('BEGIN:VEVENT');
    expect(calendar).toContain('Biology');
    await dialog.getByRole('button', { name: 'Done' }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    const feeds = page.getByRole('region', { name: 'Your calendar feeds' });
    await expect.poll(() => feeds.textContent(), { timeout: 10_000 }).toContain('Class timetable');
    expect(await feeds.textContent()).toContain('9A');

    await page.getByRole('link', { name: 'Audit log' }).click();
    await expect.poll(() => page.getByText('timetable.period_created').count(), { timeout: 10_000 }).toBe(1);

    // A phone shows one day at a time, and nothing wider than the screen.
    const phone = await openPage(await e2e.browser().newContext({ viewport: { width: 390, height: 844 } }));
    onFailure('phone', phone);
    await signIn(phone.page, owner.email);
    await phone.page.goto(`${t.url}/institutions/${institution.id}/timetable`);
    const days = phone.page.getByRole('radiogroup', { name: 'Day' });
    await expect.poll(() => days.count(), { timeout: 15_000 }).toBe(1);
    await days.getByText('Mon', { exact: true }).click();
    const card = phone.page.getByRole('list', { name: 'Monday' }).getByRole('button', { name: /^Edit Biology/ });
    await expect.poll(() => card.count(), { timeout: 10_000 }).toBe(1);
    expect(await phone.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await days.getByText('Tue', { exact: true }).click();
    await expect.poll(() => phone.page.getByText('Nothing on Tuesday.').count(), { timeout: 10_000 }).toBe(1);

    // The teacher opens on their own week, and cannot change it.
    const reader = await openPage(await e2e.browser().newContext({ viewport: { width: 1280, height: 800 } }));
    onFailure('teacher', reader);
    await signIn(reader.page, teacher.email);
    await reader.page.goto(`${t.url}/institutions/${institution.id}/timetable`);
    const mine = reader.page.getByRole('region', { name: 'My week' });
    await expect.poll(() => mine.getByRole('list', { name: 'Monday' }).textContent(), { timeout: 15_000 }).toContain('Biology');
    const mineText = (await mine.textContent()) ?? '';
    for (const shownText of ['09:00–09:45', '9A', 'Room B-204']) expect(mineText).toContain(shownText);
    expect(await reader.page.getByRole('button', { name: 'Add period' }).count()).toBe(0);
    expect(await mine.getByRole('button', { name: /^Edit/ }).count()).toBe(0);

    // The clash above is a 409 the browser reports; nothing else may be logged.
    expect(desktop.consoleErrors).toEqual([expect.stringContaining('status of 409')]);
    expect(phone.consoleErrors).toEqual([]);
    expect(reader.consoleErrors).toEqual([]);
  });
});
