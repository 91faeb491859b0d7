import type { Institution, StudentGrades } from '@edumatrix/contracts';
import { Badge, Button, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { client } from '../api.ts';
import { formatDay } from '../attendance/queries.ts';
import { FormAlert } from '../ui/FormAlert.tsx';
import { errorMessage } from '../ui/problem.ts';
import { LoadError, Loading } from '../ui/states.tsx';
import { bandColor, formatPercent, formatPoints, kindLabel, studentGradesQuery } from './queries.ts';

type Subject = StudentGrades['subjects'][number];

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <Stack gap={0} miw={0}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="lg" fw={700} style={{ fontVariantNumeric: 'tabular-nums' }}>
        {value}
      </Text>
    </Stack>
  );
}

function SubjectCard({ subject, labels }: { subject: Subject; labels: string[] }) {
  const headingId = `subject-${subject.subjectId}-${subject.classId}`;
  return (
    <Paper withBorder radius="md" p="md" component="article" aria-labelledby={headingId}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" gap="xs" wrap="nowrap">
          <Stack gap={0} miw={0}>
            <Title order={3} size="h5" id={headingId} style={{ overflowWrap: 'anywhere' }}>
              {subject.subjectName}
            </Title>
            <Text size="xs" c="dimmed">
              {subject.className}
            </Text>
          </Stack>
          <Group gap={6} wrap="nowrap" style={{ flexShrink: 0 }}>
            <Text size="sm" fw={600} style={{ fontVariantNumeric: 'tabular-nums' }}>
              {formatPercent(subject.term.percent)}
            </Text>
            <Badge
              size="lg"
              variant="light"
              color={bandColor(labels, subject.term.band)}
              aria-label={`Band ${subject.term.band ?? 'none yet'}`}
            >
              {subject.term.band ?? '—'}
            </Badge>
          </Group>
        </Group>
        {subject.assessments.length === 0 ? (
          <Text size="sm" c="dimmed">
            No assessments yet.
          </Text>
        ) : (
          <Table verticalSpacing={4} horizontalSpacing={4} fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Assessment</Table.Th>
                <Table.Th ta="right">Mark</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {subject.assessments.map((a) => (
                <Table.Tr key={a.id}>
                  <Table.Td>
                    <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                      {a.title}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {kindLabel(a.kind)} · weight {formatPoints(a.weight)}
                      {a.dueOn ? ` · ${formatDay(a.dueOn)}` : ''}
                    </Text>
                  </Table.Td>
                  <Table.Td ta="right" style={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}>
                    {a.mark?.excused ? (
                      <Badge size="sm" variant="light" color="gray">
                        Excused
                      </Badge>
                    ) : a.mark?.points != null ? (
                      `${formatPoints(a.mark.points)} / ${formatPoints(a.maxPoints)}`
                    ) : (
                      <Text span size="sm" c="dimmed">
                        — / {formatPoints(a.maxPoints)}
                      </Text>
                    )}
                    {a.mark?.comment ? (
                      <Text size="xs" c="dimmed" ta="right" style={{ whiteSpace: 'normal' }}>
                        {a.mark.comment}
                      </Text>
                    ) : null}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Paper>
  );
}

/** Saves a Blob under a name, through a temporary link: the browser's own download. */
function saveBlob(data: Blob | string, fileName: string) {
  const blob = data instanceof Blob ? data : new Blob([data], { type: 'application/pdf' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

const fileSafe = (text: string) => text.replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '');

/** One student's term: a card per subject, GPA and attendance, and the report card to download. */
export function StudentGradesView({ institution, studentId, termId }: { institution: Institution; studentId: string; termId: string }) {
  const grades = useQuery(studentGradesQuery(institution.id, studentId, termId));
  const download = useMutation({
    mutationFn: () => client.grades.reportCard(institution.id, studentId, termId),
    onSuccess: (pdf) => {
      const g = grades.data;
      saveBlob(pdf, `report-card-${fileSafe(g?.student.studentNumber ?? 'student')}-${fileSafe(g?.term.name ?? 'term')}.pdf`);
    },
  });

  if (grades.isPending) return <Loading label="Loading the grades" />;
  if (grades.isError) return <LoadError error={grades.error} title="Could not load the grades" />;
  const g = grades.data;
  const labels = g.scale.bands.map((b) => b.label);
  const showGpa = g.gpa !== null;

  return (
    <Stack gap="md">
      <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="grades-student">
        <Stack gap="md">
          <Group justify="space-between" align="flex-start" gap="sm">
            <Stack gap={2} miw={0} style={{ flex: '1 1 240px' }}>
              <Title order={2} size="h3" id="grades-student" style={{ overflowWrap: 'anywhere' }}>
                {g.student.name}
              </Title>
              <Text size="sm" c="dimmed">
                {g.student.studentNumber} · {g.term.name}, {g.term.academicYear} ({formatDay(g.term.startsOn)} – {formatDay(g.term.endsOn)})
              </Text>
            </Stack>
            <Button variant="light" loading={download.isPending} onClick={() => download.mutate()}>
              Download report card (PDF)
            </Button>
          </Group>
          <SimpleGrid cols={{ base: showGpa ? 3 : 2, sm: 4 }} spacing="md">
            <Stat label="Subjects" value={String(g.subjects.length)} />
            {showGpa && <Stat label="GPA" value={(g.gpa as number).toFixed(2)} />}
            <Stat label="Attendance" value={g.attendanceRate === null ? '—' : `${Math.round(g.attendanceRate * 100)} %`} />
          </SimpleGrid>
          <FormAlert message={download.isError ? `Could not download the report card: ${errorMessage(download.error)}` : null} />
        </Stack>
      </Paper>
      {g.subjects.length === 0 ? (
        <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }}>
          <Text size="sm" c="dimmed">
            No grades in {g.term.name} yet. They appear here once teachers add assessments.
          </Text>
        </Paper>
      ) : (
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md" verticalSpacing="md">
          {g.subjects.map((s) => (
            <SubjectCard key={`${s.subjectId}/${s.classId}`} subject={s} labels={labels} />
          ))}
        </SimpleGrid>
      )}
    </Stack>
  );
}
