import { Anchor, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { useSession } from '../auth/session-store.ts';
import { Markdown } from '../courses/Markdown.tsx';
import { catalogueCourseQuery, lessonKindLabel } from '../courses/queries.ts';
import { formatDate } from '../ui/format.ts';
import { problemOf } from '../ui/problem.ts';
import { LoadError, Loading, Notice } from '../ui/states.tsx';
import { usePageTitle } from '../ui/usePageTitle.ts';

/** What anyone sees of a public course: its description and the titles of its outline. */
export function CatalogueCoursePage() {
  const { courseId = '' } = useParams();
  const session = useSession();
  const course = useQuery(catalogueCourseQuery(courseId));
  usePageTitle(course.data ? course.data.title : 'Course catalogue');
  const back = (
    <Anchor component={Link} to="/catalogue" size="sm" style={{ alignSelf: 'flex-start' }}>
      ← Course catalogue
    </Anchor>
  );

  if (course.isPending) return <Loading label="Loading the course" />;
  if (course.isError) {
    return (
      <Stack gap="sm">
        {back}
        {problemOf(course.error)?.status === 404 ? (
          <Notice>This course is not in the catalogue (any more).</Notice>
        ) : (
          <LoadError error={course.error} title="Could not load the course" />
        )}
      </Stack>
    );
  }
  const c = course.data;
  const lessonCount = c.modules.reduce((n, m) => n + m.lessons.length, 0);

  return (
    <Stack gap="md" component="article" aria-labelledby="catalogue-title">
      {back}
      <Stack gap={4}>
        <Title order={1} id="catalogue-title" style={{ overflowWrap: 'anywhere' }}>
          {c.title}
        </Title>
        <Text fw={500} c="dimmed">
          {c.institutionName}
        </Text>
        <Text size="sm" c="dimmed">
          {c.modules.length} {c.modules.length === 1 ? 'module' : 'modules'} · {lessonCount} {lessonCount === 1 ? 'lesson' : 'lessons'} ·
          published {formatDate(c.publishedAt)}
        </Text>
      </Stack>
      {c.summary && (
        <Text maw={760} style={{ overflowWrap: 'anywhere' }}>
          {c.summary}
        </Text>
      )}
      {session.status === 'signedOut' && (
        <Group gap="xs">
          <Button component={Link} to="/signin">
            Sign in to follow it
          </Button>
          <Text size="sm" c="dimmed">
            Students of {c.institutionName} are enrolled by their teachers or join with a code.
          </Text>
        </Group>
      )}
      {c.description.trim() && (
        <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} maw={880}>
          <Markdown text={c.description} />
        </Paper>
      )}
      <Title order={2} size="h3">
        Outline
      </Title>
      {c.modules.length === 0 ? (
        <Notice>The outline is not published yet.</Notice>
      ) : (
        <Stack gap="sm" maw={880}>
          {c.modules.map((m, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the catalogue has no module ids, and the list never reorders on screen
            <Paper key={i} withBorder radius="md" p={{ base: 'sm', sm: 'md' }} component="section" aria-label={m.title}>
              <Title order={3} size="h5" mb={6} style={{ overflowWrap: 'anywhere' }}>
                <Text span c="dimmed" inherit>
                  {i + 1}.{' '}
                </Text>
                {m.title}
              </Title>
              <Stack gap={2} component="ol" m={0} p={0} style={{ listStyle: 'none' }}>
                {m.lessons.map((l, j) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: as above, lessons have no ids here
                  <Group key={j} component="li" justify="space-between" gap="xs" wrap="nowrap">
                    <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                      {l.title}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {lessonKindLabel(l.kind)}
                    </Text>
                  </Group>
                ))}
              </Stack>
            </Paper>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
