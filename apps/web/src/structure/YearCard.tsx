import type { AcademicYear, Term } from '@edumatrix/contracts';
import { ActionIcon, Badge, Box, Button, Group, Menu, Paper, Stack, Text, Title, VisuallyHidden } from '@mantine/core';
import { addDays, daysBetween, formatShortSpan, formatSpan, formatWeeks, today } from './dates.ts';
import { termColor, YearTimeline } from './YearTimeline.tsx';

export type YearActions = {
  onEdit: (year: AcademicYear) => void;
  onMakeCurrent: (year: AcademicYear) => void;
  onArchive: (year: AcademicYear, archived: boolean) => void;
  onDelete: (year: AcademicYear) => void;
  onAddTerm: (year: AcademicYear) => void;
  onEditTerm: (year: AcademicYear, term: Term) => void;
  onDeleteTerm: (year: AcademicYear, term: Term) => void;
};

type Row = { type: 'term'; term: Term; index: number } | { type: 'break'; from: string; to: string };

/** Terms in date order, with the breaks between them: a gap is easy to miss in a list of dates. */
function rowsOf(year: AcademicYear): Row[] {
  const rows: Row[] = [];
  year.terms.forEach((term, index) => {
    const before = year.terms[index - 1];
    if (before && daysBetween(before.endsOn, term.startsOn) > 1) {
      rows.push({ type: 'break', from: addDays(before.endsOn, 1), to: addDays(term.startsOn, -1) });
    }
    rows.push({ type: 'term', term, index });
  });
  return rows;
}

function TermRow({ year, term, index, actions }: { year: AcademicYear; term: Term; index: number; actions: YearActions | null }) {
  const now = today();
  const ongoing = term.startsOn <= now && now <= term.endsOn;
  return (
    <Group component="li" justify="space-between" wrap="nowrap" gap="xs" py={6}>
      <Group gap="sm" wrap="nowrap" miw={0}>
        <Box w={10} h={10} bg={`${termColor(index)}.6`} style={{ borderRadius: 3, flexShrink: 0 }} />
        <Stack gap={0} miw={0}>
          <Group gap={6}>
            <Text size="sm" fw={500} style={{ overflowWrap: 'anywhere' }}>
              {term.name}
            </Text>
            {ongoing && (
              <Badge size="xs" variant="light" color="teal">
                Now
              </Badge>
            )}
          </Group>
          <Text size="xs" c="dimmed">
            {formatSpan(term.startsOn, term.endsOn)} · {formatWeeks(term.startsOn, term.endsOn)}
          </Text>
        </Stack>
      </Group>
      {actions && (
        <Group gap={2} wrap="nowrap">
          <Button size="compact-sm" variant="subtle" onClick={() => actions.onEditTerm(year, term)}>
            Edit<VisuallyHidden> {term.name}</VisuallyHidden>
          </Button>
          <Button size="compact-sm" variant="subtle" color="red" onClick={() => actions.onDeleteTerm(year, term)}>
            Delete<VisuallyHidden> {term.name}</VisuallyHidden>
          </Button>
        </Group>
      )}
    </Group>
  );
}

export function YearCard({ year, actions }: { year: AcademicYear; actions: YearActions | null }) {
  const rows = rowsOf(year);
  const headingId = `year-${year.id}`;
  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby={headingId}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" gap="xs" wrap="nowrap">
          <Stack gap={2} miw={0}>
            <Group gap="xs">
              <Title order={3} size="h4" id={headingId} style={{ overflowWrap: 'anywhere' }}>
                {year.name}
              </Title>
              {year.current && (
                <Badge color="teal" variant="light">
                  Current
                </Badge>
              )}
              {year.archivedAt && (
                <Badge color="gray" variant="light">
                  Archived
                </Badge>
              )}
            </Group>
            <Text size="sm" c="dimmed">
              {formatSpan(year.startsOn, year.endsOn)} · {year.terms.length} {year.terms.length === 1 ? 'term' : 'terms'}
            </Text>
          </Stack>
          {actions && (
            <Group gap={4} wrap="nowrap">
              <Button size="compact-sm" variant="subtle" onClick={() => actions.onEdit(year)}>
                Edit<VisuallyHidden> {year.name}</VisuallyHidden>
              </Button>
              <Menu position="bottom-end" withinPortal>
                <Menu.Target>
                  <ActionIcon variant="subtle" color="gray" aria-label={`More actions for ${year.name}`}>
                    <Text fw={700} size="lg" lh={1} aria-hidden="true">
                      ⋯
                    </Text>
                  </ActionIcon>
                </Menu.Target>
                <Menu.Dropdown>
                  {!year.current && !year.archivedAt && <Menu.Item onClick={() => actions.onMakeCurrent(year)}>Make current</Menu.Item>}
                  <Menu.Item onClick={() => actions.onArchive(year, !year.archivedAt)}>{year.archivedAt ? 'Restore' : 'Archive'}</Menu.Item>
                  <Menu.Item color="red" onClick={() => actions.onDelete(year)}>
                    Delete
                  </Menu.Item>
                </Menu.Dropdown>
              </Menu>
            </Group>
          )}
        </Group>
        <YearTimeline year={year} />
        {rows.length > 0 ? (
          <Stack gap={0} component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label={`Terms of ${year.name}`}>
            {rows.map((row) =>
              row.type === 'term' ? (
                <TermRow key={row.term.id} year={year} term={row.term} index={row.index} actions={actions} />
              ) : (
                <Text component="li" key={`break-${row.from}`} size="xs" c="dimmed" fs="italic" pl={22} py={2}>
                  Break: {formatShortSpan(row.from, row.to)} ({formatWeeks(row.from, row.to)})
                </Text>
              ),
            )}
          </Stack>
        ) : (
          <Text size="sm" c="dimmed">
            No terms yet. Terms split the year (semesters, trimesters or quarters) so classes can be placed in one.
          </Text>
        )}
        {actions && !year.archivedAt && (
          <Button variant="light" size="xs" onClick={() => actions.onAddTerm(year)} style={{ alignSelf: 'flex-start' }}>
            Add a term<VisuallyHidden> to {year.name}</VisuallyHidden>
          </Button>
        )}
      </Stack>
    </Paper>
  );
}
