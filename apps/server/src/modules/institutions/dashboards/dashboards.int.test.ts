import type { AdminDashboard, Dashboard, LearnerDashboard, NewEvent, TeacherDashboard } from '@edumatrix/contracts';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, isoWeekday, zonedToday } from '../../../platform/time/zoned.ts';
import { addMember, createInstitution, signedUpClient, waitFor } from '../../../testing/factories.ts';
import { dbLabel, startTestPlatform, type TestPlatform } from '../../../testing/test-platform.ts';

const ZONE = 'Asia/Karachi';

describe(`dashboards on ${dbLabel()}`, () => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await startTestPlatform();
  });
  afterAll(() => t.close());

  /** Publishes through the platform's own outbox; resolves once the `dashboards` group has applied it. */
  async function publishAndApply(event: NewEvent) {
    const { db } = t.platform.database;
    const envelope = await db.transaction().execute((trx) => t.platform.events.publisher.publish(trx, event));
    await waitFor(`dashboards to apply ${event.type}`, async () => {
      const { rows } = await sql`select 1 from events.processed where group_name = 'dashboards' and event_id = ${envelope.id}`.execute(db);
      return rows.length > 0;
    });
  }

  async function setUp() {
    const owner = await signedUpClient(t, 'Owner');
    const inst = await createInstitution(owner.client, { timezone: ZONE });
    const api = owner.client;
    const id = inst.id;
    const today = zonedToday(ZONE);
    const teacher = await addMember(t, api, id, 'teacher');
    const science = await api.structure.create(id, 'departments', { name: 'Science', code: 'SCI' });
    const maths = await api.structure.create(id, 'subjects', { name: 'Mathematics', code: 'MATH' });
    const year = await api.academicYears.create(id, {
      name: 'This year',
      startsOn: addDays(today, -60),
      endsOn: addDays(today, 200),
      terms: [{ name: 'Current term', startsOn: addDays(today, -60), endsOn: addDays(today, 100) }],
    });
    const term = year.terms[0] as (typeof year.terms)[0];
    const nineA = await api.structure.create(id, 'classes', {
      name: '9A',
      code: '9A',
      departmentId: science.id,
      homeroomTeacherId: teacher.id,
    });
    const tenB = await api.structure.create(id, 'classes', { name: '10B', code: '10B' });
    const period = await api.timetable.createPeriod(id, {
      classId: nineA.id,
      subjectId: maths.id,
      teacherId: teacher.id,
      room: 'Lab 1',
      weekday: isoWeekday(today),
      startsAt: '09:00',
      endsAt: '09:45',
    });
    const students = [];
    for (const [n, first] of [
      ['A1', 'Amna'],
      ['B2', 'Bilal'],
      ['S3', 'Sana'],
      ['D4', 'Daniyal'],
    ] as const) {
      students.push(await api.students.create(id, { studentNumber: n, firstName: first, lastName: 'Test' }));
    }
    const [amna, bilal, sana, daniyal] = students as [
      (typeof students)[0],
      (typeof students)[0],
      (typeof students)[0],
      (typeof students)[0],
    ];
    await api.students.enrol(id, nineA.id, [amna.id, bilal.id, sana.id]);
    await api.students.enrol(id, tenB.id, [daniyal.id]);
    return { api, id, today, teacher, science, maths, term, nineA, tenB, period, amna, bilal, sana, daniyal };
  }

  const asAdmin = (d: Dashboard) => {
    if (d.kind !== 'admin') throw new Error(`expected the admin dashboard, got ${d.kind}`);
    return d as AdminDashboard;
  };

  it('admins see enrolment, the attendance trend, the grade distribution and active users, kept by events', async () => {
    const { api, id, today, teacher, science, maths, term, nineA, period, amna, bilal, sana } = await setUp();
    const dayOf = (d: AdminDashboard) => d.attendance.days.find((x) => x.date === today);

    await waitFor('enrolment by department', async () => {
      const d = asAdmin(await api.dashboard(id));
      return d.enrolment.total === 4;
    });
    const first = asAdmin(await api.dashboard(id));
    expect(first.enrolment.departments).toEqual([
      { departmentId: science.id, name: 'Science', classes: 1, students: 3 },
      { departmentId: null, name: 'No department', classes: 1, students: 1 },
    ]);
    expect(first.attendance.days).toHaveLength(30);
    expect(first.attendance.to).toBe(today);
    expect(dayOf(first)).toMatchObject({ present: 0, rate: null });

    await teacher.client.attendance.take(
      id,
      nineA.id,
      today,
      {
        marks: [
          { studentId: bilal.id, status: 'absent' },
          { studentId: sana.id, status: 'late' },
        ],
      },
      period.id,
    );
    await waitFor('the register in the trend', async () => dayOf(asAdmin(await api.dashboard(id)))?.absent === 1);
    expect(dayOf(asAdmin(await api.dashboard(id)))).toEqual({ date: today, present: 1, absent: 1, late: 1, excused: 0, rate: 0.667 });

    // A correction replaces the register's totals instead of adding to them.
    await teacher.client.attendance.take(id, nineA.id, today, {}, period.id);
    await waitFor('the correction in the trend', async () => dayOf(asAdmin(await api.dashboard(id)))?.absent === 0);
    const corrected = asAdmin(await api.dashboard(id));
    expect(dayOf(corrected)).toEqual({ date: today, present: 3, absent: 0, late: 0, excused: 0, rate: 1 });
    expect(corrected.attendance.overall).toEqual({ present: 3, absent: 0, late: 0, excused: 0, rate: 1 });

    // Marks entered through the grades API reach the distribution by `institutions.grade_updated`.
    const exam = await teacher.client.grades.createAssessment(id, nineA.id, {
      subjectId: maths.id,
      termId: term.id,
      title: 'Algebra test',
      maxPoints: 100,
    });
    await teacher.client.grades.enterMarks(id, nineA.id, {
      marks: [
        { assessmentId: exam.id, studentId: amna.id, points: 95 },
        { assessmentId: exam.id, studentId: bilal.id, points: 72 },
      ],
    });
    await waitFor('the grade distribution', async () => asAdmin(await api.dashboard(id)).grades.graded === 2);
    const graded = asAdmin(await api.dashboard(id));
    expect(graded.grades.term).toEqual({ id: term.id, name: 'Current term' });
    expect(graded.grades.bands.map((b) => [b.label, b.count])).toEqual([
      ['A', 1],
      ['B', 0],
      ['C', 1],
      ['D', 0],
      ['F', 0],
    ]);

    // Bands follow the current scale without a recount.
    await api.settings.updateGradingScale(id, {
      kind: 'percentage',
      bands: [
        { label: 'Distinction', min: 75 },
        { label: 'Pass', min: 50 },
        { label: 'Fail', min: 0 },
      ],
    });
    expect(asAdmin(await api.dashboard(id)).grades.bands.map((b) => [b.label, b.count])).toEqual([
      ['Distinction', 1],
      ['Pass', 1],
      ['Fail', 0],
    ]);

    // Owner and teacher joined today (the owner by creating the institution).
    await waitFor('active users', async () => asAdmin(await api.dashboard(id)).activeUsers.last7Days === 2);
    const active = asAdmin(await api.dashboard(id)).activeUsers;
    expect(active).toMatchObject({ members: 2, last7Days: 2, last30Days: 2 });
    expect(active.days.at(-1)).toEqual({ date: today, users: 2 });
  });

  it('applying the same change twice does not count twice', async () => {
    const { api, id, today, maths, term, nineA, sana, daniyal, tenB } = await setUp();
    const grade: NewEvent = {
      type: 'institutions.grade_updated',
      key: sana.id,
      tenantId: id,
      payload: {
        institutionId: id,
        studentId: sana.id,
        classId: nineA.id,
        subjectId: maths.id,
        termId: term.id,
        assessmentId: '01930000-0000-7000-8000-000000000001',
        assessmentTitle: 'Quiz',
        points: 8,
        maxPoints: 10,
        termPercent: 80,
        termBand: 'B',
      },
    };
    await publishAndApply(grade);
    await publishAndApply(grade);
    const register: NewEvent = {
      type: 'institutions.attendance_taken',
      key: tenB.id,
      tenantId: id,
      payload: {
        institutionId: id,
        sessionId: '01930000-0000-7000-8000-000000000002',
        classId: tenB.id,
        date: today,
        present: 0,
        absent: 1,
        late: 0,
        excused: 0,
      },
    };
    await publishAndApply(register);
    await publishAndApply(register);
    await publishAndApply({
      type: 'institutions.enrolment_changed',
      key: tenB.id,
      tenantId: id,
      payload: { institutionId: id, classId: tenB.id, studentIds: [daniyal.id], action: 'enrolled' },
    });

    const d = asAdmin(await api.dashboard(id));
    expect(d.grades.graded).toBe(1);
    expect(d.grades.bands.find((b) => b.label === 'B')?.count).toBe(1);
    expect(d.attendance.days.find((x) => x.date === today)).toMatchObject({ absent: 1, rate: 0 });
    expect(d.enrolment.total).toBe(4);

    // The mark changes: the student moves band, still counted once.
    await publishAndApply({ ...grade, payload: { ...grade.payload, points: 10, termPercent: 100, termBand: 'A' } } as NewEvent);
    const moved = asAdmin(await api.dashboard(id));
    expect(moved.grades.bands.filter((b) => b.count > 0).map((b) => [b.label, b.count])).toEqual([['A', 1]]);
  });

  it('a teacher sees today’s lessons, registers to take and marking to do', async () => {
    const { id, today, teacher, maths, term, nineA, period, amna } = await setUp();
    const mine = async () => (await teacher.client.dashboard(id)) as TeacherDashboard;
    const before = await mine();
    expect(before.kind).toBe('teacher');
    expect(before.lessons).toEqual([
      {
        periodId: period.id,
        classId: nineA.id,
        className: '9A',
        subjectName: 'Mathematics',
        room: 'Lab 1',
        startsAt: '09:00',
        endsAt: '09:45',
        registerTaken: false,
      },
    ]);
    expect(before.registersToTake.map((l) => l.periodId)).toEqual([period.id]);
    expect(before).not.toHaveProperty('enrolment');

    await teacher.client.attendance.take(id, nineA.id, today, {}, period.id);
    const after = await mine();
    expect(after.lessons[0]?.registerTaken).toBe(true);
    expect(after.registersToTake).toEqual([]);

    const quiz = await teacher.client.grades.createAssessment(id, nineA.id, {
      subjectId: maths.id,
      termId: term.id,
      title: 'Quiz 1',
      maxPoints: 10,
    });
    // Listed as soon as it is set, before any mark.
    await waitFor('marking to do', async () => (await mine()).gradingToDo.length === 1);
    const todo = { assessmentId: quiz.id, title: 'Quiz 1', classId: nineA.id, className: '9A', subjectName: 'Mathematics', students: 3 };
    expect((await mine()).gradingToDo).toEqual([{ ...todo, marked: 0 }]);
    await teacher.client.grades.enterMarks(id, nineA.id, { marks: [{ assessmentId: quiz.id, studentId: amna.id, points: 7 }] });
    await waitFor('one marked', async () => (await mine()).gradingToDo[0]?.marked === 1);
    await teacher.client.grades.updateAssessment(id, quiz.id, { title: 'Quiz one' });
    await waitFor('the new title', async () => (await mine()).gradingToDo[0]?.title === 'Quiz one');
    // The other two: one marked, one excused — excused counts as done, so nothing is left.
    const others = (await teacher.client.grades.gradebook(id, nineA.id, { subjectId: maths.id, termId: term.id })).rows
      .map((r) => r.studentId)
      .filter((s) => s !== amna.id);
    await teacher.client.grades.enterMarks(id, nineA.id, {
      marks: [
        { assessmentId: quiz.id, studentId: others[0] as string, points: 5 },
        { assessmentId: quiz.id, studentId: others[1] as string, points: null, excused: true },
      ],
    });
    await waitFor('marking finished', async () => (await mine()).gradingToDo.length === 0);
    await teacher.client.grades.enterMarks(id, nineA.id, { marks: [{ assessmentId: quiz.id, studentId: amna.id, points: null }] });
    await waitFor('a cleared mark to reopen it', async () => (await mine()).gradingToDo[0]?.marked === 2);

    // Deleting the assessment clears its marks, and with them the marking to do.
    await teacher.client.grades.deleteAssessment(id, quiz.id);
    await waitFor('the deleted assessment to leave the list', async () => (await mine()).gradingToDo.length === 0);
  });

  it('a student sees their own day and a parent their children’s, nobody else’s', async () => {
    const { api, id, today, teacher, maths, term, nineA, period, amna, bilal, daniyal } = await setUp();
    const studentMember = await addMember(t, api, id, 'student');
    await api.students.update(id, amna.id, { userId: studentMember.id });
    const parent = await addMember(t, api, id, 'parent');
    await api.students.linkGuardian(id, bilal.id, parent.id);
    await api.students.linkGuardian(id, daniyal.id, parent.id);

    await teacher.client.attendance.take(id, nineA.id, today, { marks: [{ studentId: amna.id, status: 'absent' }] }, period.id);
    await teacher.client.attendance.take(id, nineA.id, addDays(today, -1), {});
    const exam = await teacher.client.grades.createAssessment(id, nineA.id, {
      subjectId: maths.id,
      termId: term.id,
      title: 'Essay',
      maxPoints: 20,
    });
    await teacher.client.grades.enterMarks(id, nineA.id, {
      marks: [
        { assessmentId: exam.id, studentId: amna.id, points: 18 },
        { assessmentId: exam.id, studentId: bilal.id, points: 11 },
      ],
    });

    const own = async () => (await studentMember.client.dashboard(id)) as LearnerDashboard;
    await waitFor("the student's recent grade", async () => ((await own()).students[0]?.recentGrades.length ?? 0) > 0);
    const mine = await own();
    expect(mine.kind).toBe('student');
    expect(mine.students.map((s) => s.name)).toEqual(['Amna Test']);
    const amnaDay = mine.students[0];
    expect(amnaDay?.lessons.map((l) => [l.className, l.subjectName, l.startsAt])).toEqual([['9A', 'Mathematics', '09:00']]);
    expect(amnaDay?.attendance).toMatchObject({ present: 1, absent: 1, rate: 0.5, to: today });
    expect(amnaDay?.recentGrades).toEqual([
      expect.objectContaining({
        assessmentId: exam.id,
        title: 'Essay',
        subjectName: 'Mathematics',
        points: 18,
        maxPoints: 20,
        termPercent: 90,
        termBand: 'A',
      }),
    ]);

    await waitFor("the child's recent grade", async () => {
      const d = (await parent.client.dashboard(id)) as LearnerDashboard;
      return (d.students.find((s) => s.studentId === bilal.id)?.recentGrades.length ?? 0) > 0;
    });
    const children = (await parent.client.dashboard(id)) as LearnerDashboard;
    expect(children.kind).toBe('parent');
    expect(children.students.map((s) => s.name)).toEqual(['Bilal Test', 'Daniyal Test']);
    const bilalDay = children.students[0];
    expect(bilalDay?.attendance).toMatchObject({ present: 2, absent: 0, rate: 1 });
    expect(bilalDay?.recentGrades.map((g) => [g.title, g.points, g.termBand])).toEqual([['Essay', 11, 'F']]);
    expect(children.students[1]).toMatchObject({ lessons: [], recentGrades: [], attendance: { rate: null } });
    expect(JSON.stringify(children)).not.toContain(amna.id);
    expect(JSON.stringify(mine)).not.toContain(bilal.id);
  });

  it('signing in again within the hour says "active" once', async () => {
    const hour = Math.floor(Date.now() / 3_600_000);
    const user = await signedUpClient(t, 'Returning');
    await user.client.auth.login({ email: user.email, password: 'correct horse battery staple' });
    const { rows } = await sql`select 1 from events.outbox where type = 'identity.user_active' and payload->>'userId' = ${user.id}`.execute(
      t.platform.database.db,
    );
    // Registration said it; the sign-in moments later does not (unless the clock crossed an hour).
    expect(rows.length).toBe(Math.floor(Date.now() / 3_600_000) === hour ? 1 : 2);
  });
});
