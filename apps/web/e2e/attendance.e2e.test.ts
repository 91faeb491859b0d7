import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { addMember, createInstitution, signedUpClient } from '../../server/src/testing/factories.ts';
import { openPage, screenshotOnFailure, signInAs, useE2E, type WatchedPage, WEB_DIST } from './browser.ts';

describe('attendance and announcements in Chromium', () => {
  const e2e = useE2E(WEB_DIST);

  const signIn = (page: Page, email: string) => signInAs(page, e2e.t().url, email);

  const onFailure = (name: string, watched: WatchedPage) => screenshotOnFailure(`attendance-${name}`, watched);

  /** The input labelled exactly `label`; a required field's label ends in an asterisk. */
  const field = (scope: Page | Locator, label: string) => scope.getByLabel(new RegExp(`^${label}( \\*)?$`));

  /** A register not taken yet is a 404 the browser reports; it means "start from everyone present". */
  const unexpected = (errors: string[]) => errors.filter((e) => !e.includes('status of 404'));

  it('a teacher takes a register, the owner reads the report, a student sees the class announcement and only their own days', async () => {
    const t = e2e.t();
    const owner = await signedUpClient(t, 'Olga Owner');
    const institution = await createInstitution(owner.client, { name: 'Hillside Academy' });
    const teacher = await addMember(t, owner.client, institution.id, 'teacher');
    const learner = await addMember(t, owner.client, institution.id, 'student');
    const klass = await owner.client.structure.create(institution.id, 'classes', {
      name: '7B',
      code: 'G7-B',
      homeroomTeacherId: teacher.id,
    });
    const students = [];
    for (const [i, [firstName, lastName]] of [
      ['Ayesha', 'Khan'],
      ['Bilal', 'Ahmed'],
      ['Chen', 'Wei'],
    ].entries()) {
      students.push(
        await owner.client.students.create(institution.id, {
          studentNumber: `S-${i + 1}`,
          firstName: firstName as string,
          lastName: lastName as string,
          userId: i === 0 ? learner.id : null,
        }),
      );
    }
    await owner.client.students.enrol(
      institution.id,
      klass.id,
      students.map((s) => s.id),
    );

    // The teacher marks Bilal absent and Chen late; everyone else stays present.
    const desk = await openPage(await e2e.browser().newContext({ viewport: { width: 1280, height: 800 } }));
    onFailure('teacher', desk);
    const { page } = desk;
    await signIn(page, teacher.email);
    await page.goto(`${t.url}/institutions/${institution.id}`);
    await page.getByRole('link', { name: 'Attendance', exact: true }).click();
    await page.waitForURL(/\/attendance$/);
    const status = (name: string) => page.getByRole('radiogroup', { name: `Status of ${name}` });
    await expect.poll(() => status('Ahmed, Bilal').count(), { timeout: 15_000 }).toBe(1);
    expect(await page.getByText(/^Not taken yet/).count()).toBe(1);
    await status('Ahmed, Bilal').getByText('Absent', { exact: true }).click();
    await status('Wei, Chen').getByText('Late', { exact: true }).click();
    await page.getByLabel('Note for Wei, Chen').fill('Bus was late');
    await page.getByRole('button', { name: 'Save attendance' }).click();
    await expect.poll(() => page.getByText(/^Taken at/).count(), { timeout: 10_000 }).toBe(1);

    // Reloaded, the register comes back as saved.
    await page.reload();
    await expect
      .poll(() => page.getByText(/^Taken at .* by teacher person; saving again corrects it\.$/).count(), { timeout: 15_000 })
      .toBe(1);
    expect(await status('Ahmed, Bilal').getByRole('radio', { name: 'Absent' }).isChecked()).toBe(true);
    expect(await status('Wei, Chen').getByRole('radio', { name: 'Late' }).isChecked()).toBe(true);
    expect(await status('Khan, Ayesha').getByRole('radio', { name: 'Present' }).isChecked()).toBe(true);
    expect(await page.getByLabel('Note for Wei, Chen').inputValue()).toBe('Bus was late');

    // The teacher announces to their class.
    await page.getByRole('link', { name: 'Announcements', exact: true }).click();
    await page.getByRole('button', { name: 'New announcement' }).click();
    const dialog = page.getByRole('dialog');
    await field(dialog, 'Title').fill('Field trip on Friday');
    await field(dialog, 'Message').fill('Bring a packed lunch.\nWe leave at 8.');
    await field(dialog, 'Audience').click();
    await page.getByRole('option', { name: '7B', exact: true }).click();
    await dialog.getByRole('button', { name: 'Publish' }).click();
    await expect.poll(() => dialog.count(), { timeout: 10_000 }).toBe(0);
    const posted = page.getByRole('article', { name: 'Field trip on Friday' });
    await expect.poll(() => posted.count(), { timeout: 10_000 }).toBe(1);
    expect(await posted.textContent()).toContain('7B');

    // The owner reads the report: two of three attended, Bilal at 0 %, and the chart.
    const boss = await openPage(await e2e.browser().newContext({ viewport: { width: 1280, height: 800 } }));
    onFailure('owner', boss);
    await signIn(boss.page, owner.email);
    await boss.page.goto(`${t.url}/institutions/${institution.id}/attendance?view=report`);
    const table = boss.page.getByRole('table', { name: 'Students' });
    await expect.poll(() => table.count(), { timeout: 15_000 }).toBe(1);
    const row = (name: string) => table.getByRole('row').filter({ hasText: name });
    await expect.poll(() => row('Ahmed, Bilal').textContent(), { timeout: 10_000 }).toContain('0 %');
    expect(await row('Khan, Ayesha').textContent()).toContain('100 %');
    expect(await row('Wei, Chen').textContent()).toContain('100 %');
    expect(await boss.page.getByRole('region', { name: 'Attendance report' }).textContent()).toContain('67 %');
    expect(await boss.page.locator('[data-chart="attendance-rate"]').count()).toBe(1);
    await boss.page.getByRole('link', { name: 'Audit log' }).click();
    await expect.poll(() => boss.page.getByText('attendance.taken').count(), { timeout: 10_000 }).toBeGreaterThan(0);

    // The student, on a phone: the class's announcement, and only their own attendance.
    const phone = await openPage(await e2e.browser().newContext({ viewport: { width: 390, height: 844 } }));
    onFailure('student', phone);
    await signIn(phone.page, learner.email);
    await phone.page.goto(`${t.url}/institutions/${institution.id}/announcements`);
    const seen = phone.page.getByRole('article', { name: 'Field trip on Friday' });
    await expect.poll(() => seen.count(), { timeout: 15_000 }).toBe(1);
    expect(await seen.textContent()).toContain('Bring a packed lunch.');
    expect(await phone.page.getByRole('button', { name: 'New announcement' }).count()).toBe(0);
    expect(await phone.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await phone.page.goto(`${t.url}/institutions/${institution.id}/attendance`);
    const own = phone.page.getByRole('list', { name: 'Students' });
    await expect.poll(() => own.textContent(), { timeout: 15_000 }).toContain('Ayesha Khan');
    expect(await own.getByRole('listitem').count()).toBe(1);
    expect(await own.textContent()).toContain('100 %');
    const whole = (await phone.page.textContent('main')) ?? '';
    expect(whole).toContain('My attendance');
    expect(whole).not.toContain('Bilal');
    expect(await phone.page.locator('[data-chart="attendance-rate"]').count()).toBe(1);
    expect(await phone.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    expect(unexpected(desk.consoleErrors)).toEqual([]);
    expect(boss.consoleErrors).toEqual([]);
    expect(phone.consoleErrors).toEqual([]);
  });
});
