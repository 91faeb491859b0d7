import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { addMember, createInstitution, signedUpClient } from '../../server/src/testing/factories.ts';
import { openPage, screenshotOnFailure, screenshotsAtWidths, signInAs, useE2E, type WatchedPage, WEB_DIST } from './browser.ts';

/** Where to save screenshots for a look at the pages (COURSES_SHOTS=/tmp/courses-shots); none without it. */
const SHOTS = process.env.COURSES_SHOTS;

/** A lesson body that would run code if Markdown were inserted as it is. */
const HOSTILE = [
  '# Speed',
  '',
  'Speed is **distance over time**.',
  '',
  "<script>window.__xss = 'script'</script>",
  '',
  // A broken image (no request, so no 404 in the console) whose error handler would set the flag.
  '<img src="data:image/png;base64,AAAA" onerror="window.__xss = \'img\'">',
  '',
  '[A trap](javascript:window.__xss=1)',
].join('\n');

/** Wide things a phone must not scroll sideways for: a table, code, a long address. */
const NEWTON = [
  'Three laws about **forces**.',
  '',
  '| Law | What it says |',
  '| --- | --- |',
  '| First | A body keeps its state of motion unless a net force acts on it |',
  '| Second | The net force equals mass times acceleration |',
  '',
  '```js',
  'const force = (mass, acceleration) => mass * acceleration; // newtons, from kilograms and metres per second squared',
  '```',
  '',
  'Read more: https://en.wikipedia.org/wiki/Newton%27s_laws_of_motion#Second_law_and_the_rest_of_a_long_address',
].join('\n');

describe('courses in Chromium', () => {
  const e2e = useE2E(WEB_DIST);

  const signIn = (page: Page, email: string) => signInAs(page, e2e.t().url, email);
  const onFailure = (name: string, watched: WatchedPage) => screenshotOnFailure(`courses-${name}`, watched);

  /** The input labelled exactly `label`; a required field's label ends in an asterisk. */
  const field = (scope: Page | Locator, label: string) => scope.getByLabel(new RegExp(`^${label}( \\*)?$`));

  const shot = (page: Page, name: string) => screenshotsAtWidths(page, SHOTS, name);

  /** Waits for a dialog to close after its submit button. */
  async function submit(dialog: Locator, button: string) {
    await dialog.getByRole('button', { name: button, exact: true }).click();
    await expect.poll(() => dialog.count(), { timeout: 10_000 }).toBe(0);
  }

  const moduleOrder = (page: Page) => page.locator('[data-module]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-module')));

  /** Drags one handle onto another with the mouse, in small steps as a hand would. */
  async function drag(page: Page, from: Locator, to: Locator) {
    const a = await from.boundingBox();
    const b = await to.boundingBox();
    if (!a || !b) throw new Error('a drag handle is not on screen');
    await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
    await page.mouse.down();
    await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2 + 8, { steps: 4 });
    await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2 - 4, { steps: 12 });
    await page.waitForTimeout(150);
    await page.mouse.up();
  }

  const lessonOrder = (page: Page) => page.locator('[data-lesson]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-lesson')));

  /** Nothing in the rendered Markdown can run: no scripts, no handlers, no javascript: links, and the payload never ran. */
  async function expectHarmless(page: Page) {
    const markdown = page.locator('[data-markdown]').first();
    expect(await markdown.locator('script').count()).toBe(0);
    expect(await markdown.locator('[onerror]').count()).toBe(0);
    expect(await markdown.locator('a[href^="javascript"]').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
  }

  it('a teacher builds, reorders, publishes and enrols; students read and join; the public course is in the catalogue', async () => {
    const t = e2e.t();
    const owner = await signedUpClient(t, 'Olga Owner');
    const api = owner.client;
    const institution = await createInstitution(api, { name: 'Riverside College' });
    const id = institution.id;
    const teacher = await addMember(t, api, id, 'teacher');
    const amna = await addMember(t, api, id, 'student');
    const bilal = await addMember(t, api, id, 'student');
    const chen = await addMember(t, api, id, 'student');
    await teacher.client.me.update({ displayName: 'Tariq Teacher' });
    await amna.client.me.update({ displayName: 'Amna Zahid' });
    await bilal.client.me.update({ displayName: 'Bilal Yusuf' });
    await chen.client.me.update({ displayName: 'Chen Wei' });
    const klass = await api.structure.create(id, 'classes', { name: '10B', code: '10B' });
    const record = await api.students.create(id, { studentNumber: 'A1', firstName: 'Amna', lastName: 'Zahid', userId: amna.id });
    await api.students.create(id, { studentNumber: 'B2', firstName: 'Bilal', lastName: 'Yusuf', userId: bilal.id });
    await api.students.enrol(id, klass.id, [record.id]);

    // The teacher creates a public course from the Courses tab.
    const desk = await openPage(await e2e.browser().newContext({ viewport: { width: 1280, height: 800 } }));
    onFailure('teacher', desk);
    const { page } = desk;
    await signIn(page, teacher.email);
    await page.goto(`${t.url}/institutions/${id}`);
    await page.getByRole('link', { name: 'Courses', exact: true }).click();
    await page.waitForURL(/\/courses$/);
    await expect.poll(() => page.getByText('No courses yet.', { exact: false }).count(), { timeout: 15_000 }).toBe(1);
    await page.getByRole('button', { name: 'New course' }).click();
    const create = page.getByRole('dialog', { name: 'New course' });
    await field(create, 'Title').fill('Physics 101');
    await field(create, 'Code').fill('PHY-101');
    await field(create, 'Summary').fill('Motion, forces and energy for beginners.');
    await field(create, 'Description').fill('## What you learn\n\n- Speed\n- Forces');
    await expect.poll(() => create.getByRole('region', { name: 'Preview' }).locator('li').count(), { timeout: 5000 }).toBe(2);
    await create.getByRole('radio', { name: 'Public' }).check();
    await submit(create, 'Create course');
    await page.waitForURL(/\/courses\/[\w-]+$/);
    const courseId = page.url().split('/').at(-1) as string;
    await expect.poll(() => page.getByRole('heading', { name: 'Physics 101' }).count(), { timeout: 10_000 }).toBe(1);
    expect(await page.getByRole('button', { name: 'Publish' }).count()).toBe(1);

    // A module with two lessons; the first one's Markdown carries a script and an <img onerror>.
    await page.getByRole('button', { name: 'Add module' }).click();
    const moduleDialog = page.getByRole('dialog', { name: 'Add a module' });
    await field(moduleDialog, 'Title').fill('Week 1: Motion');
    await submit(moduleDialog, 'Add module');
    // Nothing to publish yet: the server refuses, and the page says what to do.
    await page.getByRole('button', { name: 'Publish' }).click();
    await expect.poll(() => page.getByText('Nothing to publish yet').count(), { timeout: 10_000 }).toBe(1);
    for (const lesson of [
      { title: 'Speed and velocity', body: HOSTILE, minutes: '15' },
      { title: 'Newton’s laws', body: NEWTON, minutes: '20' },
    ]) {
      await page.getByRole('button', { name: 'Add lesson to Week 1: Motion' }).click();
      const dialog = page.getByRole('dialog', { name: 'Add a lesson' });
      await field(dialog, 'Title').fill(lesson.title);
      await field(dialog, 'Lesson').fill(lesson.body);
      await field(dialog, 'Minutes').fill(lesson.minutes);
      await dialog.getByRole('switch', { name: 'Published' }).check({ force: true });
      // The live preview renders the Markdown, harmlessly.
      await expect.poll(() => dialog.getByRole('region', { name: 'Preview' }).locator('strong').count(), { timeout: 5000 }).toBe(1);
      await expectHarmless(page);
      if (lesson.body === HOSTILE) await shot(page, 'teacher-lesson-dialog');
      await submit(dialog, 'Add lesson');
    }
    await expect.poll(() => lessonOrder(page), { timeout: 10_000 }).toEqual(['Speed and velocity', 'Newton’s laws']);

    // Newton's laws is moved up with the keyboard, through the drag handle.
    const handle = page.getByRole('button', { name: 'Reorder Newton’s laws' });
    await handle.focus();
    await page.keyboard.press('Space');
    await page.waitForTimeout(250);
    await page.keyboard.press('ArrowUp');
    await page.waitForTimeout(250);
    await page.keyboard.press('Space');
    await expect.poll(() => lessonOrder(page), { timeout: 10_000 }).toEqual(['Newton’s laws', 'Speed and velocity']);
    // Saved: still in that order after a reload.
    await page.waitForLoadState('networkidle');
    await page.reload();
    await expect.poll(() => lessonOrder(page), { timeout: 15_000 }).toEqual(['Newton’s laws', 'Speed and velocity']);
    // And back with the menu's Move down.
    await page.getByRole('button', { name: 'Actions for Newton’s laws' }).click();
    await page.getByRole('menuitem', { name: 'Move down' }).click();
    await expect.poll(() => lessonOrder(page), { timeout: 10_000 }).toEqual(['Speed and velocity', 'Newton’s laws']);

    // A second module with a draft lesson, dragged above the first with the mouse, and back with its menu.
    await page.getByRole('button', { name: 'Add module' }).click();
    const second = page.getByRole('dialog', { name: 'Add a module' });
    await field(second, 'Title').fill('Week 2: Forces');
    await submit(second, 'Add module');
    await page.getByRole('button', { name: 'Add lesson to Week 2: Forces' }).click();
    const draft = page.getByRole('dialog', { name: 'Add a lesson' });
    await field(draft, 'Title').fill('Work and energy');
    await draft.locator('label', { hasText: /^Link$/ }).click();
    await field(draft, 'Link address').fill('https://en.wikipedia.org/wiki/Work_(physics)');
    await submit(draft, 'Add lesson');
    await expect.poll(() => page.locator('[data-lesson="Work and energy"]').textContent(), { timeout: 10_000 }).toContain('Draft');
    expect(await moduleOrder(page)).toEqual(['Week 1: Motion', 'Week 2: Forces']);
    await drag(
      page,
      page.getByRole('button', { name: 'Reorder Week 2: Forces' }),
      page.getByRole('button', { name: 'Reorder Week 1: Motion' }),
    );
    await expect.poll(() => moduleOrder(page), { timeout: 10_000 }).toEqual(['Week 2: Forces', 'Week 1: Motion']);
    await page.waitForLoadState('networkidle');
    await page.reload();
    await expect.poll(() => moduleOrder(page), { timeout: 15_000 }).toEqual(['Week 2: Forces', 'Week 1: Motion']);
    await page.getByRole('button', { name: 'Actions for module Week 2: Forces' }).click();
    await page.getByRole('menuitem', { name: 'Move down' }).click();
    await expect.poll(() => moduleOrder(page), { timeout: 10_000 }).toEqual(['Week 1: Motion', 'Week 2: Forces']);

    await page.getByRole('button', { name: 'Publish' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Archive' }).count(), { timeout: 10_000 }).toBe(1);
    expect(await page.getByRole('button', { name: 'Back to draft' }).count()).toBe(1);
    await shot(page, 'teacher-outline');

    // Enrolment: the class 10B and Chen, picked from the institution's students; then a join code.
    await page.getByRole('tab', { name: 'Enrolment' }).click();
    await page.getByRole('combobox', { name: 'Classes' }).click();
    await page.getByRole('option', { name: '10B' }).click();
    await page.keyboard.press('Escape');
    await page.getByRole('combobox', { name: 'Students' }).click();
    await page.getByRole('option', { name: /^Chen Wei/ }).click();
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Enrol', exact: true }).click();
    const enrolled = page.getByRole('list', { name: 'Enrolled students' });
    await expect.poll(() => enrolled.getByRole('listitem').count(), { timeout: 10_000 }).toBe(2);
    const row = (name: string) => enrolled.getByRole('listitem').filter({ hasText: name });
    expect(await row('Amna Zahid').textContent()).toContain('Class');
    expect(await row('Amna Zahid').textContent()).toContain('Through their class');
    expect(await row('Chen Wei').textContent()).toContain('Individual');
    await page.getByRole('button', { name: 'Create a join code' }).click();
    const codeBox = page.locator('[data-join-code]');
    await expect.poll(() => codeBox.count(), { timeout: 10_000 }).toBe(1);
    const code = ((await codeBox.textContent()) ?? '').trim();
    expect(code).toMatch(/^[A-Z0-9]{6,}$/);
    await shot(page, 'teacher-enrolment');

    // Amna, a student of 10B, on a phone: the course is hers, and the lesson's Markdown renders harmlessly.
    const phone = await openPage(await e2e.browser().newContext({ viewport: { width: 390, height: 844 } }));
    onFailure('student', phone);
    await signIn(phone.page, amna.email);
    await phone.page.goto(`${t.url}/institutions/${id}/courses`);
    const card = phone.page.getByRole('article', { name: 'Physics 101' });
    await expect.poll(() => card.count(), { timeout: 15_000 }).toBe(1);
    expect(await card.textContent()).toContain('Enrolled');
    await card.getByRole('link', { name: 'Physics 101' }).click();
    // Published lessons only: the draft and its otherwise empty module stay out of sight.
    await expect.poll(() => phone.page.getByRole('link', { name: 'Newton’s laws', exact: true }).count(), { timeout: 10_000 }).toBe(1);
    const courseText = (await phone.page.textContent('main')) ?? '';
    expect(courseText).not.toContain('Work and energy');
    expect(courseText).not.toContain('Draft');
    await shot(phone.page, 'student-course');
    await phone.page.getByRole('link', { name: 'Speed and velocity', exact: true }).click();
    await expect.poll(() => phone.page.getByRole('heading', { name: 'Speed and velocity' }).count(), { timeout: 10_000 }).toBe(1);
    const body = phone.page.locator('[data-markdown]');
    // Headings sit under the lesson's own title: "# Speed" is an h3.
    expect(await body.locator('h3').textContent()).toBe('Speed');
    expect(await body.locator('strong').textContent()).toBe('distance over time');
    await expectHarmless(phone.page);
    expect(await phone.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await shot(phone.page, 'student-lesson');
    await phone.page.getByRole('link', { name: 'Newton’s laws →' }).click();
    await expect.poll(() => phone.page.getByRole('heading', { name: 'Newton’s laws' }).count(), { timeout: 10_000 }).toBe(1);
    expect(await phone.page.locator('[data-markdown] table').count()).toBe(1);
    expect(await phone.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await shot(phone.page, 'student-lesson-2');

    // Bilal is in no class: he joins with the code.
    const other = await openPage(await e2e.browser().newContext({ viewport: { width: 1280, height: 800 } }));
    onFailure('joiner', other);
    await signIn(other.page, bilal.email);
    await other.page.goto(`${t.url}/institutions/${id}/courses`);
    await expect.poll(() => other.page.getByLabel('Join code').count(), { timeout: 15_000 }).toBe(1);
    await shot(other.page, 'student-list');
    await other.page.getByLabel('Join code').fill(code.toLowerCase());
    await other.page.getByRole('button', { name: 'Join course' }).click();
    await other.page.waitForURL(new RegExp(`/courses/${courseId}$`));
    await expect.poll(() => other.page.getByText('Enrolled', { exact: true }).count(), { timeout: 10_000 }).toBe(1);

    // The teacher sees both, each with how they came.
    await page.reload();
    await expect.poll(() => enrolled.getByText('Bilal Yusuf').count(), { timeout: 15_000 }).toBe(1);
    expect(await row('Bilal Yusuf').textContent()).toContain('Join code');
    // An enrolment by code can be undone; Amna's, through her class, cannot be here.
    expect(await page.getByRole('button', { name: 'Remove Amna Zahid' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Remove Bilal Yusuf' }).click();
    await expect.poll(() => enrolled.getByText('Bilal Yusuf').count(), { timeout: 10_000 }).toBe(0);
    expect(await enrolled.getByText('Amna Zahid').count()).toBe(1);

    // Anyone, signed out, finds the public course in the catalogue (fed by events, so it may take a moment).
    const visitor = await openPage(await e2e.browser().newContext({ viewport: { width: 1280, height: 800 } }));
    onFailure('visitor', visitor);
    const entry = visitor.page.getByRole('article', { name: 'Physics 101' });
    await expect
      .poll(
        async () => {
          await visitor.page.goto(`${t.url}/catalogue?q=physics`);
          await visitor.page.getByRole('heading', { name: 'Course catalogue' }).waitFor();
          await visitor.page.waitForLoadState('networkidle');
          return entry.count();
        },
        { timeout: 20_000, interval: 500 },
      )
      .toBe(1);
    expect(await entry.textContent()).toContain('Riverside College');
    await shot(visitor.page, 'catalogue');
    await entry.getByRole('link', { name: 'Physics 101' }).click();
    await expect.poll(() => visitor.page.getByRole('heading', { name: 'Week 1: Motion' }).count(), { timeout: 10_000 }).toBe(1);
    const outline = (await visitor.page.textContent('main')) ?? '';
    expect(outline).toContain('Speed and velocity');
    expect(outline).toContain('Newton’s laws');
    expect(outline).toContain('What you learn');
    expect(outline).not.toContain('distance over time');
    expect(outline).not.toContain('Work and energy');
    await shot(visitor.page, 'catalogue-course');

    // The refused publish is a 400 the browser reports.
    expect(desk.consoleErrors.filter((e) => !e.includes('status of 400'))).toEqual([]);
    expect(phone.consoleErrors).toEqual([]);
    expect(other.consoleErrors).toEqual([]);
    expect(visitor.consoleErrors).toEqual([]);
  });
});
