// The course gradebook in a browser: results per quiz and the weighted total, an override with its
// reason, the categories edited, the CSV downloaded, and the totals released to the Hub's grades.
import { readFile } from 'node:fs/promises';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { addMember, createInstitution, signedUpClient, waitFor } from '../../server/src/testing/factories.ts';
import type { TestPlatform } from '../../server/src/testing/test-platform.ts';
import { openPage, screenshotOnFailure, screenshotsAtWidths, signInAs, useE2E, type WatchedPage, WEB_DIST } from './browser.ts';

/** Where to save screenshots for a look at the pages (GRADEBOOK_SHOTS=/tmp/gradebook-shots); none without it. */
const SHOTS = process.env.GRADEBOOK_SHOTS;

/** YYYY-MM-DD `days` from today (UTC): the year and its term are laid around the day the test runs. */
const day = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/**
 * A published course with two categories (Quizzes 1, Exams 3), a quiz in each and an assignment in
 * Quizzes, and two learners: Ana scores 50, 100 and 50, Ben 0 and nothing yet.
 */
async function gradedCourse(t: TestPlatform) {
  const owner = await signedUpClient(t, 'Olga Owner');
  const { id } = await createInstitution(owner.client, { name: 'Harbour College' });
  const teacher = await addMember(t, owner.client, id, 'teacher');
  const ana = await addMember(t, owner.client, id, 'student');
  const ben = await addMember(t, owner.client, id, 'student');
  await ana.client.me.update({ displayName: 'Ana Lopez' });
  await ben.client.me.update({ displayName: 'Ben Okafor' });
  const c = teacher.client.courses;
  const course = await c.create(id, { title: 'Waves & Optics' });
  const mod = await c.addModule(id, course.id, { title: 'Light' });
  await c.addLesson(id, course.id, mod.id, { title: 'Reflection', published: true });
  await c.update(id, course.id, { status: 'published' });
  await c.enrol(id, course.id, { userIds: [ana.id, ben.id] });
  const q1 = await c.addQuestion(id, course.id, { type: 'true_false', prompt: 'Light is a wave.', answer: true });
  const q2 = await c.addQuestion(id, course.id, { type: 'true_false', prompt: 'Sound travels in a vacuum.', answer: false });
  const { categories } = await c.setGradebookCategories(id, course.id, {
    categories: [
      { name: 'Quizzes', weight: 1 },
      { name: 'Exams', weight: 3 },
    ],
  });
  const questionIds = [q1.id, q2.id];
  const quiz = await c.createQuiz(id, course.id, { title: 'Quiz 1', questionIds, published: true, categoryId: categories[0]?.id });
  const exam = await c.createQuiz(id, course.id, { title: 'Unit test', questionIds, published: true, categoryId: categories[1]?.id });
  const take = async (learner: typeof ana, quizId: string, answers: [boolean, boolean]) => {
    const a = await learner.client.courses.startAttempt(id, course.id, quizId);
    for (const [i, value] of answers.entries())
      await learner.client.courses.answer(id, course.id, quizId, a.id, questionIds[i] as string, { type: 'true_false', value });
    await learner.client.courses.submitAttempt(id, course.id, quizId, a.id);
  };
  await take(ana, quiz.id, [true, true]);
  await take(ana, exam.id, [true, false]);
  await take(ben, quiz.id, [false, true]);
  const report = await teacher.client.assignments.create(id, course.id, {
    title: 'Lab report',
    maxPoints: 20,
    allowFiles: false,
    published: true,
    categoryId: categories[0]?.id,
  });
  await ana.client.assignments.submitText(id, course.id, report.id, 'Angles of incidence and reflection are equal.');
  await teacher.client.assignments.grade(id, course.id, report.id, ana.id, { points: 10 });
  return { owner, id, teacher, ana, ben, course, quiz, exam };
}

describe('the course gradebook in Chromium', () => {
  const e2e = useE2E(WEB_DIST);

  const signIn = (page: Page, email: string) => signInAs(page, e2e.t().url, email);
  const onFailure = (name: string, watched: WatchedPage) => screenshotOnFailure(`gradebook-${name}`, watched);
  /** The input labelled exactly `label`; a required field's label ends in an asterisk. */
  const field = (scope: Page | Locator, label: string) => scope.getByLabel(new RegExp(`^${label}( \\*)?$`));
  const shot = (page: Page, name: string) => screenshotsAtWidths(page, SHOTS, name);
  /** A grade cell's button, by learner and item ("Course total" for the total). */
  const cell = (page: Page, learner: string, item: string) =>
    page.getByRole('button', { name: `Override ${learner} · ${item}`, exact: true });
  const percentOf = (button: Locator) => button.getAttribute('data-percent');

  it('shows each learner’s results, takes an override with a reason, reweighs the categories and downloads the CSV', async () => {
    const t = e2e.t();
    const { id, teacher, course } = await gradedCourse(t);

    const desk = await openPage(await e2e.browser().newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true }));
    onFailure('teacher', desk);
    const { page } = desk;
    await signIn(page, teacher.email);
    await page.goto(`${t.url}/institutions/${id}/courses/${course.id}`);
    await page.getByRole('tab', { name: 'Gradebook' }).click();
    await page.waitForURL(/tab=gradebook/);

    // Quizzes count 1, Exams 3: Ana ((50 + 50) ÷ 2 · 1 + 100 · 3) ÷ 4; Ben has only Quiz 1.
    await expect.poll(() => percentOf(cell(page, 'Ana Lopez', 'Quiz 1')), { timeout: 15_000 }).toBe('50');
    expect(await percentOf(cell(page, 'Ana Lopez', 'Unit test'))).toBe('100');
    expect(await percentOf(cell(page, 'Ben Okafor', 'Quiz 1'))).toBe('0');
    expect(await cell(page, 'Ben Okafor', 'Unit test').textContent()).toBe('—');
    expect(await percentOf(cell(page, 'Ana Lopez', 'Lab report'))).toBe('50');
    expect(await cell(page, 'Ben Okafor', 'Lab report').textContent()).toBe('—');
    expect(await cell(page, 'Ana Lopez', 'Course total').textContent()).toBe('87.5 %');
    expect(await cell(page, 'Ben Okafor', 'Course total').textContent()).toBe('0 %');
    const heads = page.locator('thead [data-item]');
    expect(await heads.evaluateAll((ths) => ths.map((th) => th.textContent))).toEqual([
      'Quiz 1QuizQuizzes',
      'Unit testQuizExams',
      'Lab reportAssignmentQuizzes',
    ]);
    await shot(page, 'table');

    // The cells are buttons: the keyboard opens one, Escape leaves it.
    await cell(page, 'Ben Okafor', 'Unit test').focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Override Ben Okafor · Unit test' });
    await expect.poll(() => dialog.count(), { timeout: 5000 }).toBe(1);
    await field(dialog, 'Grade \\(%\\)').fill('80');
    await field(dialog, 'Reason').fill('ok');
    await dialog.getByRole('button', { name: 'Save override' }).click();
    await expect.poll(() => dialog.getByText(/^Say why the grade is overridden/).count(), { timeout: 5000 }).toBe(1);
    await field(dialog, 'Reason').fill('Sat the test on paper');
    await shot(page, 'override');
    await dialog.getByRole('button', { name: 'Save override' }).click();
    await expect.poll(() => dialog.count(), { timeout: 10_000 }).toBe(0);
    const overridden = cell(page, 'Ben Okafor', 'Unit test');
    await expect.poll(() => percentOf(overridden), { timeout: 10_000 }).toBe('80');
    expect(await overridden.getAttribute('data-reason')).toBe('Sat the test on paper');
    // (0 · 1 + 80 · 3) ÷ 4
    expect(await cell(page, 'Ben Okafor', 'Course total').textContent()).toBe('60 %');
    await overridden.hover();
    await expect.poll(() => page.getByRole('tooltip').textContent(), { timeout: 5000 }).toBe('Overridden: Sat the test on paper');
    const book = await teacher.client.courses.gradebook(id, course.id);
    const ben = book.rows.find((r) => r.displayName === 'Ben Okafor');
    expect(ben?.items[book.items[1]?.id as string]).toEqual({ percent: 80, overridden: true, reason: 'Sat the test on paper' });

    // The categories: Exams becomes Tests and counts as much as the quizzes; Homework is added, a spare one removed.
    await page.getByRole('button', { name: 'Categories' }).click();
    const cats = page.getByRole('dialog', { name: 'Grade categories' });
    await expect.poll(() => field(cats, 'Category 2').inputValue(), { timeout: 5000 }).toBe('Exams');
    expect(await cats.locator('[data-share]').evaluateAll((bars) => bars.map((b) => b.getAttribute('data-share')))).toEqual(['25', '75']);
    await field(cats, 'Category 2').fill('Tests');
    await cats.getByLabel('Weight of category 2').fill('1');
    for (const [i, name] of ['Spare', 'Homework'].entries()) {
      await cats.getByRole('button', { name: '+ Add category' }).click();
      await field(cats, `Category ${i + 3}`).fill(name);
    }
    await cats.getByLabel('Weight of category 4').fill('2');
    await cats.getByRole('button', { name: 'Remove category 3' }).click();
    expect(await field(cats, 'Category 3').inputValue()).toBe('Homework');
    // The bars follow the typed weights: 1, 1 and 2.
    expect(await cats.locator('[data-share]').evaluateAll((bars) => bars.map((b) => b.getAttribute('data-share')))).toEqual([
      '25',
      '25',
      '50',
    ]);
    await shot(page, 'categories');
    await cats.getByRole('button', { name: 'Save categories' }).click();
    await expect.poll(() => cats.count(), { timeout: 10_000 }).toBe(0);
    // Now (50 + 100) ÷ 2 and (0 + 80) ÷ 2: Homework has no results yet, so it does not count.
    await expect.poll(() => cell(page, 'Ana Lopez', 'Course total').textContent(), { timeout: 10_000 }).toBe('75 %');
    expect(await cell(page, 'Ben Okafor', 'Course total').textContent()).toBe('40 %');
    expect(await heads.nth(1).textContent()).toBe('Unit testQuizTests');
    expect((await teacher.client.courses.gradebook(id, course.id)).categories.map((c) => [c.name, c.weight])).toEqual([
      ['Quizzes', 1],
      ['Tests', 1],
      ['Homework', 2],
    ]);

    // The CSV is what the table shows.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
    expect(download.suggestedFilename()).toBe('waves-optics-gradebook.csv');
    const csv = await readFile(await download.path(), 'utf8');
    expect(csv.split('\r\n')).toEqual([
      'Learner,Quiz 1,Unit test,Lab report,Course total',
      'Ana Lopez,50,100,50,75',
      'Ben Okafor,0,80,,40',
      '',
    ]);

    // Clearing the override brings back the learner's own result (none).
    await overridden.click();
    const again = page.getByRole('dialog', { name: 'Override Ben Okafor · Unit test' });
    await expect
      .poll(() => again.locator('[data-current-grade]').textContent(), { timeout: 5000 })
      .toBe('Overridden at 80 %: “Sat the test on paper”.');
    await again.getByRole('button', { name: 'Clear override' }).click();
    await expect.poll(() => again.count(), { timeout: 10_000 }).toBe(0);
    await expect.poll(() => overridden.textContent(), { timeout: 10_000 }).toBe('—');
    expect(await overridden.getAttribute('data-overridden')).toBeNull();
    expect(await cell(page, 'Ben Okafor', 'Course total').textContent()).toBe('0 %');

    // On a phone the names stay put while the grades scroll sideways.
    await page.setViewportSize({ width: 390, height: 844 });
    const table = page.getByRole('table', { name: 'Gradebook' });
    /**
     * Scrolls the table's scrolling box to `left`; says whether it is wider than it shows, and where the
     * first name and the last total sit from its left edge (relative, so the shell's resize does not matter).
     */
    const scrollTable = (left: number) =>
      table.evaluate((el, to) => {
        let box = el.parentElement;
        while (box && !['auto', 'scroll'].includes(getComputedStyle(box).overflowX)) box = box.parentElement;
        if (!box) return null;
        box.scrollTo({ left: to });
        const x = (selector: string) => (el.querySelector(selector)?.getBoundingClientRect().left ?? 0) - box.getBoundingClientRect().left;
        return { wider: box.scrollWidth > box.clientWidth, name: x('tbody th'), total: x('tbody td:last-child') };
      }, left);
    await expect.poll(async () => (await scrollTable(0))?.wider, { timeout: 5000 }).toBe(true);
    const before = await scrollTable(0);
    const after = await scrollTable(200);
    expect(after?.name).toBe(before?.name);
    expect(after?.total).toBeLessThan((before?.total ?? 0) - 20);
    // Only the table scrolls sideways, never the page.
    await expect
      .poll(() => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), { timeout: 5000 })
      .toBeLessThanOrEqual(0);
    await scrollTable(0);
    await shot(page, 'table-after');

    expect(desk.consoleErrors).toEqual([]);
  });
  it('releases the course totals to the Hub’s grades for a term, where the class teacher finds them', async () => {
    const t = e2e.t();
    const { owner, id, teacher, ana, ben, course } = await gradedCourse(t);
    // The Hub's side: a year with a running term, a subject, and a class whose student records are the learners.
    const api = owner.client;
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
    const termId = year.terms[0]?.id as string;
    const physics = await api.structure.create(id, 'subjects', { name: 'Physics', code: 'PHY' });
    const klass = await api.structure.create(id, 'classes', {
      name: '10B',
      code: '10B',
      academicYearId: year.id,
      homeroomTeacherId: teacher.id,
    });
    const records = [
      await api.students.create(id, { studentNumber: 'A1', firstName: 'Ana', lastName: 'Lopez', userId: ana.id }),
      await api.students.create(id, { studentNumber: 'B2', firstName: 'Ben', lastName: 'Okafor', userId: ben.id }),
    ];
    await api.students.enrol(
      id,
      klass.id,
      records.map((r) => r.id),
    );
    await teacher.client.courses.update(id, course.id, { classIds: [klass.id] });

    const desk = await openPage(await e2e.browser().newContext({ viewport: { width: 1280, height: 800 } }));
    onFailure('release', desk);
    const { page } = desk;
    await signIn(page, teacher.email);
    await page.goto(`${t.url}/institutions/${id}/courses/${course.id}?tab=gradebook`);
    await expect.poll(() => percentOf(cell(page, 'Ana Lopez', 'Course total')), { timeout: 15_000 }).toBe('87.5');
    expect(await page.locator('[data-last-release]').count()).toBe(0);

    // No subject yet: the page says so before, and shows the server's refusal after.
    await page.getByRole('button', { name: 'Release to Hub grades' }).click();
    const dialog = page.getByRole('dialog', { name: 'Release to Hub grades' });
    await expect.poll(() => field(dialog, 'Term').inputValue(), { timeout: 10_000 }).toBe('First term · This year');
    expect(await dialog.locator('[data-release-hint]').textContent()).toContain('Choose the course’s subject');
    await field(dialog, 'Weight').fill('2');
    await dialog.getByRole('button', { name: 'Release grades' }).click();
    const refusal = dialog.getByRole('alert').filter({ hasText: 'This course has no subject' });
    await expect.poll(() => refusal.count(), { timeout: 10_000 }).toBe(1);
    await shot(page, 'release-refused');
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    // With the subject set, the release goes through: 2 learners, this term, weight 2.
    await teacher.client.courses.update(id, course.id, { subjectId: physics.id });
    await page.reload();
    await page.getByRole('button', { name: 'Release to Hub grades' }).click();
    await expect.poll(() => field(dialog, 'Term').inputValue(), { timeout: 10_000 }).toBe('First term · This year');
    expect(await dialog.locator('[data-release-hint]').count()).toBe(0);
    await field(dialog, 'Weight').fill('2');
    await dialog.getByRole('button', { name: 'Release grades' }).click();
    await expect.poll(() => dialog.count(), { timeout: 10_000 }).toBe(0);
    const released = page.locator('[data-last-release]');
    await expect
      .poll(() => released.textContent(), { timeout: 10_000 })
      .toMatch(/^Released to 2 learners on .+ · First term · This year · weight 2$/);
    await shot(page, 'released');

    // The Hub's consumer runs from the outbox, a moment later; then the class teacher sees the marks.
    const hubBook = () => api.grades.gradebook(id, klass.id, { subjectId: physics.id, termId });
    await waitFor('the released marks in the Hub', async () => (await hubBook()).rows.every((r) => Object.keys(r.marks).length === 1));
    await page.goto(`${t.url}/institutions/${id}/grades?class=${klass.id}&subject=${physics.id}&term=${termId}`);
    const mark = (learner: string) => page.getByLabel(`${learner}: Waves & Optics`, { exact: true });
    await expect.poll(() => mark('Ana Lopez').inputValue(), { timeout: 15_000 }).toBe('87.5');
    expect(await mark('Ben Okafor').inputValue()).toBe('0');
    expect(await page.locator('[data-term="Ana Lopez"]').textContent()).toContain('87.5 %');
    await shot(page, 'hub-grades');

    // The refused release (a 400 or 422) is the only error the browser reports.
    expect(desk.consoleErrors.filter((e) => !/status of 4(00|22)/.test(e))).toEqual([]);
  });
});
