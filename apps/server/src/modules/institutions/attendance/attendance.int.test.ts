import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, createInstitution, problemOf, signedUpClient, waitFor } from '../../../testing/factories.ts';
import { dbLabel, startTestPlatform, type TestPlatform } from '../../../testing/test-platform.ts';

describe(`attendance on ${dbLabel()}`, () => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await startTestPlatform();
  });
  afterAll(() => t.close());

  async function setUp() {
    const owner = await signedUpClient(t, 'Owner');
    const inst = await createInstitution(owner.client);
    const api = owner.client;
    const homeroom = await addMember(t, api, inst.id, 'teacher');
    const subjectTeacher = await addMember(t, api, inst.id, 'teacher');
    const otherTeacher = await addMember(t, api, inst.id, 'teacher');
    const klass = await api.structure.create(inst.id, 'classes', { name: '9A', code: '9A', homeroomTeacherId: homeroom.id });
    const period = await api.timetable.createPeriod(inst.id, {
      classId: klass.id,
      teacherId: subjectTeacher.id,
      weekday: 1,
      startsAt: '09:00',
      endsAt: '09:45',
    });
    const students = [];
    for (const [n, first] of [
      ['A1', 'Amna'],
      ['A2', 'Bilal'],
      ['A3', 'Sana'],
    ] as const) {
      students.push(await api.students.create(inst.id, { studentNumber: n, firstName: first, lastName: 'Test' }));
    }
    await api.students.enrol(
      inst.id,
      klass.id,
      students.map((s) => s.id),
    );
    return {
      owner,
      api,
      id: inst.id,
      homeroom,
      subjectTeacher,
      otherTeacher,
      klass,
      period,
      students: students as [(typeof students)[0], (typeof students)[0], (typeof students)[0]],
    };
  }

  it('all present, then the exceptions; only teachers of the class take it; edits are audited', async () => {
    const { api, id, subjectTeacher, otherTeacher, klass, period, students } = await setUp();
    const [amna, bilal, sana] = students;
    const taken = await subjectTeacher.client.attendance.take(
      id,
      klass.id,
      '2026-11-23',
      {
        marks: [
          { studentId: bilal.id, status: 'absent', note: 'Ill' },
          { studentId: sana.id, status: 'late' },
        ],
      },
      period.id,
    );
    const byStudent = Object.fromEntries(taken.marks.map((m) => [m.studentId, m.status]));
    expect(byStudent).toEqual({ [amna.id]: 'present', [bilal.id]: 'absent', [sana.id]: 'late' });
    expect(taken).toMatchObject({ classId: klass.id, periodId: period.id, date: '2026-11-23', takenBy: subjectTeacher.id });

    expect((await problemOf(otherTeacher.client.attendance.take(id, klass.id, '2026-11-23', {}))).problem.code).toBe(
      'attendance.not_your_class',
    );
    const stranger = await api.students.create(id, { studentNumber: 'X9', firstName: 'Not', lastName: 'Enrolled' });
    const bad = await problemOf(api.attendance.take(id, klass.id, '2026-11-23', { marks: [{ studentId: stranger.id, status: 'absent' }] }));
    expect({ status: bad.status, field: bad.problem.errors?.[0]?.field }).toEqual({ status: 400, field: 'marks.0.studentId' });
    expect((await problemOf(api.attendance.take(id, klass.id, '2026-02-30', {}))).problem.errors?.[0]?.field).toBe('date');

    // A correction: Bilal came after all.
    await subjectTeacher.client.attendance.take(id, klass.id, '2026-11-23', { marks: [{ studentId: sana.id, status: 'late' }] }, period.id);
    const again = await api.attendance.get(id, klass.id, '2026-11-23', period.id);
    expect(again.marks.find((m) => m.studentId === bilal.id)?.status).toBe('present');
    const audit = await api.institutions.audit(id, { action: 'attendance.edited' });
    expect(audit.items[0]).toMatchObject({
      before: { marks: [{ studentId: bilal.id, status: 'absent' }] },
      after: { marks: [{ studentId: bilal.id, status: 'present' }] },
    });
    expect((await problemOf(api.attendance.get(id, klass.id, '2026-11-24'))).status).toBe(404);
  });

  it('reports rates; a student sees only their own and a parent only their child', async () => {
    const { api, id, homeroom, klass, students } = await setUp();
    const [amna, bilal] = students;
    for (const [date, bilalStatus] of [
      ['2026-11-16', 'absent'],
      ['2026-11-17', 'present'],
      ['2026-11-18', 'excused'],
      ['2026-11-19', 'late'],
    ] as const) {
      await homeroom.client.attendance.take(id, klass.id, date, { marks: [{ studentId: bilal.id, status: bilalStatus }] });
    }
    const report = await api.attendance.report(id, { classId: klass.id, from: '2026-11-16', to: '2026-11-20' });
    const bilalRow = report.rows.find((r) => r.studentId === bilal.id);
    expect(bilalRow).toEqual({ studentId: bilal.id, present: 1, absent: 1, late: 1, excused: 1, rate: 0.667 });
    expect(report.rows.find((r) => r.studentId === amna.id)?.rate).toBe(1);
    expect(report.days.map((d) => d.date)).toEqual(['2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19']);
    expect(report.days[0]?.rate).toBe(0.667);

    const studentMember = await addMember(t, api, id, 'student');
    await api.students.update(id, amna.id, { userId: studentMember.id });
    const own = await studentMember.client.attendance.report(id, { from: '2026-11-16', to: '2026-11-20' });
    expect(own.rows.map((r) => r.studentId)).toEqual([amna.id]);
    expect(
      (await problemOf(studentMember.client.attendance.report(id, { studentId: bilal.id, from: '2026-11-16', to: '2026-11-20' }))).status,
    ).toBe(404);
    const parent = await addMember(t, api, id, 'parent');
    await api.students.linkGuardian(id, bilal.id, parent.id);
    const child = await parent.client.attendance.report(id, { studentId: bilal.id, from: '2026-11-16', to: '2026-11-20' });
    expect(child.rows).toEqual([bilalRow]);
    expect((await problemOf(api.attendance.report(id, { from: '2026-11-20', to: '2026-11-16' }))).problem.errors?.[0]?.field).toBe('to');
  });

  it('a student falling below the threshold alerts the homeroom teacher and the admins, once', async () => {
    const { owner, api, id, homeroom, klass, students } = await setUp();
    const [, bilal] = students;
    await api.attendance.updateSettings(id, 0.75);
    expect(await homeroom.client.attendance.settings(id)).toEqual({ alertBelow: 0.75 });
    const take = (date: string, status: 'present' | 'absent') =>
      homeroom.client.attendance.take(id, klass.id, date, { marks: [{ studentId: bilal.id, status }] });
    await take('2026-11-02', 'present');
    await take('2026-11-03', 'present');
    await take('2026-11-04', 'absent'); // 2/3: below 0.75
    await take('2026-11-05', 'absent'); // still below: no second alert
    const alerts = await sql<{ n: number }>`select count(*)::int as n from events.outbox
      where type = 'institutions.attendance_alert' and tenant_id = ${id} and payload->>'studentId' = ${bilal.id}`.execute(
      t.platform.database.db,
    );
    expect(alerts.rows[0]?.n).toBe(1);
    for (const person of [homeroom, owner]) {
      await waitFor('the alert notification', async () =>
        (await person.client.notifications.list()).items.some(
          (n) => n.kind === 'institutions.attendance_alert' && n.title === "Bilal Test's attendance is 67%",
        ),
      );
    }
    // Back above, then below again: a new alert.
    for (const d of ['06', '09', '10', '11', '12', '13']) await take(`2026-11-${d}`, 'present');
    await take('2026-11-16', 'absent');
    await take('2026-11-17', 'absent');
    await take('2026-11-18', 'absent');
    const again = await sql<{ n: number }>`select count(*)::int as n from events.outbox
      where type = 'institutions.attendance_alert' and tenant_id = ${id}`.execute(t.platform.database.db);
    expect(again.rows[0]?.n).toBe(2);
  });
});
