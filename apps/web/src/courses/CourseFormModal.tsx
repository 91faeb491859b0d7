import type { Course, CourseVisibility, Institution, UpdateCourseBody } from '@edumatrix/contracts';
import { Group, MultiSelect, NumberInput, Radio, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { client } from '../api.ts';
import { choicesOf } from '../structure/lookups.ts';
import { lookupQuery } from '../structure/queries.ts';
import { RefSelect } from '../structure/RefSelect.tsx';
import { FormActions, ResponsiveModal } from '../ui/FormActions.tsx';
import { applyProblem, focusFirstInvalid, notifySuccess } from '../ui/problem.ts';
import { MarkdownField } from './MarkdownField.tsx';
import { coursesKeys, VISIBILITIES } from './queries.ts';

type Values = {
  title: string;
  code: string;
  summary: string;
  description: string;
  visibility: CourseVisibility;
  classIds: string[];
  subjectId: string | null;
  capacity: number | string;
};

const initialValues = (course: Course | null): Values => ({
  title: course?.title ?? '',
  code: course?.code ?? '',
  summary: course?.summary ?? '',
  description: course?.description ?? '',
  visibility: course?.visibility ?? 'institution',
  classIds: course?.classIds ?? [],
  subjectId: course?.subjectId ?? null,
  capacity: course?.capacity ?? '',
});

const bodyOf = (v: Values) => ({
  title: v.title.trim(),
  code: v.code.trim(),
  summary: v.summary.trim(),
  description: v.description,
  visibility: v.visibility,
  classIds: v.classIds,
  subjectId: v.subjectId,
  capacity: v.capacity === '' ? null : Number(v.capacity),
});

type FormProps = { institution: Institution; course: Course | null; onDone: () => void };

function CourseForm({ institution, course, onDone }: FormProps) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [formError, setFormError] = useState<string | null>(null);
  const classes = useQuery(lookupQuery(institution.id, 'classes'));
  const subjects = useQuery(lookupQuery(institution.id, 'subjects'));
  const form = useForm<Values>({
    initialValues: initialValues(course),
    validate: {
      title: (value) => (!value.trim() ? 'Enter a title' : value.trim().length > 200 ? 'Keep it under 200 characters' : null),
      code: (value) => (value.trim().length > 40 ? 'Keep it under 40 characters' : null),
      summary: (value) => (value.trim().length > 500 ? 'Keep it under 500 characters' : null),
      classIds: (value, values) => (values.visibility === 'class' && value.length === 0 ? 'Choose at least one class' : null),
      capacity: (value) =>
        value === '' || (Number.isInteger(Number(value)) && Number(value) >= 1 && Number(value) <= 100_000)
          ? null
          : 'A whole number from 1 to 100,000',
    },
  });

  async function save(values: Values) {
    setFormError(null);
    const body = bodyOf(values);
    try {
      if (course) {
        const before = bodyOf(form.getInitialValues()) as Record<string, unknown>;
        const changes = Object.fromEntries(
          Object.entries(body).filter(([key, value]) => JSON.stringify(before[key]) !== JSON.stringify(value)),
        ) as UpdateCourseBody;
        if (Object.keys(changes).length > 0) await client.courses.update(institution.id, course.id, changes);
        notifySuccess(`${body.title} was saved.`);
        await queryClient.invalidateQueries({ queryKey: coursesKeys.all(institution.id) });
        onDone();
      } else {
        const created = await client.courses.create(institution.id, body);
        notifySuccess(`${created.title} was created as a draft. Add modules and lessons, then publish it.`);
        await queryClient.invalidateQueries({ queryKey: coursesKeys.all(institution.id) });
        onDone();
        await navigate(`/institutions/${institution.id}/courses/${created.id}`);
      }
    } catch (error) {
      setFormError(applyProblem(form, error));
    }
  }

  const visibility = form.getValues().visibility;
  const classChoices = choicesOf(classes.data?.items ?? [], null).concat(
    // A class archived since stays chosen (and named) rather than silently dropped.
    (classes.data?.items ?? [])
      .filter((c) => c.archivedAt && form.getInitialValues().classIds.includes(c.id))
      .map((c) => ({ value: c.id, label: `${c.name} (archived)` })),
  );

  return (
    <form onSubmit={form.onSubmit(save, focusFirstInvalid)} noValidate>
      <Stack gap="md">
        <Group gap="md" align="flex-start" wrap="wrap">
          <TextInput
            label="Title"
            required
            autoComplete="off"
            data-autofocus
            {...form.getInputProps('title')}
            style={{ flex: '3 1 260px' }}
          />
          <TextInput label="Code" placeholder="PHY-101" autoComplete="off" {...form.getInputProps('code')} style={{ flex: '1 1 140px' }} />
        </Group>
        <Textarea
          label="Summary"
          description="One or two sentences shown on the course's card"
          autosize
          minRows={2}
          maxRows={4}
          {...form.getInputProps('summary')}
        />
        <MarkdownField
          label="Description"
          description="Markdown: what the course covers and who it is for"
          {...form.getInputProps('description')}
        />
        <Radio.Group label="Who sees it" {...form.getInputProps('visibility')}>
          <Stack gap={6} mt={6}>
            {VISIBILITIES.map((v) => (
              <Radio key={v.value} value={v.value} label={v.label} description={v.hint} />
            ))}
          </Stack>
        </Radio.Group>
        {visibility === 'class' && (
          <MultiSelect
            label="Classes"
            description="Their students see the course; enrol their rosters on the course's Enrolment tab"
            placeholder={classChoices.length ? 'Choose classes' : 'No classes yet'}
            data={classChoices}
            searchable
            nothingFoundMessage="No match"
            comboboxProps={{ withinPortal: true }}
            required
            {...form.getInputProps('classIds')}
          />
        )}
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md" verticalSpacing="md">
          <RefSelect
            label="Subject"
            placeholder="No subject"
            data={choicesOf(subjects.data?.items ?? [], form.getInitialValues().subjectId)}
            {...form.getInputProps('subjectId')}
          />
          <NumberInput
            label="Capacity"
            description="Most students enrolled at once; empty for no limit"
            min={1}
            max={100_000}
            allowDecimal={false}
            allowNegative={false}
            {...form.getInputProps('capacity')}
          />
        </SimpleGrid>
        {!course && (
          <Text size="xs" c="dimmed">
            A new course is a draft: only you and the institution's admins see it until you publish it.
          </Text>
        )}
        <FormActions error={formError} onCancel={onDone} submitting={form.submitting}>
          {course ? 'Save changes' : 'Create course'}
        </FormActions>
      </Stack>
    </form>
  );
}

type Props = Omit<FormProps, 'onDone'> & { opened: boolean; onClose: () => void };

export function CourseFormModal({ opened, onClose, ...props }: Props) {
  return (
    <ResponsiveModal opened={opened} onClose={onClose} title={props.course ? `Edit ${props.course.title}` : 'New course'} size="xl">
      <CourseForm key={props.course?.id ?? 'new'} {...props} onDone={onClose} />
    </ResponsiveModal>
  );
}
