import type { Assessment, Gradebook, Institution } from '@edumatrix/contracts';
import { bandFor, weightedPercent } from '@edumatrix/contracts';
import { ActionIcon, Anchor, Badge, Button, Group, Menu, Modal, Stack, Table, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type KeyboardEvent, useEffect, useState } from 'react';
import { Link, useBlocker } from 'react-router';
import { client } from '../api.ts';
import { ConfirmDeleteModal } from '../people/ConfirmDeleteModal.tsx';
import { usePhone } from '../ui/FormActions.tsx';
import { FormAlert } from '../ui/FormAlert.tsx';
import { errorMessage, notifySuccess } from '../ui/problem.ts';
import { Section } from '../webhooks/Section.tsx';
import { AssessmentFormModal, type AssessmentTarget } from './AssessmentFormModal.tsx';
import { BandChart } from './BandChart.tsx';
import { type Change, cellErrorsOf, cellKey, changesOf, type Drafts, draftMark, EXCUSED, initialDrafts, parseCell } from './marks.ts';
import { bandColor, formatPercent, formatPoints, gradesKeys, kindLabel } from './queries.ts';

type Dialog = { opened: boolean; subject: Assessment | null };

/** Column widths on a desktop and on a phone, where the term grade moves under the name. */
const WIDTHS = { desk: { name: 176, cell: 108, term: 112 }, phone: { name: 124, cell: 88, term: 0 } };

const sticky = { position: 'sticky', left: 0, zIndex: 2, background: 'var(--mantine-color-body)' } as const;

/** The sticky name column's edge, drawn as a shadow: a border would scroll away with the cells. */
const stickyEdge = { ...sticky, boxShadow: 'inset -1px 0 0 var(--mantine-color-default-border)' } as const;

type Props = { institution: Institution; book: Gradebook; target: AssessmentTarget; title: string };

/**
 * The marks of one class in one subject and term: a row per student, a column per assessment.
 * Typed marks stay as edits over the loaded gradebook, so a reload (another column added) keeps
 * them; Save sends only the cells whose meaning changed.
 */
export function MarksGrid({ institution, book, target, title }: Props) {
  const queryClient = useQueryClient();
  const [edits, setEdits] = useState<Drafts>({});
  const [cellErrors, setCellErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [form, setForm] = useState<Dialog>({ opened: false, subject: null });
  const [deleting, setDeleting] = useState<Dialog>({ opened: false, subject: null });

  const drafts: Drafts = { ...initialDrafts(book), ...edits };
  const { changes, invalid } = changesOf(book, drafts);
  const unsaved = changes.length + Object.keys(invalid).length;
  const labels = book.scale.bands.map((b) => b.label);
  const phone = usePhone();
  const width = phone ? WIDTHS.phone : WIDTHS.desk;

  const reload = () => queryClient.invalidateQueries({ queryKey: gradesKeys.all(institution.id) });

  const save = useMutation({
    mutationFn: ({ sent }: { sent: Change[]; typed: Drafts }) => client.grades.enterMarks(institution.id, book.classId, { marks: sent }),
    onSuccess: async (result, { typed }) => {
      await reload();
      // What was typed while saving stays an edit.
      setEdits((now) => Object.fromEntries(Object.entries(now).filter(([key, text]) => typed[key] !== text)));
      setCellErrors({});
      setFormError(null);
      notifySuccess(`${result.changed} ${result.changed === 1 ? 'mark was' : 'marks were'} saved.`);
    },
    onError: (error, { sent }) => {
      const { cells, rest } = cellErrorsOf(error, sent);
      const count = Object.keys(cells).length;
      setCellErrors(cells);
      setFormError(
        count > 0 && rest.length === 0
          ? `${count === 1 ? 'One mark needs' : `${count} marks need`} fixing: see the red ${count === 1 ? 'cell' : 'cells'}. Nothing was saved.`
          : errorMessage(error),
      );
      if (count > 0) focusFirstBadCell();
    },
  });

  function submit() {
    if (Object.keys(invalid).length > 0) {
      setCellErrors(invalid);
      setFormError('Some cells are not marks: enter points, EX for excused, or leave them empty.');
      focusFirstBadCell();
      return;
    }
    if (changes.length > 0) save.mutate({ sent: changes, typed: edits });
  }

  function edit(key: string, text: string) {
    setEdits((before) => ({ ...before, [key]: text }));
    if (cellErrors[key]) {
      setCellErrors(({ [key]: _, ...rest }) => rest);
    }
  }

  // Leaving with typed marks asks first: in the app, and when the tab closes.
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      unsaved > 0 && (currentLocation.pathname !== nextLocation.pathname || currentLocation.search !== nextLocation.search),
  );
  useEffect(() => {
    if (unsaved === 0) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [unsaved]);

  const terms = book.rows.map((row) => {
    const percent = weightedPercent(
      book.assessments.map((a) => ({ ...draftMark(drafts[cellKey(row.studentId, a.id)]), maxPoints: a.maxPoints, weight: a.weight })),
    );
    return { studentId: row.studentId, percent, band: percent === null || labels.length === 0 ? null : bandFor(book.scale, percent).label };
  });
  const bands = labels.map((label) => ({ label, count: terms.filter((t) => t.band === label).length }));
  const ungraded = terms.filter((t) => t.percent === null).length;

  /** Enter and the up and down arrows move along a column, as in a spreadsheet. */
  function move(event: KeyboardEvent<HTMLInputElement>, row: number, column: number) {
    const step = event.key === 'ArrowUp' ? -1 : event.key === 'ArrowDown' || event.key === 'Enter' ? 1 : 0;
    if (step === 0) return;
    const next = document.querySelector<HTMLInputElement>(`[data-cell="${row + step}:${column}"]`);
    if (next) {
      event.preventDefault();
      next.focus();
      next.select();
    }
  }

  const addButton = (
    <Button variant="light" onClick={() => setForm({ opened: true, subject: null })}>
      Add assessment
    </Button>
  );

  return (
    <>
      <Section id="marks" title={title} hint="Type the points each student scored. EX excuses a student; an empty cell is no mark yet.">
        <Stack gap="md">
          {book.assessments.length === 0 ? (
            <Stack gap="xs" align="flex-start">
              <Text fw={500}>No assessments yet.</Text>
              <Text size="sm" c="dimmed" maw={640}>
                Add the exams, tests and homework of this subject and term, each with its maximum points and weight; then enter the marks
                here.
              </Text>
              {addButton}
            </Stack>
          ) : book.rows.length === 0 ? (
            <Text size="sm" c="dimmed">
              No students are enrolled in this class yet.
            </Text>
          ) : (
            <Group justify={phone ? 'flex-start' : 'space-between'} gap="xs">
              {!phone && (
                <Text size="xs" c="dimmed">
                  Enter and the arrow keys move up and down a column.
                </Text>
              )}
              {addButton}
            </Group>
          )}
          {book.assessments.length > 0 && book.rows.length > 0 && (
            <Table.ScrollContainer
              minWidth={width.name + width.cell * book.assessments.length + width.term}
              type="native"
              // A focused cell scrolls clear of the sticky names rather than under them.
              style={{ scrollPaddingLeft: width.name }}
            >
              <Table aria-label="Marks" verticalSpacing={6} horizontalSpacing={phone ? 6 : 'xs'} style={{ tableLayout: 'fixed' }}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th w={width.name} style={{ ...stickyEdge, verticalAlign: 'bottom' }}>
                      Student
                    </Table.Th>
                    {book.assessments.map((a) => (
                      <Table.Th key={a.id} w={width.cell} style={{ verticalAlign: 'bottom' }}>
                        <Text
                          size={phone ? 'xs' : 'sm'}
                          fw={600}
                          lineClamp={2}
                          lh={1.25}
                          style={{ overflowWrap: 'break-word' }}
                          title={a.title}
                        >
                          {a.title}
                        </Text>
                        <Group gap={2} wrap="nowrap" justify="space-between">
                          <Text size="xs" c="dimmed" fw={400} truncate>
                            {phone ? '' : `${kindLabel(a.kind)} · `}/{formatPoints(a.maxPoints)}
                          </Text>
                          <Menu position="bottom-end" withinPortal>
                            <Menu.Target>
                              <ActionIcon variant="subtle" color="gray" size="sm" aria-label={`Actions for ${a.title}`}>
                                <span aria-hidden="true">⋮</span>
                              </ActionIcon>
                            </Menu.Target>
                            <Menu.Dropdown>
                              <Menu.Item onClick={() => setForm({ opened: true, subject: a })}>Edit assessment</Menu.Item>
                              <Menu.Item color="red" onClick={() => setDeleting({ opened: true, subject: a })}>
                                Delete assessment
                              </Menu.Item>
                            </Menu.Dropdown>
                          </Menu>
                        </Group>
                        <Text size="xs" c="dimmed" fw={400}>
                          weight {formatPoints(a.weight)}
                        </Text>
                      </Table.Th>
                    ))}
                    {!phone && (
                      <Table.Th w={width.term} style={{ verticalAlign: 'bottom' }}>
                        Term grade
                      </Table.Th>
                    )}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {book.rows.map((row, r) => {
                    const term = terms[r];
                    const grade = (
                      <Group gap={6} wrap="nowrap" data-term={row.name}>
                        <Badge variant="light" color={bandColor(labels, term?.band ?? null)} miw={28}>
                          {term?.band ?? '—'}
                        </Badge>
                        <Text size="sm" style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
                          {formatPercent(term?.percent ?? null)}
                        </Text>
                      </Group>
                    );
                    return (
                      <Table.Tr key={row.studentId}>
                        <Table.Td style={stickyEdge}>
                          <Anchor
                            component={Link}
                            to={`/institutions/${institution.id}/grades/students/${row.studentId}?term=${book.termId}`}
                            size="sm"
                            fw={600}
                            style={{ overflowWrap: 'anywhere', display: 'block' }}
                          >
                            {row.name}
                          </Anchor>
                          <Text size="xs" c="dimmed">
                            {row.studentNumber}
                          </Text>
                          {phone && <div style={{ marginTop: 4 }}>{grade}</div>}
                        </Table.Td>
                        {book.assessments.map((a, c) => {
                          const key = cellKey(row.studentId, a.id);
                          const text = drafts[key] ?? '';
                          const excused = !('invalid' in parseCell(text)) && draftMark(text).excused;
                          const changed = changes.some((m) => m.studentId === row.studentId && m.assessmentId === a.id);
                          return (
                            <Table.Td key={a.id} style={{ verticalAlign: 'top' }}>
                              <TextInput
                                size="xs"
                                aria-label={`${row.name}: ${a.title}`}
                                inputMode="decimal"
                                autoComplete="off"
                                value={text}
                                placeholder="—"
                                error={cellErrors[key] ?? invalid[key] ?? null}
                                onChange={(event) => edit(key, event.currentTarget.value)}
                                onBlur={() => {
                                  if (excused && text !== EXCUSED) edit(key, EXCUSED);
                                }}
                                onKeyDown={(event) => move(event, r, c)}
                                rightSection={
                                  phone || excused ? null : (
                                    <Text size="xs" c="dimmed" aria-hidden="true">
                                      /{formatPoints(a.maxPoints)}
                                    </Text>
                                  )
                                }
                                rightSectionWidth={38}
                                rightSectionPointerEvents="none"
                                styles={{
                                  input: {
                                    fontVariantNumeric: 'tabular-nums',
                                    ...(changed ? { background: 'var(--mantine-color-yellow-light)' } : {}),
                                    ...(excused ? { fontStyle: 'italic' } : {}),
                                  },
                                }}
                                data-cell={`${r}:${c}`}
                                data-changed={changed || undefined}
                              />
                            </Table.Td>
                          );
                        })}
                        {!phone && <Table.Td>{grade}</Table.Td>}
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
          <FormAlert message={formError} />
          {book.assessments.length > 0 && (
            <Group
              justify="flex-end"
              gap="xs"
              py="xs"
              wrap="nowrap"
              // Within reach at the foot of the screen while scrolling a long class.
              style={{ position: 'sticky', bottom: 0, zIndex: 3, background: 'var(--mantine-color-body)' }}
            >
              <Group gap={4} wrap="nowrap">
                {unsaved > 0 ? (
                  <Badge color="yellow" variant="light" role="status">
                    {unsaved} unsaved
                  </Badge>
                ) : (
                  <Text size="sm" c="dimmed" role="status">
                    All marks saved
                  </Text>
                )}
                {unsaved > 0 && (
                  <Button
                    variant="subtle"
                    color="gray"
                    px="xs"
                    onClick={() => {
                      setEdits({});
                      setCellErrors({});
                      setFormError(null);
                    }}
                  >
                    Discard
                  </Button>
                )}
                <Button onClick={submit} loading={save.isPending} disabled={unsaved === 0}>
                  Save marks
                </Button>
              </Group>
            </Group>
          )}
        </Stack>
      </Section>
      {book.assessments.length > 0 && book.rows.length > 0 && (
        <Section id="term-grades" title="Term grades" hint="How many students earn each band of the grading scale, as the grid stands.">
          <BandChart bands={bands} ungraded={ungraded} label="Students per band" />
        </Section>
      )}
      <AssessmentFormModal
        target={target}
        assessment={form.subject}
        opened={form.opened}
        onClose={() => setForm((f) => ({ ...f, opened: false }))}
        onSaved={reload}
      />
      <ConfirmDeleteModal
        opened={deleting.opened}
        what="assessment"
        name={deleting.subject?.title ?? ''}
        consequence={marksGoing(deleting.subject)}
        onDelete={async () => {
          const doomed = deleting.subject;
          if (!doomed) return;
          await client.grades.deleteAssessment(institution.id, doomed.id);
          notifySuccess(`${doomed.title} was deleted.`);
          await reload();
        }}
        onClose={() => setDeleting((d) => ({ ...d, opened: false }))}
      />
      <Modal opened={blocker.state === 'blocked'} onClose={() => blocker.reset?.()} title="Leave without saving?" centered>
        <Stack>
          <Text size="sm">
            {unsaved} {unsaved === 1 ? 'mark is' : 'marks are'} not saved yet and will be lost.
          </Text>
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={() => blocker.reset?.()}>
              Stay
            </Button>
            <Button color="red" onClick={() => blocker.proceed?.()}>
              Leave
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

function marksGoing(assessment: Assessment | null): string {
  const n = assessment?.marked ?? 0;
  if (n === 0) return 'No marks have been entered for it.';
  return `${n === 1 ? 'The 1 mark' : `All ${n} marks`} entered for it ${n === 1 ? 'goes' : 'go'} with it.`;
}

/** Keyboard and screen-reader users land on the first cell that needs them. */
function focusFirstBadCell() {
  requestAnimationFrame(() => {
    document.querySelector<HTMLElement>('table[aria-label="Marks"] input[aria-invalid="true"]')?.focus();
  });
}
