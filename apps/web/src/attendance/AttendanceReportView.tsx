import type { AttendanceReport, AttendanceRow, Institution } from '@edumatrix/contracts';
import { Badge, Button, Group, NumberInput, Paper, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { client } from '../api.ts';
import { canManage } from '../institutions/options.ts';
import { usePhone } from '../ui/FormActions.tsx';
import { FormAlert } from '../ui/FormAlert.tsx';
import { PickOne, type PickOneOption } from '../ui/PickOne.tsx';
import { errorMessage, notifySuccess } from '../ui/problem.ts';
import { LoadError, Loading } from '../ui/states.tsx';
import { Section } from '../webhooks/Section.tsx';
import { addDays, attendanceKeys, percent, reportQuery, settingsQuery, todayIn } from './queries.ts';
import { RateChart } from './RateChart.tsx';

type Props = {
  institution: Institution;
  /** Class choices; none for students and parents, whose report is their own records. */
  classes: PickOneOption[];
  studentName: (id: string) => string;
  title: string;
  hint?: string;
};

const isDate = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value);

export function AttendanceReportView({ institution, classes, studentName, title, hint }: Props) {
  const today = todayIn(institution.timezone);
  const [from, setFrom] = useState(() => addDays(today, -29));
  const [to, setTo] = useState(today);
  const [pickedClass, setClassId] = useState<string | null>(null);
  const classId = pickedClass ?? classes[0]?.value ?? null;
  const valid = isDate(from) && isDate(to) && from <= to;
  const query = { from, to, ...(classId ? { classId } : {}) };
  const report = useQuery({ ...reportQuery(institution.id, query), enabled: valid && (classes.length === 0 || !!classId) });
  const settings = useQuery(settingsQuery(institution.id));
  const threshold = settings.data?.alertBelow ?? null;

  return (
    <Section id="attendance-report" title={title} hint={hint}>
      <Stack gap="md">
        <SimpleGrid cols={{ base: 1, xs: classes.length ? 3 : 2 }} spacing="sm" verticalSpacing="sm">
          {classes.length > 0 && <PickOne label="Class" data={classes} value={classId} onChange={setClassId} />}
          <TextInput label="From" type="date" value={from} max={to} onChange={(event) => setFrom(event.currentTarget.value)} />
          <TextInput
            label="To"
            type="date"
            value={to}
            min={from}
            error={isDate(from) && isDate(to) && from > to ? 'Must not be before the start' : null}
            onChange={(event) => setTo(event.currentTarget.value)}
          />
        </SimpleGrid>
        {!valid ? null : report.isPending ? (
          <Loading label="Loading the report" />
        ) : report.isError ? (
          <LoadError error={report.error} title="Could not load the report" />
        ) : (
          <ReportBody report={report.data} threshold={threshold} studentName={studentName} />
        )}
        {canManage(institution.myRole) && settings.data && (
          <ThresholdForm institution={institution} alertBelow={settings.data.alertBelow} />
        )}
      </Stack>
    </Section>
  );
}

function overall(rows: AttendanceRow[]) {
  const sum = (key: 'present' | 'absent' | 'late' | 'excused') => rows.reduce((n, r) => n + r[key], 0);
  const attended = sum('present') + sum('late');
  const counted = attended + sum('absent');
  return {
    present: sum('present'),
    absent: sum('absent'),
    late: sum('late'),
    excused: sum('excused'),
    rate: counted ? attended / counted : null,
  };
}

function ReportBody({
  report,
  threshold,
  studentName,
}: {
  report: AttendanceReport;
  threshold: number | null;
  studentName: (id: string) => string;
}) {
  const phone = usePhone();
  const total = overall(report.rows);
  const below = (row: AttendanceRow) => threshold !== null && row.rate !== null && row.rate < threshold;
  const rows = [...report.rows].sort((a, b) => studentName(a.studentId).localeCompare(studentName(b.studentId)));

  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 2, sm: 5 }} spacing="xs" verticalSpacing="xs">
        <Stat label="Attendance rate" value={percent(total.rate)} />
        <Stat label="Present" value={String(total.present)} />
        <Stat label="Absent" value={String(total.absent)} />
        <Stat label="Late" value={String(total.late)} />
        <Stat label="Excused" value={String(total.excused)} />
      </SimpleGrid>
      <RateChart days={report.days} threshold={threshold} label="Daily attendance rate" />
      {threshold !== null && (
        <Text size="xs" c="dimmed">
          The rate counts late as attended and leaves excused days out. Below {percent(threshold)} is highlighted.
        </Text>
      )}
      {rows.length === 0 ? null : phone ? (
        <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label="Students">
          {rows.map((row) => (
            <Paper component="li" key={row.studentId} withBorder radius="md" p="sm" bg={below(row) ? 'red.0' : undefined}>
              <Group justify="space-between" wrap="nowrap" gap="xs" align="flex-start">
                <Text fw={600} size="sm" style={{ overflowWrap: 'anywhere' }}>
                  {studentName(row.studentId)}
                </Text>
                <RateBadge rate={row.rate} low={below(row)} />
              </Group>
              <Text size="sm" c="dimmed" mt={4}>
                Present {row.present} · Absent {row.absent} · Late {row.late} · Excused {row.excused}
              </Text>
            </Paper>
          ))}
        </Stack>
      ) : (
        <Table verticalSpacing="xs" aria-label="Students">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Student</Table.Th>
              <Table.Th ta="right">Present</Table.Th>
              <Table.Th ta="right">Absent</Table.Th>
              <Table.Th ta="right">Late</Table.Th>
              <Table.Th ta="right">Excused</Table.Th>
              <Table.Th ta="right">Rate</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row) => (
              <Table.Tr key={row.studentId} bg={below(row) ? 'red.0' : undefined}>
                <Table.Td fw={600} style={{ overflowWrap: 'anywhere' }}>
                  {studentName(row.studentId)}
                </Table.Td>
                <Table.Td ta="right">{row.present}</Table.Td>
                <Table.Td ta="right">{row.absent}</Table.Td>
                <Table.Td ta="right">{row.late}</Table.Td>
                <Table.Td ta="right">{row.excused}</Table.Td>
                <Table.Td ta="right">
                  <RateBadge rate={row.rate} low={below(row)} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <Paper withBorder radius="md" p="xs">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700} size="lg">
        {value}
      </Text>
    </Paper>
  );
}

function RateBadge({ rate, low }: { rate: number | null; low: boolean }) {
  return (
    <Badge variant={low ? 'filled' : 'light'} color={low ? 'red' : rate === null ? 'gray' : 'teal'} style={{ flexShrink: 0 }}>
      {percent(rate)}
      {low ? ' · low' : ''}
    </Badge>
  );
}

export function ThresholdForm({ institution, alertBelow }: { institution: Institution; alertBelow: number }) {
  const queryClient = useQueryClient();
  const [value, setValue] = useState<number | string>(Math.round(alertBelow * 100));
  const save = useMutation({
    mutationFn: () => client.attendance.updateSettings(institution.id, Number(value) / 100),
    onSuccess: (saved) => {
      queryClient.setQueryData(attendanceKeys.settings(institution.id), saved);
      notifySuccess(`Students under ${percent(saved.alertBelow)} are now highlighted and raise an alert.`);
    },
  });
  const valid = value !== '' && Number(value) >= 0 && Number(value) <= 100;
  return (
    <Stack gap="xs">
      <Group gap="sm" align="flex-end">
        <NumberInput
          label="Alert below"
          description="A student whose rate over 30 days falls under this raises an alert to admins."
          suffix=" %"
          min={0}
          max={100}
          clampBehavior="strict"
          allowDecimal={false}
          value={value}
          onChange={setValue}
          style={{ flex: '1 1 220px', maxWidth: 360 }}
        />
        <Button
          variant="default"
          disabled={!valid || Number(value) === Math.round(alertBelow * 100)}
          loading={save.isPending}
          onClick={() => save.mutate()}
        >
          Save threshold
        </Button>
      </Group>
      <FormAlert message={save.isError ? errorMessage(save.error) : null} />
    </Stack>
  );
}
