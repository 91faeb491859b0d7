import { Anchor, Group, Stack } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams, useSearchParams } from 'react-router';
import { todayIn } from '../attendance/queries.ts';
import { useInstitutionContext } from '../institutions/useInstitutionContext.ts';
import { yearsQuery } from '../structure/queries.ts';
import { PickOne } from '../ui/PickOne.tsx';
import { LoadError, Loading } from '../ui/states.tsx';
import { usePageTitle } from '../ui/usePageTitle.ts';
import { defaultTerm, termChoices } from './queries.ts';
import { StudentGradesView } from './StudentGradesView.tsx';

/** One student's grades and report card, opened from the marks grid or the student's record. */
export function StudentGradesPage() {
  const institution = useInstitutionContext();
  const { studentId = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const years = useQuery(yearsQuery(institution.id));
  usePageTitle(`Grades · ${institution.name}`);
  const terms = termChoices(years.data ?? []);
  const termId = terms.some((t) => t.value === params.get('term'))
    ? params.get('term')
    : defaultTerm(years.data ?? [], todayIn(institution.timezone));
  const base = `/institutions/${institution.id}`;

  return (
    <Stack gap="md">
      <Group gap="md">
        <Anchor component={Link} to={`${base}/grades`} size="sm">
          ← Grades
        </Anchor>
        <Anchor component={Link} to={`${base}/people/students/${studentId}`} size="sm">
          Student record
        </Anchor>
      </Group>
      {years.isPending ? (
        <Loading label="Loading the terms" />
      ) : years.isError ? (
        <LoadError error={years.error} title="Could not load the terms" />
      ) : (
        <>
          <PickOne label="Term" data={terms} value={termId} onChange={(value) => value && setParams({ term: value })} maw={320} />
          {termId && <StudentGradesView key={termId} institution={institution} studentId={studentId} termId={termId} />}
        </>
      )}
    </Stack>
  );
}
