import type { Course, CourseEnrolment, CourseOutline, Institution } from '@edumatrix/contracts';
import { Badge, Button, Code, CopyButton, Group, MultiSelect, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { client } from '../api.ts';
import { membersQuery } from '../institutions/queries.ts';
import { lookupQuery } from '../structure/queries.ts';
import { FormAlert } from '../ui/FormAlert.tsx';
import { formatDate } from '../ui/format.ts';
import { errorMessage, notifyError, notifySuccess } from '../ui/problem.ts';
import { LoadError, Loading } from '../ui/states.tsx';
import { coursesKeys, enrolmentsQuery, SOURCE_LABEL } from './queries.ts';

type Props = { institution: Institution; course: Course };

function Panel({ id, title, hint, children }: { id: string; title: string; hint?: string; children: ReactNode }) {
  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby={id}>
      <Title order={3} size="h5" id={id} mb={hint ? 2 : 'sm'}>
        {title}
      </Title>
      {hint && (
        <Text size="sm" c="dimmed" mb="sm" maw={640}>
          {hint}
        </Text>
      )}
      {children}
    </Paper>
  );
}

/** The course's code for students to join by themselves: shown, copied, replaced or turned off. */
function JoinCode({ institution, course }: Props) {
  const queryClient = useQueryClient();
  const key = coursesKeys.one(institution.id, course.id);
  const change = useMutation({
    mutationFn: (action: 'new' | 'off') =>
      action === 'new' ? client.courses.newJoinCode(institution.id, course.id) : client.courses.removeJoinCode(institution.id, course.id),
    onSuccess: (updated, action) => {
      queryClient.setQueryData<CourseOutline>(key, (before) => (before ? { ...before, course: updated } : before));
      notifySuccess(
        action === 'off' ? 'The join code is turned off: nobody can join with it any more.' : `The join code is now ${updated.joinCode}.`,
      );
    },
    onError: (error) => notifyError(error, 'Could not change the join code'),
  });

  return (
    <Panel
      id="join-code"
      title="Join code"
      hint="Students of the institution who enter this code on the Courses page enrol themselves. Replace it if it gets around; turn it off when the course is full."
    >
      {course.joinCode ? (
        <Stack gap="sm">
          <Code fz="xl" fw={700} px="md" py={6} style={{ alignSelf: 'flex-start', letterSpacing: '0.12em' }} data-join-code>
            {course.joinCode}
          </Code>
          <Group gap="xs">
            <CopyButton value={course.joinCode} timeout={2000}>
              {({ copied, copy }) => (
                <Button size="xs" color={copied ? 'teal' : undefined} onClick={copy}>
                  {copied ? 'Copied' : 'Copy code'}
                </Button>
              )}
            </CopyButton>
            <Button
              size="xs"
              variant="default"
              loading={change.isPending && change.variables === 'new'}
              onClick={() => change.mutate('new')}
            >
              New code
            </Button>
            <Button
              size="xs"
              variant="subtle"
              color="red"
              loading={change.isPending && change.variables === 'off'}
              onClick={() => change.mutate('off')}
            >
              Turn off
            </Button>
          </Group>
        </Stack>
      ) : (
        <Group gap="sm">
          <Text size="sm" c="dimmed">
            No join code: students cannot enrol themselves.
          </Text>
          <Button size="xs" variant="light" loading={change.isPending} onClick={() => change.mutate('new')}>
            Create a join code
          </Button>
        </Group>
      )}
    </Panel>
  );
}

function EnrolForm({ institution, course, enrolled }: Props & { enrolled: Set<string> }) {
  const queryClient = useQueryClient();
  const [classIds, setClassIds] = useState<string[]>([]);
  const [userIds, setUserIds] = useState<string[]>([]);
  const classes = useQuery(lookupQuery(institution.id, 'classes'));
  const members = useQuery(membersQuery(institution.id));
  const classChoices = (classes.data?.items ?? [])
    .filter((c) => !c.archivedAt)
    .map((c) => ({ value: c.id, label: course.classIds.includes(c.id) ? `${c.name} (sees the course)` : c.name }));
  const studentChoices = (members.data ?? [])
    .filter((m) => m.role === 'student' && !enrolled.has(m.userId))
    .map((m) => ({ value: m.userId, label: `${m.displayName} · ${m.email}` }))
    .sort((a, b) => a.label.localeCompare(b.label));

  const enrol = useMutation({
    mutationFn: () => client.courses.enrol(institution.id, course.id, { classIds, userIds }),
    onSuccess: async (list) => {
      queryClient.setQueryData(coursesKeys.enrolments(institution.id, course.id), list);
      notifySuccess(`${list.length} ${list.length === 1 ? 'student is' : 'students are'} enrolled now.`);
      setClassIds([]);
      setUserIds([]);
      await queryClient.invalidateQueries({ queryKey: coursesKeys.all(institution.id) });
    },
  });

  return (
    <Panel
      id="enrol"
      title="Enrol students"
      hint="A class enrols all its students, and keeps in step: students who join the class later are enrolled too, and those who leave it are not any more."
    >
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md" verticalSpacing="sm">
          <MultiSelect
            label="Classes"
            placeholder={classChoices.length ? 'Choose classes' : 'No classes yet'}
            data={classChoices}
            value={classIds}
            onChange={setClassIds}
            searchable
            clearable
            nothingFoundMessage="No match"
            disabled={classes.isPending}
          />
          <MultiSelect
            label="Students"
            placeholder={studentChoices.length ? 'Search by name or email' : 'No students to add'}
            data={studentChoices}
            value={userIds}
            onChange={setUserIds}
            searchable
            clearable
            nothingFoundMessage="No match"
            disabled={members.isPending}
          />
        </SimpleGrid>
        <FormAlert message={enrol.isError ? errorMessage(enrol.error) : members.isError ? errorMessage(members.error) : null} />
        <Button
          style={{ alignSelf: 'flex-start' }}
          disabled={classIds.length + userIds.length === 0}
          loading={enrol.isPending}
          onClick={() => enrol.mutate()}
        >
          Enrol
        </Button>
      </Stack>
    </Panel>
  );
}

function EnrolledRow({ enrolment, onRemove, removing }: { enrolment: CourseEnrolment; onRemove: () => void; removing: boolean }) {
  // Only what was enrolled by hand or by code can be undone here; a class's students follow its roster.
  const removable = enrolment.sources.some((s) => s !== 'class');
  return (
    <Group
      component="li"
      justify="space-between"
      gap="xs"
      py={6}
      wrap="wrap"
      style={{ borderTop: '1px solid var(--mantine-color-default-border)' }}
    >
      <Stack gap={2} miw={0} style={{ flex: '1 1 220px' }}>
        <Text size="sm" fw={500} style={{ overflowWrap: 'anywhere' }}>
          {enrolment.displayName}
        </Text>
        <Group gap={4}>
          {enrolment.sources.map((source) => (
            <Badge key={source} size="xs" variant="light" color={source === 'class' ? 'indigo' : source === 'join_code' ? 'grape' : 'teal'}>
              {SOURCE_LABEL[source]}
            </Badge>
          ))}
          <Text size="xs" c="dimmed">
            since {formatDate(enrolment.enrolledAt)}
          </Text>
        </Group>
      </Stack>
      {removable ? (
        <Button
          size="compact-sm"
          variant="subtle"
          color="red"
          loading={removing}
          onClick={onRemove}
          aria-label={`Remove ${enrolment.displayName}`}
        >
          Remove
        </Button>
      ) : (
        <Text size="xs" c="dimmed">
          Through their class
        </Text>
      )}
    </Group>
  );
}

export function EnrolmentPanel({ institution, course }: Props) {
  const queryClient = useQueryClient();
  const list = useQuery(enrolmentsQuery(institution.id, course.id));
  const remove = useMutation({
    mutationFn: (enrolment: CourseEnrolment) => client.courses.unenrol(institution.id, course.id, enrolment.userId),
    onSuccess: (_, enrolment) =>
      notifySuccess(
        enrolment.sources.includes('class')
          ? `${enrolment.displayName} stays enrolled through their class.`
          : `${enrolment.displayName} is no longer enrolled.`,
      ),
    onError: (error) => notifyError(error, 'Could not remove the enrolment'),
    onSettled: () => queryClient.invalidateQueries({ queryKey: coursesKeys.all(institution.id) }),
  });
  const enrolments = list.data ?? [];

  return (
    <Stack gap="md">
      <EnrolForm institution={institution} course={course} enrolled={new Set(enrolments.map((e) => e.userId))} />
      <JoinCode institution={institution} course={course} />
      <Panel
        id="enrolled"
        title={list.data ? `Enrolled (${enrolments.length}${course.capacity ? ` of ${course.capacity}` : ''})` : 'Enrolled'}
      >
        {list.isPending ? (
          <Loading label="Loading the enrolments" />
        ) : list.isError ? (
          <LoadError error={list.error} title="Could not load the enrolments" />
        ) : enrolments.length === 0 ? (
          <Text size="sm" c="dimmed">
            Nobody is enrolled yet.
          </Text>
        ) : (
          <Stack gap={0} component="ul" m={0} p={0} style={{ listStyle: 'none' }} aria-label="Enrolled students">
            {enrolments.map((enrolment) => (
              <EnrolledRow
                key={enrolment.userId}
                enrolment={enrolment}
                removing={remove.isPending && remove.variables?.userId === enrolment.userId}
                onRemove={() => remove.mutate(enrolment)}
              />
            ))}
          </Stack>
        )}
      </Panel>
    </Stack>
  );
}
