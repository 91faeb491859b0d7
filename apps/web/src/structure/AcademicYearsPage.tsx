import type { AcademicYear, Institution, Term } from '@edumatrix/contracts';
import { Button, Paper, SegmentedControl, Stack, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { client } from '../api.ts';
import { canManage } from '../institutions/options.ts';
import { useInstitutionContext } from '../institutions/useInstitutionContext.ts';
import { usePhone } from '../ui/FormActions.tsx';
import { notifyError, notifySuccess } from '../ui/problem.ts';
import { LoadError, Loading } from '../ui/states.tsx';
import { DeleteModal } from './DeleteModal.tsx';
import { ARCHIVED_FILTERS, type ArchivedFilter, YEARS_INTRO } from './kinds.ts';
import { PageHeader } from './PageHeader.tsx';
import { structureKeys, yearsQuery } from './queries.ts';
import { TermFormModal } from './TermFormModal.tsx';
import { type YearActions, YearCard } from './YearCard.tsx';
import { YearFormModal } from './YearFormModal.tsx';

/** Dialog state that keeps its subject while closing, so the title does not change mid-animation. */
type Dialog<T> = { opened: boolean; subject: T | null };
const closed = <T,>(): Dialog<T> => ({ opened: false, subject: null });
const close = <T,>(dialog: Dialog<T>): Dialog<T> => ({ ...dialog, opened: false });

function YearsList({ institution }: { institution: Institution }) {
  const queryClient = useQueryClient();
  const manager = canManage(institution.myRole);
  const phone = usePhone();
  const [archived, setArchived] = useState<ArchivedFilter>('false');
  const years = useQuery({ ...yearsQuery(institution.id, archived), placeholderData: (previous) => previous });
  // Every year, for suggesting the dates of a new one.
  const allYears = useQuery({ ...yearsQuery(institution.id), enabled: manager });

  const [yearForm, setYearForm] = useState<Dialog<AcademicYear | 'new'>>(closed);
  const [termForm, setTermForm] = useState<Dialog<{ year: AcademicYear; term: Term | null }>>(closed);
  const [yearRemoval, setYearRemoval] = useState<Dialog<AcademicYear>>(closed);
  const [termRemoval, setTermRemoval] = useState<Dialog<{ year: AcademicYear; term: Term }>>(closed);

  const refresh = () => queryClient.invalidateQueries({ queryKey: structureKeys.all(institution.id) });
  const change = useMutation({
    mutationFn: ({ year, body }: { year: AcademicYear; body: { current?: true; archived?: boolean }; done: string }) =>
      client.academicYears.update(institution.id, year.id, body),
    onSuccess: (_, { done }) => notifySuccess(done),
    onError: (error) => notifyError(error, 'Could not change the academic year'),
    onSettled: refresh,
  });
  const archivedMessage = (year: AcademicYear, value: boolean) =>
    value ? `${year.name} was archived. Its classes keep it; new classes cannot use it.` : `${year.name} was restored.`;

  const actions: YearActions | null = manager
    ? {
        onEdit: (year) => setYearForm({ opened: true, subject: year }),
        onMakeCurrent: (year) => change.mutate({ year, body: { current: true }, done: `${year.name} is now the current year.` }),
        onArchive: (year, value) => change.mutate({ year, body: { archived: value }, done: archivedMessage(year, value) }),
        onDelete: (year) => setYearRemoval({ opened: true, subject: year }),
        onAddTerm: (year) => setTermForm({ opened: true, subject: { year, term: null } }),
        onEditTerm: (year, term) => setTermForm({ opened: true, subject: { year, term } }),
        onDeleteTerm: (year, term) => setTermRemoval({ opened: true, subject: { year, term } }),
      }
    : null;
  const newYear = () => setYearForm({ opened: true, subject: 'new' });
  const deletingYear = yearRemoval.subject;
  const deletingTerm = termRemoval.subject;

  return (
    <Stack gap="md">
      <PageHeader title="Academic years" action={manager ? { label: 'New academic year', onClick: newYear } : null} />
      <SegmentedControl
        aria-label="Which academic years to show"
        data={ARCHIVED_FILTERS}
        value={archived}
        onChange={(value) => setArchived(value as ArchivedFilter)}
        fullWidth={phone}
        style={{ alignSelf: phone ? 'stretch' : 'flex-start' }}
      />
      {years.isPending ? (
        <Loading label="Loading academic years" />
      ) : years.isError ? (
        <LoadError error={years.error} title="Could not load the academic years" />
      ) : years.data.length === 0 ? (
        <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }}>
          {archived === 'false' ? (
            <Stack gap="xs" align="flex-start">
              <Text fw={500}>No academic years yet.</Text>
              <Text size="sm" c="dimmed" maw={640}>
                {YEARS_INTRO} Create one with its terms (semesters, trimesters or quarters) before adding classes.
              </Text>
              {manager ? (
                <Button variant="light" mt={4} onClick={newYear}>
                  Create the first academic year
                </Button>
              ) : (
                <Text size="sm" c="dimmed">
                  Owners and admins of the institution add them.
                </Text>
              )}
            </Stack>
          ) : (
            <Text size="sm" c="dimmed">
              {archived === 'true' ? 'No archived academic years.' : 'No academic years yet.'}
            </Text>
          )}
        </Paper>
      ) : (
        <Stack gap="md">
          {years.data.map((year) => (
            <YearCard key={year.id} year={year} actions={actions} />
          ))}
        </Stack>
      )}
      {manager && (
        <>
          <YearFormModal
            institution={institution}
            year={yearForm.subject === 'new' ? null : yearForm.subject}
            years={allYears.data ?? []}
            opened={yearForm.opened}
            onClose={() => setYearForm(close)}
          />
          <TermFormModal
            institution={institution}
            year={termForm.subject?.year ?? null}
            term={termForm.subject?.term ?? null}
            opened={termForm.opened}
            onClose={() => setTermForm(close)}
          />
          <DeleteModal
            opened={yearRemoval.opened}
            what="academic year"
            name={deletingYear?.name ?? ''}
            onDelete={async () => {
              if (!deletingYear) return;
              await client.academicYears.remove(institution.id, deletingYear.id);
              notifySuccess(`${deletingYear.name} was deleted.`);
              await refresh();
            }}
            onArchive={
              deletingYear && !deletingYear.archivedAt
                ? async () => {
                    await client.academicYears.update(institution.id, deletingYear.id, { archived: true });
                    notifySuccess(archivedMessage(deletingYear, true));
                    await refresh();
                  }
                : undefined
            }
            onClose={() => setYearRemoval(close)}
          />
          <DeleteModal
            opened={termRemoval.opened}
            what="term"
            archiveHint="A term cannot be archived by itself: archive its year once the year is over."
            name={deletingTerm ? `${deletingTerm.term.name} of ${deletingTerm.year.name}` : ''}
            onDelete={async () => {
              if (!deletingTerm) return;
              await client.academicYears.removeTerm(institution.id, deletingTerm.year.id, deletingTerm.term.id);
              notifySuccess(`${deletingTerm.term.name} was deleted.`);
              await refresh();
            }}
            onClose={() => setTermRemoval(close)}
          />
        </>
      )}
    </Stack>
  );
}

export function AcademicYearsPage() {
  const institution = useInstitutionContext();
  return <YearsList key={institution.id} institution={institution} />;
}
