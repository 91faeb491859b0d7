// Gamification: points for learning (lessons, courses, quizzes, daily streaks), levels, badges
// with criteria, and leaderboards per course, institution and platform that anyone may leave.
import { z } from 'zod';

/** Points per kind of achievement; each further day of a streak (from the second day on) earns `streakDay`. */
export const POINTS = { lessonCompleted: 10, courseCompleted: 50, streakDay: 5, quizFull: 20 } as const;
/** A quiz earns up to `quizFull` in proportion to the learner's best score on it (improvements only). */
export const quizPoints = (score: number, maxScore: number) =>
  maxScore > 0 ? Math.round((POINTS.quizFull * Math.max(0, score)) / maxScore) : 0;
/** Every 100 points a level: level 1 from 0, level 2 from 100, … */
export const POINTS_PER_LEVEL = 100;
export const levelFor = (points: number) => 1 + Math.floor(Math.max(0, points) / POINTS_PER_LEVEL);

export const BadgeId = z.enum(['first_lesson', 'ten_lessons', 'first_course', 'streak_3', 'streak_7']);
export type BadgeId = z.infer<typeof BadgeId>;

/** Each badge and what earns it, read by the consumer that awards them and by the web app. */
export const BADGES: Record<BadgeId, { title: string; criteria: string }> = {
  first_lesson: { title: 'First step', criteria: 'Complete a lesson' },
  ten_lessons: { title: 'Keen learner', criteria: 'Complete 10 lessons' },
  first_course: { title: 'Finisher', criteria: 'Complete a whole course' },
  streak_3: { title: 'On a roll', criteria: 'Learn 3 days in a row' },
  streak_7: { title: 'Week streak', criteria: 'Learn 7 days in a row' },
};

export const Achievements = z.object({
  points: z.number().int(),
  level: z.number().int(),
  /** Points at which the next level starts. */
  nextLevelAt: z.number().int(),
  lessonsCompleted: z.number().int(),
  coursesCompleted: z.number().int(),
  streakDays: z.number().int(),
  longestStreak: z.number().int(),
  badges: z.array(z.object({ id: BadgeId, title: z.string(), criteria: z.string(), awardedAt: z.string() })),
  /** Whether the caller keeps out of every leaderboard. */
  hiddenFromLeaderboards: z.boolean(),
});
export type Achievements = z.infer<typeof Achievements>;

export const LeaderboardQuery = z.strictObject({ courseId: z.uuid().optional() });
export type LeaderboardQuery = z.infer<typeof LeaderboardQuery>;

export const Leaderboard = z.object({
  scope: z.enum(['course', 'institution', 'platform']),
  entries: z.array(z.object({ rank: z.number().int(), userId: z.uuid(), displayName: z.string(), points: z.number().int() })),
  /** The caller's own place, null when they have no points or keep out of leaderboards. */
  mine: z.object({ rank: z.number().int(), points: z.number().int() }).nullable(),
});
export type Leaderboard = z.infer<typeof Leaderboard>;

export const LeaderboardPreferenceBody = z.strictObject({ hidden: z.boolean() });
export type LeaderboardPreferenceBody = z.infer<typeof LeaderboardPreferenceBody>;
