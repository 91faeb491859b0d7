import type { Course, CourseOutline, CourseStatus, Institution, Lesson } from '@edumatrix/contracts';
import { Anchor, Badge, Button, Group, Paper, Stack, Tabs, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { client } from '../api.ts';
import { useCurrentUser } from '../auth/session-store.ts';
import { useInstitutionContext } from '../institutions/useInstitutionContext.ts';
import { ConfirmDeleteModal } from '../people/ConfirmDeleteModal.tsx';
import { notifyError, notifySuccess, problemOf } from '../ui/problem.ts';
import { LoadError, Loading, Notice } from '../ui/states.tsx';
import { usePageTitle } from '../ui/usePageTitle.ts';
import { CourseLeaderboard } from './Achievements.tsx';
import { CourseAnalyticsPanel } from './Analytics.tsx';
import { AssignmentsPanel } from './assignments/AssignmentsPanel.tsx';
import { LearnerAssignments } from './assignments/LearnerAssignments.tsx';
import { CourseFormModal } from './CourseFormModal.tsx';
import { EnrolmentPanel } from './EnrolmentPanel.tsx';
import { GradebookPanel } from './gradebook/GradebookPanel.tsx';
import { Markdown } from './Markdown.tsx';
import { EditableOutline, ReadOnlyOutline } from './Outline.tsx';
import { PrerequisitesPanel } from './Prerequisites.tsx';
import { CourseProgressCard, LockNotice, MembersProgress, tracksProgress } from './Progress.tsx';
import { LearnerQuizzes, QuizzesPanel } from './QuizzesPanel.tsx';
import { courseQuery, coursesKeys, enrolledText, lessonsInOrder, progressQuery, STATUS, visibilityLabel } from './queries.ts';

type StatusAction = { to: CourseStatus; label: string; done: string; primary?: boolean };

const STATUS_ACTIONS: Record<CourseStatus, StatusAction[]> = {
  draft: [{ to: 'published', label: 'Publish', done: 'is published', primary: true }],
  published: [
    { to: 'draft', label: 'Back to draft', done: 'is a draft again: learners no longer see it' },
    { to: 'archived', label: 'Archive', done: 'was archived' },
  ],
  archived: [{ to: 'draft', label: 'Restore', done: 'was restored as a draft' }],
};

export function BackLink({ to, children }: { to: string; children: string }) {
  return (
    <Anchor component={Link} to={to} size="sm" style={{ alignSelf: 'flex-start' }}>
      ← {children}
    </Anchor>
  );
}

function CourseHeader({ institution, course }: { institution: Institution; course: Course }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const status = STATUS[course.status];
  const setStatus = useMutation({
    mutationFn: (action: StatusAction) => client.courses.update(institution.id, course.id, { status: action.to }),
    onSuccess: (_, action) => notifySuccess(`${course.title} ${action.done}.`),
    onError: (error, action) =>
      problemOf(error)?.code === 'courses.nothing_to_publish'
        ? notifications.show({
            color: 'orange',
            title: 'Nothing to publish yet',
            message: 'Learners would find the course empty: mark at least one lesson as published first (Edit lesson → Published).',
          })
        : notifyError(error, `Could not ${action.label.toLowerCase()} the course`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: coursesKeys.all(institution.id) }),
  });

  return (
    <Stack gap="xs">
      <Group justify="space-between" align="flex-start" gap="sm">
        <Stack gap={4} miw={0} style={{ flex: '1 1 320px' }}>
          <Title order={2} size="h3" style={{ overflowWrap: 'anywhere' }}>
            {course.title}
          </Title>
          <Group gap={6}>
            {course.code && (
              <Text size="sm" c="dimmed">
                {course.code}
              </Text>
            )}
            <Badge color={status.color} variant="light">
              {status.label}
            </Badge>
            <Badge color="gray" variant="outline">
              {visibilityLabel(course.visibility)}
            </Badge>
            {course.isEnrolled && (
              <Badge color="blue" variant="light">
                Enrolled
              </Badge>
            )}
            {course.canEdit && (
              <Text size="sm" c="dimmed">
                {enrolledText(course)}
              </Text>
            )}
          </Group>
        </Stack>
        {course.canEdit && (
          <Group gap="xs" wrap="wrap" role="group" aria-label="Course actions">
            {STATUS_ACTIONS[course.status].map((action) => (
              <Button
                key={action.to}
                variant={action.primary ? 'filled' : 'default'}
                loading={setStatus.isPending && setStatus.variables?.to === action.to}
                onClick={() => setStatus.mutate(action)}
              >
                {action.label}
              </Button>
            ))}
            <Button variant="default" onClick={() => setEditing(true)}>
              Edit details
            </Button>
            {course.status === 'draft' && (
              <Button variant="subtle" color="red" onClick={() => setDeleting(true)}>
                Delete
              </Button>
            )}
          </Group>
        )}
      </Group>
      {course.summary && (
        <Text size="sm" maw={760} style={{ overflowWrap: 'anywhere' }}>
          {course.summary}
        </Text>
      )}
      {course.canEdit && (
        <>
          <CourseFormModal institution={institution} course={course} opened={editing} onClose={() => setEditing(false)} />
          <ConfirmDeleteModal
            opened={deleting}
            what="course"
            name={course.title}
            consequence="Its modules, lessons and enrolments go with it."
            onDelete={async () => {
              await client.courses.remove(institution.id, course.id);
              notifySuccess(`${course.title} was deleted.`);
              await navigate(`/institutions/${institution.id}/courses`, { replace: true });
              await queryClient.invalidateQueries({ queryKey: coursesKeys.all(institution.id) });
            }}
            onClose={() => setDeleting(false)}
          />
        </>
      )}
    </Stack>
  );
}

/** The first lesson, for readers whose progress is not tracked (not enrolled). */
function StartButton({ outline, lessonPath }: { outline: CourseOutline; lessonPath: (lesson: Lesson) => string }) {
  const first = lessonsInOrder(outline)[0];
  if (!first) return null;
  return (
    <Button component={Link} to={lessonPath(first)} style={{ alignSelf: 'flex-start' }}>
      Start with {first.title}
    </Button>
  );
}

function About({ course }: { course: Course }) {
  if (!course.description.trim()) return null;
  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} component="section" aria-label="About this course">
      <Markdown text={course.description} />
    </Paper>
  );
}

type Tab = 'outline' | 'quizzes' | 'assignments' | 'gradebook' | 'enrolment' | 'progress' | 'analytics' | 'prerequisites' | 'about';
const TABS: Tab[] = ['outline', 'quizzes', 'assignments', 'gradebook', 'enrolment', 'progress', 'analytics', 'prerequisites', 'about'];

/** Learners: what locks the course, their progress and where to continue, the outline with its locks. */
function LearnerView({
  institution,
  outline,
  lessonPath,
}: {
  institution: Institution;
  outline: CourseOutline;
  lessonPath: (lesson: Lesson) => string;
}) {
  const { course } = outline;
  const me = useCurrentUser().id;
  const tracked = tracksProgress(course);
  const progress = useQuery({ ...progressQuery(institution.id, course.id), enabled: tracked });
  const locked = outline.lockedBy.length > 0;
  return (
    <Stack gap="md">
      <CourseHeader institution={institution} course={course} />
      {locked && <LockNotice lockedBy={outline.lockedBy} what="This course" />}
      {!locked &&
        (tracked ? (
          progress.data ? (
            <CourseProgressCard outline={outline} progress={progress.data} lessonPath={lessonPath} />
          ) : progress.isError ? (
            <StartButton outline={outline} lessonPath={lessonPath} />
          ) : null
        ) : (
          <StartButton outline={outline} lessonPath={lessonPath} />
        ))}
      <About course={course} />
      <Title order={3} size="h4">
        Outline
      </Title>
      <ReadOnlyOutline outline={outline} lessonPath={lessonPath} progress={tracked ? progress.data : undefined} />
      {!locked && <LearnerQuizzes institution={institution} course={course} />}
      {!locked && <LearnerAssignments institution={institution} course={course} />}
      {tracked && <CourseLeaderboard institutionId={institution.id} courseId={course.id} me={me} />}
    </Stack>
  );
}

function CourseView({ institution, outline }: { institution: Institution; outline: CourseOutline }) {
  const [params, setParams] = useSearchParams();
  const me = useCurrentUser().id;
  const { course } = outline;
  const base = `/institutions/${institution.id}/courses/${course.id}`;
  const lessonPath = (lesson: Lesson) => `${base}/lessons/${lesson.id}`;
  const tab: Tab = TABS.find((t) => t === params.get('tab')) ?? 'outline';

  if (!course.canEdit) return <LearnerView institution={institution} outline={outline} lessonPath={lessonPath} />;

  return (
    <Stack gap="md">
      <CourseHeader institution={institution} course={course} />
      {course.status === 'draft' && (
        <Notice>
          This course is a draft: only its editors see it. Add modules and lessons, mark at least one lesson as published, then publish the
          course.
        </Notice>
      )}
      <Tabs
        value={tab}
        onChange={(value) => setParams(value && value !== 'outline' ? { tab: value } : {}, { replace: true })}
        keepMounted={false}
      >
        <Tabs.List mb="md">
          <Tabs.Tab value="outline">Outline</Tabs.Tab>
          <Tabs.Tab value="quizzes">Quizzes</Tabs.Tab>
          <Tabs.Tab value="assignments">Assignments</Tabs.Tab>
          <Tabs.Tab value="gradebook">Gradebook</Tabs.Tab>
          <Tabs.Tab value="enrolment">Enrolment</Tabs.Tab>
          <Tabs.Tab value="progress">Progress</Tabs.Tab>
          <Tabs.Tab value="analytics">Analytics</Tabs.Tab>
          <Tabs.Tab value="prerequisites">Prerequisites</Tabs.Tab>
          <Tabs.Tab value="about">Description</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="outline">
          <EditableOutline outline={outline} lessonPath={lessonPath} />
        </Tabs.Panel>
        <Tabs.Panel value="quizzes">
          <QuizzesPanel institution={institution} course={course} />
        </Tabs.Panel>
        <Tabs.Panel value="assignments">
          <AssignmentsPanel institution={institution} course={course} />
        </Tabs.Panel>
        <Tabs.Panel value="gradebook">
          <GradebookPanel institution={institution} course={course} />
        </Tabs.Panel>
        <Tabs.Panel value="enrolment">
          <EnrolmentPanel institution={institution} course={course} />
        </Tabs.Panel>
        <Tabs.Panel value="progress">
          <Stack gap="lg">
            <MembersProgress institution={institution} course={course} />
            <CourseLeaderboard institutionId={institution.id} courseId={course.id} me={me} />
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="analytics">
          <CourseAnalyticsPanel institutionId={institution.id} course={course} />
        </Tabs.Panel>
        <Tabs.Panel value="prerequisites">
          <PrerequisitesPanel institution={institution} outline={outline} />
        </Tabs.Panel>
        <Tabs.Panel value="about">
          {course.description.trim() ? <About course={course} /> : <Notice>No description yet. Add one with Edit details.</Notice>}
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

export function CoursePage() {
  const institution = useInstitutionContext();
  const { courseId = '' } = useParams();
  const outline = useQuery(courseQuery(institution.id, courseId));
  usePageTitle(outline.data ? `${outline.data.course.title} · ${institution.name}` : `Course · ${institution.name}`);
  const back = <BackLink to={`/institutions/${institution.id}/courses`}>All courses</BackLink>;

  if (outline.isPending) return <Loading label="Loading the course" />;
  if (outline.isError) {
    const status = problemOf(outline.error)?.status;
    return (
      <Stack gap="md">
        {back}
        {status === 404 ? (
          <Notice>This course does not exist, or it is not open to you.</Notice>
        ) : (
          <LoadError error={outline.error} title="Could not load the course" />
        )}
      </Stack>
    );
  }
  return (
    <Stack gap="sm">
      {back}
      <CourseView key={courseId} institution={institution} outline={outline.data} />
    </Stack>
  );
}
