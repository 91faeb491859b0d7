import { type Achievements, BADGES, type BadgeId, type Leaderboard, POINTS, POINTS_PER_LEVEL } from '@edumatrix/contracts';
import { Anchor, Group, Paper, Progress, SegmentedControl, SimpleGrid, Stack, Switch, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { client } from '../api.ts';
import { useCurrentUser } from '../auth/session-store.ts';
import { useInstitutionContext } from '../institutions/useInstitutionContext.ts';
import { PageHeader } from '../structure/PageHeader.tsx';
import { formatDate } from '../ui/format.ts';
import { notifyError } from '../ui/problem.ts';
import { LoadError, Loading } from '../ui/states.tsx';
import { usePageTitle } from '../ui/usePageTitle.ts';
import { CoursesNav } from './CoursesNav.tsx';
import { achievementsQuery, coursesKeys, leaderboardQuery, platformLeaderboardKey, platformLeaderboardQuery } from './queries.ts';

/** Points arrive through an event consumer a moment after a completion; a gentle poll keeps the page current. */
const POLL_MS = 15_000;

function Stat({ label, value, hint }: { label: string; value: string | number; hint?: string }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="xl" fw={700} lh={1.2}>
        {value}
      </Text>
      {hint && (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      )}
    </Stack>
  );
}

function BadgeIcon({ earned }: { earned: boolean }) {
  return (
    <svg viewBox="0 0 24 24" width="28" height="28" aria-hidden="true" focusable="false" style={{ flexShrink: 0 }}>
      <circle
        cx="12"
        cy="10"
        r="7"
        fill={earned ? 'var(--mantine-color-yellow-filled)' : 'none'}
        stroke="var(--mantine-color-gray-5)"
        strokeWidth="1.5"
      />
      <path d="M8 16 6 22l6-3 6 3-2-6" fill="none" stroke="var(--mantine-color-gray-5)" strokeWidth="1.5" />
      {earned && <path d="m9 10 2 2 4-4" fill="none" stroke="white" strokeWidth="2" />}
    </svg>
  );
}

function Badges({ achievements }: { achievements: Achievements }) {
  const earned = new Map(achievements.badges.map((b) => [b.id, b]));
  return (
    <Stack gap="xs" component="section" aria-labelledby="badges-title">
      <Title order={3} size="h5" id="badges-title">
        Badges
      </Title>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="xs" component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
        {(Object.keys(BADGES) as BadgeId[]).map((id) => {
          const badge = BADGES[id];
          const got = earned.get(id);
          return (
            <Paper
              key={id}
              component="li"
              withBorder
              radius="md"
              p="xs"
              aria-label={`${badge.title}: ${got ? 'earned' : 'not yet earned'}. ${badge.criteria}.`}
              data-badge={badge.title}
              data-earned={got ? 'true' : 'false'}
              style={{ opacity: got ? 1 : 0.72 }}
            >
              <Group gap="xs" wrap="nowrap" align="flex-start">
                <BadgeIcon earned={!!got} />
                <Stack gap={0} miw={0}>
                  <Text size="sm" fw={600}>
                    {badge.title}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {badge.criteria}
                  </Text>
                  <Text size="xs" c={got ? 'teal.8' : 'dimmed'} fw={got ? 500 : 400}>
                    {got ? `Earned ${formatDate(got.awardedAt)}` : 'Not yet'}
                  </Text>
                </Stack>
              </Group>
            </Paper>
          );
        })}
      </SimpleGrid>
    </Stack>
  );
}

/** Points, the way to the next level, the streak and the badges. */
export function AchievementsCard({ institutionId }: { institutionId: string }) {
  const achievements = useQuery({ ...achievementsQuery(institutionId), refetchInterval: POLL_MS });
  if (achievements.isPending) return <Loading label="Loading your achievements" />;
  if (achievements.isError) return <LoadError error={achievements.error} title="Could not load your achievements" />;
  const a = achievements.data;
  const levelStart = a.nextLevelAt - POINTS_PER_LEVEL;
  const toNext = Math.max(0, a.nextLevelAt - a.points);
  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="achievements-title" data-achievements>
      <Stack gap="md">
        <Title order={3} size="h4" id="achievements-title">
          Your achievements
        </Title>
        <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="md">
          <Stat label="Points" value={a.points} />
          <Stat label="Level" value={a.level} />
          <Stat label="Streak" value={`${a.streakDays} ${a.streakDays === 1 ? 'day' : 'days'}`} hint={`Longest ${a.longestStreak}`} />
          <Stat
            label="Completed"
            value={a.lessonsCompleted}
            hint={`lessons · ${a.coursesCompleted} ${a.coursesCompleted === 1 ? 'course' : 'courses'}`}
          />
        </SimpleGrid>
        <Stack gap={4}>
          <Group justify="space-between" gap="xs">
            <Text size="sm" fw={500}>
              Level {a.level + 1}
            </Text>
            <Text size="sm" c="dimmed">
              {toNext} {toNext === 1 ? 'point' : 'points'} to go
            </Text>
          </Group>
          <Progress
            value={Math.min(100, ((a.points - levelStart) / POINTS_PER_LEVEL) * 100)}
            radius="xl"
            color="yellow"
            aria-label={`Progress to level ${a.level + 1}`}
          />
          <Text size="xs" c="dimmed">
            {POINTS.lessonCompleted} points a lesson, {POINTS.courseCompleted} a course, up to {POINTS.quizFull} a quiz (by your best
            score), {POINTS.streakDay} for each day of a streak.
          </Text>
        </Stack>
        <Badges achievements={a} />
      </Stack>
    </Paper>
  );
}

/** A line on the Courses page for learners: level, points, streak, and the way to the full view. */
export function AchievementsSummary({ institutionId }: { institutionId: string }) {
  const achievements = useQuery(achievementsQuery(institutionId));
  if (!achievements.data) return null;
  const a = achievements.data;
  return (
    <Paper withBorder radius="md" px={{ base: 'md', sm: 'lg' }} py="sm" component="section" aria-label="Your achievements">
      <Group justify="space-between" gap="xs" wrap="wrap">
        <Text size="sm">
          <Text span fw={600}>
            Level {a.level}
          </Text>{' '}
          · {a.points} {a.points === 1 ? 'point' : 'points'} · {a.streakDays}-day streak · {a.badges.length} of {Object.keys(BADGES).length}{' '}
          badges
        </Text>
        <Anchor component={Link} to={`/institutions/${institutionId}/courses/achievements`} size="sm">
          Progress & badges →
        </Anchor>
      </Group>
    </Paper>
  );
}

/** A ranked list with the caller's own place under it when they are not among the entries shown. */
export function LeaderboardTable({ board, title, me }: { board: Leaderboard; title: string; me: string | null }) {
  if (board.entries.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No one on this leaderboard yet: points come with completed lessons and courses.
      </Text>
    );
  }
  const shown = board.entries.some((e) => e.userId === me);
  return (
    <Stack gap={4}>
      <Table verticalSpacing={6} aria-label={title} data-leaderboard={board.scope}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={56}>Rank</Table.Th>
            <Table.Th>Learner</Table.Th>
            <Table.Th ta="right">Points</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {board.entries.map((entry) => {
            const mine = entry.userId === me;
            return (
              <Table.Tr
                key={entry.userId}
                bg={mine ? 'var(--mantine-color-blue-light)' : undefined}
                aria-current={mine ? 'true' : undefined}
              >
                <Table.Td>{entry.rank}</Table.Td>
                <Table.Td style={{ overflowWrap: 'anywhere' }}>
                  {entry.displayName}
                  {mine && (
                    <Text span size="xs" c="dimmed">
                      {' '}
                      (you)
                    </Text>
                  )}
                </Table.Td>
                <Table.Td ta="right">{entry.points}</Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      {board.mine && !shown && (
        <Text size="sm" c="dimmed">
          Your place: {board.mine.rank} with {board.mine.points} points.
        </Text>
      )}
    </Stack>
  );
}

type Scope = 'institution' | 'platform';

/** The institution's and the platform's boards, and the switch to keep out of all of them. */
export function Leaderboards({ institutionId, me }: { institutionId: string; me: string | null }) {
  const [scope, setScope] = useState<Scope>('institution');
  const institutionBoard = useQuery({
    ...leaderboardQuery(institutionId, null),
    refetchInterval: POLL_MS,
    enabled: scope === 'institution',
  });
  const platformBoard = useQuery({ ...platformLeaderboardQuery(), refetchInterval: POLL_MS, enabled: scope === 'platform' });
  const board = scope === 'institution' ? institutionBoard : platformBoard;
  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="leaderboards-title">
      <Stack gap="sm">
        <Group justify="space-between" gap="sm">
          <Title order={3} size="h4" id="leaderboards-title">
            Leaderboards
          </Title>
          <SegmentedControl
            aria-label="Which leaderboard"
            size="xs"
            data={[
              { value: 'institution', label: 'This institution' },
              { value: 'platform', label: 'Everyone' },
            ]}
            value={scope}
            onChange={(value) => setScope(value as Scope)}
          />
        </Group>
        <LeaderboardSwitch institutionId={institutionId} />
        {board.isPending ? (
          <Loading label="Loading the leaderboard" />
        ) : board.isError ? (
          <LoadError error={board.error} title="Could not load the leaderboard" />
        ) : (
          <LeaderboardTable
            board={board.data}
            title={scope === 'institution' ? 'Institution leaderboard' : 'Platform leaderboard'}
            me={me}
          />
        )}
      </Stack>
    </Paper>
  );
}

/** "Show me on leaderboards": off keeps the learner out of every board (points still count). */
function LeaderboardSwitch({ institutionId }: { institutionId: string }) {
  const queryClient = useQueryClient();
  const achievements = useQuery(achievementsQuery(institutionId));
  const hide = useMutation({
    mutationFn: (hidden: boolean) => client.courses.hideFromLeaderboards(hidden),
    onSuccess: ({ hidden }) => {
      queryClient.setQueryData<Achievements>(coursesKeys.achievements(institutionId), (before) =>
        before ? { ...before, hiddenFromLeaderboards: hidden } : before,
      );
    },
    onError: (error) => notifyError(error, 'Could not change your leaderboard choice'),
    onSettled: async () => {
      await queryClient.invalidateQueries({ queryKey: [...coursesKeys.all(institutionId), 'leaderboard'] });
      await queryClient.invalidateQueries({ queryKey: platformLeaderboardKey });
    },
  });
  if (!achievements.data) return null;
  const shown = hide.isPending ? !hide.variables : !achievements.data.hiddenFromLeaderboards;
  return (
    <Switch
      label="Show me on leaderboards"
      description="Off: others do not see your name or points on any leaderboard."
      checked={shown}
      disabled={hide.isPending}
      onChange={(event) => hide.mutate(!event.currentTarget.checked)}
    />
  );
}

/** The course's own board, on its page. */
export function CourseLeaderboard({ institutionId, courseId, me }: { institutionId: string; courseId: string; me: string | null }) {
  const board = useQuery({ ...leaderboardQuery(institutionId, courseId), refetchInterval: POLL_MS });
  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="course-leaderboard-title">
      <Stack gap="sm">
        <Title order={3} size="h5" id="course-leaderboard-title">
          Course leaderboard
        </Title>
        {board.isPending ? (
          <Loading label="Loading the leaderboard" />
        ) : board.isError ? (
          <LoadError error={board.error} title="Could not load the leaderboard" />
        ) : (
          <LeaderboardTable board={board.data} title="Course leaderboard" me={me} />
        )}
      </Stack>
    </Paper>
  );
}

export function AchievementsPage() {
  const institution = useInstitutionContext();
  usePageTitle(`Progress & badges · ${institution.name}`);
  const me = useCurrentUser().id;
  return (
    <Stack gap="md">
      <CoursesNav institutionId={institution.id} />
      <PageHeader
        title="Progress & badges"
        hint="Points for every lesson and course you complete, for your quiz scores and for learning day after day."
      />
      <AchievementsCard institutionId={institution.id} />
      <Leaderboards institutionId={institution.id} me={me} />
    </Stack>
  );
}
