import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, createInstitution, problemOf, signedUpClient, waitFor } from '../../testing/factories.ts';
import { dbLabel, startTestPlatform, type TestPlatform } from '../../testing/test-platform.ts';

describe(`courses on ${dbLabel()}`, () => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await startTestPlatform();
  });
  afterAll(() => t.close());

  async function setUp() {
    const owner = await signedUpClient(t, 'Owner');
    const api = owner.client;
    const inst = await createInstitution(api, { name: 'Lakeside College' });
    const id = inst.id;
    const teacher = await addMember(t, api, id, 'teacher');
    const otherTeacher = await addMember(t, api, id, 'teacher');
    const inClass = await addMember(t, api, id, 'student');
    const notInClass = await addMember(t, api, id, 'student');
    const klass = await api.structure.create(id, 'classes', { name: '10B', code: '10B' });
    const record = await api.students.create(id, { studentNumber: 'S1', firstName: 'Ines', lastName: 'Class', userId: inClass.id });
    await api.students.create(id, { studentNumber: 'S2', firstName: 'Omar', lastName: 'Other', userId: notInClass.id });
    await api.students.enrol(id, klass.id, [record.id]);
    return { owner, api, id, teacher, otherTeacher, inClass, notInClass, klass, record };
  }

  it('a draft is its teacher’s; published after a lesson is; visibility by institution and class; outline ordered', async () => {
    const { api, id, teacher, otherTeacher, inClass, notInClass, klass } = await setUp();
    const c = teacher.client.courses;
    const course = await c.create(id, {
      title: 'Intro to Chemistry',
      summary: 'Atoms and more',
      visibility: 'class',
      classIds: [klass.id],
    });
    expect(course).toMatchObject({ status: 'draft', visibility: 'class', classIds: [klass.id], canEdit: true, enrolled: 0 });
    expect((await problemOf(inClass.client.courses.get(id, course.id))).status).toBe(404);
    expect((await inClass.client.courses.list(id)).items).toEqual([]);

    const nothing = await problemOf(c.update(id, course.id, { status: 'published' }));
    expect(nothing.problem.errors?.[0]?.field).toBe('status');

    const atoms = await c.addModule(id, course.id, { title: 'Atoms' });
    const first = await c.addLesson(id, course.id, atoms.id, {
      title: 'What is an atom?',
      body: '# Atoms\n<script>alert(1)</script>',
      published: true,
    });
    const second = await c.addLesson(id, course.id, atoms.id, {
      title: 'Electrons',
      kind: 'video',
      videoUrl: 'https://www.youtube.com/watch?v=abc',
    });
    const noVideo = await problemOf(c.addLesson(id, course.id, atoms.id, { title: 'Broken', kind: 'video' }));
    expect(noVideo.problem.errors?.[0]?.field).toBe('videoUrl');
    const insecure = await problemOf(
      c.addLesson(id, course.id, atoms.id, { title: 'Broken', kind: 'video', videoUrl: 'http://example.com/v' }),
    );
    expect(insecure.problem.errors?.[0]?.field).toBe('videoUrl');

    const wrongOrder = await problemOf(c.reorderLessons(id, course.id, atoms.id, [second.id]));
    expect(wrongOrder.problem.errors?.[0]?.field).toBe('ids');
    const reordered = await c.reorderLessons(id, course.id, atoms.id, [second.id, first.id]);
    expect(reordered.modules[0]?.lessons.map((l) => l.title)).toEqual(['Electrons', 'What is an atom?']);
    const bonds = await c.addModule(id, course.id, { title: 'Bonds' });
    expect((await c.reorderModules(id, course.id, [bonds.id, atoms.id])).modules.map((m) => m.title)).toEqual(['Bonds', 'Atoms']);

    // Someone else's draft does not exist for another teacher; once published it is theirs to read, not to change.
    const mineNow = () => problemOf(otherTeacher.client.courses.update(id, course.id, { title: 'Mine now' }));
    expect((await mineNow()).status).toBe(404);
    const published = await c.update(id, course.id, { status: 'published' });
    expect((await mineNow()).problem.code).toBe('courses.not_yours');
    expect(published.status).toBe('published');
    expect(published.publishedAt).not.toBeNull();

    // A class course: its class sees it (published lessons only), another student does not.
    const seen = await inClass.client.courses.get(id, course.id);
    expect(seen.course.canEdit).toBe(false);
    expect(seen.modules.flatMap((m) => m.lessons.map((l) => l.title))).toEqual(['What is an atom?']);
    expect((await problemOf(notInClass.client.courses.get(id, course.id))).status).toBe(404);
    expect((await inClass.client.courses.list(id)).items.map((x) => x.title)).toEqual(['Intro to Chemistry']);
    expect((await notInClass.client.courses.list(id)).items).toEqual([]);
    // Other teachers see published courses, but not others' drafts.
    await c.create(id, { title: 'Unfinished draft' });
    expect((await otherTeacher.client.courses.list(id)).items.map((x) => x.title)).toEqual(['Intro to Chemistry']);
    expect((await api.courses.list(id, { status: 'draft' })).items.map((x) => x.title)).toEqual(['Unfinished draft']);

    expect((await problemOf(c.remove(id, course.id))).status).toBe(409);
    await api.courses.update(id, course.id, { status: 'archived' });
    expect((await problemOf(notInClass.client.courses.get(id, course.id))).status).toBe(404);
    const audit = await api.institutions.audit(id, { action: 'course.published' });
    expect(audit.items).toHaveLength(1);
  });

  it('class rosters stay in step; individual enrolment within capacity; join codes', async () => {
    const { api, id, teacher, inClass, notInClass, klass, record } = await setUp();
    const c = teacher.client.courses;
    const course = await c.create(id, { title: 'Algebra', capacity: 2 });
    const mod = await c.addModule(id, course.id, { title: 'One' });
    await c.addLesson(id, course.id, mod.id, { title: 'Start', published: true });
    await c.update(id, course.id, { status: 'published' });

    const afterRoster = await c.enrol(id, course.id, { classIds: [klass.id] });
    // An enrolled roster's class sees the course, and editing the chosen classes keeps it.
    expect((await c.update(id, course.id, { classIds: [] })).classIds).toEqual([klass.id]);
    expect(afterRoster.map((e) => ({ userId: e.userId, sources: e.sources }))).toEqual([{ userId: inClass.id, sources: ['class'] }]);
    expect((await inClass.client.courses.get(id, course.id)).course.isEnrolled).toBe(true);

    // A new classmate with an account joins the class: the course follows, through events.
    const late = await addMember(t, api, id, 'student');
    const lateRecord = await api.students.create(id, { studentNumber: 'S3', firstName: 'Lea', lastName: 'Late', userId: late.id });
    await api.students.enrol(id, klass.id, [lateRecord.id]);
    await waitFor('the roster enrolment', async () => (await c.enrolments(id, course.id)).some((e) => e.userId === late.id));
    // Leaving the class ends that enrolment.
    await api.students.unenrol(id, klass.id, record.id);
    await waitFor('the roster to drop Ines', async () => !(await c.enrolments(id, course.id)).some((e) => e.userId === inClass.id));

    // Individually, within capacity (2: Lea and one more).
    const notStudent = await problemOf(c.enrol(id, course.id, { userIds: [teacher.id] }));
    expect(notStudent.problem.errors?.[0]?.field).toBe('userIds.0');
    await c.enrol(id, course.id, { userIds: [notInClass.id] });
    const third = await addMember(t, api, id, 'student');
    expect((await problemOf(c.enrol(id, course.id, { userIds: [third.id] }))).problem.code).toBe('courses.full');

    // Join codes: off by default, made by the teacher, used by a student, refused when full.
    expect(course.joinCode).toBeNull();
    const withCode = await c.newJoinCode(id, course.id);
    expect(withCode.joinCode).toMatch(/^[A-Z2-9]{8}$/);
    expect((await inClass.client.courses.get(id, course.id)).course.joinCode).toBeNull();
    expect((await problemOf(third.client.courses.join(id, withCode.joinCode as string))).problem.code).toBe('courses.full');
    await c.update(id, course.id, { capacity: 10 });
    const joined = await third.client.courses.join(id, (withCode.joinCode as string).toLowerCase());
    expect(joined.isEnrolled).toBe(true);
    expect((await problemOf(third.client.courses.join(id, 'NOPE2345'))).problem.errors?.[0]?.field).toBe('code');
    expect((await problemOf(teacher.client.courses.join(id, withCode.joinCode as string))).status).toBe(403);

    // Ending an individual enrolment keeps one through a class.
    await c.enrol(id, course.id, { userIds: [late.id] });
    await c.unenrol(id, course.id, late.id);
    expect((await c.enrolments(id, course.id)).find((e) => e.userId === late.id)?.sources).toEqual(['class']);
    await c.unenrol(id, course.id, third.id);
    expect((await c.enrolments(id, course.id)).map((e) => e.userId).sort()).toEqual([late.id, notInClass.id].sort());
    const off = await c.removeJoinCode(id, course.id);
    expect(off.joinCode).toBeNull();
  });

  it('public, published courses are in the catalogue for anyone; unpublishing takes them out', async () => {
    const { id, teacher } = await setUp();
    const c = teacher.client.courses;
    const title = `Astronomy ${Date.now()}`;
    const course = await c.create(id, { title, summary: 'Stars for everyone', visibility: 'public', description: 'Look up.' });
    const mod = await c.addModule(id, course.id, { title: 'The sky' });
    await c.addLesson(id, course.id, mod.id, { title: 'Constellations', published: true });
    await c.addLesson(id, course.id, mod.id, { title: 'Secret draft lesson' });
    const anonymous = t.client();
    expect((await anonymous.catalogue.list({ q: title })).items).toEqual([]);

    await c.update(id, course.id, { status: 'published' });
    await waitFor('the catalogue entry', async () => (await anonymous.catalogue.list({ q: title })).items.length === 1);
    const [entry] = (await anonymous.catalogue.list({ q: 'stars for every' })).items.filter((e) => e.courseId === course.id);
    expect(entry).toMatchObject({ title, institutionName: 'Lakeside College', summary: 'Stars for everyone' });
    const detail = await anonymous.catalogue.get(course.id);
    expect(detail.description).toBe('Look up.');
    expect(detail.modules).toEqual([{ title: 'The sky', lessons: [{ title: 'Constellations', kind: 'text' }] }]);
    expect((await problemOf(anonymous.catalogue.list({ cursor: 'not-a-cursor' }))).problem.errors?.[0]?.field).toBe('cursor');

    await c.update(id, course.id, { visibility: 'institution' });
    await waitFor('the entry to leave', async () => (await anonymous.catalogue.list({ q: title })).items.length === 0);
    expect((await problemOf(anonymous.catalogue.get(course.id))).status).toBe(404);
  });

  it('progress: time and completion per lesson, where to continue, and completion events once', async () => {
    const { id, teacher, inClass, notInClass } = await setUp();
    const c = teacher.client.courses;
    const course = await c.create(id, { title: 'Geometry' });
    const one = await c.addModule(id, course.id, { title: 'Angles' });
    const two = await c.addModule(id, course.id, { title: 'Circles' });
    const first = await c.addLesson(id, course.id, one.id, { title: 'Right angles', published: true });
    const second = await c.addLesson(id, course.id, two.id, { title: 'Radius', published: true });
    const hidden = await c.addLesson(id, course.id, two.id, { title: 'Not yet' });
    await c.update(id, course.id, { status: 'published' });
    await c.enrol(id, course.id, { userIds: [inClass.id] });
    const me = inClass.client.courses;

    const fresh = await me.progress(id, course.id);
    expect({ ratio: fresh.ratio, next: fresh.continueLessonId }).toEqual({ ratio: 0, next: first.id });
    await me.recordProgress(id, course.id, second.id, { seconds: 90 });
    // The last lesson opened, not yet done, is where to continue.
    expect((await me.progress(id, course.id)).continueLessonId).toBe(second.id);
    const half = await me.recordProgress(id, course.id, first.id, { seconds: 30, completed: true });
    expect(half).toMatchObject({
      ratio: 0.5,
      secondsSpent: 120,
      completedLessonIds: [first.id],
      continueLessonId: second.id,
      completedAt: null,
    });
    expect(half.modules.map((m) => m.ratio)).toEqual([1, 0]);
    await me.recordProgress(id, course.id, first.id, { completed: true });
    const done = await me.recordProgress(id, course.id, second.id, { completed: true });
    expect({ ratio: done.ratio, next: done.continueLessonId, finished: done.completedAt !== null }).toEqual({
      ratio: 1,
      next: null,
      finished: true,
    });
    await me.recordProgress(id, course.id, second.id, { seconds: 5 });

    const count = async (type: string) =>
      (
        await sql<{ n: number }>`select count(*)::int as n from events.outbox where type = ${type} and tenant_id = ${id}`.execute(
          t.platform.database.db,
        )
      ).rows[0]?.n;
    expect(await count('courses.lesson_completed')).toBe(2);
    expect(await count('courses.course_completed')).toBe(1);

    expect((await problemOf(me.recordProgress(id, course.id, hidden.id, { completed: true }))).status).toBe(404);
    expect((await problemOf(me.recordProgress(id, course.id, first.id, { seconds: 601 }))).problem.errors?.[0]?.field).toBe('seconds');
    expect((await problemOf(notInClass.client.courses.recordProgress(id, course.id, first.id, { seconds: 5 }))).problem.code).toBe(
      'courses.not_enrolled',
    );
    const everyone = await c.membersProgress(id, course.id);
    expect(everyone).toEqual([
      { userId: inClass.id, displayName: 'student person', ratio: 1, secondsSpent: 125, completedAt: done.completedAt },
    ]);
    expect((await problemOf(me.membersProgress(id, course.id))).status).toBe(403);
  });

  it('learning paths: prerequisites lock courses and modules until done; circles are refused', async () => {
    const { id, teacher, inClass } = await setUp();
    const c = teacher.client.courses;
    const make = async (title: string) => {
      const course = await c.create(id, { title });
      const mod = await c.addModule(id, course.id, { title: `${title} basics` });
      const lesson = await c.addLesson(id, course.id, mod.id, { title: `${title} 1`, published: true });
      await c.update(id, course.id, { status: 'published' });
      await c.enrol(id, course.id, { userIds: [inClass.id] });
      return { course, mod, lesson };
    };
    const basics = await make('Numbers');
    const algebra = await make('Algebra I');
    const calculus = await make('Calculus');
    await c.setPrerequisites(id, algebra.course.id, { requires: [basics.course.id] });
    const outline = await c.setPrerequisites(id, calculus.course.id, { requires: [algebra.course.id] });
    expect(outline.course.requires).toEqual([algebra.course.id]);
    expect(outline.lockedBy).toEqual([]); // editors are never locked out

    const circle = await problemOf(c.setPrerequisites(id, basics.course.id, { requires: [calculus.course.id] }));
    expect({ status: circle.status, code: circle.problem.code, detail: circle.problem.detail }).toEqual({
      status: 409,
      code: 'courses.prerequisite_cycle',
      detail: 'That would make a circle: Calculus → Numbers → Algebra I → Calculus',
    });
    expect((await problemOf(c.setPrerequisites(id, basics.course.id, { requires: [basics.course.id] }))).problem.errors?.[0]?.field).toBe(
      'requires.0',
    );

    // The learner: Algebra waits for Numbers; finishing Numbers opens it.
    const me = inClass.client.courses;
    expect((await me.get(id, algebra.course.id)).lockedBy).toEqual([{ kind: 'course', id: basics.course.id, title: 'Numbers' }]);
    const locked = await problemOf(me.recordProgress(id, algebra.course.id, algebra.lesson.id, { completed: true }));
    expect({ status: locked.status, code: locked.problem.code }).toEqual({ status: 409, code: 'courses.locked' });
    const path = await me.learningPath(id);
    expect(path.edges).toEqual(expect.arrayContaining([{ from: basics.course.id, to: algebra.course.id }]));
    expect(path.nodes.find((n) => n.id === calculus.course.id)?.lockedBy.map((l) => l.title)).toEqual(['Algebra I']);
    await me.recordProgress(id, basics.course.id, basics.lesson.id, { completed: true });
    expect((await me.get(id, algebra.course.id)).lockedBy).toEqual([]);
    expect((await me.learningPath(id)).nodes.find((n) => n.id === basics.course.id)?.completed).toBe(true);

    // Modules within a course: the second opens after the first.
    const second = await c.addModule(id, algebra.course.id, { title: 'Equations' });
    const eq = await c.addLesson(id, algebra.course.id, second.id, { title: 'Linear equations', published: true });
    await c.setModulePrerequisites(id, algebra.course.id, second.id, { requires: [algebra.mod.id] });
    const moduleCircle = await problemOf(c.setModulePrerequisites(id, algebra.course.id, algebra.mod.id, { requires: [second.id] }));
    expect(moduleCircle.problem.code).toBe('courses.prerequisite_cycle');
    const mine = await me.get(id, algebra.course.id);
    expect(mine.modules.find((m) => m.id === second.id)?.lockedBy).toEqual([
      { kind: 'module', id: algebra.mod.id, title: 'Algebra I basics' },
    ]);
    expect((await problemOf(me.recordProgress(id, algebra.course.id, eq.id, { completed: true }))).problem.code).toBe('courses.locked');
    await me.recordProgress(id, algebra.course.id, algebra.lesson.id, { completed: true });
    expect((await me.recordProgress(id, algebra.course.id, eq.id, { completed: true })).ratio).toBe(1);
  });
});
