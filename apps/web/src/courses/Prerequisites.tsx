import type { CourseModule, CourseOutline, Institution } from '@edumatrix/contracts';
import { Button, Group, MultiSelect, Paper, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { client } from '../api.ts';
import { errorMessage, notifySuccess } from '../ui/problem.ts';
import { Notice } from '../ui/states.tsx';
import { coursesKeys, learningPathQuery } from './queries.ts';

const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((x) => b.includes(x));

type Props = {
  label: string;
  description: string;
  options: { value: string; label: string }[];
  saved: string[];
  save: (requires: string[]) => Promise<CourseOutline>;
  savedMessage: string;
};

/** One "requires" choice with its own Save; a circle (409) is said under the field. */
function RequiresField({ label, description, options, saved, save, savedMessage }: Props) {
  const queryClient = useQueryClient();
  const [value, setValue] = useState(saved);
  const mutation = useMutation({
    mutationFn: save,
    onSuccess: (outline) => {
      queryClient.setQueryData(coursesKeys.one(outline.course.institutionId, outline.course.id), outline);
      void queryClient.invalidateQueries({ queryKey: coursesKeys.learningPath(outline.course.institutionId) });
      notifySuccess(savedMessage);
    },
  });
  const changed = !sameSet(value, saved);
  return (
    <Group gap="sm" align="flex-end" wrap="wrap">
      <MultiSelect
        label={label}
        description={description}
        data={options}
        value={value}
        onChange={(next) => {
          setValue(next);
          mutation.reset();
        }}
        placeholder={value.length ? undefined : 'None'}
        searchable
        clearable
        nothingFoundMessage="Nothing to choose"
        error={mutation.isError ? errorMessage(mutation.error) : undefined}
        style={{ flex: '1 1 280px' }}
        maw={560}
        comboboxProps={{ withinPortal: true }}
      />
      <Button
        variant={changed ? 'filled' : 'default'}
        disabled={!changed}
        loading={mutation.isPending}
        onClick={() => mutation.mutate(value)}
        aria-label={`Save ${label.toLowerCase()}`}
        mb={mutation.isError ? 22 : 0}
      >
        Save
      </Button>
    </Group>
  );
}

/** Editors: the courses to complete before this one, and within it, which modules wait for which. */
export function PrerequisitesPanel({ institution, outline }: { institution: Institution; outline: CourseOutline }) {
  const { course } = outline;
  const graph = useQuery(learningPathQuery(institution.id));
  const courseOptions = (graph.data?.nodes ?? [])
    .filter((n) => n.id !== course.id)
    .map((n) => ({ value: n.id, label: n.title }))
    .sort((a, b) => a.label.localeCompare(b.label));
  // Chosen courses the graph does not list (not visible, say) keep a name rather than an id.
  for (const id of course.requires) {
    if (!courseOptions.some((o) => o.value === id)) courseOptions.push({ value: id, label: 'Another course' });
  }
  const moduleOptions = (module: CourseModule) =>
    outline.modules.filter((m) => m.id !== module.id).map((m) => ({ value: m.id, label: m.title }));

  return (
    <Stack gap="md">
      <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="course-prerequisites">
        <Stack gap="sm">
          <Title order={3} size="h5" id="course-prerequisites">
            Prerequisites
          </Title>
          <Text size="sm" c="dimmed" maw={640}>
            Students see this course locked until they have completed the courses chosen here. Together they make the institution’s learning
            path.
          </Text>
          <RequiresField
            key={course.requires.join()}
            label="Courses to complete first"
            description="Other courses of the institution"
            options={courseOptions}
            saved={course.requires}
            save={(requires) => client.courses.setPrerequisites(institution.id, course.id, { requires })}
            savedMessage={`The prerequisites of ${course.title} were saved.`}
          />
        </Stack>
      </Paper>
      <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="module-prerequisites">
        <Stack gap="md">
          <Stack gap={2}>
            <Title order={3} size="h5" id="module-prerequisites">
              Module order
            </Title>
            <Text size="sm" c="dimmed" maw={640}>
              A module can wait for others of this course: students open it once those are complete.
            </Text>
          </Stack>
          {outline.modules.length < 2 ? (
            <Notice>With two modules or more, you can make one wait for another.</Notice>
          ) : (
            outline.modules.map((module) => (
              <RequiresField
                key={`${module.id}:${module.requires.join()}`}
                label={`${module.title} requires`}
                description="Modules to complete first"
                options={moduleOptions(module)}
                saved={module.requires}
                save={(requires) => client.courses.setModulePrerequisites(institution.id, course.id, module.id, { requires })}
                savedMessage={`The prerequisites of ${module.title} were saved.`}
              />
            ))
          )}
        </Stack>
      </Paper>
    </Stack>
  );
}
