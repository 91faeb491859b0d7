// A file lesson end to end: the teacher uploads a PDF in the lesson dialog, a student downloads it.
import { readFileSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { addMember, createInstitution, signedUpClient } from '../../server/src/testing/factories.ts';
import { openPage, screenshotOnFailure, signInAs, useE2E, type WatchedPage, WEB_DIST } from './browser.ts';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

describe('lesson files in Chromium', () => {
  const e2e = useE2E(WEB_DIST);
  const signIn = (page: Page, email: string) => signInAs(page, e2e.t().url, email);
  const onFailure = (name: string, watched: WatchedPage) => screenshotOnFailure(`lesson-files-${name}`, watched);
  const field = (scope: Page | Locator, label: string) => scope.getByLabel(new RegExp(`^${label}( \\*)?$`));

  it('a teacher uploads a PDF to a file lesson; an enrolled student downloads the same bytes', async () => {
    const t = e2e.t();
    const owner = await signedUpClient(t, 'Olga Owner');
    const { id } = await createInstitution(owner.client, { name: 'Hillside Academy' });
    const teacher = await addMember(t, owner.client, id, 'teacher');
    const student = await addMember(t, owner.client, id, 'student');
    const course = await teacher.client.courses.create(id, { title: 'Reading club' });
    const mod = await teacher.client.courses.addModule(id, course.id, { title: 'Week 1' });
    await teacher.client.courses.addLesson(id, course.id, mod.id, { title: 'Welcome', published: true });
    await teacher.client.courses.update(id, course.id, { status: 'published' });
    await teacher.client.courses.enrol(id, course.id, { userIds: [student.id] });

    const desk = await openPage(await e2e.browser().newContext({ viewport: { width: 1280, height: 800 } }));
    onFailure('teacher', desk);
    await signIn(desk.page, teacher.email);
    await desk.page.goto(`${t.url}/institutions/${id}/courses/${course.id}`);
    await desk.page.getByRole('button', { name: 'Add lesson to Week 1' }).click();
    const dialog = desk.page.getByRole('dialog', { name: 'Add a lesson' });
    await field(dialog, 'Title').fill('Chapter one');
    await dialog.locator('label', { hasText: /^File$/ }).click();
    await dialog.locator('input[type="file"]').setInputFiles({ name: 'chapter-1.pdf', mimeType: 'application/pdf', buffer: PDF });
    await dialog.getByRole('switch', { name: 'Published' }).check({ force: true });
    await dialog.getByRole('button', { name: 'Add lesson' }).click();
    await expect.poll(() => dialog.count(), { timeout: 10_000 }).toBe(0);
    const outline = await teacher.client.courses.get(id, course.id);
    const lesson = outline.modules[0]?.lessons.find((l) => l.title === 'Chapter one');
    expect(lesson?.file).toEqual({ name: 'chapter-1.pdf', type: 'application/pdf', size: PDF.length });

    const phone = await openPage(await e2e.browser().newContext({ viewport: { width: 390, height: 844 }, acceptDownloads: true }));
    onFailure('student', phone);
    await signIn(phone.page, student.email);
    await phone.page.goto(`${t.url}/institutions/${id}/courses/${course.id}/lessons/${lesson?.id}`);
    const button = phone.page.getByRole('button', { name: 'Download chapter-1.pdf' });
    await expect.poll(() => button.count(), { timeout: 15_000 }).toBe(1);
    const [download] = await Promise.all([phone.page.waitForEvent('download'), button.click()]);
    expect(download.suggestedFilename()).toBe('chapter-1.pdf');
    expect(readFileSync((await download.path()) as string)).toEqual(PDF);

    expect(desk.consoleErrors).toEqual([]);
    expect(phone.consoleErrors).toEqual([]);
  });
});
