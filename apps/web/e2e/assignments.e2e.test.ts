// Assignments end to end: a teacher sets one with a rubric in the browser, a student hands in text
// and a file and hands in again, the teacher grades with the rubric and an inline comment and
// releases, the student sees it all; then anonymous peer review after a deadline.
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { addMember, createInstitution, signedUpClient } from '../../server/src/testing/factories.ts';
import { openPage, screenshotOnFailure, screenshotsAtWidths, signInAs, useE2E, type WatchedPage, WEB_DIST } from './browser.ts';

/** Where to save screenshots for a look at the pages (ASSIGN_SHOTS=/tmp/assign-shots); none without it. */
const SHOTS = process.env.ASSIGN_SHOTS;

/** A date `days` from today as YYYY-MM-DD (a day's margin either side of any time zone). */
const dayFromNow = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

const FIRST_DRAFT = 'We dropped a ball from three heights.\nIt fell faster each time.';
const REPORT =
  'We dropped a steel ball from three heights and timed each fall.\nThe ball accelerated at about 9.7 m/s², close to g.\nAir resistance was small.';
const COMMENTED = 'about 9.7 m/s²';

describe('assignments in Chromium', () => {
  const e2e = useE2E(WEB_DIST);

  const signIn = (page: Page, email: string) => signInAs(page, e2e.t().url, email);
  const onFailure = (name: string, watched: WatchedPage) => screenshotOnFailure(`assignments-${name}`, watched);
  const field = (scope: Page | Locator, label: string) => scope.getByLabel(new RegExp(`^${label}( \\*)?$`));
  const shot = (page: Page, name: string) => screenshotsAtWidths(page, SHOTS, name);

  async function choose(page: Page, input: Locator, option: string) {
    await input.click();
    await page.getByRole('option', { name: option, exact: true }).click();
  }

  /** Selects `phrase` in the submitted text as a reader would, then lets go of the mouse. */
  async function selectInText(page: Page, phrase: string) {
    await page.locator('[data-submission-text]').evaluate((el, wanted) => {
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.textContent?.indexOf(wanted) ?? -1;
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + wanted.length);
        const selection = document.getSelection();
        selection?.removeAllRanges();
        selection?.addRange(range);
        el.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
        return;
      }
      throw new Error(`"${wanted}" is not in the text`);
    }, phrase);
  }

  async function setUp(names: string[]) {
    const t = e2e.t();
    const owner = await signedUpClient(t, 'Olga Owner');
    const { id } = await createInstitution(owner.client, { name: 'Quay School', timezone: 'Europe/Paris' });
    const teacher = await addMember(t, owner.client, id, 'teacher');
    const students = [];
    for (const name of names) {
      const s = await addMember(t, owner.client, id, 'student');
      await s.client.me.update({ displayName: name });
      students.push(s);
    }
    const c = teacher.client.courses;
    const course = await c.create(id, { title: 'Mechanics' });
    const mod = await c.addModule(id, course.id, { title: 'Forces' });
    await c.addLesson(id, course.id, mod.id, { title: 'Pushes and pulls', published: true });
    await c.update(id, course.id, { status: 'published' });
    await c.enrol(id, course.id, { userIds: students.map((s) => s.id) });
    return { t, id, teacher, students, course, coursePage: `${t.url}/institutions/${id}/courses/${course.id}` };
  }

  it('a teacher sets a rubric-graded report; a student hands in and resubmits; the teacher comments, grades and releases', async () => {
    const { id, teacher, students, course, coursePage } = await setUp(['Ada Lovelace']);
    const ada = students[0] as (typeof students)[number];
    const due = dayFromNow(7);

    // The teacher creates the assignment in the browser.
    const desk = await openPage(await e2e.browser().newContext({ viewport: { width: 1280, height: 800 } }));
    onFailure('teacher', desk);
    const { page } = desk;
    await signIn(page, teacher.email);
    await page.goto(`${coursePage}?tab=assignments`);
    await page.getByRole('button', { name: 'New assignment' }).click();
    const dialog = page.getByRole('dialog', { name: 'New assignment' });
    await field(dialog, 'Title').fill('Lab report: falling bodies');
    await field(dialog, 'Instructions').fill('Drop a ball from **three heights** and report what you find.');
    await field(dialog, 'Due date').fill(due);
    await field(dialog, 'Due time').fill('17:00');
    await choose(page, field(dialog, 'Late work'), 'Accept with a penalty');
    await field(dialog, 'Penalty per day \\(%\\)').fill('20');
    await dialog.getByRole('button', { name: '+ Add criterion' }).click();
    await dialog.getByRole('button', { name: '+ Add criterion' }).click();
    await field(dialog, 'Criterion 1').fill('Method');
    await field(dialog, 'Criterion 2').fill('Conclusion');
    await field(dialog, 'Criterion 2, level 1 points').fill('6');
    await dialog.getByRole('switch', { name: 'Published' }).check({ force: true });
    await expect.poll(() => dialog.getByText('Maximum from the rubric: 10 points.').count(), { timeout: 5000 }).toBe(1);
    await shot(page, 'assignment-form');
    await dialog.getByRole('button', { name: 'Create assignment' }).click();
    await expect.poll(() => dialog.count(), { timeout: 10_000 }).toBe(0);
    const row = page.locator('[data-assignment="Lab report: falling bodies"]');
    await expect.poll(() => row.locator('[data-stats]').textContent(), { timeout: 10_000 }).toBe('0 / 1 handed in · 0 graded');
    expect(await row.locator('[data-due]').textContent()).toMatch(/^Due .*(5:00 PM|17:00) \(Europe\/Paris\)$/);
    const [assignment] = await teacher.client.assignments.list(id, course.id);
    expect(assignment).toMatchObject({
      due: { date: due, time: '17:00' },
      timeZone: 'Europe/Paris',
      latePolicy: 'penalise',
      latePenaltyPercent: 20,
      maxPoints: 10,
      published: true,
    });
    expect(assignment?.rubric.map((c) => [c.title, c.levels.map((l) => `${l.title} ${l.points}`)])).toEqual([
      ['Method', ['Excellent 4', 'Good 3', 'Needs work 1']],
      ['Conclusion', ['Excellent 6', 'Good 3', 'Needs work 1']],
    ]);
    await shot(page, 'assignments-tab');
    // Editing opens the form with what was saved, the rubric included.
    await row.getByRole('button', { name: 'Edit Lab report: falling bodies' }).click();
    const edit = page.getByRole('dialog', { name: 'Edit Lab report: falling bodies' });
    await expect.poll(() => field(edit, 'Criterion 2').inputValue(), { timeout: 5000 }).toBe('Conclusion');
    expect(await field(edit, 'Due time').inputValue()).toBe('17:00');
    expect(await field(edit, 'Penalty per day \\(%\\)').inputValue()).toBe('20');
    await edit.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => edit.count(), { timeout: 5000 }).toBe(0);

    // Ada finds it on the course page (on her phone), hands in text, a file, and text again.
    const phone = await openPage(await e2e.browser().newContext({ viewport: { width: 390, height: 844 } }));
    onFailure('student', phone);
    const p = phone.page;
    await signIn(p, ada.email);
    await p.goto(coursePage);
    const mine = p.locator('[data-assignment="Lab report: falling bodies"]');
    await expect.poll(() => mine.locator('[data-standing]').textContent(), { timeout: 15_000 }).toBe('To do');
    expect(await mine.textContent()).toMatch(/Due in [67] days/);
    await mine.getByRole('link', { name: 'Open Lab report: falling bodies' }).click();
    await p.waitForURL(/\/assignments\/[\w-]+$/);
    await expect
      .poll(() => p.locator('[data-late-policy]').textContent(), { timeout: 10_000 })
      .toContain('loses 20% of its grade for each day');
    expect(await p.getByRole('region', { name: 'Instructions' }).locator('strong').textContent()).toBe('three heights');
    await field(p, 'Your text').fill(FIRST_DRAFT);
    await p.getByRole('button', { name: 'Hand in text' }).click();
    const version = p.locator('[data-current-version]');
    await expect.poll(() => version.textContent(), { timeout: 10_000 }).toMatch(/^Version 1, handed in .* · On time$/);
    await p
      .getByRole('region', { name: 'Hand in' })
      .locator('input[type="file"]')
      .setInputFiles({ name: 'timings.csv', mimeType: 'text/csv', buffer: Buffer.from('height_m,time_s\n1,0.45\n2,0.64\n3,0.78\n') });
    await p.getByRole('button', { name: 'Upload file' }).click();
    await expect.poll(() => version.textContent(), { timeout: 10_000 }).toMatch(/^Version 2,/);
    expect(await p.getByRole('button', { name: 'Download timings.csv' }).count()).toBe(1);
    await field(p, 'Your text').fill(REPORT);
    await p.getByRole('button', { name: 'Hand in text again' }).click();
    await expect.poll(() => version.textContent(), { timeout: 10_000 }).toMatch(/^Version 3,/);
    expect(await p.locator('[data-version]').count()).toBe(3);
    await shot(p, 'learner-handed-in');
    const handedIn = await ada.client.assignments.mine(id, course.id, assignment?.id as string);
    expect(handedIn).toMatchObject({ version: 3, text: REPORT, file: { name: 'timings.csv', type: 'text/csv' }, canSubmit: true });

    // The teacher opens the submissions, comments on a phrase, picks the rubric levels, saves.
    await page.goto(`${coursePage}?tab=assignments`);
    await row.getByRole('link', { name: 'Submissions' }).click();
    const sub = page.locator('[data-submission="Ada Lovelace"]');
    await expect.poll(() => sub.locator('[data-status]').textContent(), { timeout: 15_000 }).toBe('To grade');
    expect(await sub.textContent()).toContain('3 versions');
    await shot(page, 'submissions');
    await page.getByRole('link', { name: 'Grade the work of Ada Lovelace' }).click();
    await expect.poll(() => page.locator('[data-submission-text]').textContent(), { timeout: 15_000 }).toBe(REPORT);
    await selectInText(page, COMMENTED);
    const comment = page.getByRole('region', { name: 'New comment' });
    expect(await comment.textContent()).toContain(`“${COMMENTED}”`);
    await field(comment, 'Comment on the selection').fill('Good: and say how you timed it.');
    await shot(page, 'grader-commenting');
    await comment.getByRole('button', { name: 'Add comment' }).click();
    const comments = page.getByRole('list', { name: 'Comments on the text' });
    await expect
      .poll(() => comments.locator('[data-comment-text]').allTextContents(), { timeout: 5000 })
      .toEqual(['Good: and say how you timed it.']);
    // A second comment, on words found by typing them (no mouse needed), removed again.
    await field(page, 'Find words to comment on').fill('Air resistance');
    await field(page, 'Find words to comment on').press('Enter');
    await field(page, 'Comment on the selection').fill('Too short.');
    await page.getByRole('button', { name: 'Add comment' }).click();
    await expect.poll(() => comments.locator('[data-comment]').count(), { timeout: 5000 }).toBe(2);
    await page.getByRole('button', { name: 'Remove comment 2' }).click();
    await expect.poll(() => comments.locator('[data-comment]').count(), { timeout: 5000 }).toBe(1);
    await page.getByRole('radio', { name: 'Method: Excellent' }).click();
    await page.getByRole('radio', { name: 'Conclusion: Good' }).click();
    await expect.poll(() => page.locator('[data-rubric-total]').textContent(), { timeout: 5000 }).toBe('Total: 7 / 10');
    await field(page, 'Overall feedback').fill('A clear report. Repeat each drop to average the times.');
    await page.getByRole('button', { name: 'Save grade' }).click();
    const saved = page.getByRole('region', { name: 'Saved grade' });
    await expect.poll(() => saved.locator('[data-final-percent]').textContent(), { timeout: 10_000 }).toBe('70%');
    expect(await saved.locator('[data-penalty]').count()).toBe(0);
    await shot(page, 'grader');
    const graded = await teacher.client.assignments.submissionOf(id, course.id, assignment?.id as string, ada.id);
    const start = REPORT.indexOf(COMMENTED);
    expect(graded.grade).toMatchObject({
      points: 7,
      percent: 70,
      penaltyPercent: 0,
      version: 3,
      annotations: [{ start, end: start + COMMENTED.length, comment: 'Good: and say how you timed it.' }],
    });

    // Until released Ada sees no grade; then the teacher releases.
    await p.reload();
    await expect.poll(() => version.textContent(), { timeout: 15_000 }).toMatch(/^Version 3,/);
    expect(await p.getByRole('region', { name: 'Your grade' }).count()).toBe(0);
    await page.getByRole('link', { name: 'Lab report: falling bodies' }).click();
    await expect.poll(() => sub.locator('[data-grade-cell]').textContent(), { timeout: 15_000 }).toBe('7 / 10 · 70%');
    await page.getByRole('button', { name: 'Release grades' }).click();
    await expect.poll(() => page.locator('[data-released]').count(), { timeout: 10_000 }).toBe(1);

    // Ada sees the grade, the levels reached, the feedback and the comment on her phrase.
    await p.reload();
    const grade = p.getByRole('region', { name: 'Your grade' });
    await expect.poll(() => grade.locator('[data-final-percent]').textContent(), { timeout: 15_000 }).toBe('70%');
    expect(await grade.locator('[data-grade-points]').textContent()).toBe('7 / 10 points');
    expect(await grade.locator('[data-criterion="Method"] [data-selected]').textContent()).toContain('Excellent');
    expect(await grade.locator('[data-criterion="Conclusion"] [data-selected]').textContent()).toContain('Good');
    expect(await grade.locator('[data-feedback]').textContent()).toBe('A clear report. Repeat each drop to average the times.');
    expect(await grade.locator('mark[data-annotation]').allTextContents()).toEqual([COMMENTED]);
    expect(await grade.locator('[data-comment-text]').allTextContents()).toEqual(['Good: and say how you timed it.']);
    await shot(p, 'learner-graded');
    await p.goto(coursePage);
    await expect.poll(() => mine.locator('[data-standing]').textContent(), { timeout: 15_000 }).toBe('Graded');

    expect(desk.consoleErrors).toEqual([]);
    expect(phone.consoleErrors).toEqual([]);
  });

  it('after the deadline each learner reviews a classmate’s work anonymously', async () => {
    const { id, teacher, students, course, coursePage } = await setUp(['Ada Lovelace', 'Ben Franklin']);
    const [ada, ben] = students as [(typeof students)[number], (typeof students)[number]];
    const assignment = await teacher.client.assignments.create(id, course.id, {
      title: 'Essay on friction',
      instructions: 'Explain friction with two everyday examples.',
      due: { date: dayFromNow(-3), time: '09:00' },
      latePolicy: 'accept',
      peerReviews: 1,
      rubric: [
        {
          id: 'clarity',
          title: 'Clarity',
          levels: [
            { id: 'clear', title: 'Clear', points: 2 },
            { id: 'muddled', title: 'Muddled', points: 0 },
          ],
        },
      ],
      published: true,
    });
    const a = ada.client.assignments;
    await a.submitText(id, course.id, assignment.id, 'Friction stops a sliding book and lets shoes grip the floor.');
    await ben.client.assignments.submitText(id, course.id, assignment.id, 'Brakes use friction; so does a match when struck.');
    await ben.client.assignments.submitFile(
      id,
      course.id,
      assignment.id,
      new Blob(['distance,speed\n1,2\n'], { type: 'text/csv' }),
      'brakes.csv',
    );

    const phone = await openPage(await e2e.browser().newContext({ viewport: { width: 390, height: 844 } }));
    onFailure('reviewer', phone);
    const p = phone.page;
    await signIn(p, ada.email);
    await p.goto(`${coursePage}/assignments/${assignment.id}`);
    const task = p.locator('[data-review-task="Submission 1"]');
    await expect
      .poll(() => task.locator('[data-review-text]').textContent(), { timeout: 15_000 })
      .toBe('Brakes use friction; so does a match when struck.');
    expect(await p.getByRole('region', { name: 'Peer review' }).textContent()).not.toContain('Ben');
    expect(await p.locator('[data-countdown]').textContent()).toBe('Deadline passed');
    const [download] = await Promise.all([
      p.waitForEvent('download'),
      task.getByRole('button', { name: 'Download the file (brakes.csv)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('brakes.csv');
    await task.getByRole('radio', { name: 'Clarity: Clear' }).click();
    await field(task, 'Your review').fill('Two good examples; say why the match lights.');
    await task.getByRole('button', { name: 'Send review' }).click();
    await expect.poll(() => task.getByText('Reviewed', { exact: true }).count(), { timeout: 10_000 }).toBe(1);
    await shot(p, 'peer-review');

    const all = await teacher.client.assignments.peerReviews(id, course.id, assignment.id);
    expect(all.all.find((r) => r.reviewerId === ada.id)).toMatchObject({
      authorName: 'Ben Franklin',
      comment: 'Two good examples; say why the match lights.',
    });

    // The teacher sees who reviewed whom.
    const desk = await openPage(await e2e.browser().newContext({ viewport: { width: 1280, height: 800 } }));
    onFailure('teacher-reviews', desk);
    const page = desk.page;
    await signIn(page, teacher.email);
    await page.goto(`${coursePage}/assignments/${assignment.id}`);
    await expect
      .poll(() => page.locator('[data-peer-review="Ada Lovelace → Ben Franklin"]').textContent(), { timeout: 15_000 })
      .toContain('Two good examples');
    await shot(page, 'teacher-peer-reviews');

    // Late work under a penalty, graded with points: the page shows the penalty and what is left.
    const late = await teacher.client.assignments.create(id, course.id, {
      title: 'Short answers',
      due: { date: dayFromNow(-3), time: '09:00' },
      latePolicy: 'penalise',
      latePenaltyPercent: 10,
      allowFiles: false,
      maxPoints: 20,
      published: true,
    });
    await a.submitText(id, course.id, late.id, 'Static friction is larger than kinetic friction.');
    await page.goto(`${coursePage}/assignments/${late.id}`);
    const lateRow = page.locator('[data-submission="Ada Lovelace"]');
    await expect.poll(() => lateRow.textContent(), { timeout: 15_000 }).toMatch(/[34] days late/);
    await lateRow.getByRole('link', { name: 'Grade the work of Ada Lovelace' }).click();
    await field(page, 'Points \\(out of 20\\)').fill('18');
    await page.getByRole('button', { name: 'Save grade' }).click();
    const saved = page.getByRole('region', { name: 'Saved grade' });
    await expect.poll(() => saved.locator('[data-penalty]').textContent(), { timeout: 10_000 }).toMatch(/^−[34]0% late penalty$/);
    const lateGrade = (await teacher.client.assignments.submissionOf(id, course.id, late.id, ada.id)).grade;
    expect(await saved.locator('[data-final-percent]').textContent()).toBe(`${lateGrade?.percent}%`);
    expect(lateGrade).toMatchObject({ points: 18, maxPoints: 20 });
    expect(lateGrade?.percent).toBeLessThan(90);
    await shot(page, 'grader-points');

    expect(phone.consoleErrors).toEqual([]);
    expect(desk.consoleErrors).toEqual([]);
  });
});
