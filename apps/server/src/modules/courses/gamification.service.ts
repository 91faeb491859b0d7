// Reading what the gamification consumer keeps: one's achievements, and leaderboards per course,
// institution and platform, without those who chose to stay off them.
import { type Achievements, BADGES, type BadgeId, type Leaderboard, levelFor, POINTS_PER_LEVEL } from '@edumatrix/contracts';
import { sql } from 'kysely';
import { type Db, rowsOf } from '../../platform/db/database.ts';
import type { TenantContext } from '../../platform/tenancy/tenancy.ts';
import type { CoursesService } from './courses.service.ts';

const TOP = 20;
type Ranked = { user_id: string; points: number };

export type GamificationService = ReturnType<typeof createGamificationService>;

export function createGamificationService(deps: {
  db: Db;
  courses: CoursesService;
  displayNames(userIds: string[]): Promise<Map<string, string>>;
}) {
  const hidden = async (userId: string) =>
    (await rowsOf(deps.db, sql`select 1 from courses.leaderboard_hidden where user_id = ${userId}`)).length > 0;

  /** The top of a points table (leaving out hidden people), and the caller's own place in it. */
  async function board(scope: Leaderboard['scope'], table: ReturnType<typeof sql>, userId: string): Promise<Leaderboard> {
    const visible = sql`${table} as s where s.points > 0 and not exists (select 1 from courses.leaderboard_hidden h where h.user_id = s.user_id)`;
    const top = await rowsOf(
      deps.db,
      sql<Ranked>`select s.user_id, s.points from ${visible} order by s.points desc, s.user_id limit ${TOP}`,
    );
    const [own] = await rowsOf(deps.db, sql<Ranked>`select s.user_id, s.points from ${visible} and s.user_id = ${userId}`);
    const ahead = own
      ? Number(
          (await rowsOf(deps.db, sql<{ n: number }>`select count(*)::int as n from ${visible} and s.points > ${own.points}`))[0]?.n ?? 0,
        )
      : 0;
    const names = await deps.displayNames(top.map((r) => r.user_id));
    // Equal points share a rank.
    const entries = top.map((r) => ({
      rank: 1 + top.filter((o) => o.points > r.points).length,
      userId: r.user_id,
      displayName: names.get(r.user_id) ?? '(deleted user)',
      points: r.points,
    }));
    return { scope, entries, mine: own ? { rank: ahead + 1, points: own.points } : null };
  }

  return {
    async achievements(tenant: TenantContext, userId: string): Promise<Achievements> {
      const t = (name: string) => sql.table(`${tenant.schema}.${name}`);
      const [totals] = await rowsOf(
        deps.db,
        sql<{ points: number; lessons: number; courses: number; streak_days: number; longest_streak: number }>`
          select points, lessons, courses, streak_days, longest_streak from ${t('game_totals')} where user_id = ${userId}`,
      );
      const badges = await rowsOf(
        deps.db,
        sql<{
          badge: BadgeId;
          awarded_at: Date;
        }>`select badge, awarded_at from ${t('game_badges')} where user_id = ${userId} order by awarded_at, badge`,
      );
      const points = totals?.points ?? 0;
      return {
        points,
        level: levelFor(points),
        nextLevelAt: levelFor(points) * POINTS_PER_LEVEL,
        lessonsCompleted: totals?.lessons ?? 0,
        coursesCompleted: totals?.courses ?? 0,
        streakDays: totals?.streak_days ?? 0,
        longestStreak: totals?.longest_streak ?? 0,
        badges: badges.map((b) => ({ id: b.badge, ...BADGES[b.badge], awardedAt: new Date(b.awarded_at).toISOString() })),
        hiddenFromLeaderboards: await hidden(userId),
      };
    },

    async leaderboard(tenant: TenantContext, userId: string, courseId?: string): Promise<Leaderboard> {
      if (!courseId) return board('institution', sql.table(`${tenant.schema}.game_totals`), userId);
      await deps.courses.visible(tenant, userId, courseId);
      const perCourse = sql`(select user_id, points from ${sql.table(`${tenant.schema}.game_course_points`)} where course_id = ${courseId})`;
      return board('course', perCourse, userId);
    },

    platformLeaderboard: (userId: string) => board('platform', sql.table('courses.platform_points'), userId),

    async setHidden(userId: string, hide: boolean) {
      if (hide) await sql`insert into courses.leaderboard_hidden (user_id) values (${userId}) on conflict do nothing`.execute(deps.db);
      else await sql`delete from courses.leaderboard_hidden where user_id = ${userId}`.execute(deps.db);
      return { hidden: hide };
    },
  };
}
