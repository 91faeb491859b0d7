import type { AcademicYear, Institution } from '@edumatrix/contracts';
import { ActionIcon, Button, Checkbox, Fieldset, Group, Modal, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { client } from '../api.ts';
import { FormActions, usePhone } from '../ui/FormActions.tsx';
import { focusFirstInvalid, notifySuccess } from '../ui/problem.ts';
import { addDays } from './dates.ts';
import { applyDatesProblem } from './form-errors.ts';
import { structureKeys } from './queries.ts';

type TermValues = { key: string; name: string; startsOn: string; endsOn: string };
type Values = { name: string; startsOn: string; endsOn: string; current: boolean; terms: TermValues[] };

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export const requiredDay = (what: string) => (value: string) => (!value ? `Enter the ${what}` : DAY.test(value) ? null : 'Enter a date');

/** The end after the start: checked here so the common slip does not wait for the server. */
export const endAfterStart = (value: string, startsOn: string) =>
  requiredDay('end date')(value) ?? (startsOn && value <= startsOn ? 'Must be after the start date' : null);

/** "2026–27" for a year starting in 2026: the usual way to name one, offered as a hint. */
function yearName(startsOn: string): string {
  const start = Number(startsOn.slice(0, 4)) || new Date().getFullYear();
  return `${start}–${String(start + 1).slice(-2)}`;
}

let nextKey = 0;
const newKey = () => `term-${++nextKey}`;

/** A new year follows the latest one, a year long; its name is left to the person. */
function suggestedDates(years: AcademicYear[]): { startsOn: string; endsOn: string } {
  const latest = [...years].sort((a, b) => b.endsOn.localeCompare(a.endsOn))[0];
  if (!latest) return { startsOn: '', endsOn: '' };
  const startsOn = addDays(latest.endsOn, 1);
  const [y = 0, ...rest] = startsOn.split('-');
  return { startsOn, endsOn: addDays([Number(y) + 1, ...rest].join('-'), -1) };
}

type FormProps = { institution: Institution; year: AcademicYear | null; years: AcademicYear[]; onDone: () => void };

function YearForm({ institution, year, years, onDone }: FormProps) {
  const queryClient = useQueryClient();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<Values>({
    initialValues: {
      name: year?.name ?? '',
      ...(year ? { startsOn: year.startsOn, endsOn: year.endsOn } : suggestedDates(years)),
      current: year?.current ?? years.every((y) => !y.current || y.archivedAt !== null),
      terms: [],
    },
    validate: {
      name: (value) =>
        !value.trim() ? 'Enter a name, such as 2026–27' : value.trim().length > 120 ? 'Keep it under 120 characters' : null,
      startsOn: requiredDay('start date'),
      endsOn: (value, values) => endAfterStart(value, values.startsOn),
      terms: {
        name: (value) => (!value.trim() ? 'Enter the term’s name' : null),
        startsOn: requiredDay('start date'),
        endsOn: (value, values, path) => {
          const index = Number(path.split('.')[1]);
          return endAfterStart(value, values.terms[index]?.startsOn ?? '');
        },
      },
    },
  });

  function addTerm() {
    const { terms, startsOn } = form.getValues();
    const last = terms.at(-1);
    // Terms usually follow one another: the next starts the day after the last one ends.
    const start = last?.endsOn ? addDays(last.endsOn, 1) : last ? '' : startsOn;
    form.insertListItem('terms', { key: newKey(), name: `Term ${terms.length + 1}`, startsOn: start, endsOn: '' });
  }

  async function save(values: Values) {
    setFormError(null);
    const body = { name: values.name.trim(), startsOn: values.startsOn, endsOn: values.endsOn };
    try {
      if (year) {
        const changes = Object.fromEntries(Object.entries(body).filter(([key, value]) => year[key as keyof typeof body] !== value));
        if (values.current && !year.current) Object.assign(changes, { current: true });
        if (Object.keys(changes).length > 0) await client.academicYears.update(institution.id, year.id, changes);
        notifySuccess(`${body.name} was saved.`);
      } else {
        await client.academicYears.create(institution.id, {
          ...body,
          current: values.current,
          terms: values.terms.map((t) => ({ name: t.name.trim(), startsOn: t.startsOn, endsOn: t.endsOn })),
        });
        notifySuccess(`${body.name} was created.`);
      }
      await queryClient.invalidateQueries({ queryKey: structureKeys.all(institution.id) });
      onDone();
    } catch (error) {
      setFormError(
        applyDatesProblem(
          form,
          error,
          year?.terms.map((t) => t.name),
        ),
      );
    }
  }

  const terms = form.getValues().terms;

  return (
    <form onSubmit={form.onSubmit(save, focusFirstInvalid)} noValidate>
      <Stack gap="md">
        <TextInput
          label="Name"
          placeholder={yearName(form.getValues().startsOn)}
          required
          autoComplete="off"
          data-autofocus
          {...form.getInputProps('name')}
        />
        <SimpleGrid cols={2} spacing="sm">
          <TextInput label="Starts on" type="date" required {...form.getInputProps('startsOn')} />
          <TextInput label="Ends on" type="date" required {...form.getInputProps('endsOn')} />
        </SimpleGrid>
        <Checkbox
          label="This is the current year"
          description={
            year?.current
              ? 'To change this, make another year current.'
              : 'New classes start in the current year. Only one year is current at a time.'
          }
          disabled={year?.current === true || year?.archivedAt != null}
          {...form.getInputProps('current', { type: 'checkbox' })}
        />
        {!year && (
          <Stack gap="sm">
            <div>
              <Text fw={500} size="sm">
                Terms
              </Text>
              <Text size="xs" c="dimmed">
                Optional now: you can add terms later. They must fall within the year and not overlap.
              </Text>
            </div>
            {terms.map((term, index) => (
              <Fieldset key={term.key} legend={`Term ${index + 1}`} variant="filled" p="sm" pt={4}>
                <Group align="flex-start" gap="xs" wrap="nowrap">
                  <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="xs" verticalSpacing="xs" style={{ flex: 1 }}>
                    <TextInput label="Name" required autoComplete="off" {...form.getInputProps(`terms.${index}.name`)} />
                    <TextInput label="Starts on" type="date" required {...form.getInputProps(`terms.${index}.startsOn`)} />
                    <TextInput label="Ends on" type="date" required {...form.getInputProps(`terms.${index}.endsOn`)} />
                  </SimpleGrid>
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    mt={26}
                    aria-label={`Remove term ${index + 1}`}
                    onClick={() => form.removeListItem('terms', index)}
                  >
                    ✕
                  </ActionIcon>
                </Group>
              </Fieldset>
            ))}
            <Button variant="light" size="xs" onClick={addTerm} style={{ alignSelf: 'flex-start' }}>
              Add a term
            </Button>
          </Stack>
        )}
        <FormActions error={formError} onCancel={onDone} submitting={form.submitting}>
          {year ? 'Save changes' : 'Create academic year'}
        </FormActions>
      </Stack>
    </form>
  );
}

type Props = Omit<FormProps, 'onDone'> & { opened: boolean; onClose: () => void };

export function YearFormModal({ opened, onClose, ...props }: Props) {
  const phone = usePhone();
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={props.year ? `Edit ${props.year.name}` : 'New academic year'}
      size="lg"
      fullScreen={phone && !props.year}
    >
      <YearForm key={props.year?.id ?? 'new'} {...props} onDone={onClose} />
    </Modal>
  );
}
