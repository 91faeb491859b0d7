import { readFile } from 'node:fs/promises';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { addMember, createInstitution, problemOf, signedUpClient } from '../../server/src/testing/factories.ts';
import { openPage, screenshotOnFailure, signInAs, useE2E, type WatchedPage, WEB_DIST } from './browser.ts';

/** YYYY-MM-DD `days` from today (UTC): the year and its terms are laid around the day the test runs. */
const day = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

describe('grades in Chromium', () => {
  const e2e = useE2E(WEB_DIST);

  const signIn = (page: Page, email: string) => signInAs(page, e2e.t().url, email);

  const onFailure = (name: string, watched: WatchedPage) => screenshotOnFailure(`grades-${name}`, watched);

  /** The input labelled exactly `label`; a required field's label ends in an asterisk. */
  const field = (scope: Page | Locator, label: string) => scope.getByLabel(new RegExp(`^${label}( \\*)?$`));

  /** The out-of-range save is a 400 the browser reports; the page shows it on the cell. */
  const unexpected = (errors: string[]) => errors.filter((e) => !e.includes('status of 400'));

  it('a teacher weighs two assessments and enters marks; the student reads and downloads theirs; a parent sees only their child', async () => {
    const t = e2e.t();
    const owner = await signedUpClient(t, 'Olga Owner');
    const api = owner.client;
    const institution = await createInstitution(api, { name: 'Hillside Academy' });
    const id = institution.id;
    const teacher = await addMember(t, api, id, 'teacher');
    const learner = await addMember(t, api, id, 'student');
    const parent = await addMember(t, api, id, 'parent');
    const year = await api.academicYears.create(id, {
      name: 'This year',
      startsOn: day(-60),
      endsOn: day(200),
      current: true,
      terms: [
        { name: 'First term', startsOn: day(-60), endsOn: day(30) },
        { name: 'Second term', startsOn: day(31), endsOn: day(200) },
      ],
    });
    const firstTerm = year.terms[0]?.id as string;
    await api.structure.create(id, 'subjects', { name: 'Mathematics', code: 'MATH' });
    await api.structure.create(id, 'subjects', { name: 'Physics', code: 'PHYS' });
    const klass = await api.structure.create(id, 'classes', {
      name: '9A',
      code: '9A',
      academicYearId: year.id,
      homeroomTeacherId: teacher.id,
    });
    const amna = await api.students.create(id, { studentNumber: 'A1', firstName: 'Amna', lastName: 'Zahid', userId: learner.id });
    const bilal = await api.students.create(id, { studentNumber: 'B2', firstName: 'Bilal', lastName: 'Yusuf' });
    const chen = await api.students.create(id, { studentNumber: 'C3', firstName: 'Chen', lastName: 'Wei' });
    await api.students.enrol(id, klass.id, [amna.id, bilal.id, chen.id]);
    await api.students.linkGuardian(id, bilal.id, parent.id, { relationship: 'father' });

    // The teacher opens Grades: 9A, Mathematics and the running term are picked already.
    const desk = await openPage(await e2e.browser().newContext({ viewport: { width: 1280, height: 800 } }));
    onFailure('teacher', desk);
    const { page } = desk;
    await signIn(page, teacher.email);
    await page.goto(`${t.url}/institutions/${id}`);
    await page.getByRole('link', { name: 'Grades', exact: true }).click();
    await page.waitForURL(/\/grades$/);
    await expect.poll(() => page.getByText('No assessments yet.').count(), { timeout: 15_000 }).toBe(1);
    expect(await page.getByRole('heading', { name: '9A · Mathematics · First term · This year' }).count()).toBe(1);

    // Two assessments of different weights.
    for (const a of [
      { title: 'Algebra test', kind: 'test', max: '20', weight: '1' },
      { title: 'Term exam', kind: 'exam', max: '100', weight: '3' },
    ]) {
      await page.getByRole('button', { name: 'Add assessment' }).first().click();
      const dialog = page.getByRole('dialog');
      await field(dialog, 'Title').fill(a.title);
      await field(dialog, 'Kind').selectOption(a.kind);
      await field(dialog, 'Max points').fill(a.max);
      await field(dialog, 'Weight').fill(a.weight);
      await dialog.getByRole('button', { name: 'Add assessment' }).click();
      await expect.poll(() => dialog.count(), { timeout: 10_000 }).toBe(0);
      await expect.poll(() => page.getByRole('columnheader', { name: new RegExp(a.title) }).count(), { timeout: 10_000 }).toBe(1);
    }
    const header = (await page.getByRole('columnheader', { name: /Term exam/ }).textContent()) ?? '';
    expect(header).toContain('Exam · /100');
    expect(header).toContain('weight 3');

    // Marks, one of them above the maximum; the term grade follows as they are typed.
    const cell = (student: string, assessment: string) => page.getByLabel(`${student}: ${assessment}`, { exact: true });
    const term = (student: string) => page.locator(`[data-term="${student}"]`);
    await cell('Amna Zahid', 'Algebra test').fill('18');
    await cell('Amna Zahid', 'Term exam').fill('90');
    await cell('Bilal Yusuf', 'Algebra test').fill('25');
    await cell('Bilal Yusuf', 'Term exam').fill('60');
    await cell('Chen Wei', 'Algebra test').fill('ex');
    await cell('Chen Wei', 'Term exam').fill('70');
    expect(await term('Amna Zahid').textContent()).toBe('A90 %');
    expect(await term('Chen Wei').textContent()).toBe('C70 %');
    expect(await page.getByText('6 unsaved', { exact: true }).count()).toBe(1);

    await page.getByRole('button', { name: 'Save marks' }).click();
    const bad = cell('Bilal Yusuf', 'Algebra test');
    await expect.poll(() => bad.getAttribute('aria-invalid'), { timeout: 10_000 }).toBe('true');
    expect(await page.getByText('Must be at most 20').count()).toBe(1);
    expect(await page.getByRole('alert').filter({ hasText: 'One mark needs fixing' }).count()).toBe(1);
    expect(await cell('Amna Zahid', 'Algebra test').getAttribute('aria-invalid')).not.toBe('true');

    // Fixed, saved, and still there after a reload.
    await bad.fill('15');
    expect(await bad.getAttribute('aria-invalid')).not.toBe('true');
    await page.getByRole('button', { name: 'Save marks' }).click();
    await expect.poll(() => page.getByText('All marks saved').count(), { timeout: 10_000 }).toBe(1);
    await page.reload();
    await expect.poll(() => cell('Bilal Yusuf', 'Algebra test').count(), { timeout: 15_000 }).toBe(1);
    expect(await cell('Bilal Yusuf', 'Algebra test').inputValue()).toBe('15');
    expect(await cell('Chen Wei', 'Algebra test').inputValue()).toBe('EX');
    // Bilal: (15/20 × 1 + 60/100 × 3) ÷ 4 = 63.75 %, a D; Chen's excused test does not count.
    expect(await term('Bilal Yusuf').textContent()).toBe('D63.8 %');
    expect(await term('Chen Wei').textContent()).toBe('C70 %');
    expect(await page.locator('[data-chart="band-distribution"]').getAttribute('aria-label')).toContain('A: 1; B: 0; C: 1; D: 1; F: 0');

    // The exam's weight changed from its column's menu: the term grades follow.
    await page.getByRole('button', { name: 'Actions for Term exam' }).click();
    await page.getByRole('menuitem', { name: 'Edit assessment' }).click();
    const editing = page.getByRole('dialog', { name: 'Edit Term exam' });
    expect(await field(editing, 'Max points').inputValue()).toBe('100');
    await field(editing, 'Weight').fill('2');
    await editing.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => editing.count(), { timeout: 10_000 }).toBe(0);
    // Bilal: (0.75 × 1 + 0.6 × 2) ÷ 3 = 65 %.
    await expect.poll(() => term('Bilal Yusuf').textContent(), { timeout: 10_000 }).toBe('D65 %');
    expect(await page.getByRole('columnheader', { name: /Term exam/ }).textContent()).toContain('weight 2');

    // Deleting an assessment says how many marks go with it; cancelled here.
    await page.getByRole('button', { name: 'Actions for Algebra test' }).click();
    await page.getByRole('menuitem', { name: 'Delete assessment' }).click();
    const confirm = page.getByRole('dialog');
    expect(await confirm.textContent()).toContain('All 3 marks entered for it go with it.');
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => confirm.count(), { timeout: 10_000 }).toBe(0);

    // Leaving with a typed mark asks first; staying keeps it.
    await cell('Amna Zahid', 'Algebra test').fill('19');
    await page.getByRole('link', { name: 'Attendance', exact: true }).click();
    const leave = page.getByRole('dialog', { name: 'Leave without saving?' });
    await expect.poll(() => leave.count(), { timeout: 10_000 }).toBe(1);
    await leave.getByRole('button', { name: 'Stay' }).click();
    await expect.poll(() => leave.count(), { timeout: 10_000 }).toBe(0);
    expect(page.url()).toMatch(/\/grades$/);
    expect(await cell('Amna Zahid', 'Algebra test').inputValue()).toBe('19');
    await page.getByRole('button', { name: 'Discard' }).click();
    expect(await cell('Amna Zahid', 'Algebra test').inputValue()).toBe('18');

    // The student, on a phone: their own grades only, and the report card as a PDF.
    const phone = await openPage(await e2e.browser().newContext({ viewport: { width: 390, height: 844 }, acceptDownloads: true }));
    onFailure('student', phone);
    await signIn(phone.page, learner.email);
    await phone.page.goto(`${t.url}/institutions/${id}/grades`);
    const maths = phone.page.getByRole('article', { name: 'Mathematics' });
    await expect.poll(() => maths.count(), { timeout: 15_000 }).toBe(1);
    const mathsText = (await maths.textContent()) ?? '';
    expect(mathsText).toContain('90 %');
    expect(mathsText).toContain('18 / 20');
    expect(mathsText).toContain('90 / 100');
    expect(await maths.getByLabel('Band A').count()).toBe(1);
    const studentView = (await phone.page.textContent('main')) ?? '';
    expect(studentView).toContain('My grades');
    expect(studentView).toContain('Amna Zahid');
    expect(studentView).toContain('4.00'); // GPA: one subject, an A
    expect(studentView).not.toContain('Bilal');
    expect(await phone.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const [download] = await Promise.all([
      phone.page.waitForEvent('download'),
      phone.page.getByRole('button', { name: 'Download report card (PDF)' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^report-card-A1-First-term\.pdf$/);
    const pdf = await readFile(await download.path());
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');

    // The parent sees their child and no one else's, in the browser and through the API.
    const home = await openPage(await e2e.browser().newContext({ viewport: { width: 1280, height: 800 } }));
    onFailure('parent', home);
    await signIn(home.page, parent.email);
    await home.page.goto(`${t.url}/institutions/${id}/grades`);
    await expect.poll(() => home.page.getByRole('article', { name: 'Mathematics' }).count(), { timeout: 15_000 }).toBe(1);
    const parentView = (await home.page.textContent('main')) ?? '';
    expect(parentView).toContain('Bilal Yusuf');
    expect(parentView).toContain('65 %');
    expect(parentView).not.toContain('Amna');
    expect(parentView).not.toContain('Chen');
    expect(await home.page.getByLabel(/^Child/).count()).toBe(0);
    expect((await problemOf(parent.client.grades.ofStudent(id, amna.id, firstTerm))).status).toBe(404);

    expect(unexpected(desk.consoleErrors)).toEqual([]);
    expect(phone.consoleErrors).toEqual([]);
    expect(home.consoleErrors).toEqual([]);
  });
});
