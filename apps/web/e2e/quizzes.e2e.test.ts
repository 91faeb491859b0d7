import type { CreateQuestionBody } from '@edumatrix/contracts';
import { sql } from 'kysely';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { tenantSchemaName } from '../../server/src/platform/tenancy/tenancy.ts';
import { addMember, createInstitution, signedUpClient } from '../../server/src/testing/factories.ts';
import { openPage, screenshotOnFailure, screenshotsAtWidths, signInAs, useE2E, type WatchedPage, WEB_DIST } from './browser.ts';

/** Where to save screenshots for a look at the pages (QUIZ_SHOTS=/tmp/quiz-shots); none without it. */
const SHOTS = process.env.QUIZ_SHOTS;

/** Questions made through the API; two more are made in the browser. */
const API_QUESTIONS: CreateQuestionBody[] = [
  {
    type: 'numeric',
    prompt: 'How fast does a dropped stone speed up, in m/s²?',
    answer: 9.81,
    tolerance: 0.05,
    tags: ['gravity'],
    feedback: { correct: 'Yes: about **9.81 m/s²** near the ground.', incorrect: 'Think of g.', general: '' },
  },
  {
    type: 'fill_blanks',
    prompt: 'Force equals mass times {{b1}}.',
    blanks: [{ id: 'b1', accepted: ['acceleration'] }],
    tags: ['forces'],
  },
  {
    type: 'ordering',
    prompt: 'Order the planets from the Sun outwards.',
    items: [
      { id: 'i1', text: 'Mercury' },
      { id: 'i2', text: 'Venus' },
      { id: 'i3', text: 'Earth' },
    ],
    tags: ['space'],
  },
  {
    type: 'essay',
    prompt: 'Explain Newton’s third law with an example.',
    points: 5,
    guidance: 'Equal and opposite forces on different bodies.',
    tags: ['forces'],
  },
];

describe('quizzes in Chromium', () => {
  const e2e = useE2E(WEB_DIST);

  const signIn = (page: Page, email: string) => signInAs(page, e2e.t().url, email);
  const onFailure = (name: string, watched: WatchedPage) => screenshotOnFailure(`quizzes-${name}`, watched);
  const field = (scope: Page | Locator, label: string) => scope.getByLabel(new RegExp(`^${label}( \\*)?$`));

  const shot = (page: Page, name: string) => screenshotsAtWidths(page, SHOTS, name);

  /** Picks an option of a Mantine select. */
  async function choose(page: Page, input: Locator, option: string) {
    await input.click();
    await page.getByRole('option', { name: option, exact: true }).click();
  }

  const texts = async (list: Locator) => (await list.allTextContents()).map((text) => text.trim()).sort();

  const orderOf = (page: Page) =>
    page.locator('[data-order-item]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-order-item')));

  it('a teacher builds a bank and a timed quiz; a student takes it; the essay is graded; late answers are refused', async () => {
    const t = e2e.t();
    const owner = await signedUpClient(t, 'Olga Owner');
    const { id } = await createInstitution(owner.client, { name: 'Quay School' });
    const teacher = await addMember(t, owner.client, id, 'teacher');
    const ada = await addMember(t, owner.client, id, 'student');
    await ada.client.me.update({ displayName: 'Ada Lovelace' });
    const c = teacher.client.courses;
    const course = await c.create(id, { title: 'Mechanics' });
    const mod = await c.addModule(id, course.id, { title: 'Forces' });
    await c.addLesson(id, course.id, mod.id, { title: 'Pushes and pulls', published: true });
    await c.update(id, course.id, { status: 'published' });
    await c.enrol(id, course.id, { userIds: [ada.id] });
    for (const body of API_QUESTIONS) await c.addQuestion(id, course.id, body);
    const coursePage = `${t.url}/institutions/${id}/courses/${course.id}`;

    // The teacher adds two questions in the browser; the server names what is wrong with the first.
    const desk = await openPage(await e2e.browser().newContext({ viewport: { width: 1280, height: 800 } }));
    onFailure('teacher', desk);
    const { page } = desk;
    await signIn(page, teacher.email);
    await page.goto(`${coursePage}?tab=quizzes`);
    const bank = page.getByRole('region', { name: 'Question bank' });
    await expect.poll(() => bank.locator('[data-question]').count(), { timeout: 15_000 }).toBe(4);

    await page.getByRole('button', { name: 'Add question' }).click();
    const add = page.getByRole('dialog', { name: 'Add a question' });
    await field(add, 'Question').fill('Which planet is the largest?');
    await add.getByRole('textbox', { name: 'Option 1', exact: true }).fill('Mars');
    await add.getByRole('textbox', { name: 'Option 2', exact: true }).fill('Jupiter');
    await field(add, 'When correct').fill('Right: Jupiter is the largest.');
    await add.getByRole('button', { name: 'Add question', exact: true }).click();
    // No option is marked correct: the server says so, under the options.
    await expect.poll(() => add.getByText('Mark exactly one option correct').count(), { timeout: 10_000 }).toBe(1);
    await add.getByRole('checkbox', { name: 'Option 2 is correct' }).check();
    await add.getByRole('button', { name: 'Add question', exact: true }).click();
    await expect.poll(() => add.count(), { timeout: 10_000 }).toBe(0);

    await page.getByRole('button', { name: 'Add question' }).click();
    const tf = page.getByRole('dialog', { name: 'Add a question' });
    await choose(page, field(tf, 'Type'), 'True or false');
    await field(tf, 'Question').fill('Light travels faster than sound.');
    await field(tf, 'Tags').fill('waves');
    await field(tf, 'Tags').press('Enter');
    await tf.getByRole('button', { name: 'Add question', exact: true }).click();
    await expect.poll(() => tf.count(), { timeout: 10_000 }).toBe(0);
    await expect.poll(() => bank.locator('[data-question]').count(), { timeout: 10_000 }).toBe(6);
    const questions = await c.questions(id, course.id);
    expect(questions.map((q) => q.type).sort()).toEqual(['essay', 'fill_blanks', 'numeric', 'ordering', 'single_choice', 'true_false']);
    expect(questions.find((q) => q.type === 'single_choice')).toMatchObject({
      options: [
        { text: 'Mars', correct: false },
        { text: 'Jupiter', correct: true },
      ],
    });
    // The tag filter narrows the bank.
    const tagFilter = bank.getByLabel('Filter by tag', { exact: true });
    await choose(page, tagFilter, 'forces');
    await expect.poll(() => bank.locator('[data-question]').count(), { timeout: 5000 }).toBe(2);
    // Choosing it again clears the filter.
    await choose(page, tagFilter, 'forces');
    await expect.poll(() => bank.locator('[data-question]').count(), { timeout: 5000 }).toBe(6);
    await shot(page, 'bank');
    // An API-made question opens in its form: the blank with its accepted answer.
    await bank.getByRole('button', { name: 'Edit Force equals mass times ____.' }).click();
    const edit = page.getByRole('dialog', { name: /^Edit: Force equals/ });
    await expect.poll(() => field(edit, 'Blank id').inputValue(), { timeout: 5000 }).toBe('b1');
    expect(await edit.getByText('acceleration', { exact: true }).count()).toBe(1);
    await shot(page, 'question-form');
    await edit.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => edit.count(), { timeout: 5000 }).toBe(0);

    // A quiz of all six, ten minutes, published.
    await page.getByRole('button', { name: 'New quiz' }).click();
    const quizDialog = page.getByRole('dialog', { name: 'New quiz' });
    await field(quizDialog, 'Title').fill('Unit 1 check');
    for (const q of questions) await quizDialog.getByRole('checkbox', { name: new RegExp(`^${q.prompt.slice(0, 12)}`) }).check();
    await field(quizDialog, 'Time limit \\(minutes\\)').fill('10');
    await quizDialog.getByRole('switch', { name: 'Published' }).check({ force: true });
    await shot(page, 'quiz-form');
    await quizDialog.getByRole('button', { name: 'Create quiz', exact: true }).click();
    await expect.poll(() => quizDialog.count(), { timeout: 10_000 }).toBe(0);
    await expect.poll(() => page.locator('[data-quiz="Unit 1 check"]').textContent(), { timeout: 10_000 }).toContain('6 questions');
    const [quiz] = await c.quizzes(id, course.id);
    expect(quiz).toMatchObject({ title: 'Unit 1 check', timeLimitMinutes: 10, published: true });
    expect(quiz?.questionIds).toHaveLength(6);

    // Ada takes it on her phone: the countdown runs, each answer is saved as she goes.
    const phone = await openPage(await e2e.browser().newContext({ viewport: { width: 390, height: 844 } }));
    onFailure('student', phone);
    const p = phone.page;
    await signIn(p, ada.email);
    await p.goto(coursePage);
    const row = p.locator('[data-quiz="Unit 1 check"]');
    await expect.poll(() => row.textContent(), { timeout: 15_000 }).toContain('Not attempted yet');
    await row.getByRole('button', { name: 'Start' }).click();
    await p.waitForURL(/\/attempts\/[\w-]+$/);
    const timer = p.getByRole('timer', { name: 'Time left' });
    await expect.poll(() => timer.textContent(), { timeout: 10_000 }).toMatch(/^Time left (10:00|9:\d\d)$/);
    const section = (type: string) => p.locator(`[data-question-type="${type}"]`);
    await section('single_choice').getByRole('radio', { name: 'Jupiter' }).check();
    await section('true_false').getByRole('radio', { name: 'True' }).check();
    await section('numeric').getByRole('textbox', { name: 'Your answer' }).fill('9.8');
    await section('fill_blanks').getByRole('textbox', { name: 'Blank (1)' }).fill('acceleration');
    await section('essay').getByRole('textbox', { name: 'Your answer' }).fill('When I push a wall, the wall pushes me back.');
    // The planets, put in order with the arrows.
    const target = ['Mercury', 'Venus', 'Earth'];
    // One move first, so there is an answer to save even if the shuffle dealt them in order.
    await p.getByRole('button', { name: `Move ${(await orderOf(p))[2]} up` }).click();
    for (const [i, name] of target.entries()) {
      for (let at = (await orderOf(p)).indexOf(name); at > i; at--) await p.getByRole('button', { name: `Move ${name} up` }).click();
    }
    expect(await orderOf(p)).toEqual(target);
    await expect.poll(() => p.locator('[data-save-state="saved"]').count(), { timeout: 10_000 }).toBe(6);
    const open = (await ada.client.courses.attempts(id, course.id, quiz?.id as string))[0];
    expect(Object.keys(open?.answers ?? {})).toHaveLength(6);
    await shot(p, 'taking');

    await p.getByRole('button', { name: 'Submit answers' }).click();
    const confirm = p.getByRole('dialog', { name: 'Submit your answers?' });
    await expect.poll(() => confirm.textContent(), { timeout: 5000 }).toContain('Every question is answered.');
    await confirm.getByRole('button', { name: 'Submit', exact: true }).click();
    const score = p.locator('[data-score]');
    await expect.poll(() => score.textContent(), { timeout: 10_000 }).toBe('Score: 5 / 10');
    expect(await p.locator('[data-awaiting-grading]').count()).toBe(1);
    const feedback = p.locator('[data-feedback]');
    await expect
      .poll(() => texts(feedback), { timeout: 5000 })
      .toEqual(['Right: Jupiter is the largest.', 'Yes: about 9.81 m/s² near the ground.']);
    await shot(p, 'results');

    // The teacher finds Ada's attempt waiting and grades the essay.
    await page.goto(`${coursePage}?tab=quizzes`);
    await page.locator('[data-quiz="Unit 1 check"]').getByRole('link', { name: 'Attempts' }).click();
    const attemptRow = page.locator('[data-attempt="Ada Lovelace"]');
    await expect.poll(() => attemptRow.textContent(), { timeout: 15_000 }).toContain('Needs grading');
    expect(await attemptRow.textContent()).toContain('5 / 10');
    await shot(page, 'attempts');
    await page.getByRole('link', { name: 'Grade the attempt of Ada Lovelace' }).click();
    const grade = page.locator('form[aria-label^="Grade question"]');
    await expect.poll(() => grade.count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => page.locator('[data-attempt-summary]').textContent(), { timeout: 5000 }).toContain('Ada Lovelace');
    await field(grade, 'Points \\(out of 5\\)').fill('4');
    await field(grade, 'Feedback for the student').fill('Good example; name the two bodies next time.');
    await grade.getByRole('button', { name: 'Save grade' }).click();
    await expect.poll(() => page.locator('[data-score]').textContent(), { timeout: 10_000 }).toBe('Score: 9 / 10');
    await shot(page, 'grading');

    // Ada sees the new score and the teacher's words.
    await p.reload();
    await expect.poll(() => score.textContent(), { timeout: 15_000 }).toBe('Score: 9 / 10');
    expect(await p.locator('[data-awaiting-grading]').count()).toBe(0);
    expect(await texts(feedback)).toContain('Good example; name the two bodies next time.');
    await p.goto(coursePage);
    await expect.poll(() => row.locator('[data-standing]').textContent(), { timeout: 15_000 }).toBe('Attempts used: 1 · Score: 9 / 10');

    // A one-minute quiz whose time runs out on the server while Ada has it open: her answer is refused.
    const truth = questions.find((q) => q.type === 'true_false');
    const quick = await c.createQuiz(id, course.id, {
      title: 'Quick check',
      questionIds: [truth?.id as string],
      timeLimitMinutes: 1,
      published: true,
    });
    await p.reload();
    await p.locator('[data-quiz="Quick check"]').getByRole('button', { name: 'Start' }).click();
    await p.waitForURL(/\/attempts\/[\w-]+$/);
    await expect.poll(() => timer.textContent(), { timeout: 10_000 }).toMatch(/^Time left (1:00|0:\d\d)$/);
    const attemptId = p.url().split('/').at(-1) as string;
    await sql`update ${sql.table(`${tenantSchemaName(id)}.quiz_attempts`)} set deadline_at = now() - interval '1 second'
      where id = ${attemptId}`.execute(t.platform.database.db);
    await section('true_false').getByRole('radio', { name: 'False' }).check();
    const timeUp = p.locator('[data-time-up]');
    await expect.poll(() => timeUp.textContent(), { timeout: 10_000 }).toContain('was not saved');
    expect(await timeUp.textContent()).toContain('Time is up');
    await expect.poll(() => score.textContent(), { timeout: 15_000 }).toBe('Score: 0 / 1');
    await shot(p, 'time-up');
    const closed = await ada.client.courses.attempt(id, course.id, quick.id, attemptId);
    expect({ submitted: closed.submittedAt !== null, answers: closed.answers }).toEqual({ submitted: true, answers: {} });

    // The bank goes out as a QTI 2.1 package and comes back in unchanged (the same ids: updated in place).
    await page.goto(`${coursePage}?tab=quizzes`);
    await expect.poll(() => bank.locator('[data-question]').count(), { timeout: 15_000 }).toBe(6);
    await page.getByRole('button', { name: 'Export QTI…' }).click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: 'QTI 2.1 package' }).click()]);
    expect(download.suggestedFilename()).toBe('mechanics-qti-2.1.zip');
    const strip = (list: typeof questions) => list.map(({ id: _id, ...q }) => q);
    const before = await c.questions(id, course.id);
    // The downloaded file has no name or type: the page tells a zip by its bytes.
    await bank.locator('input[type="file"]').setInputFiles(await download.path());
    await expect
      .poll(() => page.locator('[data-import-result]').textContent(), { timeout: 15_000 })
      .toContain('6 questions were imported: 0 new, 6 updated in place.');
    expect(strip(await c.questions(id, course.id))).toEqual(strip(before));
    expect(await bank.locator('[data-question]').count()).toBe(6);

    // The refused question (400) and the late answer (409) are the only errors the browsers report.
    expect(desk.consoleErrors.filter((e) => !e.includes('status of 400'))).toEqual([]);
    expect(phone.consoleErrors.filter((e) => !e.includes('status of 409'))).toEqual([]);
  });
});
