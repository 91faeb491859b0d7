import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { addMember, createInstitution, signedUpClient } from '../../server/src/testing/factories.ts';
import { openPage, screenshotOnFailure, signInAs, useE2E, type WatchedPage, WEB_DIST } from './browser.ts';

describe('institution structure in Chromium', () => {
  const e2e = useE2E(WEB_DIST);

  const signIn = (page: Page, email: string) => signInAs(page, e2e.t().url, email);

  const onFailure = (name: string, watched: WatchedPage) => screenshotOnFailure(`structure-${name}`, watched);

  /** The input labelled exactly `label`; a required field's label ends in an asterisk. */
  const field = (scope: Page | Locator, label: string) => scope.getByLabel(new RegExp(`^${label}( \\*)?$`));

  /** Picks `option` in the Mantine select labelled `label` (its list opens in a portal). */
  async function choose(page: Page, scope: Locator, label: string, option: string) {
    await field(scope, label).click();
    await page.getByRole('option', { name: option, exact: true }).click();
  }

  /** The text of a field's wrapper: label, input and the error Mantine shows under it. */
  const fieldText = (page: Page, label: string) =>
    page
      .getByRole('dialog')
      .locator('.mantine-InputWrapper-root')
      .filter({ has: field(page, label) })
      .textContent();

  const section = (page: Page, name: string) => page.getByRole('navigation', { name: 'Structure sections' }).getByRole('link', { name });

  it('an owner sets up years, a department, a subject and a class; a student only reads them', async () => {
    const t = e2e.t();
    const owner = await signedUpClient(t, 'Olga Owner');
    const institution = await createInstitution(owner.client, { name: 'Hillside Academy' });
    await addMember(t, owner.client, institution.id, 'teacher');
    const student = await addMember(t, owner.client, institution.id, 'student');

    const desktop = await openPage(await e2e.browser().newContext({ viewport: { width: 1280, height: 800 } }));
    onFailure('desktop', desktop);
    const { page } = desktop;
    await signIn(page, owner.email);
    await page.goto(`${t.url}/institutions/${institution.id}`);
    await page.getByRole('link', { name: 'Structure', exact: true }).click();
    await page.waitForURL(/\/structure$/);
    await expect.poll(() => page.getByText('No current academic year.').count(), { timeout: 15_000 }).toBe(1);
    const dialog = page.getByRole('dialog');

    // An academic year with two terms and a break between them, entered in one dialog.
    await section(page, 'Academic years').click();
    await expect.poll(() => page.getByText('No academic years yet.').count(), { timeout: 10_000 }).toBe(1);
    await page.getByRole('button', { name: 'New academic year' }).click();
    await field(dialog, 'Name').fill('2026–27');
    await field(dialog, 'Starts on').fill('2026-09-01');
    await field(dialog, 'Ends on').fill('2027-06-30');
    expect(await dialog.getByLabel('This is the current year').isChecked()).toBe(true);
    await dialog.getByRole('button', { name: 'Add a term' }).click();
    const term1 = dialog.getByRole('group', { name: 'Term 1' });
    await field(term1, 'Name').fill('Autumn');
    expect(await field(term1, 'Starts on').inputValue()).toBe('2026-09-01');
    await field(term1, 'Ends on').fill('2026-12-18');
    await dialog.getByRole('button', { name: 'Add a term' }).click();
    const term2 = dialog.getByRole('group', { name: 'Term 2' });
    await field(term2, 'Name').fill('Spring');
    await field(term2, 'Starts on').fill('2027-01-11');
    await field(term2, 'Ends on').fill('2027-06-30');
    await dialog.getByRole('button', { name: 'Create academic year' }).click();
    const year = page.getByRole('region', { name: '2026–27' });
    await expect.poll(() => year.count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => dialog.count()).toBe(0);
    const yearText = (await year.textContent()) ?? '';
    expect(yearText).toContain('Current');
    expect(yearText).toContain('Autumn');
    expect(yearText).toContain('Spring');
    expect(yearText).toContain('Break:');

    // A department, then two subjects in it.
    await section(page, 'Departments').click();
    await expect.poll(() => page.getByText('No departments yet.').count(), { timeout: 10_000 }).toBe(1);
    await page.getByRole('button', { name: 'New department' }).click();
    await field(dialog, 'Name').fill('Sciences');
    await field(dialog, 'Code').fill('SCI');
    await dialog.getByRole('button', { name: 'Create department' }).click();
    await expect.poll(() => page.getByRole('row').filter({ hasText: 'Sciences' }).count(), { timeout: 10_000 }).toBe(1);

    await section(page, 'Subjects').click();
    await expect.poll(() => page.getByText('No subjects yet.').count(), { timeout: 10_000 }).toBe(1);
    for (const [name, code] of [
      ['Physics', 'PHY'],
      ['Chemistry', 'CHEM'],
    ] as const) {
      await page.getByRole('button', { name: 'New subject' }).click();
      await field(dialog, 'Name').fill(name);
      await field(dialog, 'Code').fill(code);
      await choose(page, dialog, 'Department', 'Sciences');
      await dialog.getByRole('button', { name: 'Create subject' }).click();
      await expect.poll(() => page.getByRole('row').filter({ hasText: name }).count(), { timeout: 10_000 }).toBe(1);
    }
    expect(await page.getByRole('row').filter({ hasText: 'Physics' }).textContent()).toContain('Sciences');

    // Search narrows the list on the server.
    await page.getByLabel('Search subjects').fill('phy');
    await expect.poll(() => page.getByRole('row').filter({ hasText: 'Chemistry' }).count(), { timeout: 10_000 }).toBe(0);
    expect(await page.getByRole('row').filter({ hasText: 'Physics' }).count()).toBe(1);
    await page.getByLabel('Search subjects').fill('');
    await expect.poll(() => page.getByRole('row').filter({ hasText: 'Chemistry' }).count(), { timeout: 10_000 }).toBe(1);

    // Codes are unique ignoring case: the server's refusal lands under Code.
    await page.getByRole('button', { name: 'New subject' }).click();
    await field(dialog, 'Name').fill('Physics (advanced)');
    await field(dialog, 'Code').fill('phy');
    await dialog.getByRole('button', { name: 'Create subject' }).click();
    await expect.poll(() => field(dialog, 'Code').getAttribute('aria-invalid'), { timeout: 10_000 }).toBe('true');
    expect(await fieldText(page, 'Code')).toContain('Is already used');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => dialog.count()).toBe(0);

    // A class in the department, in the second term, with the teacher as homeroom teacher.
    await section(page, 'Classes').click();
    await expect.poll(() => page.getByText('No classes yet.').count(), { timeout: 10_000 }).toBe(1);
    await page.getByRole('button', { name: 'New class' }).click();
    await field(dialog, 'Name').fill('Grade 9 – A');
    await field(dialog, 'Code').fill('G9-A');
    // New classes start in the current year.
    expect(await field(dialog, 'Academic year').inputValue()).toBe('2026–27');
    await choose(page, dialog, 'Term', 'Spring');
    await choose(page, dialog, 'Department', 'Sciences');
    await choose(page, dialog, 'Homeroom teacher', 'teacher person');
    await field(dialog, 'Room').fill('B-204');
    await field(dialog, 'Capacity').fill('32');
    await dialog.getByRole('button', { name: 'Create class' }).click();
    const classRow = page.getByRole('row').filter({ hasText: 'Grade 9 – A' });
    await expect.poll(() => classRow.count(), { timeout: 10_000 }).toBe(1);
    const classText = (await classRow.textContent()) ?? '';
    for (const shown of ['G9-A', 'Sciences', 'Spring', '2026–27', 'teacher person', 'B-204', '32 seats'])
      expect(classText).toContain(shown);

    // The department is in use: deleting it explains why, and archiving instead moves it to Archived.
    await section(page, 'Departments').click();
    await page.getByRole('button', { name: 'More actions for Sciences' }).click();
    await page.getByRole('menuitem', { name: 'Delete' }).click();
    await dialog.getByRole('button', { name: 'Delete department' }).click();
    await expect
      .poll(() => dialog.textContent(), { timeout: 10_000 })
      .toContain('This department is still used by 2 subjects and 1 class. Archive it instead, or move those first.');
    await dialog.getByRole('button', { name: 'Archive instead' }).click();
    await expect.poll(() => dialog.count(), { timeout: 10_000 }).toBe(0);
    await expect.poll(() => page.getByRole('row').filter({ hasText: 'Sciences' }).count(), { timeout: 10_000 }).toBe(0);
    expect(await page.getByText('Every department is archived.').count()).toBe(1);
    await page.getByRole('radiogroup', { name: 'Which departments to show' }).getByText('Archived', { exact: true }).click();
    const archived = page.getByRole('row').filter({ hasText: 'Sciences' });
    await expect.poll(() => archived.count(), { timeout: 10_000 }).toBe(1);
    expect(await archived.textContent()).toContain('Archived');
    // Its subjects keep its name.
    await section(page, 'Subjects').click();
    await expect.poll(() => page.getByRole('row').filter({ hasText: 'Physics' }).textContent(), { timeout: 10_000 }).toContain('Sciences');

    await page.getByRole('link', { name: 'Audit log' }).click();
    await expect.poll(() => page.getByText('department.archived').count(), { timeout: 10_000 }).toBe(1);

    // Phones get cards, and nothing wider than the screen.
    const phone = await openPage(await e2e.browser().newContext({ viewport: { width: 390, height: 844 } }));
    onFailure('phone', phone);
    await signIn(phone.page, owner.email);
    for (const [path, expected] of [
      ['', '2026–27'],
      ['/academic-years', 'Autumn'],
      ['/departments', 'Every department is archived.'],
      ['/subjects', 'Chemistry'],
      ['/classes', 'Grade 9 – A'],
    ] as const) {
      await phone.page.goto(`${t.url}/institutions/${institution.id}/structure${path}`);
      await expect.poll(() => phone.page.getByText(expected).count(), { timeout: 10_000 }).toBeGreaterThan(0);
      expect(await phone.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    }
    expect(await phone.page.getByRole('table').count()).toBe(0);

    // A student sees the same lists, names resolved, and no way to change anything.
    const reader = await openPage(await e2e.browser().newContext({ viewport: { width: 1280, height: 800 } }));
    onFailure('student', reader);
    await signIn(reader.page, student.email);
    await reader.page.goto(`${t.url}/institutions/${institution.id}`);
    await reader.page.getByRole('link', { name: 'Structure', exact: true }).click();
    await reader.page.waitForURL(/\/structure$/);
    await expect
      .poll(() => reader.page.getByRole('region', { name: 'Current academic year' }).textContent(), { timeout: 10_000 })
      .toContain('2026–27');
    for (const [name, row, button] of [
      ['Classes', 'Grade 9 – A', 'New class'],
      ['Subjects', 'Physics', 'New subject'],
    ] as const) {
      await section(reader.page, name).click();
      const listed = reader.page.getByRole('row').filter({ hasText: row });
      await expect.poll(() => listed.count(), { timeout: 10_000 }).toBe(1);
      expect(await listed.textContent()).toContain('Sciences');
      expect(await reader.page.getByRole('button', { name: button }).count()).toBe(0);
      expect(await reader.page.getByRole('button', { name: /^Edit/ }).count()).toBe(0);
      expect(await reader.page.getByRole('button', { name: /^More actions/ }).count()).toBe(0);
    }
    // Member lists (with their email addresses) are not for students: no teacher column, no failed request.
    await section(reader.page, 'Classes').click();
    await expect.poll(() => reader.page.getByRole('row').filter({ hasText: 'Grade 9 – A' }).count(), { timeout: 10_000 }).toBe(1);
    expect(await reader.page.getByRole('columnheader', { name: 'Homeroom teacher' }).count()).toBe(0);
    await section(reader.page, 'Academic years').click();
    await expect.poll(() => reader.page.getByRole('region', { name: '2026–27' }).count(), { timeout: 10_000 }).toBe(1);
    expect(await reader.page.getByRole('button', { name: 'New academic year' }).count()).toBe(0);
    expect(await reader.page.getByRole('button', { name: /^Add a term/ }).count()).toBe(0);
    expect(await reader.page.getByRole('button', { name: /^Edit/ }).count()).toBe(0);

    // The two refusals above are 409s the browser reports; nothing else may be logged.
    expect(desktop.consoleErrors).toEqual([expect.stringContaining('status of 409'), expect.stringContaining('status of 409')]);
    expect(phone.consoleErrors).toEqual([]);
    expect(reader.consoleErrors).toEqual([]);
  });
});
