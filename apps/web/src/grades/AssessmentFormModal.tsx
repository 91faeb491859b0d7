import type { Assessment, AssessmentKind, UpdateAssessmentBody } from '@edumatrix/contracts';
import { Modal, NativeSelect, NumberInput, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { client } from '../api.ts';
import { FormActions } from '../ui/FormActions.tsx';
import { applyProblem, focusFirstInvalid, notifySuccess } from '../ui/problem.ts';
import { KINDS } from './queries.ts';

type Values = { title: string; kind: AssessmentKind; maxPoints: number | string; weight: number | string; dueOn: string };

export type AssessmentTarget = { institutionId: string; classId: string; subjectId: string; termId: string };

const initialValues = (assessment: Assessment | null): Values => ({
  title: assessment?.title ?? '',
  kind: assessment?.kind ?? 'test',
  maxPoints: assessment?.maxPoints ?? 100,
  weight: assessment?.weight ?? 1,
  dueOn: assessment?.dueOn ?? '',
});

const positive = (what: string, max: number) => (value: number | string) => {
  const n = typeof value === 'number' ? value : Number.parseFloat(value);
  if (value === '' || Number.isNaN(n)) return `Enter the ${what}`;
  if (n <= 0) return 'Must be more than 0';
  return n > max ? `Must be at most ${max}` : null;
};

type FormProps = { target: AssessmentTarget; assessment: Assessment | null; onSaved: () => Promise<unknown>; onDone: () => void };

function AssessmentForm({ target, assessment, onSaved, onDone }: FormProps) {
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<Values>({
    initialValues: initialValues(assessment),
    validate: {
      title: (value) => (!value.trim() ? 'Enter a title' : value.trim().length > 200 ? 'Keep it under 200 characters' : null),
      maxPoints: positive('maximum points', 10_000),
      weight: positive('weight', 1000),
      dueOn: (value) => (value && !/^\d{4}-\d{2}-\d{2}$/.test(value) ? 'Enter a date such as 2026-11-23' : null),
    },
  });

  async function save(values: Values) {
    setFormError(null);
    const body = {
      title: values.title.trim(),
      kind: values.kind,
      maxPoints: Number(values.maxPoints),
      weight: Number(values.weight),
      dueOn: values.dueOn || null,
    };
    try {
      if (assessment) {
        const changes: UpdateAssessmentBody = {};
        if (body.title !== assessment.title) changes.title = body.title;
        if (body.kind !== assessment.kind) changes.kind = body.kind;
        if (body.maxPoints !== assessment.maxPoints) changes.maxPoints = body.maxPoints;
        if (body.weight !== assessment.weight) changes.weight = body.weight;
        if (body.dueOn !== assessment.dueOn) changes.dueOn = body.dueOn;
        if (Object.keys(changes).length > 0) await client.grades.updateAssessment(target.institutionId, assessment.id, changes);
      } else {
        await client.grades.createAssessment(target.institutionId, target.classId, {
          ...body,
          subjectId: target.subjectId,
          termId: target.termId,
        });
      }
      notifySuccess(`${body.title} was ${assessment ? 'saved' : 'added'}.`);
      await onSaved();
      onDone();
    } catch (error) {
      setFormError(applyProblem(form, error));
    }
  }

  return (
    <form onSubmit={form.onSubmit(save, focusFirstInvalid)} noValidate>
      <Stack gap="md">
        <TextInput label="Title" placeholder="Midterm exam" required autoComplete="off" data-autofocus {...form.getInputProps('title')} />
        <SimpleGrid cols={2} spacing="sm">
          <NativeSelect label="Kind" data={KINDS} {...form.getInputProps('kind')} />
          <TextInput label="Due date" type="date" {...form.getInputProps('dueOn')} />
          <NumberInput label="Max points" required min={0} max={10_000} decimalScale={2} {...form.getInputProps('maxPoints')} />
          <NumberInput label="Weight" required min={0} max={1000} decimalScale={2} {...form.getInputProps('weight')} />
        </SimpleGrid>
        <Text size="xs" c="dimmed">
          Weights are relative: an exam of weight 3 counts three times as much as homework of weight 1.
        </Text>
        <FormActions error={formError} onCancel={onDone} submitting={form.submitting}>
          {assessment ? 'Save changes' : 'Add assessment'}
        </FormActions>
      </Stack>
    </form>
  );
}

type Props = {
  target: AssessmentTarget;
  assessment: Assessment | null;
  opened: boolean;
  onClose: () => void;
  onSaved: () => Promise<unknown>;
};

export function AssessmentFormModal({ opened, onClose, assessment, ...props }: Props) {
  return (
    <Modal opened={opened} onClose={onClose} title={assessment ? `Edit ${assessment.title}` : 'Add an assessment'}>
      <AssessmentForm key={assessment?.id ?? 'new'} assessment={assessment} {...props} onDone={onClose} />
    </Modal>
  );
}
