import type { TeacherDashboard } from '@edumatrix/contracts';
import { Badge, Button, Group, Progress, SimpleGrid, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { Section } from '../webhooks/Section.tsx';
import { LessonList } from './LessonList.tsx';

/** A teacher's day: lessons, the registers still to take, and assessments with marks still missing. */
export function TeacherDashboardView({ dashboard, institutionId }: { dashboard: TeacherDashboard; institutionId: string }) {
  const base = `/institutions/${institutionId}`;
  return (
    <SimpleGrid cols={{ base: 1, md: 3 }} spacing="lg" verticalSpacing="lg">
      <Section id="dashboard-lessons" title="Today's lessons">
        <LessonList
          lessons={dashboard.lessons}
          empty="No lessons on your timetable today."
          aside={(l) => {
            const taken = dashboard.lessons.find((x) => x.periodId === l.periodId)?.registerTaken;
            return (
              <Badge color={taken ? 'teal' : 'orange'} variant="light" style={{ flexShrink: 0 }}>
                {taken ? 'Taken' : 'Register due'}
              </Badge>
            );
          }}
        />
      </Section>
      <Section id="dashboard-registers" title="Attendance to take">
        <Stack gap="sm">
          <LessonList lessons={dashboard.registersToTake} empty="Every register of today is taken." />
          {dashboard.registersToTake.length > 0 && (
            <Button component={Link} to={`${base}/attendance`} variant="light" size="sm" style={{ alignSelf: 'flex-start' }}>
              Take attendance
            </Button>
          )}
        </Stack>
      </Section>
      <Section id="dashboard-grading" title="Marking to do" hint="Assessments of your classes with marks still missing.">
        {dashboard.gradingToDo.length === 0 ? (
          <Text size="sm" c="dimmed">
            Nothing half-marked.
          </Text>
        ) : (
          <Stack gap="sm">
            <Stack gap="sm" component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
              {dashboard.gradingToDo.map((a) => (
                <li key={a.assessmentId} data-assessment={a.title}>
                  <Group justify="space-between" gap="xs" wrap="nowrap" align="baseline">
                    <Text size="sm" fw={500} style={{ overflowWrap: 'anywhere' }}>
                      {a.title}
                      <Text span size="xs" c="dimmed">
                        {' '}
                        · {a.subjectName ? `${a.subjectName}, ` : ''}
                        {a.className}
                      </Text>
                    </Text>
                    <Text size="xs" c="dimmed" style={{ flexShrink: 0 }}>
                      {a.marked} of {a.students}
                    </Text>
                  </Group>
                  <Progress
                    value={a.students ? (a.marked / a.students) * 100 : 0}
                    size="sm"
                    mt={4}
                    aria-label={`${a.title}: ${a.marked} of ${a.students} marked`}
                  />
                </li>
              ))}
            </Stack>
            <Button component={Link} to={`${base}/grades`} variant="light" size="sm" style={{ alignSelf: 'flex-start' }}>
              Open grades
            </Button>
          </Stack>
        )}
      </Section>
    </SimpleGrid>
  );
}
