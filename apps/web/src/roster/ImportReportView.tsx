import type { ImportFormat, ImportProblem, RosterImport } from '@edumatrix/contracts';
import { Alert, Badge, Code, Group, Paper, Progress, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { type COUNT_KINDS, kindsOf, PHASES } from './formats.ts';
import { isFinished } from './queries.ts';

const SHOWN_PROBLEMS = 200;

export function statusBadge(job: RosterImport) {
  const problems = job.report?.problemCount ?? 0;
  if (job.status === 'queued' || job.status === 'running')
    return (
      <Badge variant="light" color="blue">
        {job.status === 'queued' ? 'Queued' : 'Running'}
      </Badge>
    );
  if (job.status === 'failed')
    return (
      <Badge variant="light" color="red">
        Failed
      </Badge>
    );
  if (job.mode === 'dry_run' && problems > 0)
    return (
      <Badge variant="light" color="orange">
        {problems} {problems === 1 ? 'problem' : 'problems'}
      </Badge>
    );
  return (
    <Badge variant="light" color="teal">
      {job.mode === 'dry_run' ? 'Ready to import' : 'Imported'}
    </Badge>
  );
}

export function ImportProgressBar({ job }: { job: RosterImport }) {
  const { phase, done, total } = job.progress;
  const value = total > 0 ? Math.min(100, Math.round((done / total) * 100)) : phase === 'done' ? 100 : 0;
  return (
    <Stack gap={6} role="status" aria-live="polite">
      <Group justify="space-between" gap="xs">
        <Text size="sm" fw={500}>
          {PHASES[phase] ?? phase}
        </Text>
        <Text size="sm" c="dimmed">
          {total > 0 ? `${done.toLocaleString()} of ${total.toLocaleString()} rows` : ''}
        </Text>
      </Group>
      <Progress value={value} animated={!isFinished(job)} aria-label="Import progress" />
    </Stack>
  );
}

const KIND_LABEL: Record<(typeof COUNT_KINDS)[number], string> = {
  students: 'Students',
  staff: 'Staff',
  classes: 'Classes',
  enrolments: 'Enrolments',
};

function Counts({ job, format }: { job: RosterImport; format: ImportFormat }) {
  const report = job.report;
  if (!report) return null;
  const dry = job.mode === 'dry_run';
  const rows = [
    { label: dry ? 'Would create' : 'Created', counts: report.created, color: 'teal' },
    { label: dry ? 'Would update' : 'Updated', counts: report.updated, color: 'blue' },
    { label: 'Unchanged', counts: report.unchanged, color: 'gray' },
  ];
  return (
    <SimpleGrid cols={{ base: 1, xs: kindsOf(format).length > 1 ? 2 : 1, md: kindsOf(format).length > 1 ? 4 : 1 }} spacing="sm">
      {kindsOf(format).map((kind) => (
        <Paper key={kind} withBorder radius="md" p="sm" aria-label={KIND_LABEL[kind]} component="section">
          <Text fw={600} size="sm" mb={4}>
            {KIND_LABEL[kind]}
          </Text>
          <Group gap="md" wrap="wrap">
            {rows.map((row) => (
              <Stack key={row.label} gap={0}>
                <Text size="xl" fw={700} c={row.counts[kind] > 0 ? row.color : 'dimmed'} lh={1.2}>
                  {row.counts[kind]}
                </Text>
                <Text size="xs" c="dimmed">
                  {row.label}
                </Text>
              </Stack>
            ))}
          </Group>
        </Paper>
      ))}
    </SimpleGrid>
  );
}

function ProblemList({ problems, phone }: { problems: ImportProblem[]; phone: boolean }) {
  const shown = problems.slice(0, SHOWN_PROBLEMS);
  if (phone) {
    return (
      <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label="Problems">
        {shown.map((p) => (
          <Paper component="li" key={`${p.file}:${p.line}:${p.field}:${p.message}`} withBorder radius="md" p="xs" shadow="none">
            <Text size="xs" c="dimmed">
              {p.file}
              {p.line > 0 && `, line ${p.line}`}
              {p.field && (
                <>
                  , column <Code>{p.field}</Code>
                </>
              )}
            </Text>
            <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
              {p.message}
            </Text>
          </Paper>
        ))}
      </Stack>
    );
  }
  return (
    <Table.ScrollContainer minWidth={520}>
      <Table verticalSpacing={6} striped aria-label="Problems">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>File</Table.Th>
            <Table.Th>Line</Table.Th>
            <Table.Th>Column</Table.Th>
            <Table.Th>Reason</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {shown.map((p) => (
            <Table.Tr key={`${p.file}:${p.line}:${p.field}:${p.message}`}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{p.file}</Table.Td>
              <Table.Td>{p.line > 0 ? p.line : '—'}</Table.Td>
              <Table.Td>{p.field ? <Code>{p.field}</Code> : '—'}</Table.Td>
              <Table.Td style={{ overflowWrap: 'anywhere' }}>{p.message}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** One import's state: progress while it runs, then what it found or did. */
export function ImportReportView({ job, phone }: { job: RosterImport; phone: boolean }) {
  const report = job.report;
  if (!isFinished(job)) return <ImportProgressBar job={job} />;
  const problems = report?.problemCount ?? 0;
  return (
    <Stack gap="md">
      {job.status === 'failed' ? (
        <Alert color="red" variant="light" title="Nothing was imported" role="alert">
          {job.error ?? 'The import could not be completed.'}
        </Alert>
      ) : job.mode === 'dry_run' ? (
        problems > 0 ? (
          <Alert color="orange" variant="light" title={`${problems} ${problems === 1 ? 'row needs' : 'rows need'} fixing`}>
            Fix {problems === 1 ? 'it' : 'them'} in the file and check again. An import writes every row or none.
          </Alert>
        ) : (
          <Alert color="teal" variant="light" title="Every row is fine">
            {report?.rows ?? 0} {report?.rows === 1 ? 'row was' : 'rows were'} checked. Nothing has been written yet.
          </Alert>
        )
      ) : (
        <Alert color="teal" variant="light" title="Imported">
          {report?.rows ?? 0} {report?.rows === 1 ? 'row was' : 'rows were'} imported.
        </Alert>
      )}
      {report && <Counts job={job} format={job.format} />}
      {report && report.problems.length > 0 && (
        <Stack gap="xs">
          <Text fw={600} size="sm">
            Problems
            {report.problemCount > Math.min(report.problems.length, SHOWN_PROBLEMS) &&
              ` (the first ${Math.min(report.problems.length, SHOWN_PROBLEMS)} of ${report.problemCount})`}
          </Text>
          <ProblemList problems={report.problems} phone={phone} />
        </Stack>
      )}
    </Stack>
  );
}
