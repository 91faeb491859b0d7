import type { CourseModule, CourseOutline, CourseProgress, Lesson } from '@edumatrix/contracts';
import { ActionIcon, Anchor, Badge, Button, Group, Menu, Paper, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { client } from '../api.ts';
import { ConfirmDeleteModal } from '../people/ConfirmDeleteModal.tsx';
import { PlusIcon } from '../shell/icons.tsx';
import { notifyError, notifySuccess } from '../ui/problem.ts';
import { Notice } from '../ui/states.tsx';
import { type CourseRef, LessonFormModal, ModuleFormModal } from './OutlineForms.tsx';
import { LockIcon, lockText, ProgressBar } from './Progress.tsx';
import { coursesKeys, lessonKindLabel } from './queries.ts';
import { SortableArea, useSortableItem } from './Sortable.tsx';

function DotsIcon() {
  return (
    <svg viewBox="0 0 24 24" width="18" height="18" fill="currentColor" aria-hidden="true" focusable="false">
      <circle cx="5" cy="12" r="1.8" />
      <circle cx="12" cy="12" r="1.8" />
      <circle cx="19" cy="12" r="1.8" />
    </svg>
  );
}

/** "Video · 12 min" */
export function lessonMeta(lesson: Pick<Lesson, 'kind' | 'minutes'>) {
  return [lessonKindLabel(lesson.kind), lesson.minutes ? `${lesson.minutes} min` : null].filter(Boolean).join(' · ');
}

const move = <T,>(items: T[], from: number, to: number) => {
  const next = [...items];
  const [item] = next.splice(from, 1);
  if (item !== undefined) next.splice(to, 0, item);
  return next;
};

type Dialogs = {
  module: { opened: boolean; module: CourseModule | null };
  lesson: { opened: boolean; moduleId: string; lesson: Lesson | null };
  removeModule: { opened: boolean; module: CourseModule | null };
  removeLesson: { opened: boolean; lesson: Lesson | null };
};

type Actions = {
  lessonPath: (lesson: Lesson) => string;
  editModule: (module: CourseModule) => void;
  removeModule: (module: CourseModule) => void;
  moveModule: (module: CourseModule, by: -1 | 1) => void;
  addLesson: (module: CourseModule) => void;
  editLesson: (lesson: Lesson) => void;
  removeLesson: (lesson: Lesson) => void;
  moveLesson: (module: CourseModule, lesson: Lesson, by: -1 | 1) => void;
  moveLessonTo: (lesson: Lesson, target: CourseModule) => void;
  reorderLessons: (module: CourseModule, ids: string[]) => void;
};

type LessonRowProps = { lesson: Lesson; module: CourseModule; index: number; modules: CourseModule[]; actions: Actions };

function LessonRow({ lesson, module, index, modules, actions }: LessonRowProps) {
  const item = useSortableItem(lesson.id, lesson.title);
  const last = index === module.lessons.length - 1;
  return (
    <Paper
      ref={item.ref}
      style={item.style}
      withBorder
      shadow={item.isDragging ? 'md' : 'none'}
      radius="sm"
      px={4}
      py={4}
      component="li"
      data-lesson={lesson.title}
    >
      <Group gap={4} wrap="nowrap" align="center">
        {item.handle}
        <Stack gap={0} miw={0} style={{ flex: 1 }}>
          <Anchor component={Link} to={actions.lessonPath(lesson)} size="sm" fw={500} style={{ overflowWrap: 'anywhere' }}>
            {lesson.title}
          </Anchor>
          <Text size="xs" c="dimmed">
            {lessonMeta(lesson)}
          </Text>
        </Stack>
        {!lesson.published && (
          <Badge color="gray" variant="light" size="sm" style={{ flexShrink: 0 }}>
            Draft
          </Badge>
        )}
        <Menu position="bottom-end" withinPortal>
          <Menu.Target>
            <ActionIcon variant="subtle" color="gray" size="lg" aria-label={`Actions for ${lesson.title}`}>
              <DotsIcon />
            </ActionIcon>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Item onClick={() => actions.editLesson(lesson)}>Edit lesson</Menu.Item>
            <Menu.Item disabled={index === 0} onClick={() => actions.moveLesson(module, lesson, -1)}>
              Move up
            </Menu.Item>
            <Menu.Item disabled={last} onClick={() => actions.moveLesson(module, lesson, 1)}>
              Move down
            </Menu.Item>
            {modules.length > 1 && <Menu.Label>Move to module</Menu.Label>}
            {modules
              .filter((m) => m.id !== module.id)
              .map((m) => (
                <Menu.Item key={m.id} onClick={() => actions.moveLessonTo(lesson, m)}>
                  {m.title}
                </Menu.Item>
              ))}
            <Menu.Divider />
            <Menu.Item color="red" onClick={() => actions.removeLesson(lesson)}>
              Delete lesson
            </Menu.Item>
          </Menu.Dropdown>
        </Menu>
      </Group>
    </Paper>
  );
}

type ModuleCardProps = { module: CourseModule; index: number; modules: CourseModule[]; actions: Actions };

function ModuleCard({ module, index, modules, actions }: ModuleCardProps) {
  const item = useSortableItem(module.id, module.title);
  const ids = module.lessons.map((l) => l.id);
  const titleId = `module-${module.id}`;
  return (
    <Paper
      ref={item.ref}
      style={item.style}
      withBorder
      shadow={item.isDragging ? 'lg' : 'xs'}
      radius="md"
      p={{ base: 'xs', sm: 'md' }}
      component="section"
      aria-labelledby={titleId}
      data-module={module.title}
    >
      <Stack gap="sm">
        <Group gap={4} wrap="nowrap" align="flex-start">
          {item.handle}
          <Stack gap={0} miw={0} style={{ flex: 1 }} pt={4}>
            <Title order={3} size="h5" id={titleId} style={{ overflowWrap: 'anywhere' }}>
              <Text span c="dimmed" inherit>
                {index + 1}.{' '}
              </Text>
              {module.title}
            </Title>
            {module.summary && (
              <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                {module.summary}
              </Text>
            )}
            {module.requires.length > 0 && (
              <Text size="xs" c="orange.9" style={{ overflowWrap: 'anywhere' }}>
                Opens after {module.requires.map((id) => modules.find((m) => m.id === id)?.title ?? 'another module').join(', ')}
              </Text>
            )}
          </Stack>
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>
              <ActionIcon variant="subtle" color="gray" size="lg" aria-label={`Actions for module ${module.title}`}>
                <DotsIcon />
              </ActionIcon>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Item onClick={() => actions.addLesson(module)}>Add lesson</Menu.Item>
              <Menu.Item onClick={() => actions.editModule(module)}>Edit module</Menu.Item>
              <Menu.Item disabled={index === 0} onClick={() => actions.moveModule(module, -1)}>
                Move up
              </Menu.Item>
              <Menu.Item disabled={index === modules.length - 1} onClick={() => actions.moveModule(module, 1)}>
                Move down
              </Menu.Item>
              <Menu.Divider />
              <Menu.Item color="red" onClick={() => actions.removeModule(module)}>
                Delete module
              </Menu.Item>
            </Menu.Dropdown>
          </Menu>
        </Group>
        {module.lessons.length > 0 ? (
          <SortableArea
            ids={ids}
            nameOf={(id) => module.lessons.find((l) => l.id === id)?.title ?? 'the lesson'}
            onReorder={(next) => actions.reorderLessons(module, next)}
          >
            <Stack gap={6} component="ol" m={0} p={0} style={{ listStyle: 'none' }} aria-label={`Lessons of ${module.title}`}>
              {module.lessons.map((lesson, i) => (
                <LessonRow key={lesson.id} lesson={lesson} module={module} index={i} modules={modules} actions={actions} />
              ))}
            </Stack>
          </SortableArea>
        ) : (
          <Text size="sm" c="dimmed" px="xs">
            No lessons yet.
          </Text>
        )}
        <Button
          variant="subtle"
          size="compact-sm"
          leftSection={<PlusIcon />}
          onClick={() => actions.addLesson(module)}
          style={{ alignSelf: 'flex-start' }}
          aria-label={`Add lesson to ${module.title}`}
        >
          Add lesson
        </Button>
      </Stack>
    </Paper>
  );
}

/**
 * The outline as its editors see it: modules and lessons reordered by dragging (or with the
 * keyboard, or the Move up/down menu items), drafts marked, each saved through the order endpoints.
 */
export function EditableOutline({ outline, lessonPath }: { outline: CourseOutline; lessonPath: (lesson: Lesson) => string }) {
  const queryClient = useQueryClient();
  const course: CourseRef = { institutionId: outline.course.institutionId, courseId: outline.course.id };
  const key = coursesKeys.one(course.institutionId, course.courseId);
  const [dialogs, setDialogs] = useState<Dialogs>({
    module: { opened: false, module: null },
    lesson: { opened: false, moduleId: '', lesson: null },
    removeModule: { opened: false, module: null },
    removeLesson: { opened: false, lesson: null },
  });
  const open = <K extends keyof Dialogs>(which: K, value: Omit<Dialogs[K], 'opened'>) =>
    setDialogs((before) => ({ ...before, [which]: { ...value, opened: true } }));
  const close = (which: keyof Dialogs) => setDialogs((before) => ({ ...before, [which]: { ...before[which], opened: false } }));

  const refresh = () => queryClient.invalidateQueries({ queryKey: coursesKeys.all(course.institutionId) });

  /** Shows the new order at once; the server's answer (or, on failure, a reload) settles it. */
  const reorder = useMutation({
    mutationFn: (change: { moduleId: string | null; ids: string[] }) =>
      change.moduleId
        ? client.courses.reorderLessons(course.institutionId, course.courseId, change.moduleId, change.ids)
        : client.courses.reorderModules(course.institutionId, course.courseId, change.ids),
    onMutate: async ({ moduleId, ids }) => {
      await queryClient.cancelQueries({ queryKey: key });
      queryClient.setQueryData<CourseOutline>(key, (before) => {
        if (!before) return before;
        const order = (id: string) => ids.indexOf(id);
        if (!moduleId) return { ...before, modules: [...before.modules].sort((a, b) => order(a.id) - order(b.id)) };
        return {
          ...before,
          modules: before.modules.map((m) =>
            m.id === moduleId ? { ...m, lessons: [...m.lessons].sort((a, b) => order(a.id) - order(b.id)) } : m,
          ),
        };
      });
    },
    onSuccess: (result) => queryClient.setQueryData(key, result),
    onError: (error) => {
      notifyError(error, 'Could not save the new order');
      void queryClient.invalidateQueries({ queryKey: key });
    },
  });

  const moveTo = useMutation({
    mutationFn: ({ lesson, target }: { lesson: Lesson; target: CourseModule }) =>
      client.courses.updateLesson(course.institutionId, course.courseId, lesson.id, { moduleId: target.id }),
    onSuccess: (_, { lesson, target }) => notifySuccess(`${lesson.title} moved to ${target.title}.`),
    onError: (error) => notifyError(error, 'Could not move the lesson'),
    onSettled: refresh,
  });

  const modules = outline.modules;
  const actions: Actions = {
    lessonPath,
    editModule: (module) => open('module', { module }),
    removeModule: (module) => open('removeModule', { module }),
    moveModule: (module, by) => {
      const from = modules.findIndex((m) => m.id === module.id);
      reorder.mutate({ moduleId: null, ids: move(modules, from, from + by).map((m) => m.id) });
    },
    addLesson: (module) => open('lesson', { moduleId: module.id, lesson: null }),
    editLesson: (lesson) => open('lesson', { moduleId: lesson.moduleId, lesson }),
    removeLesson: (lesson) => open('removeLesson', { lesson }),
    moveLesson: (module, lesson, by) => {
      const from = module.lessons.findIndex((l) => l.id === lesson.id);
      reorder.mutate({ moduleId: module.id, ids: move(module.lessons, from, from + by).map((l) => l.id) });
    },
    moveLessonTo: (lesson, target) => moveTo.mutate({ lesson, target }),
    reorderLessons: (module, ids) => reorder.mutate({ moduleId: module.id, ids }),
  };

  const removingModule = dialogs.removeModule.module;
  const removingLesson = dialogs.removeLesson.lesson;

  return (
    <Stack gap="md">
      {modules.length === 0 ? (
        <Notice>No modules yet. A course is made of modules (such as weeks or topics), each with its lessons. Add the first module.</Notice>
      ) : (
        <SortableArea
          ids={modules.map((m) => m.id)}
          nameOf={(id) => modules.find((m) => m.id === id)?.title ?? 'the module'}
          onReorder={(ids) => reorder.mutate({ moduleId: null, ids })}
        >
          <Stack gap="md">
            {modules.map((module, index) => (
              <ModuleCard key={module.id} module={module} index={index} modules={modules} actions={actions} />
            ))}
          </Stack>
        </SortableArea>
      )}
      <Button
        variant="light"
        leftSection={<PlusIcon />}
        onClick={() => open('module', { module: null })}
        style={{ alignSelf: 'flex-start' }}
      >
        Add module
      </Button>
      <ModuleFormModal
        course={course}
        module={dialogs.module.module}
        opened={dialogs.module.opened}
        onClose={() => close('module')}
        onSaved={refresh}
      />
      <LessonFormModal
        course={course}
        moduleId={dialogs.lesson.moduleId}
        lesson={dialogs.lesson.lesson}
        opened={dialogs.lesson.opened}
        onClose={() => close('lesson')}
        onSaved={refresh}
      />
      <ConfirmDeleteModal
        opened={dialogs.removeModule.opened}
        what="module"
        name={removingModule?.title ?? ''}
        consequence={
          removingModule?.lessons.length
            ? `Its ${removingModule.lessons.length === 1 ? 'lesson goes' : `${removingModule.lessons.length} lessons go`} with it.`
            : undefined
        }
        onDelete={async () => {
          if (!removingModule) return;
          await client.courses.removeModule(course.institutionId, course.courseId, removingModule.id);
          notifySuccess(`${removingModule.title} was deleted.`);
          await refresh();
        }}
        onClose={() => close('removeModule')}
      />
      <ConfirmDeleteModal
        opened={dialogs.removeLesson.opened}
        what="lesson"
        name={removingLesson?.title ?? ''}
        onDelete={async () => {
          if (!removingLesson) return;
          await client.courses.removeLesson(course.institutionId, course.courseId, removingLesson.id);
          notifySuccess(`${removingLesson.title} was deleted.`);
          await refresh();
        }}
        onClose={() => close('removeLesson')}
      />
    </Stack>
  );
}

/** The outline as learners see it: published lessons only (the server leaves the others out), each a link unless locked. */
export function ReadOnlyOutline({
  outline,
  lessonPath,
  progress,
}: {
  outline: CourseOutline;
  lessonPath: (lesson: Lesson) => string;
  progress?: CourseProgress | undefined;
}) {
  const modules = outline.modules.filter((m) => m.lessons.length > 0);
  if (modules.length === 0) return <Notice>No lessons are published in this course yet.</Notice>;
  const courseLocked = outline.lockedBy.length > 0;
  const done = new Set(progress?.completedLessonIds ?? []);
  return (
    <Stack gap="md">
      {modules.map((module, index) => {
        const locked = courseLocked || module.lockedBy.length > 0;
        const counts = progress?.modules.find((m) => m.moduleId === module.id);
        return (
          <Paper
            key={module.id}
            withBorder
            radius="md"
            p={{ base: 'sm', sm: 'md' }}
            component="section"
            aria-labelledby={`module-${module.id}`}
            data-module={module.title}
            data-locked={locked ? 'true' : undefined}
          >
            <Stack gap="xs">
              <Stack gap={0}>
                <Group gap={6} wrap="nowrap" align="flex-start">
                  {locked && (
                    <Text span c="orange.8" mt={2} style={{ flexShrink: 0 }}>
                      <LockIcon />
                    </Text>
                  )}
                  <Title order={3} size="h5" id={`module-${module.id}`} style={{ overflowWrap: 'anywhere' }}>
                    <Text span c="dimmed" inherit>
                      {index + 1}.{' '}
                    </Text>
                    {module.title}
                  </Title>
                </Group>
                {module.summary && (
                  <Text size="sm" c="dimmed">
                    {module.summary}
                  </Text>
                )}
                {module.lockedBy.length > 0 && !courseLocked && (
                  <Text size="sm" c="orange.9" fw={500} data-lock>
                    Locked: {lockText(module.lockedBy)}.
                  </Text>
                )}
              </Stack>
              {counts && counts.lessons > 0 && (
                <Group gap="xs" wrap="nowrap" maw={420}>
                  <div style={{ flex: 1 }}>
                    <ProgressBar ratio={counts.ratio} label={`Progress in ${module.title}`} size="sm" />
                  </div>
                  <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                    {counts.completed} of {counts.lessons} done
                  </Text>
                </Group>
              )}
              <Stack gap={4} component="ol" m={0} p={0} style={{ listStyle: 'none' }}>
                {module.lessons.map((lesson) => (
                  <Group key={lesson.id} component="li" justify="space-between" gap="xs" wrap="nowrap" py={4} data-lesson={lesson.title}>
                    <Group gap={6} wrap="nowrap" miw={0}>
                      {progress && (
                        <Text
                          span
                          size="sm"
                          c={done.has(lesson.id) ? 'teal.8' : 'gray.5'}
                          aria-label={done.has(lesson.id) ? 'Completed' : 'Not completed'}
                          w={16}
                          style={{ flexShrink: 0 }}
                        >
                          {done.has(lesson.id) ? '✓' : '○'}
                        </Text>
                      )}
                      {locked ? (
                        <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                          {lesson.title}
                        </Text>
                      ) : (
                        <Anchor component={Link} to={lessonPath(lesson)} size="sm" fw={500} style={{ overflowWrap: 'anywhere' }}>
                          {lesson.title}
                        </Anchor>
                      )}
                    </Group>
                    <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                      {lessonMeta(lesson)}
                    </Text>
                  </Group>
                ))}
              </Stack>
            </Stack>
          </Paper>
        );
      })}
    </Stack>
  );
}
