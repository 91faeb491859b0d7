// A course's analytics for its editors: completion, lessons finished and time spent, where
// learners stopped, and each quiz question's difficulty and discrimination.
import type { Course, CourseAnalytics } from '@edumatrix/contracts';
import { Badge, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { client } from '../api.ts';
import { ColumnChart } from '../ui/ColumnChart.tsx';
import { StatCard } from '../ui/StatCard.tsx';
import { LoadError, Loading, Notice } from '../ui/states.tsx';
import { coursesKeys } from './queries.ts';

const analyticsQuery = (institutionId: string, courseId: string) =>
  queryOptions({
    queryKey: [...coursesKeys.one(institutionId, courseId), 'analytics'] as const,
    queryFn: () => client.courses.analytics(institutionId, courseId),
  });

const percent = (ratio: number | null) => (ratio === null ? '–' : `${Math.round(ratio * 100)} %`);

function Chart({ title, hint, children }: { title: string; hint: string; children: React.ReactNode }) {
  return (
    <Paper withBorder radius="md" p="md">
      <Title order={3} size="h5">
        {title}
      </Title>
      <Text size="xs" c="dimmed" mb="sm">
        {hint}
      </Text>
      {children}
    </Paper>
  );
}

/** Items that few get right, or that the strong and the weak get right alike, deserve a second look. */
function ItemFlag({ item }: { item: CourseAnalytics['quizzes'][number]['items'][number] }) {
  if (item.discrimination !== null && item.discrimination < 0.2) return <Badge color="orange">Check: does not separate</Badge>;
  if (item.difficulty !== null && item.difficulty < 0.3) return <Badge color="red">Hard</Badge>;
  if (item.difficulty !== null && item.difficulty > 0.9) return <Badge color="gray">Easy</Badge>;
  return null;
}

export function CourseAnalyticsPanel({ institutionId, course }: { institutionId: string; course: Course }) {
  const stats = useQuery(analyticsQuery(institutionId, course.id));
  if (stats.isPending) return <Loading label="Loading analytics" />;
  if (stats.isError) return <LoadError error={stats.error} title="Could not load the analytics" />;
  const a = stats.data;
  const short = (title: string) => (title.length > 14 ? `${title.slice(0, 13)}…` : title);
  return (
    <Stack gap="md" data-analytics>
      <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm">
        <StatCard label="Enrolled" value={String(a.enrolled)} />
        <StatCard label="Completed" value={String(a.completed)} />
        <StatCard label="Completion rate" value={percent(a.completionRate)} />
      </SimpleGrid>
      {a.lessons.length === 0 ? (
        <Notice>No published lessons yet.</Notice>
      ) : (
        <SimpleGrid cols={{ base: 1, md: 3 }} spacing="md">
          <Chart title="Lessons finished" hint="Learners who finished each lesson, in course order.">
            <ColumnChart
              chart="lessons-finished"
              label="Learners who finished each lesson"
              columns={a.lessons.map((l) => ({ label: short(l.title), value: l.completed }))}
            />
          </Chart>
          <Chart title="Time per lesson" hint="Mean minutes learners spent on each lesson.">
            <ColumnChart
              chart="minutes-per-lesson"
              label="Mean minutes per lesson"
              unit=" min"
              columns={a.lessons.map((l) => ({ label: short(l.title), value: l.meanMinutes, color: 'grape' }))}
            />
          </Chart>
          <Chart title="Where learners stopped" hint="Learners whose furthest finished lesson is this one.">
            <ColumnChart
              chart="drop-off"
              label="Learners who stopped after each lesson"
              columns={a.lessons.map((l) => ({ label: short(l.title), value: l.stoppedHere, color: 'orange' }))}
            />
          </Chart>
        </SimpleGrid>
      )}
      {a.quizzes.map((quiz) => (
        <Paper key={quiz.quizId} withBorder radius="md" p="md">
          <Title order={3} size="h5">
            {quiz.title}: item analysis
          </Title>
          <Text size="xs" c="dimmed" mb="sm">
            {quiz.attempts} submitted attempts. Difficulty is the share of points earned (high is easy); discrimination compares the top
            third of attempts with the bottom third (from six attempts).
          </Text>
          {quiz.items.length === 0 ? (
            <Notice>No attempts yet.</Notice>
          ) : (
            <Table.ScrollContainer minWidth={480}>
              <Table verticalSpacing="xs" aria-label={`Item analysis of ${quiz.title}`}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Question</Table.Th>
                    <Table.Th>Answered</Table.Th>
                    <Table.Th>Difficulty</Table.Th>
                    <Table.Th>Discrimination</Table.Th>
                    <Table.Th />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {quiz.items.map((item) => (
                    <Table.Tr key={item.questionId}>
                      <Table.Td>
                        <Text size="sm" lineClamp={2}>
                          {item.prompt}
                        </Text>
                      </Table.Td>
                      <Table.Td>{item.answered}</Table.Td>
                      <Table.Td>{percent(item.difficulty)}</Table.Td>
                      <Table.Td>{item.discrimination === null ? '–' : item.discrimination.toFixed(2)}</Table.Td>
                      <Table.Td>
                        <ItemFlag item={item} />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </Paper>
      ))}
    </Stack>
  );
}
