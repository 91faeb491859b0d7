import type { AcademicYear, Institution, Term } from '@edumatrix/contracts';
import { Modal, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { client } from '../api.ts';
import { FormActions } from '../ui/FormActions.tsx';
import { focusFirstInvalid, notifySuccess } from '../ui/problem.ts';
import { addDays, formatSpan } from './dates.ts';
import { applyDatesProblem } from './form-errors.ts';
import { structureKeys } from './queries.ts';
import { endAfterStart, requiredDay } from './YearFormModal.tsx';

type Values = { name: string; startsOn: string; endsOn: string };

type FormProps = { institution: Institution; year: AcademicYear; term: Term | null; onDone: () => void };

function TermForm({ institution, year, term, onDone }: FormProps) {
  const queryClient = useQueryClient();
  const [formError, setFormError] = useState<string | null>(null);
  const last = year.terms.at(-1);
  const form = useForm<Values>({
    initialValues: term
      ? { name: term.name, startsOn: term.startsOn, endsOn: term.endsOn }
      : {
          name: `Term ${year.terms.length + 1}`,
          // The next term usually starts the day after the last one ends.
          startsOn: last ? addDays(last.endsOn, 1) : year.startsOn,
          endsOn: '',
        },
    validate: {
      name: (value) => (!value.trim() ? 'Enter the term’s name' : value.trim().length > 120 ? 'Keep it under 120 characters' : null),
      startsOn: (value) =>
        requiredDay('start date')(value) ?? (value < year.startsOn || value > year.endsOn ? 'Must fall within the academic year' : null),
      endsOn: (value, values) =>
        endAfterStart(value, values.startsOn) ?? (value > year.endsOn ? 'Must fall within the academic year' : null),
    },
  });

  async function save(values: Values) {
    setFormError(null);
    const body = { name: values.name.trim(), startsOn: values.startsOn, endsOn: values.endsOn };
    try {
      if (term) {
        const changes = Object.fromEntries(Object.entries(body).filter(([key, value]) => term[key as keyof Values] !== value));
        if (Object.keys(changes).length > 0) await client.academicYears.updateTerm(institution.id, year.id, term.id, changes);
      } else {
        await client.academicYears.addTerm(institution.id, year.id, body);
      }
      notifySuccess(`${body.name} was ${term ? 'saved' : 'added'}.`);
      await queryClient.invalidateQueries({ queryKey: structureKeys.all(institution.id) });
      onDone();
    } catch (error) {
      // The server numbers the year's other terms in its own order: without this one when editing.
      const others = year.terms.filter((t) => t.id !== term?.id).map((t) => t.name);
      setFormError(applyDatesProblem(form, error, others));
    }
  }

  return (
    <form onSubmit={form.onSubmit(save, focusFirstInvalid)} noValidate>
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          {year.name} runs {formatSpan(year.startsOn, year.endsOn)}.
        </Text>
        <TextInput label="Name" required autoComplete="off" data-autofocus {...form.getInputProps('name')} />
        <SimpleGrid cols={2} spacing="sm">
          <TextInput label="Starts on" type="date" required min={year.startsOn} max={year.endsOn} {...form.getInputProps('startsOn')} />
          <TextInput label="Ends on" type="date" required min={year.startsOn} max={year.endsOn} {...form.getInputProps('endsOn')} />
        </SimpleGrid>
        <FormActions error={formError} onCancel={onDone} submitting={form.submitting}>
          {term ? 'Save changes' : 'Add term'}
        </FormActions>
      </Stack>
    </form>
  );
}

type Props = { institution: Institution; year: AcademicYear | null; term: Term | null; opened: boolean; onClose: () => void };

export function TermFormModal({ opened, onClose, year, ...props }: Props) {
  return (
    <Modal opened={opened} onClose={onClose} title={props.term ? `Edit ${props.term.name}` : `Add a term to ${year?.name ?? 'the year'}`}>
      {year && <TermForm key={props.term?.id ?? 'new'} year={year} {...props} onDone={onClose} />}
    </Modal>
  );
}
