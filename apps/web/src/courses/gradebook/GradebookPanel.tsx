// The course gradebook for its editors: every learner's grade per quiz and assignment and the
// weighted total, overrides with reasons, the categories, a CSV export and the release to the Hub.
import type { Course, CourseGradebook, Institution } from '@edumatrix/contracts';
import { Button, Group, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { client } from '../../api.ts';
import { termChoices } from '../../grades/queries.ts';
import { yearsQuery } from '../../structure/queries.ts';
import { formatDateTime } from '../../ui/format.ts';
import { notifyError } from '../../ui/problem.ts';
import { LoadError, Loading, Notice } from '../../ui/states.tsx';
import { CategoriesModal } from './CategoriesModal.tsx';
import { GradeTable } from './GradeTable.tsx';
import { courseGradebookQuery, csvName, downloadText, type OverrideTarget } from './gradebook-queries.ts';
import { OverrideModal } from './OverrideModal.tsx';
import { ReleaseModal } from './ReleaseModal.tsx';

type Props = { institution: Institution; course: Course };

/** "Released to 24 learners on 3 Dec 2026, 10:04 · Term 1 · 2026–27 · weight 2" */
function LastRelease({ institution, release }: { institution: Institution; release: NonNullable<CourseGradebook['lastRelease']> }) {
  // The term's name is a nicety: the years are usually cached already, and the line reads fine without it.
  const years = useQuery(yearsQuery(institution.id));
  const term = termChoices(years.data ?? []).find((t) => t.value === release.termId)?.label;
  return (
    <Text size="sm" c="dimmed" data-last-release role="status">
      Released to {release.learners} {release.learners === 1 ? 'learner' : 'learners'} on {formatDateTime(release.releasedAt)}
      {term ? ` · ${term}` : ''} · weight {release.weight}
    </Text>
  );
}

export function GradebookPanel({ institution, course }: Props) {
  const book = useQuery(courseGradebookQuery(institution.id, course.id));
  const [target, setTarget] = useState<OverrideTarget | null>(null);
  const [overriding, setOverriding] = useState(false);
  const [editingCategories, setEditingCategories] = useState(false);
  const [releasing, setReleasing] = useState(false);
  const download = useMutation({
    mutationFn: async () => downloadText(csvName(course.title), await client.courses.gradebookCsv(institution.id, course.id)),
    onError: (error) => notifyError(error, 'Could not download the gradebook'),
  });

  if (book.isPending) return <Loading label="Loading the gradebook" />;
  if (book.isError) return <LoadError error={book.error} title="Could not load the gradebook" />;
  const data = book.data;
  const { lastRelease } = data;

  return (
    <Stack gap="md" component="section" aria-labelledby="gradebook-title">
      <Group justify="space-between" align="flex-end" gap="sm">
        <Stack gap={2} style={{ flex: '1 1 280px' }}>
          <Title order={3} size="h4" id="gradebook-title">
            Gradebook
          </Title>
          <Text size="sm" c="dimmed">
            Published quizzes and assignments count. Choose a grade to override it; the pencil marks overridden grades.
          </Text>
        </Stack>
        <Group gap="xs" wrap="wrap">
          <Button variant="default" onClick={() => setEditingCategories(true)}>
            Categories
          </Button>
          <Button variant="default" loading={download.isPending} onClick={() => download.mutate()} disabled={data.rows.length === 0}>
            Download CSV
          </Button>
          <Button onClick={() => setReleasing(true)} disabled={data.rows.length === 0}>
            Release to Hub grades
          </Button>
        </Group>
      </Group>
      {lastRelease && <LastRelease institution={institution} release={lastRelease} />}
      {data.rows.length === 0 ? (
        <Notice>No learners are enrolled yet. Enrol them on the Enrolment tab, and their grades appear here.</Notice>
      ) : (
        <>
          {data.items.length === 0 && <Notice>No published quizzes or assignments yet: only course totals can be set for now.</Notice>}
          <GradeTable
            book={data}
            onOverride={(next) => {
              setTarget(next);
              setOverriding(true);
            }}
          />
        </>
      )}
      <OverrideModal
        institutionId={institution.id}
        courseId={course.id}
        opened={overriding}
        target={target}
        onClose={() => setOverriding(false)}
      />
      <CategoriesModal
        institutionId={institution.id}
        courseId={course.id}
        book={data}
        opened={editingCategories}
        onClose={() => setEditingCategories(false)}
      />
      <ReleaseModal
        institution={institution}
        course={course}
        learners={data.rows.length}
        lastRelease={lastRelease}
        opened={releasing}
        onClose={() => setReleasing(false)}
      />
    </Stack>
  );
}
