import type { Lesson } from '@edumatrix/contracts';
import { AspectRatio, Badge, Button, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { client } from '../api.ts';
import { useInstitutionContext } from '../institutions/useInstitutionContext.ts';
import { errorMessage, problemOf } from '../ui/problem.ts';
import { LoadError, Loading, Notice } from '../ui/states.tsx';
import { usePageTitle } from '../ui/usePageTitle.ts';
import { BackLink } from './CoursePage.tsx';
import { Markdown } from './Markdown.tsx';
import { lessonMeta } from './Outline.tsx';
import { CompleteButton, CourseProgressBar, LockNotice, tracksProgress, useLessonTimer } from './Progress.tsx';
import { courseQuery, lessonsInOrder, progressQuery } from './queries.ts';
import { videoEmbedUrl } from './video.ts';

function Video({ lesson }: { lesson: Lesson }) {
  if (!lesson.videoUrl) return null;
  const embed = videoEmbedUrl(lesson.videoUrl);
  if (!embed) {
    return (
      <Button
        component="a"
        href={lesson.videoUrl}
        target="_blank"
        rel="noopener noreferrer"
        variant="light"
        style={{ alignSelf: 'flex-start' }}
      >
        Watch the video
      </Button>
    );
  }
  return (
    <AspectRatio ratio={16 / 9} maw={880}>
      <iframe
        src={embed}
        title={`Video: ${lesson.title}`}
        // The player runs its own scripts, but cannot reach this page, open pop-ups or navigate it.
        sandbox="allow-scripts allow-same-origin allow-presentation"
        allow="encrypted-media; picture-in-picture; fullscreen"
        referrerPolicy="strict-origin-when-cross-origin"
        loading="lazy"
        style={{ border: 0, borderRadius: 'var(--mantine-radius-md)' }}
        data-video
      />
    </AspectRatio>
  );
}

export function LessonPage() {
  const institution = useInstitutionContext();
  const { courseId = '', lessonId = '' } = useParams();
  const outline = useQuery(courseQuery(institution.id, courseId));
  const course = outline.data?.course;
  const tracked = !!course && tracksProgress(course);
  const progress = useQuery({ ...progressQuery(institution.id, courseId), enabled: tracked });
  const coursePath = `/institutions/${institution.id}/courses/${courseId}`;
  const lessons = outline.data ? lessonsInOrder(outline.data) : [];
  const index = lessons.findIndex((l) => l.id === lessonId);
  const lesson = lessons[index];
  const module = outline.data?.modules.find((m) => m.id === lesson?.moduleId);
  usePageTitle(lesson ? `${lesson.title} · ${outline.data?.course.title}` : `Lesson · ${institution.name}`);
  const lockedBy = [...(outline.data?.lockedBy ?? []), ...(module?.lockedBy ?? [])];
  useLessonTimer(institution.id, courseId, lessonId, tracked && !!lesson && lockedBy.length === 0);

  if (outline.isPending) return <Loading label="Loading the lesson" />;
  if (outline.isError) {
    return problemOf(outline.error)?.status === 404 ? (
      <Notice>This course does not exist, or it is not open to you.</Notice>
    ) : (
      <LoadError error={outline.error} title="Could not load the lesson" />
    );
  }
  const back = <BackLink to={coursePath}>{outline.data.course.title}</BackLink>;
  if (!lesson) {
    return (
      <Stack gap="sm">
        {back}
        <Notice>This lesson does not exist or is not published.</Notice>
      </Stack>
    );
  }
  if (lockedBy.length > 0) {
    return (
      <Stack gap="md">
        {back}
        <Title order={2} size="h3" style={{ overflowWrap: 'anywhere' }}>
          {lesson.title}
        </Title>
        <LockNotice lockedBy={lockedBy} what={outline.data.lockedBy.length ? 'This course' : 'This lesson'} />
      </Stack>
    );
  }
  const previous = lessons[index - 1];
  const next = lessons[index + 1];
  const path = (l: Lesson) => `${coursePath}/lessons/${l.id}`;

  return (
    <Stack gap="md" component="article" aria-labelledby="lesson-title">
      {back}
      <Stack gap={4}>
        {module && (
          <Text size="sm" c="dimmed">
            {module.title}
          </Text>
        )}
        <Group gap="xs" align="center">
          <Title order={2} size="h3" id="lesson-title" style={{ overflowWrap: 'anywhere' }}>
            {lesson.title}
          </Title>
          {!lesson.published && (
            <Badge color="gray" variant="light">
              Draft
            </Badge>
          )}
        </Group>
        <Text size="sm" c="dimmed">
          {lessonMeta(lesson)}
          {lessons.length > 1 && ` · Lesson ${index + 1} of ${lessons.length}`}
        </Text>
      </Stack>
      {tracked && progress.data && <CourseProgressBar progress={progress.data} />}
      {!lesson.published && (
        <Notice>Only the course’s editors see this lesson: it is a draft. Publish it from its Edit lesson dialog.</Notice>
      )}
      {lesson.kind === 'video' && <Video lesson={lesson} />}
      {lesson.kind === 'file' && lesson.file && (
        <DownloadFile institutionId={institution.id} courseId={outline.data.course.id} lesson={lesson} />
      )}
      {(lesson.kind === 'link' || lesson.kind === 'file') && lesson.linkUrl && (
        <Button
          component="a"
          href={lesson.linkUrl}
          target="_blank"
          rel="noopener noreferrer nofollow"
          size="md"
          style={{ alignSelf: 'flex-start' }}
        >
          {lesson.kind === 'file' ? 'Open the file' : 'Open the link'}
        </Button>
      )}
      {lesson.body.trim() && (
        <Paper withBorder radius="md" p={{ base: 'md', sm: 'xl' }} maw={880}>
          <Markdown text={lesson.body} />
        </Paper>
      )}
      {tracked && progress.data && <CompleteButton course={outline.data.course} lesson={lesson} progress={progress.data} />}
      <SimpleGrid cols={2} spacing="sm" maw={880} component="nav" aria-label="Lessons">
        {previous ? (
          <Button component={Link} to={path(previous)} variant="default" fullWidth justify="flex-start">
            <Text span truncate inherit>
              ← {previous.title}
            </Text>
          </Button>
        ) : (
          <span />
        )}
        {next ? (
          <Button component={Link} to={path(next)} fullWidth justify="flex-end">
            <Text span truncate inherit>
              {next.title} →
            </Text>
          </Button>
        ) : (
          <Button component={Link} to={coursePath} variant="light" fullWidth>
            <Text span truncate inherit>
              Course outline
            </Text>
          </Button>
        )}
      </SimpleGrid>
    </Stack>
  );
}

/** A file lesson's file, fetched with the session (the link needs the access token) and saved. */
function DownloadFile({ institutionId, courseId, lesson }: { institutionId: string; courseId: string; lesson: Lesson }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const file = lesson.file as NonNullable<Lesson['file']>;
  async function download() {
    setBusy(true);
    setError(null);
    try {
      const blob = await client.courses.lessonFile(institutionId, courseId, lesson.id);
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = file.name;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Stack gap={4} align="flex-start">
      <Button size="md" loading={busy} onClick={download}>
        Download {file.name}
      </Button>
      <Text size="xs" c="dimmed">
        {Math.max(1, Math.round(file.size / 1024))} KB
      </Text>
      {error && (
        <Text size="sm" c="red">
          {error}
        </Text>
      )}
    </Stack>
  );
}
