// The Hub's end-to-end journey in one run, as the issue states it: an admin creates a department
// and a class, imports 50 students from a CSV with 3 bad rows (reported, then fixed), builds a
// timetable and hits a conflict; a teacher takes attendance and enters grades; a student and a
// parent each see exactly their own. Each step's finer points have their own e2e test.
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { addMember, createInstitution, signedUpClient } from '../../server/src/testing/factories.ts';
import { openPage, screenshotOnFailure, signInAs, useE2E, type WatchedPage, WEB_DIST } from './browser.ts';
import { studentsCsv } from './fixtures.ts';

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

describe('the Hub journey in Chromium', () => {
  const e2e = useE2E(WEB_DIST);

  const signIn = (page: Page, email: string) => signInAs(page, e2e.t().url, email);
  const onFailure = (name: string, watched: WatchedPage) => screenshotOnFailure(`hub-journey-${name}`, watched);
  /** The input labelled exactly `label`; a required field's label ends in an asterisk. */
  const field = (scope: Page | Locator, label: string) => scope.getByLabel(new RegExp(`^${label}( \\*)?$`));
  async function choose(page: Page, scope: Locator, label: string, option: string) {
    await field(scope, label).click();
    await page.getByRole('option', { name: option, exact: true }).click();
  }
  const tab = (page: Page, name: string) => page.getByRole('link', { name, exact: true }).click();

  it('admin sets up and imports, timetable clash refused, teacher registers and grades, student and parent see their own', async () => {
    const t = e2e.t();
    const owner = await signedUpClient(t, 'Olga Owner');
    const api = owner.client;
    const institution = await createInstitution(api, { name: 'Riverside School' });
    const id = institution.id;
    const teacher = await addMember(t, api, id, 'teacher');
    const learner = await addMember(t, api, id, 'student');
    const parent = await addMember(t, api, id, 'parent');
    await api.academicYears.create(id, {
      name: 'This year',
      startsOn: day(-60),
      endsOn: day(200),
      current: true,
      terms: [{ name: 'First term', startsOn: day(-60), endsOn: day(60) }],
    });
    await api.structure.create(id, 'subjects', { name: 'Mathematics', code: 'MATH' });

    // --- The admin, at a desk ---------------------------------------------------------------
    const desk = await openPage(await e2e.browser().newContext({ viewport: { width: 1280, height: 800 } }));
    onFailure('admin', desk);
    const { page } = desk;
    const dialog = page.getByRole('dialog');
    await signIn(page, owner.email);
    await page.goto(`${t.url}/institutions/${id}/structure/departments`);
    await expect.poll(() => page.getByText('No departments yet.').count(), { timeout: 15_000 }).toBe(1);
    await page.getByRole('button', { name: 'New department' }).click();
    await field(dialog, 'Name').fill('Sciences');
    await field(dialog, 'Code').fill('SCI');
    await dialog.getByRole('button', { name: 'Create department' }).click();
    await expect.poll(() => page.getByRole('row').filter({ hasText: 'Sciences' }).count(), { timeout: 10_000 }).toBe(1);

    await page.goto(`${t.url}/institutions/${id}/structure/classes`);
    await expect.poll(() => page.getByText('No classes yet.').count(), { timeout: 15_000 }).toBe(1);
    await page.getByRole('button', { name: 'New class' }).click();
    await field(dialog, 'Name').fill('Grade 9 – A');
    await field(dialog, 'Code').fill('G9-A');
    await choose(page, dialog, 'Department', 'Sciences');
    await choose(page, dialog, 'Homeroom teacher', 'teacher person');
    await dialog.getByRole('button', { name: 'Create class' }).click();
    await expect.poll(() => page.getByRole('row').filter({ hasText: 'Grade 9 – A' }).count(), { timeout: 10_000 }).toBe(1);

    // 50 students, three of them wrong: reported by line, nothing written; then fixed and imported.
    await page.goto(`${t.url}/institutions/${id}/people/import`);
    const fileInput = page.locator('input[type="file"]');
    await expect.poll(() => fileInput.count(), { timeout: 15_000 }).toBe(1);
    await fileInput.setInputFiles({ name: 'roster.csv', mimeType: 'text/csv', buffer: studentsCsv(true) });
    await page.getByRole('button', { name: 'Check (dry run)' }).click();
    const problems = page.getByRole('table', { name: 'Problems' });
    await expect.poll(() => problems.getByRole('row').count(), { timeout: 20_000 }).toBe(4);
    expect(await page.getByText('3 rows need fixing').count()).toBe(1);
    expect((await api.students.list(id, { limit: 100 })).items).toEqual([]);
    await fileInput.setInputFiles({ name: 'roster.csv', mimeType: 'text/csv', buffer: studentsCsv(false) });
    await page.getByRole('button', { name: 'Check (dry run)' }).click();
    await expect.poll(() => page.getByText('Every row is fine').count(), { timeout: 20_000 }).toBe(1);
    await page.getByRole('button', { name: 'Import 50 rows' }).click();
    await expect.poll(() => page.getByText('50 rows were imported.').count(), { timeout: 20_000 }).toBe(1);

    // Enrolment and accounts are not this journey's subject: the API links them.
    const students = (await api.students.list(id, { limit: 100 })).items;
    expect(students).toHaveLength(50);
    const klass = (await api.structure.list(id, 'classes')).items[0] as { id: string };
    await api.students.enrol(
      id,
      klass.id,
      students.map((s) => s.id),
    );
    const own = students.find((s) => s.studentNumber === 'S-07') as (typeof students)[number];
    const child = students.find((s) => s.studentNumber === 'S-08') as (typeof students)[number];
    await api.students.update(id, own.id, { userId: learner.id });
    await api.students.linkGuardian(id, child.id, parent.id);

    // The timetable: one period, then a second that double-books the class.
    await tab(page, 'Timetable');
    await page.waitForURL(/\/timetable$/);
    await page.getByRole('button', { name: 'Add period' }).click();
    await choose(page, dialog, 'Subject', 'Mathematics');
    await choose(page, dialog, 'Teacher', 'teacher person');
    await field(dialog, 'Starts at').fill('09:00');
    await field(dialog, 'Ends at').fill('09:45');
    await dialog.getByRole('button', { name: 'Add period' }).click();
    await expect.poll(() => dialog.count(), { timeout: 10_000 }).toBe(0);
    await page.getByRole('button', { name: 'Add period' }).click();
    await field(dialog, 'Starts at').fill('09:30');
    await field(dialog, 'Ends at').fill('10:15');
    await dialog.getByRole('button', { name: 'Add period' }).click();
    const clash = dialog.getByRole('alert').filter({ hasText: 'This clashes with another period' });
    await expect.poll(() => clash.count(), { timeout: 10_000 }).toBe(1);
    expect(await clash.textContent()).toContain('Grade 9 – A already has Mathematics on Monday 09:00–09:45');
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    // --- The teacher ----------------------------------------------------------------------------
    const room = await openPage(await e2e.browser().newContext({ viewport: { width: 1280, height: 800 } }));
    onFailure('teacher', room);
    await signIn(room.page, teacher.email);
    await room.page.goto(`${t.url}/institutions/${id}/attendance`);
    const status = (name: string) => room.page.getByRole('radiogroup', { name: `Status of ${name}` });
    await expect.poll(() => status('Learner07, Pupil07').count(), { timeout: 15_000 }).toBe(1);
    await status('Learner07, Pupil07').getByText('Absent', { exact: true }).click();
    await room.page.getByRole('button', { name: 'Save attendance' }).click();
    await expect.poll(() => room.page.getByText(/^Taken at/).count(), { timeout: 10_000 }).toBe(1);

    await tab(room.page, 'Grades');
    await expect.poll(() => room.page.getByText('No assessments yet.').count(), { timeout: 15_000 }).toBe(1);
    expect(await room.page.getByRole('heading', { name: 'Grade 9 – A · Mathematics · First term · This year' }).count()).toBe(1);
    await room.page.getByRole('button', { name: 'Add assessment' }).first().click();
    const form = room.page.getByRole('dialog');
    await field(form, 'Title').fill('Unit test');
    await field(form, 'Max points').fill('20');
    await form.getByRole('button', { name: 'Add assessment' }).click();
    await expect.poll(() => form.count(), { timeout: 10_000 }).toBe(0);
    const cell = (student: string) => room.page.getByLabel(`${student}: Unit test`, { exact: true });
    await expect.poll(() => cell('Pupil07 Learner07').count(), { timeout: 10_000 }).toBe(1);
    await cell('Pupil07 Learner07').fill('17');
    await cell('Pupil08 Learner08').fill('11');
    await room.page.getByRole('button', { name: 'Save marks' }).click();
    await expect.poll(() => room.page.getByText('All marks saved').count(), { timeout: 10_000 }).toBe(1);

    // --- The student, on a phone: their own attendance and grades, nobody else's ----------------
    const phone = await openPage(await e2e.browser().newContext({ viewport: { width: 390, height: 844 } }));
    onFailure('student', phone);
    await signIn(phone.page, learner.email);
    await phone.page.goto(`${t.url}/institutions/${id}/grades`);
    const maths = phone.page.getByRole('article', { name: 'Mathematics' });
    await expect.poll(() => maths.count(), { timeout: 15_000 }).toBe(1);
    expect(await maths.textContent()).toContain('17 / 20');
    expect(await maths.textContent()).toContain('85 %');
    expect((await phone.page.textContent('main')) ?? '').not.toContain('Pupil08');
    await phone.page.goto(`${t.url}/institutions/${id}/attendance`);
    const mine = phone.page.getByRole('list', { name: 'Students' });
    await expect.poll(() => mine.textContent(), { timeout: 15_000 }).toContain('Pupil07 Learner07');
    expect(await mine.getByRole('listitem').count()).toBe(1);
    expect(await mine.textContent()).toContain('0 %');

    // --- The parent: their child's, nobody else's ---------------------------------------------
    const home = await openPage(await e2e.browser().newContext({ viewport: { width: 390, height: 844 } }));
    onFailure('parent', home);
    await signIn(home.page, parent.email);
    await home.page.goto(`${t.url}/institutions/${id}/grades`);
    const childMaths = home.page.getByRole('article', { name: 'Mathematics' });
    await expect.poll(() => childMaths.count(), { timeout: 15_000 }).toBe(1);
    expect(await childMaths.textContent()).toContain('11 / 20');
    const parentView = (await home.page.textContent('main')) ?? '';
    expect(parentView).toContain('Pupil08 Learner08');
    expect(parentView).not.toContain('Pupil07');

    // The clash is a 409 the browser reports; a register not taken yet is a 404 that means "start fresh".
    expect(desk.consoleErrors).toEqual([expect.stringContaining('status of 409')]);
    expect(room.consoleErrors.filter((e) => !e.includes('status of 404'))).toEqual([]);
    expect(phone.consoleErrors).toEqual([]);
    expect(home.consoleErrors).toEqual([]);
  });
});
