import type { Course, Institution } from '@edumatrix/contracts';
import { Anchor, Badge, Button, Card, Group, Paper, SegmentedControl, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { client } from '../api.ts';
import { useInstitutionContext } from '../institutions/useInstitutionContext.ts';
import { SearchIcon } from '../people/SearchIcon.tsx';
import { PageHeader } from '../structure/PageHeader.tsx';
import { usePhone } from '../ui/FormActions.tsx';
import { FormAlert } from '../ui/FormAlert.tsx';
import { LoadMore } from '../ui/LoadMore.tsx';
import { errorMessage, notifySuccess, problemOf } from '../ui/problem.ts';
import { LoadError, Loading, Notice } from '../ui/states.tsx';
import { usePageTitle } from '../ui/usePageTitle.ts';
import { AchievementsSummary } from './Achievements.tsx';
import { CourseFormModal } from './CourseFormModal.tsx';
import { CoursesNav } from './CoursesNav.tsx';
import { type CourseFilters, coursesKeys, coursesQuery, createsCourses, enrolledText, STATUS, visibilityLabel } from './queries.ts';

type Scope = NonNullable<CourseFilters['scope']>;
type StatusFilter = NonNullable<CourseFilters['status']>;

const STATUS_FILTERS: { value: StatusFilter; label: string }[] = [
  { value: 'all', label: 'Any status' },
  { value: 'draft', label: 'Drafts' },
  { value: 'published', label: 'Published' },
  { value: 'archived', label: 'Archived' },
];

export function CourseCard({ course, to }: { course: Course; to: string }) {
  const status = STATUS[course.status];
  return (
    <Card withBorder radius="md" padding="md" component="article" aria-label={course.title}>
      <Stack gap="xs" h="100%">
        <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
          <Stack gap={0} miw={0}>
            <Anchor component={Link} to={to} fw={600} size="lg" style={{ overflowWrap: 'anywhere' }}>
              {course.title}
            </Anchor>
            {course.code && (
              <Text size="xs" c="dimmed">
                {course.code}
              </Text>
            )}
          </Stack>
          {course.status !== 'published' && (
            <Badge color={status.color} variant="light" style={{ flexShrink: 0 }}>
              {status.label}
            </Badge>
          )}
        </Group>
        {course.summary && (
          <Text size="sm" c="dimmed" lineClamp={3} style={{ overflowWrap: 'anywhere' }}>
            {course.summary}
          </Text>
        )}
        <Group gap={6} mt="auto" pt={4}>
          <Badge variant="outline" color="gray" size="sm">
            {visibilityLabel(course.visibility)}
          </Badge>
          {course.isEnrolled && (
            <Badge variant="light" color="blue" size="sm">
              Enrolled
            </Badge>
          )}
          {course.canEdit && (
            <Text size="xs" c="dimmed">
              {enrolledText(course)}
            </Text>
          )}
        </Group>
      </Stack>
    </Card>
  );
}

/** "That code does not match an open course" rather than the field's name in front of it. */
function joinError(error: unknown) {
  const field = problemOf(error)?.errors?.find((e) => e.field.replace(/^\/?(body[./])?/, '') === 'code');
  return field ? `That code ${field.message}.` : errorMessage(error);
}

/** Students join a course whose code their teacher gave them. */
function JoinWithCode({ institution }: { institution: Institution }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [code, setCode] = useState('');
  const join = useMutation({
    mutationFn: (typed: string) => client.courses.join(institution.id, typed),
    onSuccess: async (course) => {
      notifySuccess(`You joined ${course.title}.`);
      await queryClient.invalidateQueries({ queryKey: coursesKeys.all(institution.id) });
      await navigate(`/institutions/${institution.id}/courses/${course.id}`);
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    if (code.trim()) join.mutate(code.trim());
  }

  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="join-course">
      <form onSubmit={submit} noValidate>
        <Stack gap="xs">
          <Title order={3} size="h5" id="join-course">
            Join with a code
          </Title>
          <Group gap="sm" align="flex-start" wrap="wrap">
            <TextInput
              aria-label="Join code"
              placeholder="Code from your teacher"
              autoComplete="off"
              autoCapitalize="characters"
              spellCheck={false}
              value={code}
              onChange={(event) => setCode(event.currentTarget.value)}
              style={{ flex: '1 1 200px' }}
              maw={360}
            />
            <Button type="submit" loading={join.isPending} disabled={!code.trim()}>
              Join course
            </Button>
          </Group>
          <FormAlert message={join.isError ? joinError(join.error) : null} />
        </Stack>
      </form>
    </Paper>
  );
}

function CourseList({ institution }: { institution: Institution }) {
  const editor = createsCourses(institution.myRole);
  const phone = usePhone();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [scope, setScope] = useState<Scope>('all');
  const [status, setStatus] = useState<StatusFilter>('all');
  const [creating, setCreating] = useState(false);

  const filters = useMemo(() => {
    const chosen: CourseFilters = { scope, status };
    if (q) chosen.q = q;
    return chosen;
  }, [q, scope, status]);
  const filtered = !!q || scope !== 'all' || status !== 'all';
  const list = useInfiniteQuery({ ...coursesQuery(institution.id, filters), placeholderData: (previous) => previous });
  const courses = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);
  const base = `/institutions/${institution.id}/courses`;

  return (
    <Stack gap="md">
      <CoursesNav institutionId={institution.id} />
      <PageHeader
        title="Courses"
        hint={
          editor
            ? 'Courses with modules of lessons. A course is a draft until you publish it; then the classes or the whole institution see it.'
            : 'The courses you can follow. Open one to read its lessons.'
        }
        action={editor ? { label: 'New course', onClick: () => setCreating(true) } : null}
      />
      {institution.myRole === 'student' && <AchievementsSummary institutionId={institution.id} />}
      {institution.myRole === 'student' && <JoinWithCode institution={institution} />}
      <Stack gap="sm">
        <Group gap="sm" wrap="wrap" align="center">
          <TextInput
            aria-label="Search courses"
            placeholder="Search by title or code"
            type="search"
            leftSection={<SearchIcon />}
            value={search}
            onChange={(event) => setSearch(event.currentTarget.value)}
            style={{ flex: '1 1 220px' }}
          />
          <SegmentedControl
            aria-label="Which courses to show"
            data={[
              { value: 'all', label: 'All courses' },
              { value: 'mine', label: editor ? 'Mine' : 'My courses' },
            ]}
            value={scope}
            onChange={(value) => setScope(value as Scope)}
            fullWidth={phone}
            style={phone ? { flex: '1 1 100%' } : undefined}
          />
          {editor && (
            <SegmentedControl
              aria-label="Status"
              data={phone ? STATUS_FILTERS.map((f) => (f.value === 'all' ? { ...f, label: 'Any' } : f)) : STATUS_FILTERS}
              value={status}
              onChange={(value) => setStatus(value as StatusFilter)}
              fullWidth={phone}
              style={phone ? { flex: '1 1 100%' } : undefined}
            />
          )}
        </Group>
      </Stack>
      {list.isPending ? (
        <Loading label="Loading courses" />
      ) : list.isError ? (
        <LoadError error={list.error} title="Could not load the courses" />
      ) : courses.length === 0 ? (
        filtered ? (
          <Group gap="xs" py="md">
            <Text size="sm" c="dimmed">
              No courses match.
            </Text>
            <Button
              size="compact-sm"
              variant="subtle"
              onClick={() => {
                setSearch('');
                setScope('all');
                setStatus('all');
              }}
            >
              Clear filters
            </Button>
          </Group>
        ) : (
          <Notice>
            {editor
              ? 'No courses yet. Create one, add modules and lessons, and publish it when it is ready.'
              : 'No courses for you yet. When your teachers publish courses for your classes they appear here; if you have a join code, enter it above.'}
          </Notice>
        )
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md" verticalSpacing="md">
          {courses.map((course) => (
            <CourseCard key={course.id} course={course} to={`${base}/${course.id}`} />
          ))}
        </SimpleGrid>
      )}
      <LoadMore list={list} />
      {editor && <CourseFormModal institution={institution} course={null} opened={creating} onClose={() => setCreating(false)} />}
    </Stack>
  );
}

export function CoursesPage() {
  const institution = useInstitutionContext();
  usePageTitle(`Courses · ${institution.name}`);
  return <CourseList key={institution.id} institution={institution} />;
}
