import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { addMember, createInstitution, signedUpClient } from '../../server/src/testing/factories.ts';
import { openPage, screenshotOnFailure, signInAs, useE2E, type WatchedPage, WEB_DIST } from './browser.ts';
import { studentsCsv } from './fixtures.ts';

describe('people and roster import in Chromium', () => {
  const e2e = useE2E(WEB_DIST);

  const signIn = (page: Page, email: string) => signInAs(page, e2e.t().url, email);

  const onFailure = (name: string, watched: WatchedPage) => screenshotOnFailure(`people-${name}`, watched);

  const section = (page: Page, name: string) => page.getByRole('navigation', { name: 'People sections' }).getByRole('link', { name });

  it('an owner imports students, enrols one and links a guardian; the parent sees only that child', async () => {
    const t = e2e.t();
    const owner = await signedUpClient(t, 'Olga Owner');
    const institution = await createInstitution(owner.client, { name: 'Hillside Academy' });
    const parent = await addMember(t, owner.client, institution.id, 'parent');
    await owner.client.structure.create(institution.id, 'classes', { name: 'Grade 9 – A', code: 'G9-A', description: '' });

    const desktop = await openPage(await e2e.browser().newContext({ viewport: { width: 1280, height: 800 } }));
    onFailure('desktop', desktop);
    const { page } = desktop;
    await signIn(page, owner.email);
    await page.goto(`${t.url}/institutions/${institution.id}`);
    await page.getByRole('link', { name: 'People', exact: true }).click();
    await page.waitForURL(/\/people\/students$/);
    await expect.poll(() => page.getByText('No students yet.').count(), { timeout: 15_000 }).toBe(1);

    // The dry run finds the three bad rows, by line and column, and writes nothing.
    await section(page, 'Import').click();
    await page.waitForURL(/\/people\/import$/);
    const fileInput = page.locator('input[type="file"]');
    await fileInput.setInputFiles({ name: 'roster-2026.csv', mimeType: 'text/csv', buffer: studentsCsv(true) });
    await page.getByRole('button', { name: 'Check (dry run)' }).click();
    const problems = page.getByRole('table', { name: 'Problems' });
    await expect.poll(() => problems.getByRole('row').count(), { timeout: 20_000 }).toBe(4);
    const problemText = (await problems.textContent()) ?? '';
    for (const expected of ['11', 'first_name', '26', 'date_of_birth', '41', 'status']) expect(problemText).toContain(expected);
    expect(await page.getByText('3 rows need fixing').count()).toBe(1);
    expect(await page.getByRole('button', { name: /^Import \d+ rows?$/ }).count()).toBe(0);

    // The fixed file passes, and the import writes all 50.
    await fileInput.setInputFiles({ name: 'roster-2026.csv', mimeType: 'text/csv', buffer: studentsCsv(false) });
    await page.getByRole('button', { name: 'Check (dry run)' }).click();
    await expect.poll(() => page.getByText('Every row is fine').count(), { timeout: 20_000 }).toBe(1);
    expect(await page.getByRole('region', { name: 'Students' }).textContent()).toContain('50Would create');
    await page.getByRole('button', { name: 'Import 50 rows' }).click();
    await expect.poll(() => page.getByText('50 rows were imported.').count(), { timeout: 20_000 }).toBe(1);
    // Recent imports lists the check that found problems, the clean check and the import.
    const recent = page.getByRole('region', { name: 'Recent imports' });
    await expect.poll(() => recent.getByRole('listitem').count(), { timeout: 10_000 }).toBe(3);
    expect(await recent.textContent()).toContain('Imported');

    // The list pages through all 50.
    await section(page, 'Students').click();
    await expect.poll(() => page.getByText('Showing 25 students so far').count(), { timeout: 10_000 }).toBe(1);
    await page.getByRole('button', { name: 'Load more' }).click();
    await expect.poll(() => page.getByText('Showing 50 students', { exact: true }).count(), { timeout: 10_000 }).toBe(1);
    expect(await page.getByRole('button', { name: 'Load more' }).count()).toBe(0);
    expect(await page.getByRole('row').count()).toBe(51);

    // Search finds one, and its page enrols it in a class and links the parent.
    await page.getByLabel('Search students').fill('Learner07');
    await expect.poll(() => page.getByRole('row').count(), { timeout: 10_000 }).toBe(2);
    await page.getByRole('link', { name: 'Learner07, Pupil07' }).click();
    await page.waitForURL(/\/people\/students\/[0-9a-f-]{36}$/);
    await expect.poll(() => page.getByRole('heading', { name: 'Pupil07 Learner07' }).count(), { timeout: 10_000 }).toBe(1);

    const classes = page.getByRole('region', { name: 'Classes' });
    expect(await classes.textContent()).toContain('Not enrolled in any class.');
    await classes.getByLabel('Enrol in a class').click();
    await page.getByRole('option', { name: 'Grade 9 – A', exact: true }).click();
    await classes.getByRole('button', { name: 'Enrol' }).click();
    await expect.poll(() => classes.getByRole('listitem').count(), { timeout: 10_000 }).toBe(1);
    expect(await classes.getByRole('listitem').textContent()).toContain('G9-A');

    const guardians = page.getByRole('region', { name: 'Guardians' });
    await guardians.getByLabel('Parent').click();
    await page.getByRole('option', { name: `parent person (${parent.email})` }).click();
    await guardians.getByLabel('Relationship').fill('mother');
    await guardians.getByRole('button', { name: 'Link guardian' }).click();
    await expect.poll(() => guardians.getByRole('listitem').count(), { timeout: 10_000 }).toBe(1);
    const guardianText = (await guardians.getByRole('listitem').textContent()) ?? '';
    expect(guardianText).toContain('parent person');
    expect(guardianText).toContain('mother');

    // The parent, in a browser of their own, sees exactly that child.
    const home = await openPage(await e2e.browser().newContext({ viewport: { width: 390, height: 844 } }));
    onFailure('parent', home);
    await signIn(home.page, parent.email);
    await home.page.goto(`${t.url}/institutions/${institution.id}`);
    await home.page.getByRole('link', { name: 'My children', exact: true }).click();
    await home.page.waitForURL(/\/people\/students$/);
    const children = home.page.getByRole('region', { name: 'My children' }).getByRole('listitem');
    await expect.poll(() => children.count(), { timeout: 10_000 }).toBe(1);
    // Class names arrive with their own query: until then the card says "Unknown class".
    await expect.poll(() => children.textContent(), { timeout: 10_000 }).toContain('Grade 9 – A');
    expect(await children.textContent()).toContain('Learner07, Pupil07');
    expect(await home.page.getByRole('navigation', { name: 'People sections' }).count()).toBe(0);
    expect(await home.page.getByRole('button', { name: 'Add student' }).count()).toBe(0);
    expect(await home.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    // Their child's page opens, read only.
    await home.page.getByRole('link', { name: 'Learner07, Pupil07' }).click();
    await expect.poll(() => home.page.getByRole('heading', { name: 'Pupil07 Learner07' }).count(), { timeout: 10_000 }).toBe(1);
    expect(await home.page.getByRole('button', { name: 'Edit' }).count()).toBe(0);
    expect(await home.page.getByRole('button', { name: 'Enrol' }).count()).toBe(0);

    expect(desktop.consoleErrors).toEqual([]);
    expect(home.consoleErrors).toEqual([]);
  });
});
