// The `gamification` consumer group: turns learning events into points, streaks and badges. Every
// award goes into a ledger keyed by the event, and the totals move only when the ledger row is new,
// so a replayed event changes nothing.
import { BADGES, type BadgeId, type EventEnvelope, type EventPayload, POINTS, quizPoints } from '@edumatrix/contracts';
import { sql } from 'kysely';
import { type Db, rowsOf } from '../../platform/db/database.ts';
import type { Consumer } from '../../platform/events/consumer.ts';
import type { EventPublisher } from '../../platform/events/outbox.ts';
import { tenantSchemaName } from '../../platform/tenancy/tenancy.ts';
import { addDays, zonedToday } from '../../platform/time/zoned.ts';

export const GAMIFICATION_EVENT_TYPES = ['courses.lesson_completed', 'courses.course_completed', 'courses.quiz_scored'] as const;

type Totals = {
  points: number;
  lessons: number;
  courses: number;
  streak_days: number;
  longest_streak: number;
  last_active_on: string | null;
};

/** Which badges a learner's totals have earned. */
export function earnedBadges(t: Pick<Totals, 'lessons' | 'courses' | 'longest_streak'>): BadgeId[] {
  const earned: BadgeId[] = [];
  if (t.lessons >= 1) earned.push('first_lesson');
  if (t.lessons >= 10) earned.push('ten_lessons');
  if (t.courses >= 1) earned.push('first_course');
  if (t.longest_streak >= 3) earned.push('streak_3');
  if (t.longest_streak >= 7) earned.push('streak_7');
  return earned;
}

export function gamificationConsumer(deps: { events: EventPublisher }): Consumer {
  async function handle(event: EventEnvelope, trx: Db) {
    const p = event.payload as EventPayload<'courses.lesson_completed' | 'courses.course_completed' | 'courses.quiz_scored'>;
    const schema = tenantSchemaName(p.institutionId);
    const t = (name: string) => sql.table(`${schema}.${name}`);
    const [institution] = await rowsOf(
      trx,
      sql<{ timezone: string }>`select timezone from institutions.institutions where id = ${p.institutionId}`,
    );
    if (!institution) return;
    const userId = p.userId;

    /** Adds points once per event and reason; false if this event already gave them. */
    async function award(reason: 'lesson' | 'course' | 'streak' | 'quiz', points: number, quizId: string | null = null) {
      const added = await rowsOf(
        trx,
        sql`insert into ${t('game_ledger')} (event_id, user_id, reason, points, course_id, quiz_id)
          values (${event.id}, ${userId}, ${reason}, ${points}, ${p.courseId}, ${quizId})
          on conflict do nothing returning event_id`,
      );
      if (!added.length) return false;
      await sql`insert into ${t('game_totals')} as x (user_id, points) values (${userId}, ${points})
        on conflict (user_id) do update set points = x.points + excluded.points`.execute(trx);
      await sql`insert into ${t('game_course_points')} as x (course_id, user_id, points) values (${p.courseId}, ${userId}, ${points})
        on conflict (course_id, user_id) do update set points = x.points + excluded.points`.execute(trx);
      await sql`insert into courses.platform_points as x (user_id, points) values (${userId}, ${points})
        on conflict (user_id) do update set points = x.points + excluded.points`.execute(trx);
      return true;
    }

    if (event.type === 'courses.quiz_scored') {
      // Only an improvement on the best result so far earns more: retaking cannot farm points.
      const q = p as EventPayload<'courses.quiz_scored'>;
      const [so] = await rowsOf(
        trx,
        sql<{ given: number }>`select coalesce(sum(points), 0)::int as given from ${t('game_ledger')}
          where user_id = ${userId} and quiz_id = ${q.quizId} and reason = 'quiz'`,
      );
      const gain = quizPoints(q.score, q.maxScore) - (so?.given ?? 0);
      if (gain <= 0 || !(await award('quiz', gain, q.quizId))) return;
    } else {
      const lesson = event.type === 'courses.lesson_completed';
      if (!(await award(lesson ? 'lesson' : 'course', lesson ? POINTS.lessonCompleted : POINTS.courseCompleted))) return;
      await sql`update ${t('game_totals')} set ${sql.raw(lesson ? 'lessons = lessons + 1' : 'courses = courses + 1')}
        where user_id = ${userId}`.execute(trx);
    }

    // A streak counts days with a completion or a better quiz result, by the institution's calendar.
    const day = zonedToday(institution.timezone, new Date(event.occurredAt));
    const [before] = await rowsOf(
      trx,
      sql<Totals>`select *, last_active_on::text as last_active_on from ${t('game_totals')} where user_id = ${userId} for update`,
    );
    if (before && (before.last_active_on === null || before.last_active_on < day)) {
      const streak = before.last_active_on === addDays(day, -1) ? before.streak_days + 1 : 1;
      await sql`update ${t('game_totals')} set streak_days = ${streak}, longest_streak = greatest(longest_streak, ${streak}),
        last_active_on = ${day} where user_id = ${userId}`.execute(trx);
      if (streak > 1) await award('streak', POINTS.streakDay);
    }

    const [now] = await rowsOf(trx, sql<Totals>`select * from ${t('game_totals')} where user_id = ${userId}`);
    for (const badge of now ? earnedBadges(now) : []) {
      const added = await rowsOf(
        trx,
        sql`insert into ${t('game_badges')} (user_id, badge) values (${userId}, ${badge}) on conflict do nothing returning badge`,
      );
      if (!added.length) continue;
      await deps.events.publish(trx, {
        type: 'courses.badge_awarded',
        key: userId,
        tenantId: p.institutionId,
        payload: { institutionId: p.institutionId, userId, badge },
      });
      await deps.events.publish(trx, {
        type: 'notifications.notification_requested',
        key: userId,
        tenantId: p.institutionId,
        payload: {
          userId,
          kind: 'courses.badge_awarded',
          title: `You earned a badge: ${BADGES[badge].title}`,
          body: BADGES[badge].criteria,
          link: `/institutions/${p.institutionId}/courses`,
          institutionId: p.institutionId,
        },
      });
    }
  }

  return { group: 'gamification', types: GAMIFICATION_EVENT_TYPES, handle };
}
