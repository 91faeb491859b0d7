import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, createInstitution, problemOf, signedUpClient } from '../../../testing/factories.ts';
import { dbLabel, startTestPlatform, type TestPlatform } from '../../../testing/test-platform.ts';

describe(`timetable on ${dbLabel()}`, () => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await startTestPlatform();
  });
  afterAll(() => t.close());

  async function setUp(timezone = 'Asia/Karachi') {
    const owner = await signedUpClient(t, 'Owner');
    const inst = await createInstitution(owner.client, { timezone });
    const api = owner.client;
    const teacher = await addMember(t, api, inst.id, 'teacher');
    const nineA = await api.structure.create(inst.id, 'classes', { name: '9A', code: '9A' });
    const nineB = await api.structure.create(inst.id, 'classes', { name: '9B', code: '9B' });
    const biology = await api.structure.create(inst.id, 'subjects', { name: 'Biology', code: 'BIO' });
    return { api, id: inst.id, teacher, nineA, nineB, biology };
  }

  it('refuses double-booked teachers, rooms and classes, naming the clash', async () => {
    const { api, id, teacher, nineA, nineB, biology } = await setUp();
    const monday = { weekday: 1, startsAt: '09:00', endsAt: '09:45' };
    const first = await api.timetable.createPeriod(id, {
      classId: nineA.id,
      subjectId: biology.id,
      teacherId: teacher.id,
      room: 'Lab 1',
      ...monday,
    });
    expect(first).toMatchObject({ weekday: 1, startsAt: '09:00', endsAt: '09:45', room: 'Lab 1' });

    const clash = async (body: Parameters<typeof api.timetable.createPeriod>[1]) => {
      const err = await problemOf(api.timetable.createPeriod(id, body));
      return { status: err.status, detail: err.problem.detail, field: err.problem.errors?.[0]?.field };
    };
    expect(await clash({ classId: nineB.id, teacherId: teacher.id, weekday: 1, startsAt: '09:30', endsAt: '10:15' })).toEqual({
      status: 409,
      detail: 'This teacher already teaches 9A (Biology) on Monday 09:00–09:45',
      field: 'teacherId',
    });
    expect(await clash({ classId: nineB.id, room: 'lab 1', weekday: 1, startsAt: '08:30', endsAt: '09:15' })).toEqual({
      status: 409,
      detail: 'Room Lab 1 is taken by 9A (Biology) on Monday 09:00–09:45',
      field: 'room',
    });
    expect(await clash({ classId: nineA.id, weekday: 1, startsAt: '09:44', endsAt: '10:30' })).toEqual({
      status: 409,
      detail: '9A already has Biology on Monday 09:00–09:45',
      field: 'classId',
    });
    // Back to back is fine, and so is the same slot on another day.
    await api.timetable.createPeriod(id, {
      classId: nineB.id,
      teacherId: teacher.id,
      room: 'Lab 1',
      weekday: 1,
      startsAt: '09:45',
      endsAt: '10:30',
    });
    await api.timetable.createPeriod(id, { classId: nineB.id, teacherId: teacher.id, room: 'Lab 1', ...monday, weekday: 2 });
    expect(
      (await problemOf(api.timetable.createPeriod(id, { classId: nineB.id, weekday: 1, startsAt: '10:00', endsAt: '09:00' }))).problem
        .errors?.[0]?.field,
    ).toBe('endsAt');
    expect(
      (
        await problemOf(
          api.timetable.createPeriod(id, {
            classId: nineB.id,
            teacherId: (await addMember(t, api, id, 'student')).id,
            ...monday,
            weekday: 3,
          }),
        )
      ).problem.code,
    ).toBe('timetable.not_a_teacher');
    // Moving a period into a clash is refused the same way.
    expect((await problemOf(api.timetable.updatePeriod(id, first.id, { weekday: 2 }))).status).toBe(409);

    const teacherWeek = await api.timetable.list(id, { teacherId: teacher.id });
    expect(teacherWeek.items.map((p) => `${p.weekday} ${p.startsAt}`)).toEqual(['1 09:00', '1 09:45', '2 09:00']);
    expect((await teacher.client.timetable.list(id, { classId: nineA.id })).items).toHaveLength(1);
    expect((await problemOf(teacher.client.timetable.createPeriod(id, { classId: nineA.id, ...monday, weekday: 5 }))).status).toBe(403);
  });

  it('serves iCalendar feeds that parse and keep local times across a DST change; revoking stops them', async () => {
    const { api, id, teacher, nineA, biology } = await setUp('Europe/London');
    // A current year that spans London's change to summer time on 2027-03-28.
    await api.academicYears.create(id, { name: 'Spring 2027', startsOn: '2027-03-15', endsOn: '2027-04-11', current: true });
    await api.timetable.createPeriod(id, {
      classId: nineA.id,
      subjectId: biology.id,
      teacherId: teacher.id,
      room: 'Lab 1',
      weekday: 1,
      startsAt: '09:00',
      endsAt: '09:45',
    });
    const student = await api.students.create(id, { studentNumber: 'S1', firstName: 'Ali', lastName: 'Raza' });
    await api.students.enrol(id, nineA.id, [student.id]);

    for (const body of [
      { kind: 'class', id: nineA.id },
      { kind: 'teacher', id: teacher.id },
      { kind: 'student', id: student.id },
    ] as const) {
      const feed = await api.timetable.createFeed(id, body);
      const path = new URL(feed.url as string).pathname;
      const res = await fetch(`${t.url}${path}`);
      expect(res.headers.get('content-type')).toMatch(/^text\/calendar/);
      const calendar = new ICAL.Component(ICAL.parse(await res.text()));
      const events = calendar.getAllSubcomponents('vevent').map((e) => new ICAL.Event(e));
      // The Mondays of that year: 15, 22, 29 March and 5 April; 09:00 in London each time.
      expect(events.map((e) => e.startDate.toJSDate().toISOString())).toEqual([
        '2027-03-15T09:00:00.000Z',
        '2027-03-22T09:00:00.000Z',
        '2027-03-29T08:00:00.000Z',
        '2027-04-05T08:00:00.000Z',
      ]);
      expect(events[0]).toMatchObject({ summary: 'Biology · 9A', location: 'Lab 1' });
    }

    const mine = await teacher.client.timetable.createFeed(id, { kind: 'teacher', id: teacher.id });
    // Teachers may follow a student's week; a parent only their own child's.
    expect((await teacher.client.timetable.createFeed(id, { kind: 'student', id: student.id })).url).toMatch(/\.ics$/);
    const stranger = await addMember(t, api, id, 'parent');
    expect((await problemOf(stranger.client.timetable.createFeed(id, { kind: 'student', id: student.id }))).status).toBe(404);
    await teacher.client.timetable.revokeFeed(id, mine.id);
    expect((await fetch(`${t.url}${new URL(mine.url as string).pathname}`)).status).toBe(404);
    expect((await teacher.client.timetable.feeds(id)).items.find((f) => f.id === mine.id)?.revokedAt).not.toBeNull();
    expect((await fetch(`${t.url}/api/v1/calendar/not-a-real-token-at-all-xxxxxx.ics`)).status).toBe(404);
  });
});
