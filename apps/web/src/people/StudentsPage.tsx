import type { Institution, StudentStatus } from '@edumatrix/contracts';
import { Button, Group, Paper, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { canManage } from '../institutions/options.ts';
import { useInstitutionContext } from '../institutions/useInstitutionContext.ts';
import { filterChoicesOf } from '../structure/lookups.ts';
import { PageHeader } from '../structure/PageHeader.tsx';
import { lookupQuery } from '../structure/queries.ts';
import { usePhone } from '../ui/FormActions.tsx';
import { LoadMore } from '../ui/LoadMore.tsx';
import { PickOne } from '../ui/PickOne.tsx';
import { LoadError, Loading } from '../ui/states.tsx';
import { usePageTitle } from '../ui/usePageTitle.ts';
import { peopleTabLabel, STUDENT_STATUSES, seesEveryone } from './labels.ts';
import { type StudentFilters, studentsQuery } from './queries.ts';
import { SearchIcon } from './SearchIcon.tsx';
import { StudentFormModal } from './StudentFormModal.tsx';
import { StudentCards, StudentTable } from './StudentRows.tsx';

const ANY = 'any';
const STATUS_CHOICES = [{ value: ANY, label: 'Any status' }, ...STUDENT_STATUSES.map(({ value, label }) => ({ value, label }))];

function StudentList({ institution }: { institution: Institution }) {
  const navigate = useNavigate();
  const manager = canManage(institution.myRole);
  const everyone = seesEveryone(institution.myRole);
  const phone = usePhone();
  const basePath = `/institutions/${institution.id}/people/students`;
  const title = everyone ? 'Students' : peopleTabLabel(institution.myRole);
  usePageTitle(`${title} · ${institution.name}`);

  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [status, setStatus] = useState<string>(ANY);
  const [classId, setClassId] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);

  const filters = useMemo(() => {
    const chosen: StudentFilters = {};
    if (q) chosen.q = q;
    if (status !== ANY) chosen.status = status as StudentStatus;
    if (classId) chosen.classId = classId;
    return chosen;
  }, [q, status, classId]);
  const filtered = Object.keys(filters).length > 0;

  const list = useInfiniteQuery({ ...studentsQuery(institution.id, filters), placeholderData: (previous) => previous });
  const students = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);
  const classes = useQuery(lookupQuery(institution.id, 'classes'));
  const className = useMemo(() => {
    const names = new Map((classes.data?.items ?? []).map((c) => [c.id, c.name]));
    // While the names load, say so rather than calling every class unknown.
    return (id: string) => names.get(id) ?? (classes.isPending ? '…' : undefined);
  }, [classes.data, classes.isPending]);

  function clearFilters() {
    setSearch('');
    setStatus(ANY);
    setClassId(null);
  }

  const hint = everyone
    ? undefined
    : institution.myRole === 'parent'
      ? 'The students linked to your account as their parent or guardian.'
      : 'Your own student record.';

  return (
    <Stack gap="md">
      <PageHeader title={title} hint={hint} action={manager ? { label: 'Add student', onClick: () => setAdding(true) } : null} />
      <Paper withBorder radius="md" p={{ base: 'sm', sm: 'lg' }} component="section" aria-label={title}>
        <Stack gap="md">
          {everyone && (filtered || students.length > 0) && (
            <Stack gap="sm">
              <TextInput
                aria-label="Search students"
                placeholder="Search by name or student number"
                type="search"
                leftSection={<SearchIcon />}
                value={search}
                onChange={(event) => setSearch(event.currentTarget.value)}
              />
              <SimpleGrid cols={2} spacing="sm" verticalSpacing="sm">
                <PickOne label="Status" data={STATUS_CHOICES} value={status} onChange={(value) => setStatus(value ?? ANY)} />
                <PickOne
                  label="Class"
                  placeholder="Any class"
                  data={filterChoicesOf(classes.data?.items ?? [])}
                  value={classId}
                  onChange={setClassId}
                  clearable
                />
              </SimpleGrid>
            </Stack>
          )}
          {list.isPending ? (
            <Loading label="Loading students" />
          ) : list.isError ? (
            <LoadError error={list.error} title="Could not load the students" />
          ) : students.length === 0 ? (
            filtered ? (
              <Group gap="xs" py="md">
                <Text size="sm" c="dimmed">
                  No students match.
                </Text>
                <Button size="compact-sm" variant="subtle" onClick={clearFilters}>
                  Clear filters
                </Button>
              </Group>
            ) : (
              <Stack gap="xs" py="xs" align="flex-start">
                <Text fw={500}>
                  {everyone
                    ? 'No students yet.'
                    : institution.myRole === 'parent'
                      ? 'No children are linked to your account yet.'
                      : 'There is no student record for your account yet.'}
                </Text>
                <Text size="sm" c="dimmed" maw={640}>
                  {manager
                    ? 'Add students one by one, or import a whole roster from a CSV file.'
                    : everyone
                      ? 'Owners and admins of the institution add them.'
                      : 'Ask the school office to link your account to the right record.'}
                </Text>
                {manager && (
                  <Group gap="xs" mt={4}>
                    <Button variant="light" onClick={() => setAdding(true)}>
                      Add the first student
                    </Button>
                    <Button variant="default" component={Link} to={`/institutions/${institution.id}/people/import`}>
                      Import from CSV
                    </Button>
                  </Group>
                )}
              </Stack>
            )
          ) : phone ? (
            <StudentCards students={students} basePath={basePath} className={className} />
          ) : (
            <StudentTable students={students} basePath={basePath} className={className} />
          )}
          {students.length > 0 && <LoadMore list={list} count={students.length} noun={['student', 'students']} />}
        </Stack>
      </Paper>
      {manager && (
        <StudentFormModal
          institutionId={institution.id}
          student={null}
          opened={adding}
          onClose={() => setAdding(false)}
          onSaved={(saved) => navigate(`${basePath}/${saved.id}`)}
        />
      )}
    </Stack>
  );
}

/** Keyed, so one institution's search does not carry over to another. */
export function StudentsPage() {
  const institution = useInstitutionContext();
  return <StudentList key={institution.id} institution={institution} />;
}
