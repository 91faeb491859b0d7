import type { AcademicYear } from '@edumatrix/contracts';
import { Anchor, Badge, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { canManage } from '../institutions/options.ts';
import { useInstitutionContext } from '../institutions/useInstitutionContext.ts';
import { LoadError } from '../ui/states.tsx';
import { formatDay, formatSpan, today } from './dates.ts';
import { KIND_TEXT, YEARS_INTRO } from './kinds.ts';
import { PageHeader } from './PageHeader.tsx';
import { lookupQuery, yearsQuery } from './queries.ts';
import { YearTimeline } from './YearTimeline.tsx';

type Count = { isPending: boolean; isError: boolean; active: number; more: boolean };

function countOf(items: { archivedAt: string | null }[] | undefined, more = false) {
  return { active: (items ?? []).filter((i) => !i.archivedAt).length, more };
}

function CountCard({ title, intro, count, to }: { title: string; intro: string; count: Count; to: string }) {
  const value = count.isPending ? '…' : count.isError ? '?' : `${count.active}${count.more ? '+' : ''}`;
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-label={title}>
      <Stack gap={6} h="100%">
        <Group justify="space-between" align="baseline" wrap="nowrap">
          <Title order={3} size="h5">
            {title}
          </Title>
          <Text fw={700} fz={26} lh={1} aria-label={`${value} active`}>
            {value}
          </Text>
        </Group>
        <Text size="sm" c="dimmed" style={{ flex: 1 }}>
          {intro}
        </Text>
        <Anchor component={Link} to={to} size="sm" fw={500}>
          Go to {title.toLowerCase()} →
        </Anchor>
      </Stack>
    </Paper>
  );
}

function CurrentYear({ year, yearsPath }: { year: AcademicYear | undefined; yearsPath: string }) {
  if (!year) {
    return (
      <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }}>
        <Text fw={500}>No current academic year.</Text>
        <Text size="sm" c="dimmed">
          Classes and dashboards start from the current year.{' '}
          <Anchor component={Link} to={yearsPath} inherit>
            Set one up on the Academic years page.
          </Anchor>
        </Text>
      </Paper>
    );
  }
  const now = today();
  const term = year.terms.find((t) => t.startsOn <= now && now <= t.endsOn);
  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} component="section" aria-label="Current academic year">
      <Stack gap="sm">
        <Group justify="space-between" gap="xs">
          <Group gap="xs">
            <Title order={3} size="h4">
              {year.name}
            </Title>
            <Badge color="teal" variant="light">
              Current
            </Badge>
          </Group>
          <Text size="sm" c="dimmed">
            {formatSpan(year.startsOn, year.endsOn)}
          </Text>
        </Group>
        <YearTimeline year={year} />
        <Text size="sm">
          {term ? (
            <>
              Now in <strong>{term.name}</strong>, until {formatDay(term.endsOn)}.
            </>
          ) : now < year.startsOn ? (
            'The year has not started yet.'
          ) : now > year.endsOn ? (
            'The year has ended: mark the next one as current.'
          ) : (
            'Today falls between terms.'
          )}
        </Text>
      </Stack>
    </Paper>
  );
}

export function StructureSummaryPage() {
  const institution = useInstitutionContext();
  const base = `/institutions/${institution.id}/structure`;
  const years = useQuery(yearsQuery(institution.id));
  const departments = useQuery(lookupQuery(institution.id, 'departments'));
  const programs = useQuery(lookupQuery(institution.id, 'programs'));
  const subjects = useQuery(lookupQuery(institution.id, 'subjects'));
  const classes = useQuery(lookupQuery(institution.id, 'classes'));
  const units = { departments, programs, subjects, classes };

  return (
    <Stack gap="lg">
      <PageHeader
        title="How the institution is organised"
        hint={
          canManage(institution.myRole)
            ? 'Set it up in this order: academic years and terms, then departments, programs and subjects, then the classes students are taught in.'
            : 'The years, departments, programs, subjects and classes of this institution.'
        }
      />
      {years.isError ? (
        <LoadError error={years.error} title="Could not load the academic years" />
      ) : (
        !years.isPending && <CurrentYear year={years.data.find((y) => y.current && !y.archivedAt)} yearsPath={`${base}/academic-years`} />
      )}
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md" verticalSpacing="md">
        <CountCard
          title="Academic years"
          intro={YEARS_INTRO}
          to={`${base}/academic-years`}
          count={{ isPending: years.isPending, isError: years.isError, ...countOf(years.data) }}
        />
        {(['departments', 'programs', 'subjects', 'classes'] as const).map((kind) => {
          const query = units[kind];
          return (
            <CountCard
              key={kind}
              title={KIND_TEXT[kind].title}
              intro={KIND_TEXT[kind].intro}
              to={`${base}/${kind}`}
              count={{ isPending: query.isPending, isError: query.isError, ...countOf(query.data?.items, query.data?.more) }}
            />
          );
        })}
      </SimpleGrid>
    </Stack>
  );
}
