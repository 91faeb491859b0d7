import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tenantSchemaName } from '../../platform/tenancy/tenancy.ts';
import { addDays } from '../../platform/time/zoned.ts';
import { addMember, createInstitution, problemOf, signedUpClient, waitFor } from '../../testing/factories.ts';
import { dbLabel, startTestPlatform, type TestPlatform } from '../../testing/test-platform.ts';
import { earnedBadges } from './gamification.consumer.ts';

describe(`gamification on ${dbLabel()}`, () => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await startTestPlatform();
  });
  afterAll(() => t.close());

  it('points, levels, badges and a streak follow completions; leaderboards rank and leave out those who opt out', async () => {
    const owner = await signedUpClient(t, 'Owner');
    const api = owner.client;
    const { id } = await createInstitution(api, { name: 'Hilltop' });
    const teacher = await addMember(t, api, id, 'teacher');
    const ada = await addMember(t, api, id, 'student');
    const ben = await addMember(t, api, id, 'student');
    const c = teacher.client.courses;
    const course = await c.create(id, { title: 'Logic' });
    const mod = await c.addModule(id, course.id, { title: 'Truth' });
    const first = await c.addLesson(id, course.id, mod.id, { title: 'And', published: true });
    const second = await c.addLesson(id, course.id, mod.id, { title: 'Or', published: true });
    await c.update(id, course.id, { status: 'published' });
    await c.enrol(id, course.id, { userIds: [ada.id, ben.id] });

    await ben.client.courses.recordProgress(id, course.id, first.id, { completed: true });
    await ada.client.courses.recordProgress(id, course.id, first.id, { completed: true });
    await waitFor('the first points', async () => (await ada.client.courses.achievements(id)).points === 10);
    // Say Ada had also learned on the two days before today: her next completion makes a three-day streak.
    const schema = tenantSchemaName(id);
    const { timezone } = await api.institutions.get(id);
    const localToday = new Intl.DateTimeFormat('en-CA', { timeZone: timezone }).format(new Date());
    await sql`update ${sql.table(`${schema}.game_totals`)} set streak_days = 2, longest_streak = 2, last_active_on = ${addDays(localToday, -1)}
      where user_id = ${ada.id}`.execute(t.platform.database.db);
    await ada.client.courses.recordProgress(id, course.id, second.id, { completed: true });

    // Lesson 10 + lesson 10 + course 50 + a streak day 5.
    await waitFor('the course points', async () => (await ada.client.courses.achievements(id)).points === 75);
    const mine = await ada.client.courses.achievements(id);
    expect(mine).toMatchObject({
      points: 75,
      level: 1,
      nextLevelAt: 100,
      lessonsCompleted: 2,
      coursesCompleted: 1,
      streakDays: 3,
      longestStreak: 3,
    });
    expect(mine.badges.map((b) => b.id).sort()).toEqual(['first_course', 'first_lesson', 'streak_3']);
    await waitFor('the badge notification', async () =>
      (await ada.client.notifications.list()).items.some((n) => n.title === 'You earned a badge: Finisher'),
    );

    const board = await ben.client.courses.leaderboard(id);
    expect(board.entries.map((e) => [e.rank, e.displayName, e.points])).toEqual([
      [1, 'student person', 75],
      [2, 'student person', 10],
    ]);
    expect(board.entries.map((e) => e.userId)).toEqual([ada.id, ben.id]);
    expect(board.mine).toEqual({ rank: 2, points: 10 });
    expect((await ben.client.courses.leaderboard(id, course.id)).entries.map((e) => e.points)).toEqual([75, 10]);
    expect((await ben.client.courses.platformLeaderboard()).entries.find((e) => e.userId === ada.id)?.points).toBe(75);

    // Ada keeps out of every leaderboard; Ben moves up.
    await ada.client.courses.hideFromLeaderboards(true);
    const without = await ben.client.courses.leaderboard(id);
    expect({ ids: without.entries.map((e) => e.userId), mine: without.mine }).toEqual({ ids: [ben.id], mine: { rank: 1, points: 10 } });
    expect((await ada.client.courses.leaderboard(id)).mine).toBeNull();
    expect((await ada.client.courses.platformLeaderboard()).entries.some((e) => e.userId === ada.id)).toBe(false);
    expect((await ada.client.courses.achievements(id)).hiddenFromLeaderboards).toBe(true);
    await ada.client.courses.hideFromLeaderboards(false);
    expect((await ben.client.courses.leaderboard(id)).mine).toEqual({ rank: 2, points: 10 });

    const outsider = await addMember(t, api, id, 'student');
    expect((await problemOf(outsider.client.courses.leaderboard(id, '01930000-0000-7000-8000-00000000abcd'))).status).toBe(404);
  });

  it('badges follow their criteria', () => {
    expect(earnedBadges({ lessons: 0, courses: 0, longest_streak: 0 })).toEqual([]);
    expect(earnedBadges({ lessons: 10, courses: 0, longest_streak: 7 })).toEqual(['first_lesson', 'ten_lessons', 'streak_3', 'streak_7']);
    expect(earnedBadges({ lessons: 9, courses: 1, longest_streak: 2 })).toEqual(['first_lesson', 'first_course']);
  });
});
