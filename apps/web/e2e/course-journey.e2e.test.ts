// The Courses journey in one run, as the "done when" states it: a teacher builds a course
// in the browser (module, lessons, a bank of five question types, a quiz), publishes it and enrols a
// class; a student of that class completes the lessons and takes the quiz; the teacher grades the
// essay and releases the gradebook to the Hub, where the class's mark appears; the student sees
// points and badges. Each step's finer points have their own e2e test.
import { POINTS } from '@edumatrix/contracts';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { addMember, createInstitution, signedUpClient } from '../../server/src/testing/factories.ts';
import { openPage, screenshotOnFailure, screenshotsAtWidths, signInAs, useE2E, type WatchedPage, WEB_DIST } from './browser.ts';

/** Where to save screenshots for a look at the pages (JOURNEY_SHOTS=/tmp/journey-shots); none without it. */
const SHOTS = process.env.JOURNEY_SHOTS;

/** YYYY-MM-DD `days` from today (UTC): the year and its term are laid around the day the test runs. */
const day = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

const COURSE = 'Physics 101';
const MODULE = 'Week 1: Motion';
const LESSONS = ['Speed and velocity', 'Newton’s laws'] as const;
const QUIZ = 'Motion check';

describe('the Courses journey in Chromium', () => {
  const e2e = useE2E(WEB_DIST);

  const signIn = (page: Page, email: string) => signInAs(page, e2e.t().url, email);
  const onFailure = (name: string, watched: WatchedPage) => screenshotOnFailure(`course-journey-${name}`, watched);
  /** The input labelled exactly `label`; a required field's label ends in an asterisk. */
  const field = (scope: Page | Locator, label: string) => scope.getByLabel(new RegExp(`^${label}( \\*)?$`));
  const shot = (page: Page, name: string) => screenshotsAtWidths(page, SHOTS, name);

  /** Picks an option of a Mantine select. */
  async function choose(page: Page, input: Locator, option: string) {
    await input.click();
    await page.getByRole('option', { name: option, exact: true }).click();
  }

  /** Waits for a dialog to close after its submit button. */
  async function submit(dialog: Locator, button: string) {
    await dialog.getByRole('button', { name: button, exact: true }).click();
    await expect.poll(() => dialog.count(), { timeout: 10_000 }).toBe(0);
  }

  it('teacher builds, publishes and enrols a class; a student learns and takes the quiz; grades reach the Hub; points and badges', async () => {
    const t = e2e.t();

    // --- The Hub's side, through the API: a year with a running term, a subject, a class and its student.
    const owner = await signedUpClient(t, 'Olga Owner');
    const api = owner.client;
    const { id } = await createInstitution(api, { name: 'Lakeside Academy' });
    const teacher = await addMember(t, api, id, 'teacher');
    const learner = await addMember(t, api, id, 'student');
    await teacher.client.me.update({ displayName: 'Tariq Teacher' });
    await learner.client.me.update({ displayName: 'Amna Zahid' });
    const year = await api.academicYears.create(id, {
      name: 'This year',
      startsOn: day(-60),
      endsOn: day(200),
      current: true,
      terms: [{ name: 'First term', startsOn: day(-60), endsOn: day(60) }],
    });
    await api.structure.create(id, 'subjects', { name: 'Physics', code: 'PHY' });
    const klass = await api.structure.create(id, 'classes', {
      name: '10B',
      code: '10B',
      academicYearId: year.id,
      homeroomTeacherId: teacher.id,
    });
    const record = await api.students.create(id, { studentNumber: 'A1', firstName: 'Amna', lastName: 'Zahid', userId: learner.id });
    await api.students.enrol(id, klass.id, [record.id]);

    // --- The teacher, at a desk, builds the course ---------------------------------------------
    const desk = await openPage(await e2e.browser().newContext({ viewport: { width: 1280, height: 800 } }));
    onFailure('teacher', desk);
    const { page } = desk;
    await signIn(page, teacher.email);
    await page.goto(`${t.url}/institutions/${id}`);
    await page.getByRole('link', { name: 'Courses', exact: true }).click();
    await page.waitForURL(/\/courses$/);
    await page.getByRole('button', { name: 'New course' }).click();
    const create = page.getByRole('dialog', { name: 'New course' });
    await field(create, 'Title').fill(COURSE);
    await field(create, 'Code').fill('PHY-101');
    await field(create, 'Summary').fill('Motion and forces for beginners.');
    await submit(create, 'Create course');
    await page.waitForURL(/\/courses\/[\w-]+$/);
    await expect.poll(() => page.getByRole('heading', { name: COURSE }).count(), { timeout: 10_000 }).toBe(1);

    await page.getByRole('button', { name: 'Add module' }).click();
    const moduleDialog = page.getByRole('dialog', { name: 'Add a module' });
    await field(moduleDialog, 'Title').fill(MODULE);
    await submit(moduleDialog, 'Add module');
    for (const [i, title] of LESSONS.entries()) {
      await page.getByRole('button', { name: `Add lesson to ${MODULE}` }).click();
      const dialog = page.getByRole('dialog', { name: 'Add a lesson' });
      await field(dialog, 'Title').fill(title);
      await field(dialog, 'Lesson').fill(i === 0 ? 'Speed is **distance over time**.' : 'A force makes a body **accelerate**.');
      await field(dialog, 'Minutes').fill('10');
      await dialog.getByRole('switch', { name: 'Published' }).check({ force: true });
      await submit(dialog, 'Add lesson');
    }
    const lessonRows = page.locator('[data-lesson]');
    await expect
      .poll(() => lessonRows.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-lesson'))), { timeout: 10_000 })
      .toEqual([...LESSONS]);
    expect(await lessonRows.filter({ hasText: 'Draft' }).count()).toBe(0);

    // The question bank: five types, each with its own form.
    await page.getByRole('tab', { name: 'Quizzes' }).click();
    const bank = page.getByRole('region', { name: 'Question bank' });
    const addQuestion = async (type: string, prompt: string, fill: (dialog: Locator) => Promise<void>) => {
      await page.getByRole('button', { name: 'Add question' }).click();
      const dialog = page.getByRole('dialog', { name: 'Add a question' });
      if (type !== 'Single choice') await choose(page, field(dialog, 'Type'), type);
      await field(dialog, 'Question').fill(prompt);
      await fill(dialog);
      await submit(dialog, 'Add question');
    };
    await addQuestion('Single choice', 'What is the unit of speed?', async (d) => {
      await d.getByRole('textbox', { name: 'Option 1', exact: true }).fill('kg');
      await d.getByRole('textbox', { name: 'Option 2', exact: true }).fill('m/s');
      await d.getByRole('checkbox', { name: 'Option 2 is correct' }).check();
      await field(d, 'When correct').fill('Right: metres per second.');
    });
    await addQuestion('Multiple response', 'Which of these are forces?', async (d) => {
      await d.getByRole('button', { name: '+ Add option' }).click();
      for (const [i, text] of ['Friction', 'Colour', 'Gravity'].entries())
        await d.getByRole('textbox', { name: `Option ${i + 1}`, exact: true }).fill(text);
      await d.getByRole('checkbox', { name: 'Option 1 is correct' }).check();
      await d.getByRole('checkbox', { name: 'Option 3 is correct' }).check();
      await field(d, 'When correct').fill('Yes: friction and gravity push and pull.');
    });
    await addQuestion('True or false', 'A body at rest has no forces on it.', async (d) => {
      await d.getByRole('radiogroup', { name: 'The statement is' }).getByText('False', { exact: true }).click();
      await field(d, 'When correct').fill('Right: the forces on it balance.');
    });
    await addQuestion('Numeric', 'A car goes 100 m in 20 s. Its speed in m/s?', async (d) => {
      await field(d, 'Answer').fill('5');
      await field(d, 'Tolerance').fill('0.1');
      await field(d, 'When correct').fill('Yes: 100 ÷ 20 = 5 m/s.');
    });
    await addQuestion('Essay', 'Explain Newton’s third law with an example.', async (d) => {
      await field(d, 'Guidance for graders').fill('Equal and opposite forces on two different bodies.');
      await field(d, 'Points').fill('4');
    });
    await expect.poll(() => bank.locator('[data-question]').count(), { timeout: 10_000 }).toBe(5);
    await shot(page, 'teacher-bank');

    // A quiz of all five, results and feedback after submitting, published.
    await page.getByRole('button', { name: 'New quiz' }).click();
    const quizDialog = page.getByRole('dialog', { name: 'New quiz' });
    await field(quizDialog, 'Title').fill(QUIZ);
    for (const prompt of ['What is the unit', 'Which of these', 'A body at rest', 'A car goes', 'Explain Newton'])
      await quizDialog.getByRole('checkbox', { name: new RegExp(`^${prompt}`) }).check();
    expect(await field(quizDialog, 'Show results and feedback').inputValue()).toBe('After submitting');
    await quizDialog.getByRole('switch', { name: 'Published' }).check({ force: true });
    await submit(quizDialog, 'Create quiz');
    await expect.poll(() => page.locator(`[data-quiz="${QUIZ}"]`).textContent(), { timeout: 10_000 }).toContain('5 questions');

    // Published, then class 10B enrolled by its roster.
    await page.getByRole('button', { name: 'Publish' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Archive' }).count(), { timeout: 10_000 }).toBe(1);
    await page.getByRole('tab', { name: 'Enrolment' }).click();
    await page.getByRole('combobox', { name: 'Classes' }).click();
    await page.getByRole('option', { name: '10B' }).click();
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Enrol', exact: true }).click();
    const enrolled = page.getByRole('list', { name: 'Enrolled students' });
    await expect.poll(() => enrolled.getByRole('listitem').count(), { timeout: 10_000 }).toBe(1);
    expect(await enrolled.getByRole('listitem').textContent()).toContain('Amna Zahid');
    expect(await enrolled.getByRole('listitem').textContent()).toContain('Through their class');
    await shot(page, 'teacher-enrolment');

    // --- The student, on a phone: both lessons, then the quiz ---------------------------------
    const phone = await openPage(await e2e.browser().newContext({ viewport: { width: 390, height: 844 } }));
    onFailure('student', phone);
    const p = phone.page;
    await signIn(p, learner.email);
    await p.goto(`${t.url}/institutions/${id}/courses`);
    const card = p.getByRole('article', { name: COURSE });
    await expect.poll(() => card.count(), { timeout: 15_000 }).toBe(1);
    expect(await card.textContent()).toContain('Enrolled');
    await card.getByRole('link', { name: COURSE }).click();
    await p.getByRole('link', { name: `Start with ${LESSONS[0]}` }).click();
    const bar = p.locator('[data-course-progress]');
    for (const [i, title] of LESSONS.entries()) {
      await expect.poll(() => p.getByRole('heading', { name: title }).count(), { timeout: 10_000 }).toBe(1);
      await p.getByRole('button', { name: 'Mark as complete' }).click();
      await expect.poll(() => p.getByText('Completed ✓').count(), { timeout: 10_000 }).toBe(1);
      await expect.poll(() => bar.textContent(), { timeout: 10_000 }).toContain(`${i + 1} of 2 lessons`);
      const next = LESSONS[i + 1];
      if (next) await p.getByRole('link', { name: `${next} →` }).click();
    }
    await shot(p, 'student-lesson-done');
    await p.getByRole('link', { name: `← ${COURSE}` }).click();
    await expect.poll(() => p.getByText('You completed this course', { exact: false }).count(), { timeout: 15_000 }).toBe(1);

    const quizRow = p.locator(`[data-quiz="${QUIZ}"]`);
    await expect.poll(() => quizRow.textContent(), { timeout: 15_000 }).toContain('Not attempted yet');
    await shot(p, 'student-course');
    await quizRow.getByRole('button', { name: 'Start' }).click();
    await p.waitForURL(/\/attempts\/[\w-]+$/);
    const section = (type: string) => p.locator(`[data-question-type="${type}"]`);
    await section('single_choice').getByRole('radio', { name: 'm/s' }).check();
    await section('multiple_response').getByRole('checkbox', { name: 'Friction' }).check();
    await section('multiple_response').getByRole('checkbox', { name: 'Gravity' }).check();
    await section('true_false').getByRole('radio', { name: 'False' }).check();
    await section('numeric').getByRole('textbox', { name: 'Your answer' }).fill('5');
    await section('essay')
      .getByRole('textbox', { name: 'Your answer' })
      .fill('When I push a wall, the wall pushes back on me just as hard: two bodies, equal and opposite forces.');
    await expect.poll(() => p.locator('[data-save-state="saved"]').count(), { timeout: 10_000 }).toBe(5);
    await shot(p, 'student-taking');
    await p.getByRole('button', { name: 'Submit answers' }).click();
    const confirm = p.getByRole('dialog', { name: 'Submit your answers?' });
    await expect.poll(() => confirm.textContent(), { timeout: 5000 }).toContain('Every question is answered.');
    await confirm.getByRole('button', { name: 'Submit', exact: true }).click();
    // Four points marked at once; the essay's four wait for the teacher.
    const score = p.locator('[data-score]');
    await expect.poll(() => score.textContent(), { timeout: 10_000 }).toBe('Score: 4 / 8');
    expect(await p.locator('[data-awaiting-grading]').count()).toBe(1);
    const feedback = async () => (await p.locator('[data-feedback]').allTextContents()).map((text) => text.trim()).sort();
    await expect
      .poll(feedback, { timeout: 5000 })
      .toEqual([
        'Right: metres per second.',
        'Right: the forces on it balance.',
        'Yes: 100 ÷ 20 = 5 m/s.',
        'Yes: friction and gravity push and pull.',
      ]);
    await shot(p, 'student-results');

    // --- The teacher grades the essay, then releases the gradebook to the Hub -----------------
    await page.getByRole('tab', { name: 'Quizzes' }).click();
    await page.locator(`[data-quiz="${QUIZ}"]`).getByRole('link', { name: 'Attempts' }).click();
    const attemptRow = page.locator('[data-attempt="Amna Zahid"]');
    await expect.poll(() => attemptRow.textContent(), { timeout: 15_000 }).toContain('Needs grading');
    await page.getByRole('link', { name: 'Grade the attempt of Amna Zahid' }).click();
    const grade = page.locator('form[aria-label^="Grade question"]');
    await expect.poll(() => grade.count(), { timeout: 15_000 }).toBe(1);
    await field(grade, 'Points \\(out of 4\\)').fill('3');
    await field(grade, 'Feedback for the student').fill('A good example; say which body each force acts on.');
    await grade.getByRole('button', { name: 'Save grade' }).click();
    await expect.poll(() => page.locator('[data-score]').textContent(), { timeout: 10_000 }).toBe('Score: 7 / 8');
    await shot(page, 'teacher-grading');

    await page.getByRole('link', { name: '← Attempts' }).click();
    await page.getByRole('link', { name: '← Quizzes' }).click();
    await page.getByRole('tab', { name: 'Gradebook' }).click();
    const total = page.getByRole('button', { name: 'Override Amna Zahid · Course total', exact: true });
    await expect.poll(() => total.textContent(), { timeout: 15_000 }).toBe('87.5 %');
    expect(await page.getByRole('button', { name: `Override Amna Zahid · ${QUIZ}`, exact: true }).getAttribute('data-percent')).toBe(
      '87.5',
    );

    // The Hub files grades by subject: the course gets one with Edit details.
    await page.getByRole('button', { name: 'Edit details' }).click();
    const details = page.getByRole('dialog', { name: `Edit ${COURSE}` });
    await choose(page, field(details, 'Subject'), 'Physics');
    await submit(details, 'Save changes');
    await page.getByRole('button', { name: 'Release to Hub grades' }).click();
    const release = page.getByRole('dialog', { name: 'Release to Hub grades' });
    await expect.poll(() => field(release, 'Term').inputValue(), { timeout: 10_000 }).toBe('First term · This year');
    expect(await release.locator('[data-release-hint]').count()).toBe(0);
    await submit(release, 'Release grades');
    await expect
      .poll(() => page.locator('[data-last-release]').textContent(), { timeout: 10_000 })
      .toMatch(/^Released to 1 learner on .+ · First term · This year · weight 1$/);
    await shot(page, 'teacher-gradebook');

    // The Hub's consumer runs from the outbox a moment later: the class's Grades page shows the mark.
    await page.getByRole('link', { name: 'Grades', exact: true }).click();
    await page.waitForURL(/\/grades/);
    const mark = page.getByLabel(`Amna Zahid: ${COURSE}`, { exact: true });
    await expect
      .poll(
        async () => {
          await page.reload();
          await page.getByRole('heading', { name: '10B · Physics · First term · This year' }).waitFor({ timeout: 10_000 });
          await page.waitForLoadState('networkidle');
          return (await mark.count()) ? mark.inputValue() : null;
        },
        { timeout: 30_000, interval: 500 },
      )
      .toBe('87.5');
    expect(await page.locator('[data-term="Amna Zahid"]').textContent()).toContain('87.5 %');
    await shot(page, 'hub-grades');

    // --- The student: the essay's grade, then points and badges (also from a consumer) ---------
    await p.reload();
    await expect.poll(() => score.textContent(), { timeout: 15_000 }).toBe('Score: 7 / 8');
    expect(await p.locator('[data-awaiting-grading]').count()).toBe(0);
    expect(await feedback()).toContain('A good example; say which body each force acts on.');
    await p.getByRole('link', { name: `← ${COURSE}` }).click();
    await expect.poll(() => quizRow.locator('[data-standing]').textContent(), { timeout: 15_000 }).toBe('Attempts used: 1 · Score: 7 / 8');
    await p.getByRole('link', { name: '← All courses' }).click();
    await p.getByRole('link', { name: 'Progress & badges', exact: true }).click();
    await p.waitForURL(/\/achievements$/);
    // Two lessons (10 each), the course (50), the quiz at 7 / 8 (18 of 20).
    const achievements = p.locator('[data-achievements]');
    await expect
      .poll(
        async () => {
          await p.reload();
          await achievements.waitFor({ timeout: 10_000 });
          return achievements.textContent();
        },
        { timeout: 30_000, interval: 500 },
      )
      .toContain('Points88');
    // The points are explained, quizzes included.
    expect(await achievements.textContent()).toContain(`up to ${POINTS.quizFull} a quiz`);
    expect(await p.locator('[data-badge="First step"]').getAttribute('data-earned')).toBe('true');
    expect(await p.locator('[data-badge="Finisher"]').getAttribute('data-earned')).toBe('true');
    await shot(p, 'student-achievements');

    expect(desk.consoleErrors).toEqual([]);
    expect(phone.consoleErrors).toEqual([]);
  });
});
