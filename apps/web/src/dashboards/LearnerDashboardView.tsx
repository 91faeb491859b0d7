import type { LearnerDashboard, LearnerDay } from '@edumatrix/contracts';
import { Badge, Group, RingProgress, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { percent } from '../attendance/queries.ts';
import { Section } from '../webhooks/Section.tsx';
import { LessonList } from './LessonList.tsx';

const rateColor = (rate: number | null) => (rate === null ? 'gray' : rate >= 0.9 ? 'teal' : rate >= 0.8 ? 'yellow' : 'red');

function Day({ day, own }: { day: LearnerDay; own: boolean }) {
  const { attendance } = day;
  return (
    <Stack gap="sm" data-learner={day.name}>
      {!own && (
        <Title order={2} size="h4">
          {day.name}
        </Title>
      )}
      <SimpleGrid cols={{ base: 1, md: 3 }} spacing="lg" verticalSpacing="lg">
        <Section id={`lessons-${day.studentId}`} title="Today's timetable">
          <LessonList lessons={day.lessons} empty="No lessons today." />
        </Section>
        <Section id={`attendance-${day.studentId}`} title="Attendance" hint="Last 30 days: present and late over every day marked.">
          <Group gap="md" wrap="nowrap">
            <RingProgress
              size={96}
              thickness={10}
              roundCaps
              sections={attendance.rate === null ? [] : [{ value: attendance.rate * 100, color: rateColor(attendance.rate) }]}
              label={
                <Text ta="center" fw={700} size="sm" data-rate>
                  {percent(attendance.rate)}
                </Text>
              }
            />
            <Stack gap={2}>
              <Text size="sm">{attendance.present} present</Text>
              <Text size="sm">{attendance.late} late</Text>
              <Text size="sm">{attendance.absent} absent</Text>
              {attendance.excused > 0 && <Text size="sm">{attendance.excused} excused</Text>}
            </Stack>
          </Group>
        </Section>
        <Section id={`grades-${day.studentId}`} title="Recent grades">
          {day.recentGrades.length === 0 ? (
            <Text size="sm" c="dimmed">
              No marks yet.
            </Text>
          ) : (
            <Stack gap="xs" component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
              {day.recentGrades.map((g) => (
                <Group key={g.assessmentId} component="li" justify="space-between" gap="xs" wrap="nowrap" data-grade={g.title}>
                  <div style={{ minWidth: 0 }}>
                    <Text size="sm" fw={500} style={{ overflowWrap: 'anywhere' }}>
                      {g.title}
                    </Text>
                    {g.subjectName && (
                      <Text size="xs" c="dimmed">
                        {g.subjectName}
                        {g.termPercent !== null && ` · term ${g.termPercent} %`}
                      </Text>
                    )}
                  </div>
                  <Group gap={6} wrap="nowrap" style={{ flexShrink: 0 }}>
                    <Text size="sm" fw={600}>
                      {g.points}/{g.maxPoints}
                    </Text>
                    {g.termBand && (
                      <Badge variant="light" title="Term grade in the subject">
                        {g.termBand}
                      </Badge>
                    )}
                  </Group>
                </Group>
              ))}
            </Stack>
          )}
        </Section>
      </SimpleGrid>
    </Stack>
  );
}

/** A student's own day, or each of a parent's children. */
export function LearnerDashboardView({ dashboard }: { dashboard: LearnerDashboard }) {
  if (dashboard.students.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {dashboard.kind === 'parent'
          ? 'No student records are linked to you yet; ask the institution to add you as a guardian.'
          : 'Your student record is not linked to your account yet; ask the institution to link it.'}
      </Text>
    );
  }
  return (
    <Stack gap="xl">
      {dashboard.students.map((day) => (
        <Day key={day.studentId} day={day} own={dashboard.kind === 'student'} />
      ))}
    </Stack>
  );
}
