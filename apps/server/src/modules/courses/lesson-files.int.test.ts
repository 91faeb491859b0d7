import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tenantSchemaName } from '../../platform/tenancy/tenancy.ts';
import { addMember, createInstitution, problemOf, signedUpClient } from '../../testing/factories.ts';
import { dbLabel, startTestPlatform, type TestPlatform } from '../../testing/test-platform.ts';

const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

describe(`lesson files on ${dbLabel()}`, () => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await startTestPlatform();
  });
  afterAll(() => t.close());

  it('an editor uploads a checked file; learners download it once the lesson is published; it can be replaced and removed', async () => {
    const owner = await signedUpClient(t, 'Owner');
    const { id } = await createInstitution(owner.client);
    const teacher = await addMember(t, owner.client, id, 'teacher');
    const student = await addMember(t, owner.client, id, 'student');
    const c = teacher.client.courses;
    const course = await c.create(id, { title: 'Readings' });
    const mod = await c.addModule(id, course.id, { title: 'Week 1' });
    const intro = await c.addLesson(id, course.id, mod.id, { title: 'Intro', published: true });
    const reading = await c.addLesson(id, course.id, mod.id, { title: 'Reading', kind: 'file' });
    await c.update(id, course.id, { status: 'published' });

    const upload = (bytes: Uint8Array, type: string, lessonId = reading.id) =>
      c.uploadLessonFile(id, course.id, lessonId, new Blob([bytes], { type }), 'Chapter 1 – Atoms.pdf');
    expect(await upload(PDF, 'application/pdf')).toEqual({ name: 'Chapter 1 – Atoms.pdf', type: 'application/pdf', size: PDF.length });
    const fake = await problemOf(upload(new TextEncoder().encode('MZ not a pdf'), 'application/pdf'));
    expect({ status: fake.status, field: fake.problem.errors?.[0]?.field }).toEqual({ status: 400, field: 'file' });
    const exe = await problemOf(upload(new Uint8Array([0x4d, 0x5a]), 'application/x-msdownload'));
    expect(exe.status).toBe(415);
    expect((await problemOf(upload(PDF, 'application/pdf', intro.id))).problem.errors?.[0]?.field).toBe('kind');
    const outline = await c.get(id, course.id);
    expect(outline.modules[0]?.lessons.find((l) => l.id === reading.id)?.file).toEqual({
      name: 'Chapter 1 – Atoms.pdf',
      type: 'application/pdf',
      size: PDF.length,
    });

    // A draft lesson's file is the editors' alone.
    expect((await problemOf(student.client.courses.lessonFile(id, course.id, reading.id))).status).toBe(404);
    await c.updateLesson(id, course.id, reading.id, { published: true });
    const got = await student.client.courses.lessonFile(id, course.id, reading.id);
    expect({ type: got.type, bytes: new Uint8Array(await got.arrayBuffer()) }).toEqual({ type: 'application/pdf', bytes: PDF });
    const res = await fetch(`${t.url}/api/v1/institutions/${id}/courses/${course.id}/lessons/${reading.id}/file`, {
      headers: { authorization: `Bearer ${student.client.accessToken}` },
    });
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="Chapter 1 _ Atoms.pdf"; filename*=UTF-8''${encodeURIComponent('Chapter 1 – Atoms.pdf')}`,
    );

    const text = new TextEncoder().encode('Read pages 1–10.');
    await c.uploadLessonFile(id, course.id, reading.id, new Blob([text], { type: 'text/plain' }), 'notes.txt');
    expect(new Uint8Array(await (await student.client.courses.lessonFile(id, course.id, reading.id)).arrayBuffer())).toEqual(text);
    expect(
      (
        await problemOf(
          student.client.courses.uploadLessonFile(id, course.id, reading.id, new Blob([text], { type: 'text/plain' }), 'x.txt'),
        )
      ).status,
    ).toBe(403);
    await c.removeLessonFile(id, course.id, reading.id);
    expect((await problemOf(student.client.courses.lessonFile(id, course.id, reading.id))).status).toBe(404);
  });

  it('deleting a draft course, or an assignment, removes their files from storage', async () => {
    const owner = await signedUpClient(t, 'Owner');
    const { id } = await createInstitution(owner.client);
    const c = owner.client.courses;
    const course = await c.create(id, { title: 'Scrapped' });
    const mod = await c.addModule(id, course.id, { title: 'M' });
    const lesson = await c.addLesson(id, course.id, mod.id, { title: 'Reading', kind: 'file' });
    await c.uploadLessonFile(id, course.id, lesson.id, new Blob([PDF], { type: 'application/pdf' }), 'a.pdf');
    const table = (name: string) => sql.table(`${tenantSchemaName(id)}.${name}`);
    const [stored] = (
      await sql<{ file_key: string }>`select file_key from ${table('course_lessons')} where id = ${lesson.id}`.execute(
        t.platform.database.db,
      )
    ).rows;
    expect(await t.platform.storage.get(stored?.file_key as string)).not.toBeNull();
    await c.remove(id, course.id);
    expect(await t.platform.storage.get(stored?.file_key as string)).toBeNull();

    const student = await addMember(t, owner.client, id, 'student');
    const kept = await c.create(id, { title: 'Kept' });
    const keptModule = await c.addModule(id, kept.id, { title: 'M' });
    await c.addLesson(id, kept.id, keptModule.id, { title: 'L', published: true });
    await c.update(id, kept.id, { status: 'published' });
    await c.enrol(id, kept.id, { userIds: [student.id] });
    const essay = await owner.client.assignments.create(id, kept.id, { title: 'Essay', published: true });
    await student.client.assignments.submitFile(id, kept.id, essay.id, new Blob([PDF], { type: 'application/pdf' }), 'essay.pdf');
    const [submitted] = (
      await sql<{ file_key: string }>`select file_key from ${table('assignment_submissions')} where assignment_id = ${essay.id}`.execute(
        t.platform.database.db,
      )
    ).rows;
    expect(await t.platform.storage.get(submitted?.file_key as string)).not.toBeNull();
    await owner.client.assignments.remove(id, kept.id, essay.id);
    expect(await t.platform.storage.get(submitted?.file_key as string)).toBeNull();
  });
});
