import { mkdirSync } from 'node:fs';
import type { AdminDashboard, LearnerDashboard } from '@edumatrix/contracts';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { addDays, isoWeekday, zonedToday } from '../../server/src/platform/time/zoned.ts';
import { addMember, createInstitution, signedUpClient, waitFor } from '../../server/src/testing/factories.ts';
import { openPage, screenshotOnFailure, signInAs, useE2E, WEB_DIST } from './browser.ts';

const ZONE = 'Asia/Karachi';
/** Set to a folder to keep full-page screenshots of each dashboard at phone and desktop widths. */
const SHOTS = process.env.DASHBOARD_SCREENSHOTS;

describe('dashboards in Chromium', () => {
  const e2e = useE2E(WEB_DIST);

  async function shoot(page: Page, name: string) {
    if (!SHOTS) return;
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
  }

  it('an owner sees the charts with the institution’s figures; a student sees only their own day', async () => {
    const t = e2e.t();
    const owner = await signedUpClient(t, 'Olga Owner');
    const api = owner.client;
    const { id } = await createInstitution(api, { name: 'Hillside Academy', timezone: ZONE });
    const today = zonedToday(ZONE);
    const teacher = await addMember(t, api, id, 'teacher');
    const learner = await addMember(t, api, id, 'student');
    const year = await api.academicYears.create(id, {
      name: 'This year',
      startsOn: addDays(today, -60),
      endsOn: addDays(today, 200),
      terms: [{ name: 'Autumn', startsOn: addDays(today, -60), endsOn: addDays(today, 100) }],
    });
    const termId = year.terms[0]?.id as string;
    const science = await api.structure.create(id, 'departments', { name: 'Science', code: 'SCI' });
    const humanities = await api.structure.create(id, 'departments', { name: 'Humanities', code: 'HUM' });
    const maths = await api.structure.create(id, 'subjects', { name: 'Mathematics', code: 'MATH' });
    const nineA = await api.structure.create(id, 'classes', {
      name: '9A',
      code: '9A',
      departmentId: science.id,
      homeroomTeacherId: teacher.id,
    });
    const tenB = await api.structure.create(id, 'classes', { name: '10B', code: '10B', departmentId: humanities.id });
    const period = await api.timetable.createPeriod(id, {
      classId: nineA.id,
      subjectId: maths.id,
      teacherId: teacher.id,
      room: 'Lab 1',
      weekday: isoWeekday(today),
      startsAt: '09:00',
      endsAt: '09:45',
    });
    // A second lesson today whose register nobody has taken: the teacher's "to take".
    const physics = await api.structure.create(id, 'subjects', { name: 'Physics', code: 'PHYS' });
    await api.timetable.createPeriod(id, {
      classId: nineA.id,
      subjectId: physics.id,
      teacherId: teacher.id,
      weekday: isoWeekday(today),
      startsAt: '11:00',
      endsAt: '11:45',
    });
    const people = [
      ['Amna', 'Zahid', nineA.id],
      ['Bilal', 'Yusuf', nineA.id],
      ['Chen', 'Wei', nineA.id],
      ['Dina', 'Farooq', tenB.id],
      ['Emil', 'Novak', tenB.id],
    ] as const;
    const students = [];
    for (const [i, [firstName, lastName, classId]] of people.entries()) {
      const s = await api.students.create(id, { studentNumber: `S-${i + 1}`, firstName, lastName, userId: i === 0 ? learner.id : null });
      await api.students.enrol(id, classId, [s.id]);
      students.push(s);
    }
    const [amna, bilal, chen, dina] = students as [(typeof students)[0], (typeof students)[0], (typeof students)[0], (typeof students)[0]];

    // Today 4 of 5 present (80 %), yesterday everyone in 9A (100 %), the day before half of 10B (50 %).
    await teacher.client.attendance.take(id, nineA.id, today, { marks: [{ studentId: bilal.id, status: 'absent' }] }, period.id);
    await api.attendance.take(id, tenB.id, today, {});
    await api.attendance.take(id, nineA.id, addDays(today, -1), {});
    await api.attendance.take(id, tenB.id, addDays(today, -2), { marks: [{ studentId: dina.id, status: 'absent' }] });
    const test = await teacher.client.grades.createAssessment(id, nineA.id, {
      subjectId: maths.id,
      termId,
      title: 'Algebra test',
      maxPoints: 20,
    });
    await teacher.client.grades.enterMarks(id, nineA.id, {
      marks: [
        { assessmentId: test.id, studentId: amna.id, points: 18 },
        { assessmentId: test.id, studentId: bilal.id, points: 15 },
        { assessmentId: test.id, studentId: chen.id, points: 17 },
      ],
    });
    // Half-marked homework: the teacher's "marking to do".
    const homework = await teacher.client.grades.createAssessment(id, nineA.id, {
      subjectId: maths.id,
      termId,
      title: 'Homework 1',
      maxPoints: 10,
    });
    await teacher.client.grades.enterMarks(id, nineA.id, { marks: [{ assessmentId: homework.id, studentId: amna.id, points: 9 }] });
    // The figures are event-fed: wait until the aggregates have caught up before looking.
    await waitFor('the aggregates', async () => {
      const d = (await api.dashboard(id)) as AdminDashboard;
      return d.enrolment.total === 5 && d.grades.graded === 3 && d.attendance.overall.absent === 2 && d.activeUsers.last7Days === 3;
    });
    await waitFor(
      "the student's grade",
      async () => ((await learner.client.dashboard(id)) as LearnerDashboard).students[0]?.recentGrades.length === 2,
    );

    for (const width of [1280, 390]) {
      const watched = await openPage(await e2e.browser().newContext({ viewport: { width, height: 900 } }));
      screenshotOnFailure(`dashboards-owner-${width}`, watched);
      const { page } = watched;
      await signInAs(page, t.url, owner.email);
      await page.goto(`${t.url}/institutions/${id}`);
      await expect.poll(() => page.locator('[data-dashboard="admin"]').count(), { timeout: 15_000 }).toBe(1);
      const value = (chart: string, label: string) =>
        page.locator(`[data-chart="${chart}"] [data-label="${label}"]`).getAttribute('data-value', { timeout: 5_000 });
      expect(await value('enrolment-by-department', 'Science')).toBe('3');
      expect(await value('enrolment-by-department', 'Humanities')).toBe('2');
      expect(await value('grade-distribution', 'A')).toBe('1');
      expect(await value('grade-distribution', 'B')).toBe('1');
      expect(await value('grade-distribution', 'C')).toBe('1');
      expect(await value('grade-distribution', 'F')).toBe('0');
      expect(await page.locator('[data-stat="Attendance"] [data-stat-value]').textContent()).toBe('80 %');
      expect(await page.locator('[data-stat="Active this week"] [data-stat-value]').textContent()).toBe('3');
      expect(await page.locator('[data-chart="attendance-rate"]').getAttribute('aria-label')).toMatch(/: 80 %$/);
      expect(await page.locator('[data-chart="active-users"]').count()).toBe(1);
      await shoot(page, `owner-${width}`);
      expect(watched.consoleErrors).toEqual([]);
      await page.context().close();
    }

    for (const width of [390, 1280]) {
      const watched = await openPage(await e2e.browser().newContext({ viewport: { width, height: 900 } }));
      screenshotOnFailure(`dashboards-student-${width}`, watched);
      const { page } = watched;
      await signInAs(page, t.url, learner.email);
      await page.goto(`${t.url}/institutions/${id}`);
      await expect.poll(() => page.locator('[data-dashboard="student"]').count(), { timeout: 15_000 }).toBe(1);
      expect(await page.getByRole('heading', { name: 'Your day' }).count()).toBe(1);
      expect(await page.locator('[data-lesson="9A"]').first().textContent()).toContain('Mathematics · 9A');
      expect(await page.locator('[data-rate]').textContent()).toBe('100 %');
      expect(await page.locator('[data-grade="Algebra test"]').textContent()).toContain('18/20');
      expect(await page.locator('[data-chart]').count()).toBe(0);
      const text = (await page.locator('[data-dashboard]').textContent()) ?? '';
      expect(text).not.toContain('Bilal');
      await shoot(page, `student-${width}`);
      expect(watched.consoleErrors).toEqual([]);
      await page.context().close();
    }

    // The teacher's day, for the screenshots (its figures are covered by the integration test).
    if (SHOTS) {
      for (const width of [1280, 390]) {
        const { page } = await openPage(await e2e.browser().newContext({ viewport: { width, height: 900 } }));
        await signInAs(page, t.url, teacher.email);
        await page.goto(`${t.url}/institutions/${id}`);
        await expect.poll(() => page.locator('[data-dashboard="teacher"]').count(), { timeout: 15_000 }).toBe(1);
        await shoot(page, `teacher-${width}`);
        await page.context().close();
      }
    }
  });
});
