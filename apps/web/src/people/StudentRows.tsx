import type { Student } from '@edumatrix/contracts';
import { Anchor, Badge, Code, Group, Paper, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { DataTable, WrapText } from '../ui/DataTable.tsx';
import { sortName, statusOf } from './labels.ts';

type Props = { students: Student[]; basePath: string; className: (id: string) => string | undefined };

const classList = (student: Student, className: Props['className']) =>
  student.classIds.map((id) => className(id) ?? 'Unknown class').join(', ');

function StatusBadge({ student }: { student: Student }) {
  const status = statusOf(student.status);
  return (
    <Badge size="sm" variant="light" color={status?.color} style={{ flexShrink: 0 }}>
      {status?.label}
    </Badge>
  );
}

function NameLink({ student, basePath }: { student: Student; basePath: string }) {
  return (
    <Anchor component={Link} to={`${basePath}/${student.id}`} fw={600} size="sm" style={{ overflowWrap: 'anywhere' }}>
      {sortName(student)}
    </Anchor>
  );
}

export function StudentTable({ students, basePath, className }: Props) {
  return (
    <DataTable
      rows={students}
      rowKey={(s) => s.id}
      minWidth={560}
      columns={[
        { label: 'Name', maw: 260, render: (s) => <NameLink student={s} basePath={basePath} /> },
        { label: 'Number', render: (s) => <Code style={{ whiteSpace: 'nowrap' }}>{s.studentNumber}</Code> },
        { label: 'Status', render: (s) => <StatusBadge student={s} /> },
        { label: 'Classes', maw: 240, render: (s) => <WrapText>{s.classIds.length ? classList(s, className) : ''}</WrapText> },
        { label: 'Guardians', maw: 220, render: (s) => <WrapText>{s.guardians.map((g) => g.displayName).join(', ')}</WrapText> },
      ]}
    />
  );
}

/** Phones get a card per student: five columns do not fit 390 pixels. */
export function StudentCards({ students, basePath, className }: Props) {
  return (
    <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
      {students.map((student) => (
        <Paper component="li" key={student.id} withBorder radius="md" p="sm" shadow="none">
          <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
            <Stack gap={4} miw={0}>
              <NameLink student={student} basePath={basePath} />
              <Code style={{ alignSelf: 'flex-start' }}>{student.studentNumber}</Code>
            </Stack>
            <StatusBadge student={student} />
          </Group>
          {student.classIds.length > 0 && (
            <Text size="sm" mt={6} style={{ overflowWrap: 'anywhere' }}>
              <Text span c="dimmed" inherit>
                Classes:
              </Text>{' '}
              {classList(student, className)}
            </Text>
          )}
          {student.guardians.length > 0 && (
            <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
              <Text span c="dimmed" inherit>
                Guardians:
              </Text>{' '}
              {student.guardians.map((g) => g.displayName).join(', ')}
            </Text>
          )}
        </Paper>
      ))}
    </Stack>
  );
}
