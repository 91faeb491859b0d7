// Editors create and edit an assignment in a modal, like quizzes: title, Markdown instructions, the
// due moment on the institution's clock, the late policy, how work is handed in, how it is graded.
import type { Assignment, GradebookCategory, LatePolicy } from '@edumatrix/contracts';
import { Checkbox, Group, Input, NumberInput, Select, SimpleGrid, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { client } from '../../api.ts';
import { FormActions, ResponsiveModal } from '../../ui/FormActions.tsx';
import { notifySuccess } from '../../ui/problem.ts';
import { applyNestedProblem } from '../form-errors.ts';
import { MarkdownField } from '../MarkdownField.tsx';
import { LATE_POLICY_LABEL, pts } from './assignment-queries.ts';
import { type AssignmentValues, builderMax, initialValues, remapField, toBody } from './assignment-values.ts';
import { RubricBuilder } from './RubricBuilder.tsx';

type FormProps = {
  institutionId: string;
  courseId: string;
  /** The institution's zone, which due dates are written in. */
  timeZone: string;
  assignment: Assignment | null;
  categories: GradebookCategory[];
  onSaved: () => Promise<unknown>;
  onDone: () => void;
};

function AssignmentForm({ institutionId, courseId, timeZone, assignment, categories, onSaved, onDone }: FormProps) {
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<AssignmentValues>({
    initialValues: initialValues(assignment),
    validate: {
      title: (value) => (value.trim() ? null : 'Enter a title'),
      dueDate: (value, values) => (!value && values.dueTime ? 'Pick a date for the time' : null),
      allowFiles: (value, values) => (value || values.allowText ? null : 'Allow text, files or both'),
      rubric: {
        title: (value) => (value.trim() ? null : 'Name the criterion'),
        levels: { title: (value) => (value.trim() ? null : 'Name the level') },
      },
    },
  });
  const v = form.getValues();
  const hasRubric = v.rubric.length > 0;

  async function save(values: AssignmentValues) {
    setFormError(null);
    const body = toBody(values);
    try {
      if (assignment) await client.assignments.update(institutionId, courseId, assignment.id, body);
      else await client.assignments.create(institutionId, courseId, body);
      notifySuccess(`${body.title} was ${assignment ? 'saved' : 'created'}${body.published ? '' : ' (not published yet)'}.`);
      await onSaved();
      onDone();
    } catch (error) {
      setFormError(applyNestedProblem(form, error, remapField));
    }
  }

  return (
    <form onSubmit={form.onSubmit(save)} noValidate>
      <Stack gap="md">
        <TextInput label="Title" required autoComplete="off" data-autofocus {...form.getInputProps('title')} />
        <MarkdownField
          label="Instructions"
          description="Markdown; what to do and how it is judged"
          {...form.getInputProps('instructions')}
        />
        <Stack gap={4}>
          <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
            <TextInput label="Due date" type="date" {...form.getInputProps('dueDate')} />
            <TextInput label="Due time" type="time" {...form.getInputProps('dueTime')} />
            <Select
              label="Late work"
              allowDeselect={false}
              data={Object.entries(LATE_POLICY_LABEL).map(([value, label]) => ({ value, label }))}
              {...form.getInputProps('latePolicy')}
              onChange={(value) => value && form.setFieldValue('latePolicy', value as LatePolicy)}
            />
            <NumberInput
              label="Penalty per day (%)"
              min={0}
              max={100}
              decimalScale={1}
              allowNegative={false}
              disabled={v.latePolicy !== 'penalise'}
              {...form.getInputProps('latePenaltyPercent')}
            />
          </SimpleGrid>
          <Text size="xs" c="dimmed">
            {v.dueDate
              ? `Due ${v.dueDate} at ${v.dueTime || '23:59'}, in the institution’s time zone (${timeZone}).`
              : `No due date: learners can hand in at any time. Times are in the institution’s time zone (${timeZone}).`}
          </Text>
        </Stack>
        <Stack gap={4}>
          <Input.Label>Learners hand in</Input.Label>
          <Group gap="lg">
            <Checkbox label="Text" {...form.getInputProps('allowText', { type: 'checkbox' })} />
            <Checkbox label="A file" {...form.getInputProps('allowFiles', { type: 'checkbox' })} />
          </Group>
          <Input.Error>{form.errors.allowFiles}</Input.Error>
        </Stack>
        <RubricBuilder form={form} />
        <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm">
          {hasRubric ? (
            <TextInput label="Max points" description="From the rubric" value={pts(builderMax(v.rubric))} readOnly disabled />
          ) : (
            <NumberInput
              label="Max points"
              min={0.01}
              max={10_000}
              decimalScale={2}
              allowNegative={false}
              {...form.getInputProps('maxPoints')}
            />
          )}
          <NumberInput
            label="Peer reviews each"
            description="0: none; else after the deadline"
            min={0}
            max={5}
            allowDecimal={false}
            allowNegative={false}
            {...form.getInputProps('peerReviews')}
          />
          <Select
            label="Gradebook category"
            description={categories.length ? 'Optional' : 'None set up yet'}
            placeholder="No category"
            clearable
            disabled={categories.length === 0}
            data={categories.map((c) => ({ value: c.id, label: c.name }))}
            {...form.getInputProps('categoryId')}
          />
        </SimpleGrid>
        <Switch
          label="Published"
          description="Learners see published assignments"
          {...form.getInputProps('published', { type: 'checkbox' })}
        />
        <FormActions error={formError} onCancel={onDone} submitting={form.submitting}>
          {assignment ? 'Save assignment' : 'Create assignment'}
        </FormActions>
      </Stack>
    </form>
  );
}

type ModalProps = Omit<FormProps, 'onDone'> & { opened: boolean; onClose: () => void };

export function AssignmentFormModal({ opened, onClose, ...props }: ModalProps) {
  return (
    <ResponsiveModal
      opened={opened}
      onClose={onClose}
      size="xl"
      title={props.assignment ? `Edit ${props.assignment.title}` : 'New assignment'}
    >
      <AssignmentForm key={props.assignment?.id ?? 'new'} {...props} onDone={onClose} />
    </ResponsiveModal>
  );
}
