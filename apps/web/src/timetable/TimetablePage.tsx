import type { Institution, Period } from '@edumatrix/contracts';
import { Anchor, Button, Group, Paper, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useCurrentUser } from '../auth/session-store.ts';
import { canManage } from '../institutions/options.ts';
import { useInstitutionContext } from '../institutions/useInstitutionContext.ts';
import { PlusIcon } from '../shell/icons.tsx';
import { teacherChoices } from '../structure/lookups.ts';
import { usePhone } from '../ui/FormActions.tsx';
import { PickOne, type PickOneOption } from '../ui/PickOne.tsx';
import { LoadError, Loading } from '../ui/states.tsx';
import { FeedList, SubscribeModal } from './Feeds.tsx';
import { type PeriodDraft, PeriodFormModal } from './PeriodFormModal.tsx';
import { isLearner, type Names, periodsQuery, useNames } from './queries.ts';
import { canReadTeachers, feedOf, hasOwnWeek, queryOf, type View, type ViewKind, viewFromParams } from './view.ts';
import { DayList, WeekGrid } from './WeekGrid.tsx';
import { shownDays, todayIn } from './week.ts';

/** Dialog state that keeps its subject while closing, so the title does not change mid-animation. */
type Dialog<T> = { opened: boolean; subject: T | null };

const KIND_LABELS: Record<ViewKind, string> = { class: 'Class', teacher: 'Teacher', room: 'Room', mine: 'My week' };

/** Rooms have no list of their own: they are whatever classes and periods name. */
function roomChoices(periods: Period[], names: Names): PickOneOption[] {
  const rooms = new Set<string>();
  for (const p of periods) if (p.room) rooms.add(p.room);
  for (const c of names.classes) if (c.room && !c.archivedAt) rooms.add(c.room);
  return [...rooms].sort((a, b) => a.localeCompare(b, undefined, { numeric: true })).map((room) => ({ value: room, label: room }));
}

/** The choices for the view's second picker: which class, teacher, room or (for a parent) which child. */
function choicesFor(kind: ViewKind, names: Names, rooms: PickOneOption[]): PickOneOption[] {
  if (kind === 'class') {
    // "Grade 9" before "Grade 10", as people count.
    return names.classes
      .filter((c) => !c.archivedAt)
      .map((c) => ({ value: c.id, label: c.name }))
      .sort((a, b) => a.label.localeCompare(b.label, undefined, { numeric: true }));
  }
  if (kind === 'teacher') return teacherChoices(names.teachers);
  if (kind === 'room') return rooms;
  return names.students.map((s) => ({ value: s.id, label: `${s.firstName} ${s.lastName}` }));
}

function Timetable({ institution }: { institution: Institution }) {
  const me = useCurrentUser();
  const role = institution.myRole;
  const manager = canManage(role);
  const learner = isLearner(role);
  const phone = usePhone();
  const [params, setParams] = useSearchParams();
  const asked = viewFromParams(params, institution);
  const names = useNames(institution);
  const everything = useQuery({ ...periodsQuery(institution.id, {}), enabled: asked.kind === 'room' });
  const rooms = roomChoices(everything.data ?? [], names);
  const choices = choicesFor(asked.kind, names, rooms);
  // Nothing picked yet: the first class, teacher, room or child.
  const view: View = { kind: asked.kind, id: asked.id ?? choices[0]?.value ?? null };
  const query = queryOf(view, role, me.id, view.kind === 'mine' ? view.id : null);
  const periods = useQuery({ ...periodsQuery(institution.id, query ?? {}), enabled: query !== null });
  const items = periods.data ?? [];
  const days = shownDays(items);
  const [pickedDay, setDay] = useState(() => todayIn(institution.timezone));
  const day = days.some((d) => d.value === pickedDay) ? pickedDay : 1;

  const [form, setForm] = useState<Dialog<Period | 'new'>>({ opened: false, subject: null });
  const [subscribing, setSubscribing] = useState(false);

  const feed = feedOf(query, role, me.id);
  const chosen = choices.find((c) => c.value === view.id)?.label;
  const title =
    view.kind === 'mine'
      ? learner && names.students.length > 1 && chosen
        ? `${chosen}’s week`
        : 'My week'
      : view.kind === 'room'
        ? chosen
          ? `Room ${chosen}`
          : 'Room'
        : (chosen ?? KIND_LABELS[view.kind]);
  const feedName = view.kind === 'mine' ? (learner ? (chosen ?? 'your week') : 'your teaching week') : title;

  const kinds = (['class', 'teacher', 'room', 'mine'] as const).filter(
    (k) => (k !== 'teacher' || canReadTeachers(role)) && (k !== 'mine' || hasOwnWeek(role)),
  );
  const showPicker = view.kind !== 'mine' || (learner && names.students.length > 1);
  const draft: PeriodDraft = {
    classId: view.kind === 'class' ? view.id : null,
    teacherId: view.kind === 'teacher' ? view.id : view.kind === 'mine' && !learner ? me.id : null,
    room: view.kind === 'room' ? view.id : null,
    weekday: phone ? day : undefined,
  };
  const open = manager ? (period: Period) => setForm({ opened: true, subject: period }) : null;

  function pickKind(kind: string) {
    setParams({ view: kind });
  }
  function pickId(id: string | null) {
    setParams(id ? { view: view.kind, id } : { view: view.kind });
  }

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end" gap="sm">
        <Stack gap={2} miw={0} style={{ flex: '1 1 260px' }}>
          <Title order={2} size="h3">
            Timetable
          </Title>
          <Text size="sm" c="dimmed" maw={640}>
            The weekly periods of each class, with times in the institution’s time zone ({institution.timezone}).
          </Text>
        </Stack>
        <Group gap="xs">
          <Button variant="default" disabled={!feed} onClick={() => setSubscribing(true)}>
            Subscribe
          </Button>
          {manager && (
            <Button
              leftSection={<PlusIcon />}
              onClick={() => setForm({ opened: true, subject: 'new' })}
              disabled={names.classes.length === 0}
            >
              Add period
            </Button>
          )}
        </Group>
      </Group>
      <Paper withBorder radius="md" p={{ base: 'sm', sm: 'lg' }} component="section" aria-labelledby="timetable-title">
        <Stack gap="md">
          <Group gap="sm" align="flex-end">
            <SegmentedControl
              aria-label="Show the timetable of"
              data={kinds.map((k) => ({ value: k, label: KIND_LABELS[k] }))}
              value={view.kind}
              onChange={pickKind}
              fullWidth={phone}
              style={phone ? { flex: '1 1 100%' } : undefined}
            />
            {showPicker && choices.length > 0 && (
              <PickOne
                key={view.kind}
                label={view.kind === 'mine' ? 'Student' : KIND_LABELS[view.kind]}
                data={choices}
                value={view.id}
                onChange={pickId}
                style={{ flex: phone ? '1 1 100%' : '0 1 280px' }}
              />
            )}
          </Group>
          <Group justify="space-between" gap="xs">
            <Title order={3} size="h4" id="timetable-title" style={{ overflowWrap: 'anywhere' }}>
              {title}
            </Title>
            {periods.data && (
              <Text size="sm" c="dimmed">
                {items.length === 1 ? '1 period a week' : `${items.length} periods a week`}
              </Text>
            )}
          </Group>
          {names.isPending || (query && periods.isPending) ? (
            <Loading label="Loading the timetable" />
          ) : names.error ? (
            <LoadError error={names.error} title="Could not load the timetable" />
          ) : periods.isError ? (
            <LoadError error={periods.error} title="Could not load the timetable" />
          ) : !query ? (
            <Nothing view={view} institution={institution} learner={learner} manager={manager} />
          ) : items.length === 0 ? (
            <Stack gap="xs" align="flex-start" py="xs">
              <Text fw={500}>No periods yet.</Text>
              {manager ? (
                <Button variant="light" onClick={() => setForm({ opened: true, subject: 'new' })}>
                  Add the first period
                </Button>
              ) : (
                <Text size="sm" c="dimmed">
                  Owners and admins of the institution build the timetable.
                </Text>
              )}
            </Stack>
          ) : phone ? (
            <DayList periods={items} days={days} names={names} onOpen={open} day={day} onDay={setDay} />
          ) : (
            <WeekGrid periods={items} days={days} names={names} onOpen={open} />
          )}
        </Stack>
      </Paper>
      <FeedList institution={institution} names={names} />
      {manager && (
        <PeriodFormModal
          institution={institution}
          period={form.subject === 'new' ? null : form.subject}
          draft={draft}
          names={names}
          opened={form.opened}
          onClose={() => setForm((before) => ({ ...before, opened: false }))}
        />
      )}
      <SubscribeModal institution={institution} feed={feed} what={feedName} opened={subscribing} onClose={() => setSubscribing(false)} />
    </Stack>
  );
}

/** Said when the view has nothing to show yet: no classes, no teachers, no rooms, no linked student. */
function Nothing({ view, institution, learner, manager }: { view: View; institution: Institution; learner: boolean; manager: boolean }) {
  const text =
    view.kind === 'mine' && learner
      ? 'No student record is linked to your account yet. Ask the institution to link you, and your week appears here.'
      : view.kind === 'teacher'
        ? 'No members teach here yet.'
        : view.kind === 'room'
          ? 'No rooms yet: rooms appear here once classes or periods name one.'
          : 'No classes yet. The timetable is made of the periods of each class.';
  return (
    <Stack gap="xs" py="xs">
      <Text size="sm" c="dimmed" maw={640}>
        {text}
      </Text>
      {manager && view.kind === 'class' && (
        <Text size="sm" c="dimmed">
          <Anchor component={Link} to={`/institutions/${institution.id}/structure/classes`} inherit>
            Set up the classes
          </Anchor>{' '}
          and subjects first.
        </Text>
      )}
    </Stack>
  );
}

/** Keyed, so the chosen view and day do not carry over to another institution. */
export function TimetablePage() {
  const institution = useInstitutionContext();
  return <Timetable key={institution.id} institution={institution} />;
}
