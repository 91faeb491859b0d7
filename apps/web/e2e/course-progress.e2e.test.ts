import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { addMember, createInstitution, signedUpClient, waitFor } from '../../server/src/testing/factories.ts';
import { openPage, screenshotOnFailure, screenshotsAtWidths, signInAs, useE2E, type WatchedPage, WEB_DIST } from './browser.ts';

/** Where to save screenshots for a look at the pages (PROGRESS_SHOTS=/tmp/progress-shots); none without it. */
const SHOTS = process.env.PROGRESS_SHOTS;

describe('course progress, learning paths and gamification in Chromium', () => {
  const e2e = useE2E(WEB_DIST);

  const signIn = (page: Page, email: string) => signInAs(page, e2e.t().url, email);
  const onFailure = (name: string, watched: WatchedPage) => screenshotOnFailure(`progress-${name}`, watched);

  const shot = (page: Page, name: string) => screenshotsAtWidths(page, SHOTS, name);

  it('a student completes lessons and sees progress, locks and points; a teacher links courses and sees the path', async () => {
    const t = e2e.t();
    const owner = await signedUpClient(t, 'Olga Owner');
    const { id } = await createInstitution(owner.client, { name: 'Hilltop School' });
    const teacher = await addMember(t, owner.client, id, 'teacher');
    const ada = await addMember(t, owner.client, id, 'student');
    await ada.client.me.update({ displayName: 'Ada Lovelace' });

    // Numbers: Counting (two lessons), then Adding, which waits for Counting. Algebra I: one lesson.
    const c = teacher.client.courses;
    const numbers = await c.create(id, { title: 'Numbers' });
    const counting = await c.addModule(id, numbers.id, { title: 'Counting' });
    const adding = await c.addModule(id, numbers.id, { title: 'Adding' });
    await c.addLesson(id, numbers.id, counting.id, { title: 'Ones', body: 'Count **one** by one.', published: true });
    await c.addLesson(id, numbers.id, counting.id, { title: 'Tens', body: 'Then by tens.', published: true });
    const sums = await c.addLesson(id, numbers.id, adding.id, { title: 'Sums', body: 'Put them together.', published: true });
    await c.setModulePrerequisites(id, numbers.id, adding.id, { requires: [counting.id] });
    const algebra = await c.create(id, { title: 'Algebra I' });
    const letters = await c.addModule(id, algebra.id, { title: 'Letters' });
    await c.addLesson(id, algebra.id, letters.id, { title: 'Variables', published: true });
    for (const course of [numbers, algebra]) {
      await c.update(id, course.id, { status: 'published' });
      await c.enrol(id, course.id, { userIds: [ada.id] });
    }
    const base = `${t.url}/institutions/${id}/courses`;

    // The teacher makes Algebra I wait for Numbers; the reverse would be a circle, and says so.
    const desk = await openPage(await e2e.browser().newContext({ viewport: { width: 1280, height: 800 } }));
    onFailure('teacher', desk);
    const { page } = desk;
    await signIn(page, teacher.email);
    await page.goto(`${base}/${algebra.id}?tab=prerequisites`);
    const required = page.getByRole('combobox', { name: 'Courses to complete first' });
    await required.waitFor({ timeout: 15_000 });
    await required.click();
    await page.getByRole('option', { name: 'Numbers' }).click();
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Save courses to complete first' }).click();
    await expect.poll(() => page.getByText('The prerequisites of Algebra I were saved.').count(), { timeout: 10_000 }).toBe(1);
    expect((await c.get(id, algebra.id)).course.requires).toEqual([numbers.id]);

    await page.goto(`${base}/${numbers.id}?tab=prerequisites`);
    await required.waitFor({ timeout: 15_000 });
    await required.click();
    await page.getByRole('option', { name: 'Algebra I' }).click();
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Save courses to complete first' }).click();
    const circle = page.getByText(/^That would make a circle: .*Numbers.*→.*Algebra I/);
    await expect.poll(() => circle.count(), { timeout: 10_000 }).toBe(1);
    await shot(page, 'prerequisites-circle');
    expect((await c.get(id, numbers.id)).course.requires).toEqual([]);

    // The learning path: Numbers opens Algebra I.
    await page.goto(`${base}/learning-path`);
    const diagram = page.getByRole('group', { name: 'Learning path: 2 courses' });
    await diagram.waitFor({ timeout: 15_000 });
    expect(await diagram.getByRole('link', { name: 'Numbers, open.' }).count()).toBe(1);
    expect(await diagram.getByRole('link', { name: 'Algebra I, open. After Numbers.' }).count()).toBe(1);
    expect(await page.locator('[data-edge]').evaluateAll((edges) => edges.map((e) => e.getAttribute('data-edge')))).toEqual([
      'Numbers → Algebra I',
    ]);

    // Ada, on a phone: Algebra I is locked until Numbers is done, and says so.
    const phone = await openPage(await e2e.browser().newContext({ viewport: { width: 390, height: 844 } }));
    onFailure('student', phone);
    const p = phone.page;
    await signIn(p, ada.email);
    await p.goto(`${base}/${algebra.id}`);
    await expect.poll(() => p.getByText('Complete Numbers first.').count(), { timeout: 15_000 }).toBe(1);
    expect(await p.getByRole('link', { name: 'Variables' }).count()).toBe(0);
    await shot(p, 'course-locked-whole');
    await p.goto(`${base}/learning-path`);
    await expect
      .poll(() => p.getByRole('link', { name: 'Algebra I, locked: complete Numbers first. After Numbers.' }).count(), {
        timeout: 15_000,
      })
      .toBe(1);
    await p.setViewportSize({ width: 1280, height: 800 });
    await expect.poll(() => p.locator('[data-learning-path] [data-state="locked"]').count(), { timeout: 5000 }).toBe(1);
    await shot(p, 'learning-path');
    await p.setViewportSize({ width: 390, height: 844 });

    // Numbers: the module Adding waits for Counting; its lesson cannot be opened yet.
    await p.goto(`${base}/${numbers.id}`);
    const adding$ = p.locator('[data-module="Adding"]');
    await expect.poll(() => adding$.getByText('Locked: Complete Counting first.').count(), { timeout: 15_000 }).toBe(1);
    expect(await adding$.getByRole('link', { name: 'Sums' }).count()).toBe(0);
    await shot(p, 'course-locked');
    await p.goto(`${base}/${numbers.id}/lessons/${sums.id}`);
    await expect.poll(() => p.getByText('Complete Counting first.').count(), { timeout: 15_000 }).toBe(1);
    expect(await p.getByText('Put them together.').count()).toBe(0);

    // She starts, marks the first lesson complete; the bar and "Continue" move on.
    await p.goto(`${base}/${numbers.id}`);
    await p.getByRole('link', { name: 'Start with Ones' }).click();
    await expect.poll(() => p.getByRole('heading', { name: 'Ones' }).count(), { timeout: 10_000 }).toBe(1);
    const bar = p.locator('[data-course-progress]');
    await expect.poll(() => bar.textContent(), { timeout: 10_000 }).toContain('0 of 3 lessons · 0%');
    await p.getByRole('button', { name: 'Mark as complete' }).click();
    await expect.poll(() => p.getByText('Completed ✓').count(), { timeout: 10_000 }).toBe(1);
    expect(await bar.textContent()).toContain('1 of 3 lessons · 33%');
    await shot(p, 'lesson-progress');
    await p.goto(`${base}/${numbers.id}`);
    await p.getByRole('link', { name: 'Continue where you left off: Tens' }).click();
    await expect.poll(() => p.getByRole('heading', { name: 'Tens' }).count(), { timeout: 10_000 }).toBe(1);
    await p.getByRole('button', { name: 'Mark as complete' }).click();
    await expect.poll(() => p.getByText('Completed ✓').count(), { timeout: 10_000 }).toBe(1);
    // Leaving the lesson (within the app) reports the time spent on it.
    await p.waitForTimeout(1500);
    await p.getByRole('link', { name: '← Numbers' }).click();
    await waitFor('the time spent', async () => (await ada.client.courses.progress(id, numbers.id)).secondsSpent > 0, 10_000);

    // Counting done: Adding opens, and Continue points at Sums.
    await expect.poll(() => adding$.getByRole('link', { name: 'Sums', exact: true }).count(), { timeout: 15_000 }).toBe(1);
    expect(await adding$.getByText('Locked', { exact: false }).count()).toBe(0);
    await p.getByRole('link', { name: 'Continue where you left off: Sums' }).click();
    await p.getByRole('button', { name: 'Mark as complete' }).click();
    await expect.poll(() => p.getByText('Completed ✓').count(), { timeout: 10_000 }).toBe(1);
    await p.goto(`${base}/${numbers.id}`);
    await expect.poll(() => p.getByText('You completed this course', { exact: false }).count(), { timeout: 15_000 }).toBe(1);

    // Points arrive through the event consumer: 3 lessons, a course, the first day of a streak.
    await waitFor('the points', async () => (await ada.client.courses.achievements(id)).points >= 80, 20_000);
    const { points } = await ada.client.courses.achievements(id);
    await p.goto(`${base}/achievements`);
    const card = p.locator('[data-achievements]');
    await expect.poll(() => card.textContent(), { timeout: 15_000 }).toContain(`Points${points}`);
    expect(await p.locator('[data-badge="First step"]').getAttribute('data-earned')).toBe('true');
    expect(await p.locator('[data-badge="Finisher"]').getAttribute('data-earned')).toBe('true');
    expect(await p.locator('[data-badge="Week streak"]').getAttribute('data-earned')).toBe('false');
    const board = p.getByRole('table', { name: 'Institution leaderboard' });
    await expect.poll(() => board.textContent(), { timeout: 15_000 }).toContain('Ada Lovelace (you)');
    await shot(p, 'achievements');
    await p.getByText('Everyone', { exact: true }).click();
    await expect
      .poll(() => p.getByRole('table', { name: 'Platform leaderboard' }).textContent(), { timeout: 10_000 })
      .toContain('Ada Lovelace (you)');
    await p.goto(base);
    const summary = p.getByRole('region', { name: 'Your achievements' });
    await expect.poll(() => summary.textContent(), { timeout: 15_000 }).toContain(`${points} points`);
    await shot(p, 'courses-summary');
    // Algebra I has opened for her.
    await p.goto(`${base}/learning-path`);
    await expect.poll(() => p.getByRole('link', { name: 'Numbers, completed.' }).count(), { timeout: 15_000 }).toBe(1);
    expect(await p.getByRole('link', { name: 'Algebra I, open. After Numbers.' }).count()).toBe(1);

    // She leaves the leaderboards: the board no longer shows her.
    await p.goto(`${base}/achievements`);
    await board.waitFor({ timeout: 15_000 });
    const showMe = p.getByRole('switch', { name: 'Show me on leaderboards' });
    await showMe.click();
    await expect.poll(() => p.getByText('No one on this leaderboard yet', { exact: false }).count(), { timeout: 10_000 }).toBe(1);
    expect(await showMe.isChecked()).toBe(false);
    expect((await teacher.client.courses.leaderboard(id)).entries).toEqual([]);

    // The teacher sees her progress.
    await page.goto(`${base}/${numbers.id}?tab=progress`);
    const row = page.locator('[data-member="Ada Lovelace"]');
    await expect.poll(() => row.textContent(), { timeout: 15_000 }).toContain('100%');
    expect(await page.getByRole('progressbar', { name: 'Progress of Ada Lovelace' }).count()).toBe(1);
    await shot(page, 'members-progress');

    // …and the course's analytics: one learner, all done.
    await page.getByRole('tab', { name: 'Analytics' }).click();
    const completion = page.locator('[data-stat="Completion rate"] [data-stat-value]');
    await expect.poll(() => completion.textContent(), { timeout: 15_000 }).toBe('100 %');
    const finished = page.locator('[data-chart="lessons-finished"]');
    expect(await finished.getAttribute('aria-label')).toMatch(/: 1(;|$)/);
    expect(await page.locator('[data-chart="drop-off"]').count()).toBe(1);
    await shot(page, 'course-analytics');

    // The refused circle is a 409 the browser reports.
    expect(desk.consoleErrors.filter((e) => !e.includes('status of 409'))).toEqual([]);
    expect(phone.consoleErrors.filter((e) => !e.includes('status of 409'))).toEqual([]);
  });
});
