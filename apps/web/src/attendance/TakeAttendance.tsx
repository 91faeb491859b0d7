import type { AttendanceSession, AttendanceStatus, Institution, Student } from '@edumatrix/contracts';
import { Anchor, Badge, Button, Group, Paper, SegmentedControl, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { client } from '../api.ts';
import { canManage } from '../institutions/options.ts';
import { sortName } from '../people/labels.ts';
import { useLookups } from '../structure/lookups.ts';
import { periodsQuery } from '../timetable/queries.ts';
import { span } from '../timetable/week.ts';
import { usePhone } from '../ui/FormActions.tsx';
import { FormAlert } from '../ui/FormAlert.tsx';
import { formatDateTime } from '../ui/format.ts';
import { PickOne } from '../ui/PickOne.tsx';
import { errorMessage, notifySuccess, problemOf } from '../ui/problem.ts';
import { LoadError, Loading } from '../ui/states.tsx';
import { Section } from '../webhooks/Section.tsx';
import { attendanceKeys, formatDay, registerQuery, rosterQuery, STATUSES, todayIn, useMyClasses, weekdayOf } from './queries.ts';

type Mark = { status: AttendanceStatus; note: string };
type Marks = Record<string, Mark>;

const PRESENT: Mark = { status: 'present', note: '' };

export function TakeAttendance({ institution }: { institution: Institution }) {
  const mine = useMyClasses(institution);
  const [pickedClass, setClassId] = useState<string | null>(null);
  const [date, setDate] = useState(() => todayIn(institution.timezone));
  const [periodId, setPeriodId] = useState<string | null>(null);
  const classId = pickedClass ?? mine.classes[0]?.id ?? null;
  const weekday = /^\d{4}-\d{2}-\d{2}$/.test(date) ? weekdayOf(date) : null;
  const periods = useQuery({ ...periodsQuery(institution.id, { classId: classId ?? undefined }), enabled: !!classId });
  const dayPeriods = (periods.data ?? []).filter((p) => p.weekday === weekday).sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  const lookups = useLookups(institution, { teachers: true });
  const subjects = useQuery({ ...lookupSubjects(institution.id) });
  const periodChoices = dayPeriods.map((p) => ({
    value: p.id,
    label: `${span(p)}${p.subjectId ? ` · ${subjects.data?.get(p.subjectId) ?? 'A subject'}` : ''}`,
  }));
  const period = dayPeriods.some((p) => p.id === periodId) ? periodId : null;

  if (mine.isPending) return <Loading label="Loading your classes" />;
  if (mine.error) return <LoadError error={mine.error} title="Could not load the classes" />;

  return (
    <Section
      id="take-attendance"
      title="Take attendance"
      hint="Everyone starts as present: mark the exceptions and save. Saving a register again corrects it."
    >
      {mine.classes.length === 0 ? (
        <Stack gap="xs" align="flex-start">
          <Text fw={500}>No classes to take attendance for.</Text>
          <Text size="sm" c="dimmed" maw={640}>
            {canManage(institution.myRole) ? (
              <>
                <Anchor component={Link} to={`/institutions/${institution.id}/structure/classes`} inherit>
                  Set up the classes
                </Anchor>{' '}
                and enrol students first.
              </>
            ) : (
              'Teachers take attendance for the classes they are homeroom teacher of, or teach a period of.'
            )}
          </Text>
        </Stack>
      ) : (
        <Stack gap="md">
          <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm" verticalSpacing="sm">
            <PickOne
              label="Class"
              data={mine.classes.map((c) => ({ value: c.id, label: c.name }))}
              value={classId}
              onChange={(value) => {
                setClassId(value);
                setPeriodId(null);
              }}
            />
            <TextInput label="Date" type="date" value={date} onChange={(event) => setDate(event.currentTarget.value)} />
            <PickOne
              label="Period"
              placeholder={dayPeriods.length ? 'The whole day' : 'No periods that day'}
              disabled={dayPeriods.length === 0}
              clearable
              data={periodChoices}
              value={period}
              onChange={setPeriodId}
            />
          </SimpleGrid>
          {classId && weekday !== null ? (
            <Register
              key={`${classId}/${date}/${period}`}
              institution={institution}
              classId={classId}
              date={date}
              periodId={period}
              takerName={(id) => lookups.teacher(id)?.displayName ?? null}
            />
          ) : (
            <Text size="sm" c="dimmed">
              Choose a class and a date.
            </Text>
          )}
        </Stack>
      )}
    </Section>
  );
}

/** Subject names for the period choices. */
const lookupSubjects = (institutionId: string) => ({
  queryKey: [...attendanceKeys.all(institutionId), 'subject-names'],
  queryFn: async () => {
    const page = await client.structure.list(institutionId, 'subjects', { archived: 'all', limit: 100 });
    return new Map(page.items.map((s) => [s.id, s.name]));
  },
});

type RegisterProps = {
  institution: Institution;
  classId: string;
  date: string;
  periodId: string | null;
  takerName: (id: string) => string | null;
};

function Register({ institution, classId, date, periodId, takerName }: RegisterProps) {
  const roster = useQuery(rosterQuery(institution.id, classId));
  const existing = useQuery(registerQuery(institution.id, classId, date, periodId));
  const notTaken = existing.isError && problemOf(existing.error)?.code === 'attendance.not_taken';

  if (roster.isPending || existing.isPending) return <Loading label="Loading the register" />;
  if (roster.isError) return <LoadError error={roster.error} title="Could not load the students" />;
  if (existing.isError && !notTaken) return <LoadError error={existing.error} title="Could not load the register" />;
  if (roster.data.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No students are enrolled in this class yet.
      </Text>
    );
  }
  const session = existing.data ?? null;
  return (
    <RegisterForm
      key={session?.updatedAt ?? 'new'}
      institution={institution}
      classId={classId}
      date={date}
      periodId={periodId}
      students={[...roster.data].sort((a, b) => sortName(a).localeCompare(sortName(b)))}
      session={session}
      takerName={takerName}
    />
  );
}

function initialMarks(students: Student[], session: AttendanceSession | null): Marks {
  const saved = new Map((session?.marks ?? []).map((m) => [m.studentId, m]));
  return Object.fromEntries(
    students.map((s) => {
      const m = saved.get(s.id);
      return [s.id, m ? { status: m.status, note: m.note } : PRESENT];
    }),
  );
}

function RegisterForm({
  institution,
  classId,
  date,
  periodId,
  students,
  session,
  takerName,
}: RegisterProps & { students: Student[]; session: AttendanceSession | null }) {
  const queryClient = useQueryClient();
  const phone = usePhone();
  const [marks, setMarks] = useState<Marks>(() => initialMarks(students, session));
  const set = (studentId: string, change: Partial<Mark>) =>
    setMarks((before) => ({ ...before, [studentId]: { ...(before[studentId] ?? PRESENT), ...change } }));

  const save = useMutation({
    mutationFn: () =>
      client.attendance.take(
        institution.id,
        classId,
        date,
        {
          defaultStatus: 'present',
          marks: Object.entries(marks)
            .filter(([, m]) => m.status !== 'present' || m.note.trim())
            .map(([studentId, m]) => ({ studentId, status: m.status, ...(m.note.trim() ? { note: m.note.trim() } : {}) })),
        },
        periodId ?? undefined,
      ),
    onSuccess: async (saved) => {
      queryClient.setQueryData(attendanceKeys.register(institution.id, classId, date, periodId), saved);
      await queryClient.invalidateQueries({ queryKey: [...attendanceKeys.all(institution.id), 'report'] });
      notifySuccess(`Attendance for ${formatDay(date)} was saved.`);
    },
  });

  const counts = STATUSES.map((s) => ({ ...s, count: Object.values(marks).filter((m) => m.status === s.value).length }));
  const taker = session ? takerName(session.takenBy) : null;

  const statusControl = (student: Student) => (
    <SegmentedControl
      aria-label={`Status of ${sortName(student)}`}
      size={phone ? 'xs' : 'sm'}
      fullWidth={phone}
      data={STATUSES.map((s) => ({ value: s.value, label: s.label }))}
      value={marks[student.id]?.status ?? 'present'}
      color={STATUSES.find((s) => s.value === marks[student.id]?.status)?.color}
      onChange={(value) => set(student.id, { status: value as AttendanceStatus })}
    />
  );
  const noteInput = (student: Student) => (
    <TextInput
      aria-label={`Note for ${sortName(student)}`}
      placeholder="Note (optional)"
      size="sm"
      maxLength={300}
      value={marks[student.id]?.note ?? ''}
      onChange={(event) => set(student.id, { note: event.currentTarget.value })}
    />
  );

  return (
    <Stack gap="md">
      <Text size="sm" c={session ? undefined : 'dimmed'} role="status">
        {session
          ? `Taken at ${formatDateTime(session.updatedAt)}${taker ? ` by ${taker}` : ''}; saving again corrects it.`
          : `Not taken yet for ${formatDay(date)}.`}
      </Text>
      {phone ? (
        <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label="Register">
          {students.map((student) => (
            <Paper component="li" key={student.id} withBorder radius="md" p="sm">
              <Stack gap={6}>
                <Text fw={600} size="sm" style={{ overflowWrap: 'anywhere' }}>
                  {sortName(student)}
                </Text>
                {statusControl(student)}
                {noteInput(student)}
              </Stack>
            </Paper>
          ))}
        </Stack>
      ) : (
        <Table verticalSpacing="xs" aria-label="Register">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Student</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>Note</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {students.map((student) => (
              <Table.Tr key={student.id}>
                <Table.Td maw={260}>
                  <Text fw={600} size="sm" style={{ overflowWrap: 'anywhere' }}>
                    {sortName(student)}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {student.studentNumber}
                  </Text>
                </Table.Td>
                <Table.Td>{statusControl(student)}</Table.Td>
                <Table.Td miw={180}>{noteInput(student)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Group gap={6}>
        {counts.map((c) => (
          <Badge key={c.value} variant="light" color={c.color}>
            {c.label}: {c.count}
          </Badge>
        ))}
      </Group>
      <FormAlert message={save.isError ? errorMessage(save.error) : null} />
      <Group justify="space-between" gap="xs">
        <Button variant="default" onClick={() => setMarks(initialMarks(students, null))}>
          Mark all present
        </Button>
        <Button loading={save.isPending} onClick={() => save.mutate()}>
          Save attendance
        </Button>
      </Group>
    </Stack>
  );
}
