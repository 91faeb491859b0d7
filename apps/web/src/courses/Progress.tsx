import type { Course, CourseOutline, CourseProgress, Institution, Lesson, Prerequisite } from '@edumatrix/contracts';
import { Alert, Button, Group, Paper, Progress, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { Link } from 'react-router';
import { client } from '../api.ts';
import { formatDate } from '../ui/format.ts';
import { notifyError, notifySuccess, problemOf } from '../ui/problem.ts';
import { LoadError, Loading, Notice } from '../ui/states.tsx';
import { coursesKeys, lessonsInOrder, membersProgressQuery, platformLeaderboardKey } from './queries.ts';

/** Learners whose progress counts: the server records it only for enrolled members, never for editors. */
export const tracksProgress = (course: Course) => course.isEnrolled && !course.canEdit;

export const percent = (ratio: number) => Math.round(Math.max(0, Math.min(1, ratio)) * 100);

/** "1 h 5 min", "12 min", "less than a minute" */
export function timeSpent(seconds: number) {
  const minutes = Math.round(seconds / 60);
  if (minutes < 1) return 'less than a minute';
  const hours = Math.floor(minutes / 60);
  return hours ? `${hours} h ${minutes % 60} min` : `${minutes} min`;
}

/** "Complete Numbers and Algebra I first" */
export const lockText = (lockedBy: Prerequisite[]) => {
  const titles = lockedBy.map((p) => p.title);
  const list = titles.length > 1 ? `${titles.slice(0, -1).join(', ')} and ${titles.at(-1)}` : (titles[0] ?? '');
  return `Complete ${list} first`;
};

export function LockIcon({ size = 16 }: { size?: number }) {
  return (
    <svg
      viewBox="0 0 24 24"
      width={size}
      height={size}
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      aria-hidden="true"
      focusable="false"
    >
      <rect x="5" y="11" width="14" height="10" rx="2" />
      <path d="M8 11V7a4 4 0 0 1 8 0v4" />
    </svg>
  );
}

/** What still locks a course or module, said plainly. */
export function LockNotice({ lockedBy, what }: { lockedBy: Prerequisite[]; what: string }) {
  return (
    <Alert color="orange" variant="light" icon={<LockIcon />} title={`${what} is locked`} data-lock>
      {lockText(lockedBy)}.
    </Alert>
  );
}

export function ProgressBar({ ratio, label, size = 'md' }: { ratio: number; label: string; size?: 'sm' | 'md' | 'lg' }) {
  const value = percent(ratio);
  return <Progress value={value} size={size} radius="xl" color={value === 100 ? 'teal' : 'blue'} aria-label={label} />;
}

/** The course's bar with its numbers: "3 of 5 lessons · 60%". */
export function CourseProgressBar({ progress }: { progress: CourseProgress }) {
  const done = progress.modules.reduce((n, m) => n + m.completed, 0);
  const total = progress.modules.reduce((n, m) => n + m.lessons, 0);
  return (
    <Stack gap={4} maw={560} data-course-progress>
      <Group justify="space-between" gap="xs">
        <Text size="sm" fw={500}>
          {progress.completedAt ? 'Course completed' : 'Your progress'}
        </Text>
        <Text size="sm" c="dimmed">
          {done} of {total} {total === 1 ? 'lesson' : 'lessons'} · {percent(progress.ratio)}%
        </Text>
      </Group>
      <ProgressBar ratio={progress.ratio} label="Course progress" />
    </Stack>
  );
}

/** The learner's standing in a course: the bar, where to continue, or that it is done. */
export function CourseProgressCard({
  outline,
  progress,
  lessonPath,
}: {
  outline: CourseOutline;
  progress: CourseProgress;
  lessonPath: (lesson: Lesson) => string;
}) {
  const lessons = lessonsInOrder(outline);
  const next = lessons.find((l) => l.id === progress.continueLessonId);
  const started = progress.completedLessonIds.length > 0 || progress.secondsSpent > 0;
  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} component="section" aria-label="Your progress">
      <Stack gap="sm">
        <CourseProgressBar progress={progress} />
        {progress.completedAt ? (
          <Text size="sm" c="teal.8" fw={500}>
            ✓ You completed this course on {formatDate(progress.completedAt)}.
          </Text>
        ) : (
          next && (
            <Button component={Link} to={lessonPath(next)} style={{ alignSelf: 'flex-start', maxWidth: '100%' }}>
              <Text span truncate inherit>
                {started ? `Continue where you left off: ${next.title}` : `Start with ${next.title}`}
              </Text>
            </Button>
          )
        )}
        {progress.secondsSpent > 0 && (
          <Text size="xs" c="dimmed">
            Time spent: {timeSpent(progress.secondsSpent)}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}

const REPORT_EVERY_MS = 60_000;
const MAX_SECONDS = 600;

/**
 * Counts the seconds the lesson is on screen (the tab visible) and reports them every minute, when
 * the tab is hidden and when the reader leaves; the server caps each report at ten minutes.
 */
export function useLessonTimer(institutionId: string, courseId: string, lessonId: string, enabled: boolean) {
  const queryClient = useQueryClient();
  const since = useRef<number | null>(null);
  const pending = useRef(0);

  useEffect(() => {
    if (!enabled) return;
    const visible = () => document.visibilityState === 'visible';
    since.current = visible() ? Date.now() : null;
    pending.current = 0;

    const collect = () => {
      if (since.current !== null) {
        pending.current += (Date.now() - since.current) / 1000;
        since.current = visible() ? Date.now() : null;
      }
    };
    const flush = () => {
      collect();
      const seconds = Math.min(MAX_SECONDS, Math.floor(pending.current));
      if (seconds < 1) return;
      pending.current -= seconds;
      client.courses
        .recordProgress(institutionId, courseId, lessonId, { seconds }, { keepalive: true })
        .then((progress) => queryClient.setQueryData(coursesKeys.progress(institutionId, courseId), progress))
        // Time is a nicety: a lost report (offline, a lock) is not worth an alarm.
        .catch(() => undefined);
    };
    const onVisibility = () => {
      if (visible()) since.current = Date.now();
      else flush();
    };
    const timer = window.setInterval(() => {
      if (visible()) flush();
    }, REPORT_EVERY_MS);
    document.addEventListener('visibilitychange', onVisibility);
    window.addEventListener('pagehide', flush);
    return () => {
      window.clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisibility);
      window.removeEventListener('pagehide', flush);
      flush();
    };
  }, [enabled, institutionId, courseId, lessonId, queryClient]);
}

/** "Mark as complete", then "Completed ✓". */
export function CompleteButton({ course, lesson, progress }: { course: Course; lesson: Lesson; progress: CourseProgress }) {
  const queryClient = useQueryClient();
  const done = progress.completedLessonIds.includes(lesson.id);
  const complete = useMutation({
    mutationFn: () => client.courses.recordProgress(course.institutionId, course.id, lesson.id, { completed: true }),
    onSuccess: async (next) => {
      queryClient.setQueryData(coursesKeys.progress(course.institutionId, course.id), next);
      // A completion may open modules of this course (their locks come with the outline).
      void queryClient.invalidateQueries({ queryKey: coursesKeys.one(course.institutionId, course.id), exact: true });
      if (next.completedAt && !progress.completedAt) notifySuccess(`You completed ${course.title}.`, 'Well done!');
      // Points follow through the event consumer; refetch the boards and path once it has had a moment.
      window.setTimeout(() => {
        void queryClient.invalidateQueries({ queryKey: coursesKeys.achievements(course.institutionId) });
        void queryClient.invalidateQueries({ queryKey: [...coursesKeys.all(course.institutionId), 'leaderboard'] });
        void queryClient.invalidateQueries({ queryKey: coursesKeys.learningPath(course.institutionId) });
        void queryClient.invalidateQueries({ queryKey: platformLeaderboardKey });
      }, 1500);
    },
    onError: (error) =>
      notifyError(
        error,
        problemOf(error)?.code === 'courses.locked' ? 'This lesson is still locked' : 'Could not mark the lesson as complete',
      ),
  });
  if (done) {
    return (
      <Button
        component="div"
        role="status"
        variant="light"
        color="teal"
        style={{ alignSelf: 'flex-start', cursor: 'default' }}
        data-completed
      >
        Completed ✓
      </Button>
    );
  }
  return (
    <Button color="teal" style={{ alignSelf: 'flex-start' }} loading={complete.isPending} onClick={() => complete.mutate()}>
      Mark as complete
    </Button>
  );
}

/** Editors: every enrolled member with a bar. */
export function MembersProgress({ institution, course }: { institution: Institution; course: Course }) {
  const members = useQuery(membersProgressQuery(institution.id, course.id));
  if (members.isPending) return <Loading label="Loading progress" />;
  if (members.isError) return <LoadError error={members.error} title="Could not load the progress" />;
  if (members.data.length === 0) return <Notice>No one is enrolled yet. Progress shows here once students start the lessons.</Notice>;
  const finished = members.data.filter((m) => m.completedAt).length;
  const sorted = [...members.data].sort((a, b) => b.ratio - a.ratio || a.displayName.localeCompare(b.displayName));
  return (
    <Stack gap="sm">
      <Title order={3} size="h5">
        Members’ progress
      </Title>
      <Text size="sm" c="dimmed">
        {finished} of {members.data.length} completed the course.
      </Text>
      <Table.ScrollContainer minWidth={420}>
        <Table verticalSpacing="xs" aria-label="Members’ progress">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Member</Table.Th>
              <Table.Th w="40%">Progress</Table.Th>
              <Table.Th>Time</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {sorted.map((m) => (
              <Table.Tr key={m.userId} data-member={m.displayName}>
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {m.displayName}
                  </Text>
                  {m.completedAt && (
                    <Text size="xs" c="teal.8">
                      Completed {formatDate(m.completedAt)}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Group gap="xs" wrap="nowrap">
                    <div style={{ flex: 1 }}>
                      <ProgressBar ratio={m.ratio} label={`Progress of ${m.displayName}`} size="sm" />
                    </div>
                    <Text size="xs" c="dimmed" w={36} ta="right">
                      {percent(m.ratio)}%
                    </Text>
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                    {m.secondsSpent ? timeSpent(m.secondsSpent) : '—'}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
