import type { Institution, Student } from '@edumatrix/contracts';
import { Anchor, Badge, Button, Code, Group, Paper, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { client } from '../api.ts';
import { entersMarks } from '../grades/queries.ts';
import { canManage } from '../institutions/options.ts';
import { membersQuery } from '../institutions/queries.ts';
import { useInstitutionContext } from '../institutions/useInstitutionContext.ts';
import { choicesOf } from '../structure/lookups.ts';
import { lookupQuery, structureKeys } from '../structure/queries.ts';
import { RefSelect } from '../structure/RefSelect.tsx';
import { FormAlert } from '../ui/FormAlert.tsx';
import { formatDate } from '../ui/format.ts';
import { errorMessage, notifyError, notifySuccess } from '../ui/problem.ts';
import { LoadError, Loading } from '../ui/states.tsx';
import { usePageTitle } from '../ui/usePageTitle.ts';
import { Section } from '../webhooks/Section.tsx';
import { ConfirmDeleteModal } from './ConfirmDeleteModal.tsx';
import { fullName, peopleTabLabel, seesEveryone, statusOf } from './labels.ts';
import { peopleKeys, studentQuery } from './queries.ts';
import { StudentFormModal } from './StudentFormModal.tsx';

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Stack gap={0} miw={0}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
        {children}
      </Text>
    </Stack>
  );
}

type SectionProps = { institution: Institution; student: Student; manager: boolean };

function Guardians({ institution, student, manager }: SectionProps) {
  const queryClient = useQueryClient();
  const members = useQuery({ ...membersQuery(institution.id), enabled: manager });
  const [parentId, setParentId] = useState<string | null>(null);
  const [relationship, setRelationship] = useState('');
  const linked = new Set(student.guardians.map((g) => g.userId));
  const parents = (members.data ?? [])
    .filter((m) => m.role === 'parent' && !linked.has(m.userId))
    .map((m) => ({ value: m.userId, label: `${m.displayName} (${m.email})` }))
    .sort((a, b) => a.label.localeCompare(b.label));
  const refresh = () => queryClient.invalidateQueries({ queryKey: peopleKeys.students(institution.id) });

  const link = useMutation({
    mutationFn: (userId: string) =>
      client.students.linkGuardian(institution.id, student.id, userId, { relationship: relationship.trim() || 'guardian' }),
    onSuccess: async (saved) => {
      setParentId(null);
      setRelationship('');
      queryClient.setQueryData(peopleKeys.student(institution.id, student.id), saved);
      notifySuccess(`${fullName(student)}'s guardian was linked. They now see this record.`);
      await refresh();
    },
  });
  const unlink = useMutation({
    mutationFn: (userId: string) => client.students.unlinkGuardian(institution.id, student.id, userId),
    onSuccess: () => notifySuccess('The guardian was unlinked.'),
    onError: (error) => notifyError(error, 'Could not unlink the guardian'),
    onSettled: refresh,
  });

  return (
    <Section id="student-guardians" title="Guardians" hint="Parents linked here see this student's record when they sign in.">
      <Stack gap="md">
        {student.guardians.length === 0 ? (
          <Text size="sm" c="dimmed">
            No guardians linked.
          </Text>
        ) : (
          <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
            {student.guardians.map((g) => (
              <Group component="li" key={g.userId} justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
                <Stack gap={0} miw={0}>
                  <Text size="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>
                    {g.displayName}{' '}
                    <Badge size="xs" variant="light" color="pink" style={{ verticalAlign: 'middle' }}>
                      {g.relationship}
                    </Badge>
                  </Text>
                  <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                    {g.email}
                  </Text>
                </Stack>
                {manager && (
                  <Button
                    size="compact-sm"
                    variant="subtle"
                    color="red"
                    style={{ flexShrink: 0 }}
                    loading={unlink.isPending && unlink.variables === g.userId}
                    onClick={() => unlink.mutate(g.userId)}
                    aria-label={`Unlink ${g.displayName}`}
                  >
                    Unlink
                  </Button>
                )}
              </Group>
            ))}
          </Stack>
        )}
        {manager && (
          <form
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              if (parentId) link.mutate(parentId);
            }}
          >
            <Stack gap="sm">
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" verticalSpacing="sm">
                <RefSelect
                  label="Parent"
                  placeholder={
                    members.isPending ? 'Loading members' : parents.length ? 'Choose a parent member' : 'No parent members to link'
                  }
                  description="Members with the parent role"
                  data={parents}
                  value={parentId}
                  onChange={setParentId}
                  disabled={parents.length === 0}
                />
                <TextInput
                  label="Relationship"
                  description="Such as mother, father or guardian"
                  placeholder="guardian"
                  maxLength={40}
                  value={relationship}
                  onChange={(event) => setRelationship(event.currentTarget.value)}
                />
              </SimpleGrid>
              <FormAlert message={link.isError ? errorMessage(link.error) : null} />
              <Group justify="flex-end">
                <Button type="submit" variant="light" disabled={!parentId} loading={link.isPending}>
                  Link guardian
                </Button>
              </Group>
            </Stack>
          </form>
        )}
      </Stack>
    </Section>
  );
}

function Classes({ institution, student, manager }: SectionProps) {
  const queryClient = useQueryClient();
  const classes = useQuery(lookupQuery(institution.id, 'classes'));
  const [classId, setClassId] = useState<string | null>(null);
  const all = classes.data?.items ?? [];
  const byId = new Map(all.map((c) => [c.id, c]));
  const enrolled = new Set(student.classIds);
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: peopleKeys.students(institution.id) });
    // A class's enrolment count may show elsewhere.
    await queryClient.invalidateQueries({ queryKey: structureKeys.units(institution.id, 'classes') });
  };

  const enrol = useMutation({
    mutationFn: (id: string) => client.students.enrol(institution.id, id, [student.id]),
    onSuccess: async (_, id) => {
      setClassId(null);
      notifySuccess(`${fullName(student)} was enrolled in ${byId.get(id)?.name ?? 'the class'}.`);
      await refresh();
    },
  });
  const unenrol = useMutation({
    mutationFn: (id: string) => client.students.unenrol(institution.id, id, student.id),
    onSuccess: (_, id) => notifySuccess(`${fullName(student)} was removed from ${byId.get(id)?.name ?? 'the class'}.`),
    onError: (error) => notifyError(error, 'Could not remove the student from the class'),
    onSettled: refresh,
  });

  return (
    <Section id="student-classes" title="Classes">
      <Stack gap="md">
        {student.classIds.length === 0 ? (
          <Text size="sm" c="dimmed">
            Not enrolled in any class.
          </Text>
        ) : (
          <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
            {student.classIds.map((id) => {
              const klass = byId.get(id);
              return (
                <Group component="li" key={id} justify="space-between" gap="xs" wrap="nowrap">
                  <Group gap="xs" miw={0} wrap="wrap">
                    <Text size="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>
                      {klass?.name ?? 'A class'}
                    </Text>
                    {klass && <Code>{klass.code}</Code>}
                  </Group>
                  {manager && (
                    <Button
                      size="compact-sm"
                      variant="subtle"
                      color="red"
                      style={{ flexShrink: 0 }}
                      loading={unenrol.isPending && unenrol.variables === id}
                      onClick={() => unenrol.mutate(id)}
                      aria-label={`Remove from ${klass?.name ?? 'this class'}`}
                    >
                      Remove
                    </Button>
                  )}
                </Group>
              );
            })}
          </Stack>
        )}
        {manager && (
          <form
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              if (classId) enrol.mutate(classId);
            }}
          >
            <Stack gap="sm">
              <Group align="flex-end" gap="sm" wrap="wrap">
                <RefSelect
                  label="Enrol in a class"
                  placeholder={classes.isPending ? 'Loading classes' : 'Choose a class'}
                  data={choicesOf(all).filter((c) => !enrolled.has(c.value))}
                  value={classId}
                  onChange={setClassId}
                  style={{ flex: '1 1 240px' }}
                />
                <Button type="submit" variant="light" disabled={!classId} loading={enrol.isPending}>
                  Enrol
                </Button>
              </Group>
              <FormAlert message={enrol.isError ? errorMessage(enrol.error) : null} />
            </Stack>
          </form>
        )}
      </Stack>
    </Section>
  );
}

export function StudentDetailPage() {
  const institution = useInstitutionContext();
  const { studentId = '' } = useParams();
  const navigate = useNavigate();
  const manager = canManage(institution.myRole);
  const student = useQuery(studentQuery(institution.id, studentId));
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const queryClient = useQueryClient();
  const listPath = `/institutions/${institution.id}/people/students`;
  usePageTitle(student.data ? `${fullName(student.data)} · ${institution.name}` : institution.name);

  return (
    <Stack gap="lg">
      <Anchor component={Link} to={listPath} size="sm">
        ← {seesEveryone(institution.myRole) ? 'All students' : peopleTabLabel(institution.myRole)}
      </Anchor>
      {student.isPending ? (
        <Loading label="Loading the student" />
      ) : student.isError ? (
        <LoadError error={student.error} title="Could not load this student" />
      ) : (
        <>
          <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="student-name">
            <Stack gap="md">
              <Group justify="space-between" align="flex-start" gap="sm">
                <Stack gap={4} miw={0} style={{ flex: '1 1 240px' }}>
                  <Title order={2} size="h3" id="student-name" style={{ overflowWrap: 'anywhere' }}>
                    {fullName(student.data)}
                  </Title>
                  <Group gap="xs">
                    <Code>{student.data.studentNumber}</Code>
                    <Badge size="sm" variant="light" color={statusOf(student.data.status)?.color}>
                      {statusOf(student.data.status)?.label}
                    </Badge>
                  </Group>
                </Stack>
                <Group gap="xs">
                  {entersMarks(institution.myRole) && (
                    <Button variant="light" component={Link} to={`/institutions/${institution.id}/grades/students/${student.data.id}`}>
                      Grades and report card
                    </Button>
                  )}
                  {manager && (
                    <>
                      <Button variant="default" onClick={() => setEditing(true)}>
                        Edit
                      </Button>
                      <Button variant="subtle" color="red" onClick={() => setDeleting(true)}>
                        Delete
                      </Button>
                    </>
                  )}
                </Group>
              </Group>
              <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="md" verticalSpacing="sm">
                <Field label="Date of birth">{student.data.dateOfBirth ? formatDate(`${student.data.dateOfBirth}T00:00:00`) : '—'}</Field>
                <Field label="Email">{student.data.email ?? '—'}</Field>
                <Field label="Account">{student.data.userId ? 'Linked to a member' : 'No member account'}</Field>
                <Field label="External id">{student.data.externalId ?? '—'}</Field>
              </SimpleGrid>
            </Stack>
          </Paper>
          <Classes institution={institution} student={student.data} manager={manager} />
          {(manager || student.data.guardians.length > 0) && (
            <Guardians institution={institution} student={student.data} manager={manager} />
          )}
          {manager && (
            <>
              <StudentFormModal
                institutionId={institution.id}
                student={student.data}
                opened={editing}
                onClose={() => setEditing(false)}
                onSaved={(saved) => queryClient.setQueryData(peopleKeys.student(institution.id, saved.id), saved)}
              />
              <ConfirmDeleteModal
                opened={deleting}
                what="student"
                name={fullName(student.data)}
                consequence="Their class enrolments and guardian links go with them."
                onDelete={async () => {
                  await client.students.remove(institution.id, student.data.id);
                  notifySuccess(`${fullName(student.data)} was deleted.`);
                  // Away first, so the deleted record is not fetched again.
                  await navigate(listPath);
                  queryClient.removeQueries({ queryKey: peopleKeys.student(institution.id, student.data.id) });
                  await queryClient.invalidateQueries({ queryKey: peopleKeys.students(institution.id) });
                }}
                onClose={() => setDeleting(false)}
              />
            </>
          )}
        </>
      )}
    </Stack>
  );
}
