import type { Institution, StaffKind, StaffMember } from '@edumatrix/contracts';
import { Alert, Button, Group, Paper, SegmentedControl, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { client } from '../api.ts';
import { canManage } from '../institutions/options.ts';
import { useInstitutionContext } from '../institutions/useInstitutionContext.ts';
import { ARCHIVED_FILTERS, type ArchivedFilter } from '../structure/kinds.ts';
import { filterChoicesOf } from '../structure/lookups.ts';
import { PageHeader } from '../structure/PageHeader.tsx';
import { lookupQuery } from '../structure/queries.ts';
import { usePhone } from '../ui/FormActions.tsx';
import { LoadMore } from '../ui/LoadMore.tsx';
import { PickOne } from '../ui/PickOne.tsx';
import { notifyError, notifySuccess } from '../ui/problem.ts';
import { LoadError, Loading } from '../ui/states.tsx';
import { usePageTitle } from '../ui/usePageTitle.ts';
import { ConfirmDeleteModal } from './ConfirmDeleteModal.tsx';
import { fullName, STAFF_KINDS, seesEveryone } from './labels.ts';
import { peopleKeys, type StaffFilters, staffQuery } from './queries.ts';
import { SearchIcon } from './SearchIcon.tsx';
import { StaffFormModal } from './StaffFormModal.tsx';
import { type StaffActions, StaffCards, StaffTable } from './StaffRows.tsx';

const ANY = 'any';
const KIND_CHOICES = [{ value: ANY, label: 'Teachers and staff' }, ...STAFF_KINDS];

function StaffList({ institution }: { institution: Institution }) {
  const queryClient = useQueryClient();
  const manager = canManage(institution.myRole);
  const phone = usePhone();
  usePageTitle(`Staff · ${institution.name}`);

  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [kind, setKind] = useState<string>(ANY);
  const [departmentId, setDepartmentId] = useState<string | null>(null);
  const [archived, setArchived] = useState<ArchivedFilter>('false');
  // The member stays set while a dialog closes, so its title does not change mid-animation.
  const [form, setForm] = useState<{ opened: boolean; member: StaffMember | null }>({ opened: false, member: null });
  const [removal, setRemoval] = useState<{ opened: boolean; member: StaffMember | null }>({ opened: false, member: null });

  const filters = useMemo(() => {
    const chosen: StaffFilters = { archived };
    if (q) chosen.q = q;
    if (kind !== ANY) chosen.kind = kind as StaffKind;
    if (departmentId) chosen.departmentId = departmentId;
    return chosen;
  }, [q, kind, departmentId, archived]);
  const filtered = Object.keys(filters).length > 1 || archived !== 'false';

  const list = useInfiniteQuery({ ...staffQuery(institution.id, filters), placeholderData: (previous) => previous });
  const staff = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);
  const departments = useQuery(lookupQuery(institution.id, 'departments'));
  const department = useMemo(() => {
    const names = new Map((departments.data?.items ?? []).map((d) => [d.id, d.name]));
    return (id: string | null) => (id ? (names.get(id) ?? null) : null);
  }, [departments.data]);

  const refresh = () => queryClient.invalidateQueries({ queryKey: peopleKeys.staff(institution.id) });
  const archive = useMutation({
    mutationFn: ({ member, value }: { member: StaffMember; value: boolean }) =>
      client.staff.update(institution.id, member.id, { archived: value }),
    onSuccess: (_, { member, value }) =>
      notifySuccess(value ? `${fullName(member)} was archived. Their record is kept for the past.` : `${fullName(member)} was restored.`),
    onError: (error) => notifyError(error, 'Could not change the staff member'),
    onSettled: refresh,
  });

  function clearFilters() {
    setSearch('');
    setKind(ANY);
    setDepartmentId(null);
    setArchived('false');
  }

  const actions: StaffActions | null = manager
    ? {
        onEdit: (member) => setForm({ opened: true, member }),
        onArchive: (member, value) => archive.mutate({ member, value }),
        onDelete: (member) => setRemoval({ opened: true, member }),
      }
    : null;
  const deleting = removal.member;

  return (
    <Stack gap="md">
      <PageHeader
        title="Staff"
        hint="Teachers and the people who run the institution."
        action={manager ? { label: 'Add staff member', onClick: () => setForm({ opened: true, member: null }) } : null}
      />
      <Paper withBorder radius="md" p={{ base: 'sm', sm: 'lg' }} component="section" aria-label="Staff">
        <Stack gap="md">
          {(filtered || staff.length > 0) && (
            <Stack gap="sm">
              <Group gap="sm" wrap="wrap" align="center">
                <TextInput
                  aria-label="Search staff"
                  placeholder="Search by name or staff number"
                  type="search"
                  leftSection={<SearchIcon />}
                  value={search}
                  onChange={(event) => setSearch(event.currentTarget.value)}
                  style={{ flex: '1 1 220px' }}
                />
                <SegmentedControl
                  aria-label="Which staff to show"
                  data={ARCHIVED_FILTERS}
                  value={archived}
                  onChange={(value) => setArchived(value as ArchivedFilter)}
                  fullWidth={phone}
                  style={phone ? { flex: '1 1 100%' } : undefined}
                />
              </Group>
              <SimpleGrid cols={2} spacing="sm" verticalSpacing="sm">
                <PickOne label="Kind" data={KIND_CHOICES} value={kind} onChange={(value) => setKind(value ?? ANY)} />
                <PickOne
                  label="Department"
                  placeholder="Any department"
                  data={filterChoicesOf(departments.data?.items ?? [])}
                  value={departmentId}
                  onChange={setDepartmentId}
                  clearable
                />
              </SimpleGrid>
            </Stack>
          )}
          {list.isPending ? (
            <Loading label="Loading staff" />
          ) : list.isError ? (
            <LoadError error={list.error} title="Could not load the staff" />
          ) : staff.length === 0 ? (
            filtered ? (
              <Group gap="xs" py="md">
                <Text size="sm" c="dimmed">
                  No staff match{archived === 'true' ? ' among the archived ones' : ''}.
                </Text>
                <Button size="compact-sm" variant="subtle" onClick={clearFilters}>
                  Clear filters
                </Button>
              </Group>
            ) : (
              <Stack gap="xs" py="xs" align="flex-start">
                <Text fw={500}>No staff records yet.</Text>
                <Text size="sm" c="dimmed" maw={640}>
                  {manager
                    ? 'Add teachers and staff one by one, or import them from a CSV file.'
                    : 'Owners and admins of the institution add them.'}
                </Text>
                {manager && (
                  <Button variant="light" mt={4} onClick={() => setForm({ opened: true, member: null })}>
                    Add the first staff member
                  </Button>
                )}
              </Stack>
            )
          ) : phone ? (
            <StaffCards staff={staff} department={department} actions={actions} />
          ) : (
            <StaffTable staff={staff} department={department} actions={actions} />
          )}
          {staff.length > 0 && <LoadMore list={list} count={staff.length} noun={['person', 'people']} />}
        </Stack>
      </Paper>
      {manager && (
        <>
          <StaffFormModal
            institutionId={institution.id}
            member={form.member}
            departments={departments.data?.items ?? []}
            opened={form.opened}
            onClose={() => setForm((before) => ({ ...before, opened: false }))}
          />
          <ConfirmDeleteModal
            opened={removal.opened}
            what="staff member"
            name={deleting ? fullName(deleting) : ''}
            consequence="To keep them on past records instead, archive them."
            onDelete={async () => {
              if (!deleting) return;
              await client.staff.remove(institution.id, deleting.id);
              notifySuccess(`${fullName(deleting)} was deleted.`);
              await refresh();
            }}
            onClose={() => setRemoval((before) => ({ ...before, opened: false }))}
          />
        </>
      )}
    </Stack>
  );
}

export function StaffPage() {
  const institution = useInstitutionContext();
  // Staff records are for the people who run the institution; the server refuses the others.
  if (!seesEveryone(institution.myRole)) {
    return (
      <Alert color="gray" variant="light">
        Staff records are visible to the institution's owners, admins, teachers and staff.
      </Alert>
    );
  }
  return <StaffList key={institution.id} institution={institution} />;
}
