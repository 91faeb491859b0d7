import type { Institution, StructureKind } from '@edumatrix/contracts';
import { Anchor, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { client } from '../api.ts';
import { canManage } from '../institutions/options.ts';
import { useInstitutionContext } from '../institutions/useInstitutionContext.ts';
import { usePhone } from '../ui/FormActions.tsx';
import { LoadMore } from '../ui/LoadMore.tsx';
import { notifyError, notifySuccess } from '../ui/problem.ts';
import { LoadError, Loading } from '../ui/states.tsx';
import { DeleteModal } from './DeleteModal.tsx';
import { KIND_TEXT } from './kinds.ts';
import { filterChoicesOf, type Lookups, teacherChoices, useLookups } from './lookups.ts';
import { PageHeader } from './PageHeader.tsx';
import { type UnitFilters as Filters, lookupQuery, structureKeys, unitsQuery } from './queries.ts';
import { type RefFilter, UnitFilters } from './UnitFilters.tsx';
import { UnitFormModal } from './UnitFormModal.tsx';
import { type RowActions, type Unit, UnitCards, UnitTable } from './UnitRows.tsx';

/** The reference filters each kind's list accepts (the API refuses the others). */
function refFiltersOf(kind: StructureKind, lookups: Lookups, values: Record<string, string | null>): RefFilter[] {
  const department: RefFilter = {
    key: 'departmentId',
    label: 'Department',
    placeholder: 'Any department',
    data: filterChoicesOf(lookups.departments),
  };
  if (kind === 'programs' || kind === 'subjects') return [department];
  if (kind !== 'classes') return [];
  const year = lookups.year(values.academicYearId);
  const filters: RefFilter[] = [
    department,
    { key: 'programId', label: 'Program', placeholder: 'Any program', data: filterChoicesOf(lookups.programs) },
    { key: 'academicYearId', label: 'Academic year', placeholder: 'Any year', data: filterChoicesOf(lookups.years) },
    {
      key: 'termId',
      label: 'Term',
      placeholder: year ? 'Any term' : 'Pick a year first',
      data: (year?.terms ?? []).map((t) => ({ value: t.id, label: t.name })),
      disabled: !year,
    },
  ];
  if (lookups.teachersVisible) {
    filters.push({
      key: 'homeroomTeacherId',
      label: 'Homeroom teacher',
      placeholder: 'Any teacher',
      data: teacherChoices(lookups.teachers),
    });
  }
  return filters;
}

/** What to do first when a kind is empty and depends on another. */
const NEXT_STEP: Partial<Record<StructureKind, { before: string; link: string; after: string; path: string }>> = {
  classes: {
    before: 'Classes are placed in an academic year and term:',
    link: 'set up the academic years',
    after: 'first if you have not.',
    path: 'academic-years',
  },
  programs: { before: 'To place programs in departments,', link: 'add the departments', after: 'first.', path: 'departments' },
  subjects: { before: 'To place subjects in departments,', link: 'add the departments', after: 'first.', path: 'departments' },
};

type EmptyProps = {
  kind: StructureKind;
  institution: Institution;
  onCreate: (() => void) | null;
  onShowArchived: (() => void) | null;
  /** Whether what this kind builds on is missing too. */
  missingBasis: boolean;
};

function EmptyState({ kind, institution, onCreate, onShowArchived, missingBasis }: EmptyProps) {
  const text = KIND_TEXT[kind];
  const next = missingBasis ? NEXT_STEP[kind] : undefined;
  if (onShowArchived) {
    return (
      <Group gap="xs" py="md">
        <Text size="sm" c="dimmed">
          Every {text.one} is archived.
        </Text>
        <Button size="compact-sm" variant="subtle" onClick={onShowArchived}>
          Show archived
        </Button>
      </Group>
    );
  }
  return (
    <Stack gap="xs" py="xs" align="flex-start">
      <Text fw={500}>No {text.title.toLowerCase()} yet.</Text>
      <Text size="sm" c="dimmed" maw={640}>
        {text.intro}
      </Text>
      {onCreate ? (
        <>
          {next && (
            <Text size="sm" c="dimmed">
              {next.before}{' '}
              <Anchor component={Link} to={`/institutions/${institution.id}/structure/${next.path}`} inherit>
                {next.link}
              </Anchor>{' '}
              {next.after}
            </Text>
          )}
          <Button variant="light" mt={4} onClick={onCreate}>
            Create the first {text.one}
          </Button>
        </>
      ) : (
        <Text size="sm" c="dimmed">
          Owners and admins of the institution add them.
        </Text>
      )}
    </Stack>
  );
}

type ListProps = { kind: StructureKind; institution: Institution };

function UnitList({ kind, institution }: ListProps) {
  const queryClient = useQueryClient();
  const text = KIND_TEXT[kind];
  const manager = canManage(institution.myRole);
  const phone = usePhone();
  const lookups = useLookups(institution, {
    departments: kind !== 'departments',
    programs: kind === 'classes',
    years: kind === 'classes',
    teachers: kind === 'classes',
  });

  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [archived, setArchived] = useState<Filters['archived']>('false');
  const [refs, setRefs] = useState<Record<string, string | null>>({});
  // The unit stays set while a dialog closes, so its title and buttons do not change mid-animation.
  const [form, setForm] = useState<{ opened: boolean; unit: Unit | null }>({ opened: false, unit: null });
  const [removal, setRemoval] = useState<{ opened: boolean; unit: Unit | null }>({ opened: false, unit: null });
  const openForm = (unit: Unit | null) => setForm({ opened: true, unit });
  const deleting = removal.unit;

  const filters = useMemo(() => {
    const chosen: Filters = { archived };
    if (q) chosen.q = q;
    for (const [key, value] of Object.entries(refs)) if (value) Object.assign(chosen, { [key]: value });
    return chosen;
  }, [archived, q, refs]);
  const filtered = Object.keys(filters).length > 1 || archived !== 'false';

  const list = useInfiniteQuery({
    ...unitsQuery(institution.id, kind, filters),
    // Keeps the list on screen while a new search loads.
    placeholderData: (previous) => previous,
  });
  const units: Unit[] = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);
  // Tells "none yet" from "all archived" when the active list is empty.
  const everything = useQuery(lookupQuery(institution.id, kind));

  const refresh = () => queryClient.invalidateQueries({ queryKey: structureKeys.all(institution.id) });
  const setArchivedFlag = (unit: Unit, value: boolean) => client.structure.update(institution.id, kind, unit.id, { archived: value });
  const archive = useMutation({
    mutationFn: ({ unit, value }: { unit: Unit; value: boolean }) => setArchivedFlag(unit, value),
    onSuccess: (_, { unit, value }) =>
      notifySuccess(
        value ? `${unit.name} was archived. It stays on past records but is not offered for new ones.` : `${unit.name} was restored.`,
      ),
    onError: (error) => notifyError(error, `Could not change the ${text.one}`),
    onSettled: refresh,
  });

  function pickRef(key: string, value: string | null) {
    setRefs((before) => {
      const next = { ...before, [key]: value };
      // A term only means something within its year.
      if (key === 'academicYearId') next.termId = null;
      return next;
    });
  }

  function clearFilters() {
    setSearch('');
    setArchived('false');
    setRefs({});
  }

  const actions: RowActions | null = manager
    ? {
        onEdit: openForm,
        onArchive: (unit, value) => archive.mutate({ unit, value }),
        onDelete: (unit) => setRemoval({ opened: true, unit }),
      }
    : null;
  const refFilters = refFiltersOf(kind, lookups, refs);

  return (
    <Stack gap="md">
      <PageHeader title={text.title} action={manager ? { label: `New ${text.one}`, onClick: () => openForm(null) } : null} />
      <Paper withBorder radius="md" p={{ base: 'sm', sm: 'lg' }} component="section" aria-label={text.title}>
        <Stack gap="md">
          {/* Nothing to search or filter before the first one exists. */}
          {(filtered || units.length > 0 || (everything.data?.items.length ?? 0) > 0) && (
            <UnitFilters
              what={text.title.toLowerCase()}
              search={search}
              onSearch={setSearch}
              archived={archived}
              onArchived={setArchived}
              refs={refFilters}
              values={refs}
              onRef={pickRef}
              phone={phone}
            />
          )}
          {list.isPending || lookups.isPending ? (
            <Loading label={`Loading ${text.title.toLowerCase()}`} />
          ) : list.isError ? (
            <LoadError error={list.error} title={`Could not load the ${text.title.toLowerCase()}`} />
          ) : units.length === 0 ? (
            filtered ? (
              <Group gap="xs" py="md">
                <Text size="sm" c="dimmed">
                  No {text.title.toLowerCase()} match{archived === 'true' ? ' among the archived ones' : ''}.
                </Text>
                <Button size="compact-sm" variant="subtle" onClick={clearFilters}>
                  Clear filters
                </Button>
              </Group>
            ) : (
              <EmptyState
                kind={kind}
                institution={institution}
                onCreate={manager ? () => openForm(null) : null}
                onShowArchived={everything.data?.items.length ? () => setArchived('true') : null}
                missingBasis={kind === 'classes' ? lookups.years.length === 0 : lookups.departments.length === 0}
              />
            )
          ) : phone ? (
            <UnitCards kind={kind} units={units} lookups={lookups} actions={actions} />
          ) : (
            <UnitTable kind={kind} units={units} lookups={lookups} actions={actions} />
          )}
          <LoadMore list={list} />
        </Stack>
      </Paper>
      {manager && (
        <>
          <UnitFormModal
            kind={kind}
            institution={institution}
            unit={form.unit}
            lookups={lookups}
            opened={form.opened}
            onClose={() => setForm((before) => ({ ...before, opened: false }))}
          />
          <DeleteModal
            opened={removal.opened}
            what={text.one}
            name={deleting?.name ?? ''}
            onDelete={async () => {
              if (!deleting) return;
              await client.structure.remove(institution.id, kind, deleting.id);
              notifySuccess(`${deleting.name} was deleted.`);
              await refresh();
            }}
            onArchive={
              deleting && !deleting.archivedAt
                ? async () => {
                    await setArchivedFlag(deleting, true);
                    notifySuccess(`${deleting.name} was archived. It stays on past records but is not offered for new ones.`);
                    await refresh();
                  }
                : undefined
            }
            onClose={() => setRemoval((before) => ({ ...before, opened: false }))}
          />
        </>
      )}
    </Stack>
  );
}

/** One page per kind; keyed so a kind's search and filters do not carry over to another kind or institution. */
export function UnitsPage({ kind }: { kind: StructureKind }) {
  const institution = useInstitutionContext();
  return <UnitList key={`${institution.id}:${kind}`} kind={kind} institution={institution} />;
}
