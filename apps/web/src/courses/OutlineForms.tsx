import type { CourseModule, Lesson, LessonKind, UpdateLessonBody } from '@edumatrix/contracts';
import {
  FileInput,
  Input,
  Modal,
  NumberInput,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { client } from '../api.ts';
import { FormActions, ResponsiveModal } from '../ui/FormActions.tsx';
import { applyProblem, focusFirstInvalid, notifySuccess } from '../ui/problem.ts';
import { MarkdownField } from './MarkdownField.tsx';
import { LESSON_KINDS } from './queries.ts';
import { videoEmbedUrl } from './video.ts';

export type CourseRef = { institutionId: string; courseId: string };

// --- modules --------------------------------------------------------------------------------

type ModuleValues = { title: string; summary: string };

type ModuleFormProps = { course: CourseRef; module: CourseModule | null; onSaved: () => Promise<unknown>; onDone: () => void };

function ModuleForm({ course, module, onSaved, onDone }: ModuleFormProps) {
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<ModuleValues>({
    initialValues: { title: module?.title ?? '', summary: module?.summary ?? '' },
    validate: {
      title: (value) => (!value.trim() ? 'Enter a title' : value.trim().length > 200 ? 'Keep it under 200 characters' : null),
      summary: (value) => (value.trim().length > 500 ? 'Keep it under 500 characters' : null),
    },
  });

  async function save(values: ModuleValues) {
    setFormError(null);
    const body = { title: values.title.trim(), summary: values.summary.trim() };
    try {
      if (module) await client.courses.updateModule(course.institutionId, course.courseId, module.id, body);
      else await client.courses.addModule(course.institutionId, course.courseId, body);
      notifySuccess(`${body.title} was ${module ? 'saved' : 'added'}.`);
      await onSaved();
      onDone();
    } catch (error) {
      setFormError(applyProblem(form, error));
    }
  }

  return (
    <form onSubmit={form.onSubmit(save, focusFirstInvalid)} noValidate>
      <Stack gap="md">
        <TextInput label="Title" placeholder="Week 1: Motion" required autoComplete="off" data-autofocus {...form.getInputProps('title')} />
        <Textarea label="Summary" description="Optional" autosize minRows={2} maxRows={5} {...form.getInputProps('summary')} />
        <FormActions error={formError} onCancel={onDone} submitting={form.submitting}>
          {module ? 'Save changes' : 'Add module'}
        </FormActions>
      </Stack>
    </form>
  );
}

type ModuleModalProps = Omit<ModuleFormProps, 'onDone'> & { opened: boolean; onClose: () => void };

export function ModuleFormModal({ opened, onClose, ...props }: ModuleModalProps) {
  return (
    <Modal opened={opened} onClose={onClose} title={props.module ? `Edit ${props.module.title}` : 'Add a module'}>
      <ModuleForm key={props.module?.id ?? 'new'} {...props} onDone={onClose} />
    </Modal>
  );
}

// --- lessons --------------------------------------------------------------------------------

type LessonValues = {
  title: string;
  kind: LessonKind;
  body: string;
  videoUrl: string;
  linkUrl: string;
  minutes: number | string;
  published: boolean;
  /** A file lesson's new upload, sent after the lesson is saved. */
  file: File | null;
};

/** What a file lesson may hold (the server checks the bytes too). */
const FILE_TYPES = [
  'application/pdf',
  'image/png',
  'image/jpeg',
  'application/zip',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'audio/mpeg',
  'text/plain',
  'text/csv',
];
const FILE_MAX_BYTES = 25 * 1024 * 1024;

const isUrl = (value: string, protocols: string[]) => {
  try {
    return protocols.includes(new URL(value).protocol);
  } catch {
    return false;
  }
};

const lessonBody = (v: LessonValues) => ({
  title: v.title.trim(),
  kind: v.kind,
  body: v.body,
  // Only the address the kind uses is kept: a text lesson does not carry a stale video.
  videoUrl: v.kind === 'video' && v.videoUrl.trim() ? v.videoUrl.trim() : null,
  linkUrl: v.kind === 'link' && v.linkUrl.trim() ? v.linkUrl.trim() : null,
  minutes: v.minutes === '' ? null : Number(v.minutes),
  published: v.published,
});

type LessonFormProps = {
  course: CourseRef;
  /** The module a new lesson goes into. */
  moduleId: string;
  lesson: Lesson | null;
  onSaved: () => Promise<unknown>;
  onDone: () => void;
};

function LessonForm({ course, moduleId, lesson, onSaved, onDone }: LessonFormProps) {
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<LessonValues>({
    initialValues: {
      title: lesson?.title ?? '',
      kind: lesson?.kind ?? 'text',
      body: lesson?.body ?? '',
      videoUrl: lesson?.videoUrl ?? '',
      linkUrl: lesson?.linkUrl ?? '',
      minutes: lesson?.minutes ?? '',
      published: lesson?.published ?? false,
      file: null,
    },
    validate: {
      title: (value) => (!value.trim() ? 'Enter a title' : value.trim().length > 200 ? 'Keep it under 200 characters' : null),
      videoUrl: (value, v) =>
        v.kind !== 'video'
          ? null
          : !value.trim()
            ? 'Enter the video’s address'
            : isUrl(value.trim(), ['https:'])
              ? null
              : 'Enter an https address, such as https://www.youtube.com/watch?v=…',
      linkUrl: (value, v) =>
        v.kind !== 'link'
          ? null
          : !value.trim()
            ? 'Enter the address'
            : isUrl(value.trim(), ['https:', 'http:'])
              ? null
              : 'Enter a web address starting with https://',
      minutes: (value) =>
        value === '' || (Number.isInteger(Number(value)) && Number(value) >= 0 && Number(value) <= 1000)
          ? null
          : 'A whole number up to 1000',
      file: (value) =>
        !value
          ? null
          : !FILE_TYPES.includes(value.type)
            ? 'Choose a PDF, image, Office document, ZIP, MP3, text or CSV file'
            : value.size > FILE_MAX_BYTES
              ? 'Keep it under 25 MB'
              : null,
    },
  });

  async function save(values: LessonValues) {
    setFormError(null);
    const body = lessonBody(values);
    try {
      let saved = lesson;
      if (lesson) {
        const before = lessonBody(form.getInitialValues()) as Record<string, unknown>;
        const changes = Object.fromEntries(Object.entries(body).filter(([key, value]) => before[key] !== value)) as UpdateLessonBody;
        if (Object.keys(changes).length > 0) await client.courses.updateLesson(course.institutionId, course.courseId, lesson.id, changes);
      } else {
        saved = await client.courses.addLesson(course.institutionId, course.courseId, moduleId, body);
      }
      if (values.kind === 'file' && values.file && saved) {
        await client.courses.uploadLessonFile(course.institutionId, course.courseId, saved.id, values.file, values.file.name);
      }
      notifySuccess(`${body.title} was ${lesson ? 'saved' : 'added'}${body.published ? '' : ' as a draft'}.`);
      await onSaved();
      onDone();
    } catch (error) {
      setFormError(applyProblem(form, error));
    }
  }

  const v = form.getValues();
  const embeddable = v.kind === 'video' && v.videoUrl.trim() ? videoEmbedUrl(v.videoUrl.trim()) : null;

  return (
    <form onSubmit={form.onSubmit(save, focusFirstInvalid)} noValidate>
      <Stack gap="md">
        <TextInput label="Title" required autoComplete="off" data-autofocus {...form.getInputProps('title')} />
        <div>
          <Input.Label component="div">Kind</Input.Label>
          <SegmentedControl aria-label="Kind" data={LESSON_KINDS} {...form.getInputProps('kind')} fullWidth maw={420} />
        </div>
        {v.kind === 'video' && (
          <TextInput
            label="Video address"
            description={
              v.videoUrl.trim() && !embeddable
                ? 'Not a YouTube or Vimeo address: readers get a link to open it.'
                : 'A YouTube or Vimeo address plays inside the lesson; others open as a link.'
            }
            placeholder="https://www.youtube.com/watch?v=…"
            type="url"
            required
            autoComplete="off"
            {...form.getInputProps('videoUrl')}
          />
        )}
        {v.kind === 'file' && (
          <FileInput
            label="File"
            description={
              lesson?.file
                ? `Now: ${lesson.file.name}. Choose another to replace it. PDF, images, Office, ZIP, MP3, text or CSV; at most 25 MB.`
                : 'PDF, images, Office documents, ZIP, MP3, text or CSV; at most 25 MB.'
            }
            placeholder="Choose a file"
            accept={FILE_TYPES.join(',')}
            clearable
            {...form.getInputProps('file')}
          />
        )}
        {v.kind === 'link' && (
          <TextInput
            label="Link address"
            description="Readers open it with a button."
            placeholder="https://"
            type="url"
            required
            autoComplete="off"
            {...form.getInputProps('linkUrl')}
          />
        )}
        <MarkdownField
          label={v.kind === 'text' ? 'Lesson' : 'Notes'}
          description="Markdown: **bold**, _italic_, # headings, - lists, [links](https://…)"
          minRows={8}
          {...form.getInputProps('body')}
        />
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md" verticalSpacing="md">
          <NumberInput
            label="Minutes"
            description="About how long it takes"
            min={0}
            max={1000}
            allowDecimal={false}
            allowNegative={false}
            {...form.getInputProps('minutes')}
          />
          <Stack gap={4} justify="flex-end" pb={6}>
            <Switch label="Published" {...form.getInputProps('published', { type: 'checkbox' })} />
            <Text size="xs" c="dimmed">
              Learners see published lessons only, once the course is published.
            </Text>
          </Stack>
        </SimpleGrid>
        <FormActions error={formError} onCancel={onDone} submitting={form.submitting}>
          {lesson ? 'Save changes' : 'Add lesson'}
        </FormActions>
      </Stack>
    </form>
  );
}

type LessonModalProps = Omit<LessonFormProps, 'onDone'> & { opened: boolean; onClose: () => void };

export function LessonFormModal({ opened, onClose, ...props }: LessonModalProps) {
  return (
    <ResponsiveModal opened={opened} onClose={onClose} title={props.lesson ? `Edit ${props.lesson.title}` : 'Add a lesson'} size="xl">
      <LessonForm key={props.lesson?.id ?? `new-${props.moduleId}`} {...props} onDone={onClose} />
    </ResponsiveModal>
  );
}
