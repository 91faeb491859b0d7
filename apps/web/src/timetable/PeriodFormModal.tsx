import type { Institution, Period, UpdatePeriodBody } from '@edumatrix/contracts';
import { Alert, Button, Group, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type ChangeEvent, useState } from 'react';
import { client } from '../api.ts';
import { choicesOf, teacherChoices } from '../structure/lookups.ts';
import { RefSelect } from '../structure/RefSelect.tsx';
import { ResponsiveModal } from '../ui/FormActions.tsx';
import { FormAlert } from '../ui/FormAlert.tsx';
import { applyProblem, errorMessage, focusFirstInvalid, notifySuccess, problemOf } from '../ui/problem.ts';
import type { Names } from './queries.ts';
import { timetableKeys } from './queries.ts';
import { minutesOf, span, WEEKDAYS, weekdayLabel } from './week.ts';

type Values = {
  classId: string | null;
  subjectId: string | null;
  teacherId: string | null;
  room: string;
  weekday: string;
  startsAt: string;
  endsAt: string;
};

/** What a new period starts from: the class, teacher or room on screen, and the day being looked at. */
export type PeriodDraft = { classId?: string | null; teacherId?: string | null; room?: string | null; weekday?: number };

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

const requiredTime = (what: string) => (value: string) =>
  !value ? `Enter the ${what}` : TIME.test(value) ? null : 'Enter a time such as 09:30';

const pad = (n: number) => String(n).padStart(2, '0');
/** A lesson is usually 45 minutes: the end is suggested from the start. */
function suggestEnd(start: string): string {
  const end = Math.min(minutesOf(start) + 45, 23 * 60 + 59);
  return `${pad(Math.floor(end / 60))}:${pad(end % 60)}`;
}

/** The API names times as in JSON; people read "the start". */
const friendly = (message: string) => message.replaceAll('startsAt', 'the start').replaceAll('endsAt', 'the end');

function initialValues(period: Period | null, draft: PeriodDraft, names: Names): Values {
  if (period) {
    return {
      classId: period.classId,
      subjectId: period.subjectId,
      teacherId: period.teacherId,
      room: period.room ?? '',
      weekday: String(period.weekday),
      startsAt: period.startsAt.slice(0, 5),
      endsAt: period.endsAt.slice(0, 5),
    };
  }
  return {
    classId: draft.classId ?? null,
    subjectId: null,
    teacherId: draft.teacherId ?? null,
    // A class is usually taught in its own room.
    room: draft.room ?? names.classOf(draft.classId)?.room ?? '',
    weekday: String(draft.weekday ?? 1),
    startsAt: '',
    endsAt: '',
  };
}

function bodyOf(v: Values) {
  return {
    subjectId: v.subjectId,
    teacherId: v.teacherId,
    room: v.room.trim() || null,
    weekday: Number(v.weekday),
    startsAt: v.startsAt,
    endsAt: v.endsAt,
  };
}

type FormProps = { institution: Institution; period: Period | null; draft: PeriodDraft; names: Names; onDone: () => void };

function PeriodForm({ institution, period, draft, names, onDone }: FormProps) {
  const queryClient = useQueryClient();
  const [formError, setFormError] = useState<string | null>(null);
  const [clash, setClash] = useState<string | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const form = useForm<Values>({
    initialValues: initialValues(period, draft, names),
    validate: {
      classId: (value) => (value ? null : 'Choose the class'),
      room: (value) => (value.trim().length > 60 ? 'Keep it under 60 characters' : null),
      weekday: (value) => (value ? null : 'Choose the day'),
      startsAt: requiredTime('start time'),
      endsAt: (value, values) =>
        requiredTime('end time')(value) ?? (values.startsAt && value <= values.startsAt ? 'Must be after the start' : null),
    },
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: timetableKeys.all(institution.id) });

  const remove = useMutation({
    mutationFn: () => client.timetable.removePeriod(institution.id, (period as Period).id),
    onSuccess: async () => {
      notifySuccess('The period was deleted.');
      await refresh();
      onDone();
    },
  });

  async function save(values: Values) {
    setFormError(null);
    setClash(null);
    const body = bodyOf(values);
    try {
      if (period) {
        const before = bodyOf(form.getInitialValues());
        const changes = Object.fromEntries(
          Object.entries(body).filter(([key, value]) => before[key as keyof typeof before] !== value),
        ) as UpdatePeriodBody;
        if (Object.keys(changes).length > 0) await client.timetable.updatePeriod(institution.id, period.id, changes);
        notifySuccess('The period was saved.');
      } else {
        await client.timetable.createPeriod(institution.id, { ...body, classId: values.classId as string });
        notifySuccess(`${names.className(values.classId as string)} has a new period on ${weekdayLabel(body.weekday)}.`);
      }
      await refresh();
      onDone();
    } catch (error) {
      const problem = problemOf(error);
      if (problem?.code === 'timetable.clash') {
        // The sentence names the other period; the fields it is about are marked too.
        setClash(errorMessage(error));
        form.setErrors(
          Object.fromEntries((problem.errors ?? []).map((e) => [e.field.replace(/^\/+|^body[./]/g, ''), 'Clashes with another period'])),
        );
        return;
      }
      // The server's own check of the times is the one above, so its wording rarely shows.
      const left = applyProblem(form, error);
      setFormError(left && friendly(left));
    }
  }

  function pickClass(classId: string | null) {
    form.setFieldValue('classId', classId);
    const room = names.classOf(classId)?.room;
    if (room && !form.getValues().room) form.setFieldValue('room', room);
  }

  function pickStart(event: ChangeEvent<HTMLInputElement>) {
    const start = event.currentTarget.value;
    form.setFieldValue('startsAt', start);
    const end = form.getValues().endsAt;
    if (TIME.test(start) && (!end || end <= start)) form.setFieldValue('endsAt', suggestEnd(start));
  }

  const initial = form.getInitialValues();

  return (
    <form onSubmit={form.onSubmit(save, focusFirstInvalid)} noValidate>
      <Stack gap="md">
        {clash && (
          <Alert color="orange" variant="filled" title="This clashes with another period" role="alert">
            {clash}
          </Alert>
        )}
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md" verticalSpacing="md">
          <RefSelect
            label="Class"
            required
            clearable={false}
            disabled={period !== null}
            description={period ? 'A period stays with its class' : undefined}
            data={choicesOf(names.classes, initial.classId)}
            {...form.getInputProps('classId')}
            onChange={pickClass}
          />
          <RefSelect
            label="Subject"
            placeholder="No subject"
            data={choicesOf(names.subjects, initial.subjectId)}
            {...form.getInputProps('subjectId')}
          />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md" verticalSpacing="md">
          <RefSelect label="Teacher" placeholder="No teacher" data={teacherChoices(names.teachers)} {...form.getInputProps('teacherId')} />
          <TextInput label="Room" placeholder="e.g. B-204" autoComplete="off" {...form.getInputProps('room')} />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="md" verticalSpacing="md">
          <Select
            label="Day"
            required
            allowDeselect={false}
            data={WEEKDAYS.map((d) => ({ value: String(d.value), label: d.label }))}
            comboboxProps={{ withinPortal: true }}
            {...form.getInputProps('weekday')}
          />
          <TextInput label="Starts at" type="time" required {...form.getInputProps('startsAt')} onChange={pickStart} />
          <TextInput label="Ends at" type="time" required {...form.getInputProps('endsAt')} />
        </SimpleGrid>
        <Text size="xs" c="dimmed">
          Times are in the institution’s time zone, {institution.timezone}.
        </Text>
        <FormAlert message={formError ?? (remove.isError ? errorMessage(remove.error) : null)} />
        {confirmDelete && period ? (
          <Alert color="red" variant="light" title="Delete this period?">
            <Stack gap="sm">
              <Text size="sm">
                {names.subjectName(period.subjectId) ?? 'The period'} of {names.className(period.classId)} on {weekdayLabel(period.weekday)}{' '}
                {span(period)} will be removed from the timetable and from calendar feeds.
              </Text>
              <Group gap="xs" justify="flex-end">
                <Button variant="default" onClick={() => setConfirmDelete(false)}>
                  Keep it
                </Button>
                <Button color="red" loading={remove.isPending} onClick={() => remove.mutate()}>
                  Delete period
                </Button>
              </Group>
            </Stack>
          </Alert>
        ) : (
          <Group justify="space-between" gap="xs">
            {period ? (
              <Button variant="subtle" color="red" onClick={() => setConfirmDelete(true)}>
                Delete…
              </Button>
            ) : (
              <span />
            )}
            <Group gap="xs">
              <Button variant="default" onClick={onDone}>
                Cancel
              </Button>
              <Button type="submit" loading={form.submitting}>
                {period ? 'Save changes' : 'Add period'}
              </Button>
            </Group>
          </Group>
        )}
      </Stack>
    </form>
  );
}

type Props = Omit<FormProps, 'onDone'> & { opened: boolean; onClose: () => void };

export function PeriodFormModal({ opened, onClose, ...props }: Props) {
  return (
    <ResponsiveModal opened={opened} onClose={onClose} title={props.period ? 'Edit period' : 'Add a period'} size="lg">
      {/* Keyed, so editing another period starts from its own values. */}
      <PeriodForm key={props.period?.id ?? 'new'} {...props} onDone={onClose} />
    </ResponsiveModal>
  );
}
