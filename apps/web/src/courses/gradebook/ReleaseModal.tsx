import type { Course, CourseGradebook, Institution } from '@edumatrix/contracts';
import { Alert, NumberInput, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { client } from '../../api.ts';
import { todayIn } from '../../attendance/queries.ts';
import { defaultTerm, gradesKeys, termChoices } from '../../grades/queries.ts';
import { yearsQuery } from '../../structure/queries.ts';
import { FormActions, ResponsiveModal } from '../../ui/FormActions.tsx';
import { PickOne, type PickOneOption } from '../../ui/PickOne.tsx';
import { applyProblem, notifySuccess, problemOf } from '../../ui/problem.ts';
import { LoadError, Loading } from '../../ui/states.tsx';
import { gradebookKeys } from './gradebook-queries.ts';

type Values = { termId: string; weight: number | string };

type Props = {
  institution: Institution;
  course: Course;
  learners: number;
  lastRelease: CourseGradebook['lastRelease'];
  onDone: () => void;
};

const NO_SUBJECT = 'This course has no subject, and the Hub files grades by subject: choose one with Edit details, then release again.';

/** The terms first: the form opens on the last release's term, or the running one as the Hub's Grades page does. */
function ReleaseForm(props: Props) {
  const years = useQuery(yearsQuery(props.institution.id));
  if (years.isPending) return <Loading label="Loading the terms" />;
  if (years.isError) return <LoadError error={years.error} title="Could not load the terms" />;
  const terms = termChoices(years.data);
  const last = props.lastRelease;
  const termId =
    last && terms.some((t) => t.value === last.termId) ? last.termId : defaultTerm(years.data, todayIn(props.institution.timezone));
  return <ReleaseFields {...props} terms={terms} initial={{ termId: termId ?? '', weight: last?.weight ?? 1 }} />;
}

function ReleaseFields({ institution, course, learners, terms, initial, onDone }: Props & { terms: PickOneOption[]; initial: Values }) {
  const queryClient = useQueryClient();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<Values>({
    initialValues: initial,
    validate: {
      termId: (v) => (v ? null : 'Choose a term'),
      weight: (v) => (v === '' || Number(v) <= 0 ? 'Enter a weight above 0' : null),
    },
  });

  async function release(values: Values) {
    setFormError(null);
    try {
      const done = await client.courses.releaseGrades(institution.id, course.id, { termId: values.termId, weight: Number(values.weight) });
      notifySuccess(`Released to ${done.learners} ${done.learners === 1 ? 'learner' : 'learners'}.`);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: gradebookKeys.book(institution.id, course.id) }),
        // The Hub's marks change a moment later (its consumer runs from the outbox); a stale page should look again.
        queryClient.invalidateQueries({ queryKey: gradesKeys.all(institution.id) }),
      ]);
      onDone();
    } catch (error) {
      // The subject is not on this form: say where it is set.
      const noSubject = problemOf(error)?.errors?.some((e) => e.field.replace(/^\/?(body[./])?/, '') === 'subjectId');
      const rest = applyProblem(form, error);
      setFormError(noSubject ? NO_SUBJECT : rest);
    }
  }

  return (
    <form onSubmit={form.onSubmit(release)} noValidate>
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          Sends each of the {learners} {learners === 1 ? 'learner’s' : 'learners’'} course total to the Hub’s grades: one assessment per
          class, in the course’s subject and the term you choose. Releasing again for a term replaces the marks sent before.
        </Text>
        {/* Said before the server says it: the fix is on another form. */}
        {(!course.subjectId || course.classIds.length === 0) && (
          <Alert color="orange" variant="light" title="Before releasing" role="note" data-release-hint>
            {!course.subjectId && 'Choose the course’s subject with Edit details: the Hub files grades by subject. '}
            {course.classIds.length === 0 && 'Link the course to its classes with Edit details: the Hub keeps grades per class.'}
          </Alert>
        )}
        <PickOne
          label="Term"
          required
          data={terms}
          value={form.getValues().termId || null}
          onChange={(value) => form.setFieldValue('termId', value ?? '')}
          error={form.errors.termId}
          nothingFoundMessage="No terms: set up an academic year first"
        />
        <NumberInput
          label="Weight"
          description="How much this counts among the term’s other assessments"
          required
          min={0.1}
          max={1000}
          decimalScale={2}
          allowNegative={false}
          {...form.getInputProps('weight')}
        />
        <FormActions error={formError} onCancel={onDone} submitting={form.submitting}>
          Release grades
        </FormActions>
      </Stack>
    </form>
  );
}

export function ReleaseModal({ opened, onClose, ...props }: Omit<Props, 'onDone'> & { opened: boolean; onClose: () => void }) {
  return (
    <ResponsiveModal opened={opened} onClose={onClose} title="Release to Hub grades">
      <ReleaseForm {...props} onDone={onClose} />
    </ResponsiveModal>
  );
}
