import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zonedWallClock } from '../../platform/time/zoned.ts';
import { addMember, createInstitution, problemOf, signedUpClient, waitFor } from '../../testing/factories.ts';
import { dbLabel, startTestPlatform, type TestPlatform } from '../../testing/test-platform.ts';
import { closedReason } from './submissions.service.ts';

const ZONE = 'Asia/Karachi';
const HOUR = 3_600_000;

/** The wall clock in ZONE at an instant, as an assignment's due field. */
const wallClock = (instant: Date) => zonedWallClock(instant, ZONE);

const RUBRIC = [
  {
    id: 'argument',
    title: 'Argument',
    levels: [
      { id: 'weak', title: 'Weak', points: 0 },
      { id: 'sound', title: 'Sound', points: 5 },
      { id: 'strong', title: 'Strong', points: 10 },
    ],
  },
  {
    id: 'sources',
    title: 'Sources',
    levels: [
      { id: 'none', title: 'None', points: 0 },
      { id: 'cited', title: 'Cited', points: 5 },
    ],
  },
];
const PDF = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x37, 0x0a]);

describe(`assignments on ${dbLabel()}`, () => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await startTestPlatform();
  });
  afterAll(() => t.close());

  async function setUp(learners = 2) {
    const owner = await signedUpClient(t, 'Owner');
    const { id } = await createInstitution(owner.client, { timezone: ZONE });
    const teacher = await addMember(t, owner.client, id, 'teacher');
    const students = await Promise.all(Array.from({ length: learners }, () => addMember(t, owner.client, id, 'student')));
    const outsider = await addMember(t, owner.client, id, 'student');
    const c = teacher.client.courses;
    const course = await c.create(id, { title: 'Essays' });
    const mod = await c.addModule(id, course.id, { title: 'M' });
    await c.addLesson(id, course.id, mod.id, { title: 'L', published: true });
    await c.update(id, course.id, { status: 'published' });
    await c.enrol(id, course.id, { userIds: students.map((s) => s.id) });
    return { owner, id, teacher, students, outsider, course, a: teacher.client.assignments };
  }

  it('due on the institution’s clock, checked by field; drafts are the teacher’s', async () => {
    const { id, students, course, a } = await setUp(1);
    const [ada] = students as [(typeof students)[0]];
    const bad = await problemOf(
      a.create(id, course.id, {
        title: '',
        due: { date: '2030-13-01', time: '25:00' },
        allowText: false,
        allowFiles: false,
      }),
    );
    expect(bad.problem.errors?.map((e) => e.field).sort()).toEqual(['allowFiles', 'due.date', 'due.time', 'title']);
    const dupe = await problemOf(a.create(id, course.id, { title: 'X', rubric: [RUBRIC[0], { ...RUBRIC[1], id: 'argument' }] as never }));
    expect(dupe.problem.errors?.[0]?.field).toBe('rubric.1.id');

    const essay = await a.create(id, course.id, { title: 'Essay', due: { date: '2030-01-15', time: '23:59' }, rubric: RUBRIC });
    // Karachi is UTC+5 all year.
    expect(essay).toMatchObject({ dueAt: '2030-01-15T18:59:00.000Z', timeZone: ZONE, maxPoints: 15, published: false });
    expect(essay.stats).toEqual({ learners: 1, submitted: 0, graded: 0 });
    expect((await problemOf(ada.client.assignments.get(id, course.id, essay.id))).status).toBe(404);
    expect(await ada.client.assignments.list(id, course.id)).toEqual([]);
    await a.update(id, course.id, essay.id, { published: true });
    const seen = await ada.client.assignments.list(id, course.id);
    expect(seen.map((x) => ({ title: x.title, mine: x.mine, stats: x.stats }))).toEqual([
      { title: 'Essay', mine: { status: 'not_submitted', submittedAt: null, lateDays: 0 }, stats: null },
    ]);
    const moved = await a.update(id, course.id, essay.id, { due: { date: '2030-07-01', time: '09:00' } });
    expect(moved.dueAt).toBe('2030-07-01T04:00:00.000Z');
  });

  it('versions carry text and file over; grading by rubric with inline comments; hidden until released', async () => {
    const { id, students, outsider, course, a } = await setUp(2);
    const [ada, ben] = students as [(typeof students)[0], (typeof students)[0]];
    const essay = await a.create(id, course.id, { title: 'Essay', rubric: RUBRIC, published: true });
    const mine = ada.client.assignments;

    expect((await problemOf(outsider.client.assignments.submitText(id, course.id, essay.id, 'hi'))).status).toBe(403);
    expect((await problemOf(mine.submitText(id, course.id, essay.id, '   '))).problem.errors?.[0]?.field).toBe('text');
    let sub = await mine.submitText(id, course.id, essay.id, 'First draft.');
    expect(sub).toMatchObject({ status: 'submitted', version: 1, text: 'First draft.', file: null, canSubmit: true });
    const notPdf = await problemOf(mine.submitFile(id, course.id, essay.id, new Blob(['MZ...'], { type: 'application/pdf' }), 'x.pdf'));
    expect(notPdf.problem.errors?.[0]?.field).toBe('file');
    sub = await mine.submitFile(id, course.id, essay.id, new Blob([PDF], { type: 'application/pdf' }), 'essay.pdf');
    expect(sub).toMatchObject({ version: 2, text: 'First draft.', file: { name: 'essay.pdf', type: 'application/pdf', size: PDF.length } });
    const text = 'The argument holds. Sources are thin.';
    sub = await mine.submitText(id, course.id, essay.id, text);
    expect(sub).toMatchObject({ version: 3, text, file: { name: 'essay.pdf' } });
    expect(sub.history.map((h) => h.version)).toEqual([2, 1]);

    const file = await a.submissionFile(id, course.id, essay.id, ada.id);
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(PDF);
    expect((await problemOf(ben.client.assignments.submissionFile(id, course.id, essay.id, ada.id))).status).toBe(404);
    expect((await problemOf(ben.client.assignments.submissionOf(id, course.id, essay.id, ada.id))).status).toBe(404);

    const all = await a.submissions(id, course.id, essay.id);
    expect(all.map((s) => ({ user: s.userId, status: s.status, version: s.version })).sort((x, y) => x.user.localeCompare(y.user))).toEqual(
      [
        { user: ada.id, status: 'submitted', version: 3 },
        { user: ben.id, status: 'not_submitted', version: 0 },
      ].sort((x, y) => x.user.localeCompare(y.user)),
    );
    expect((await problemOf(a.grade(id, course.id, essay.id, ben.id, { points: 1 }))).problem.code).toBe('courses.not_submitted');
    const missing = await problemOf(a.grade(id, course.id, essay.id, ada.id, { rubric: { argument: 'strong' } }));
    expect(missing.problem.errors?.[0]?.field).toBe('rubric.sources');
    const outside = await problemOf(
      a.grade(id, course.id, essay.id, ada.id, {
        rubric: { argument: 'strong', sources: 'none' },
        annotations: [{ start: 20, end: 200, comment: 'Too far' }],
      }),
    );
    expect(outside.problem.errors?.[0]?.field).toBe('annotations.0.end');
    const graded = await a.grade(id, course.id, essay.id, ada.id, {
      rubric: { argument: 'strong', sources: 'none' },
      feedback: 'Good start.',
      annotations: [{ start: 20, end: 37, comment: 'Add two more sources.' }],
    });
    expect(graded.grade).toMatchObject({ points: 10, maxPoints: 15, penaltyPercent: 0, percent: 66.67, version: 3 });
    expect(text.slice(20, 37)).toBe('Sources are thin.');

    // Hidden from the learner until released; then shown, and they are told.
    expect((await mine.mine(id, course.id, essay.id)).grade).toBeNull();
    expect((await mine.list(id, course.id))[0]?.mine?.status).toBe('submitted');
    const released = await a.release(id, course.id, essay.id);
    expect(released.releasedAt).not.toBeNull();
    expect(released.stats).toEqual({ learners: 2, submitted: 1, graded: 1 });
    const seen = await mine.mine(id, course.id, essay.id);
    expect(seen.status).toBe('graded');
    expect(seen.grade?.annotations).toEqual([{ start: 20, end: 37, comment: 'Add two more sources.' }]);
    await waitFor('the grade notification', async () =>
      (await ada.client.notifications.list()).items.some((n) => n.kind === 'courses.assignment_graded'),
    );
  });

  it('late work by policy: refused, or penalised per started day; resubmission closes at the deadline', async () => {
    const { id, students, course, a } = await setUp(2);
    const [ada, ben] = students as [(typeof students)[0], (typeof students)[0]];
    const past = wallClock(new Date(Date.now() - 50 * HOUR));
    const refused = await a.create(id, course.id, { title: 'Strict', due: past, latePolicy: 'refuse', published: true });
    const closed = await problemOf(ada.client.assignments.submitText(id, course.id, refused.id, 'Sorry'));
    expect(closed.problem).toMatchObject({ status: 409, code: 'courses.submission_closed' });
    expect((await ada.client.assignments.mine(id, course.id, refused.id)).canSubmit).toBe(false);

    const penalised = await a.create(id, course.id, {
      title: 'Penalised',
      due: past,
      latePolicy: 'penalise',
      latePenaltyPercent: 10,
      maxPoints: 20,
      published: true,
    });
    let late = await ada.client.assignments.submitText(id, course.id, penalised.id, 'Late but here');
    // 50 hours late is three started days.
    expect(late).toMatchObject({ lateDays: 3, canSubmit: true });
    late = await ada.client.assignments.submitText(id, course.id, penalised.id, 'Late, and revised');
    expect(late.version).toBe(2);
    const graded = await a.grade(id, course.id, penalised.id, ada.id, { points: 16 });
    expect(graded.grade).toMatchObject({ points: 16, penaltyPercent: 30, percent: 56 });
    expect((await problemOf(ada.client.assignments.submitText(id, course.id, penalised.id, 'Again'))).problem.code).toBe(
      'courses.submission_closed',
    );
    expect((await problemOf(a.grade(id, course.id, penalised.id, ada.id, { points: 21 }))).problem.errors?.[0]?.field).toBe('points');

    // On time, then the deadline passes: no more versions.
    const open = await a.create(id, course.id, { title: 'Open', due: wallClock(new Date(Date.now() + 5 * HOUR)), published: true });
    await ben.client.assignments.submitText(id, course.id, open.id, 'On time');
    await a.update(id, course.id, open.id, { due: past });
    const reopened = await problemOf(ben.client.assignments.submitText(id, course.id, open.id, 'Later'));
    expect(reopened.problem.detail).toMatch(/Resubmission closed at the deadline/);
  });

  it('peer review after the deadline: each submitter reviews others, anonymously; authors see reviews once released', async () => {
    const { id, students, course, a } = await setUp(3);
    const essay = await a.create(id, course.id, {
      title: 'Peer essay',
      due: wallClock(new Date(Date.now() + 2 * HOUR)),
      rubric: RUBRIC,
      peerReviews: 1,
      published: true,
    });
    for (const s of students) await s.client.assignments.submitText(id, course.id, essay.id, `Work of ${s.id}`);
    const first = students[0] as (typeof students)[0];
    expect(await first.client.assignments.peerReviews(id, course.id, essay.id)).toEqual({ open: false, tasks: [], all: [] });
    await a.update(id, course.id, essay.id, { due: wallClock(new Date(Date.now() - 2 * HOUR)) });

    const authors = new Set<string>();
    for (const s of students) {
      const { open, tasks, all } = await s.client.assignments.peerReviews(id, course.id, essay.id);
      expect({ open, count: tasks.length, all }).toEqual({ open: true, count: 1, all: [] });
      const task = tasks[0] as (typeof tasks)[0];
      expect(task.label).toBe('Submission 1');
      expect(task.text).not.toBe(`Work of ${s.id}`);
      authors.add(task.text);
      const bad = await problemOf(
        s.client.assignments.review(id, course.id, essay.id, task.id, { comment: 'Ok', rubric: { argument: 'x' } }),
      );
      expect(bad.problem.errors?.[0]?.field).toBe('rubric.argument');
      const done = await s.client.assignments.review(id, course.id, essay.id, task.id, { comment: 'Clear', rubric: { argument: 'sound' } });
      expect(done.submittedAt).not.toBeNull();
      // Nobody writes someone else's review.
      const other = students.find((x) => x.id !== s.id) as (typeof students)[0];
      expect((await problemOf(other.client.assignments.review(id, course.id, essay.id, task.id, { comment: 'Mine?' }))).status).toBe(404);
    }
    // A ring: every piece of work is reviewed exactly once.
    expect(authors.size).toBe(3);
    const teacherView = await a.peerReviews(id, course.id, essay.id);
    expect(teacherView.all).toHaveLength(3);
    expect(teacherView.all.every((r) => r.reviewerId !== r.authorId && r.comment === 'Clear')).toBe(true);

    expect((await first.client.assignments.mine(id, course.id, essay.id)).reviews).toEqual([]);
    await a.release(id, course.id, essay.id);
    const received = (await first.client.assignments.mine(id, course.id, essay.id)).reviews;
    expect(received.map((r) => ({ comment: r.comment, rubric: r.rubric }))).toEqual([{ comment: 'Clear', rubric: { argument: 'sound' } }]);
  });

  it('the rule for (re)submitting, case by case', () => {
    const due = new Date('2030-01-01T00:00:00Z');
    const row = { due_at: due, late_policy: 'accept' } as Parameters<typeof closedReason>[0];
    const before = new Date(due.getTime() - 1000);
    const after = new Date(due.getTime() + 1000);
    const onTime = { late_days: 0 } as Parameters<typeof closedReason>[1];
    const late = { late_days: 1 } as Parameters<typeof closedReason>[1];
    expect(closedReason(row, onTime, true, before)).toBeNull();
    expect(closedReason(row, undefined, false, after)).toBeNull();
    expect(closedReason(row, late, false, after)).toBeNull();
    expect(closedReason(row, late, true, after)).toMatch(/graded/);
    expect(closedReason(row, onTime, false, after)).toMatch(/deadline/);
    expect(closedReason({ ...row, late_policy: 'refuse' }, undefined, false, after)).toMatch(/late work/);
    expect(closedReason({ ...row, due_at: null }, onTime, true, after)).toBeNull();
  });
});

describe(`assignment reminders on ${dbLabel()}`, () => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await startTestPlatform({ env: { REMINDER_POLL_MS: '100' } });
  });
  afterAll(() => t.close());

  it('a day before the deadline (or at once when closer), learners who have not handed in are reminded once', async () => {
    const owner = await signedUpClient(t, 'Owner');
    const { id } = await createInstitution(owner.client, { timezone: ZONE });
    const [ada, ben] = [await addMember(t, owner.client, id, 'student'), await addMember(t, owner.client, id, 'student')];
    const c = owner.client.courses;
    const course = await c.create(id, { title: 'Reminded' });
    const mod = await c.addModule(id, course.id, { title: 'M' });
    await c.addLesson(id, course.id, mod.id, { title: 'L', published: true });
    await c.update(id, course.id, { status: 'published' });
    await c.enrol(id, course.id, { userIds: [ada.id, ben.id] });
    const a = owner.client.assignments;
    const reminders = async (assignmentId: string) =>
      (
        await sql<{ remind_at: Date }>`select remind_at from courses.assignment_reminders where assignment_id = ${assignmentId}`.execute(
          t.platform.database.db,
        )
      ).rows;

    const later = await a.create(id, course.id, { title: 'Later', due: wallClock(new Date(Date.now() + 5 * 24 * HOUR)), published: true });
    const [queued] = await reminders(later.id);
    expect(new Date(queued?.remind_at as Date).getTime()).toBe(new Date(later.dueAt as string).getTime() - 24 * HOUR);
    const draft = await a.create(id, course.id, { title: 'Draft', due: wallClock(new Date(Date.now() + 3 * HOUR)) });
    expect(await reminders(draft.id)).toEqual([]);

    // Due in 30 hours: queued for 6 hours from now. Ben hands in; then the deadline moves closer.
    const soon = await a.create(id, course.id, { title: 'Soon', due: wallClock(new Date(Date.now() + 30 * HOUR)), published: true });
    await ben.client.assignments.submitText(id, course.id, soon.id, 'Done early');
    await a.update(id, course.id, soon.id, { due: wallClock(new Date(Date.now() + 10 * HOUR)) });
    const remindedOf = async (who: typeof ada) =>
      (await who.client.notifications.list()).items.filter(
        (n) => n.kind === 'courses.assignment_due_soon' && n.title === 'Soon is due soon',
      );
    await waitFor('Ada’s reminder', async () => (await remindedOf(ada)).length === 1);
    expect(await reminders(soon.id)).toEqual([]);
    expect(await remindedOf(ben)).toEqual([]);
    await a.remove(id, course.id, later.id);
    expect(await reminders(later.id)).toEqual([]);
  });
});
