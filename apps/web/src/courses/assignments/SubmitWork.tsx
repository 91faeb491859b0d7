// A learner hands in (and, until the deadline, hands in again) text and/or a file. Each save is a
// new version on the server and the other part carries over, so text and file save separately.
import type { Assignment, Submission } from '@edumatrix/contracts';
import { Button, FileInput, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { client } from '../../api.ts';
import { notifyError, notifySuccess } from '../../ui/problem.ts';
import { assignmentKeys } from './assignment-queries.ts';

/** What the server accepts (it checks the bytes too), by type and, for browsers that leave the type empty, by extension. */
const FILE_TYPES: Record<string, string> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  zip: 'application/zip',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  mp3: 'audio/mpeg',
  txt: 'text/plain',
  csv: 'text/csv',
};
const ACCEPTED = new Set(Object.values(FILE_TYPES));
const MAX_BYTES = 25 * 1024 * 1024;
const typeOf = (f: File) => (ACCEPTED.has(f.type) ? f.type : (FILE_TYPES[f.name.split('.').pop()?.toLowerCase() ?? ''] ?? f.type));
const fileProblem = (f: File | null) =>
  !f
    ? null
    : !ACCEPTED.has(typeOf(f))
      ? 'Choose a PDF, image, Office document, ZIP, MP3, text or CSV file'
      : f.size > MAX_BYTES
        ? 'Keep it under 25 MB'
        : f.size === 0
          ? 'This file is empty'
          : null;

type Props = { institutionId: string; assignment: Assignment; submission: Submission };

export function SubmitWork({ institutionId, assignment, submission }: Props) {
  const queryClient = useQueryClient();
  const { courseId, id } = assignment;
  const [text, setText] = useState(submission.text);
  const [file, setFile] = useState<File | null>(null);
  const again = submission.version > 0;
  const store = async (next: Submission) => {
    queryClient.setQueryData(assignmentKeys.mine(institutionId, courseId, id), next);
    await queryClient.invalidateQueries({ queryKey: assignmentKeys.all(institutionId, courseId), exact: true });
    await queryClient.invalidateQueries({ queryKey: assignmentKeys.one(institutionId, courseId, id), exact: true });
  };
  const late = (next: Submission) => (next.lateDays > 0 ? ` It is ${next.lateDays} ${next.lateDays === 1 ? 'day' : 'days'} late.` : '');
  const saveText = useMutation({
    mutationFn: () => client.assignments.submitText(institutionId, courseId, id, text),
    onSuccess: async (next) => {
      notifySuccess(`Version ${next.version} was handed in.${late(next)}`);
      await store(next);
    },
    onError: (error) => notifyError(error, 'Could not hand in the text'),
  });
  const saveFile = useMutation({
    mutationFn: (f: File) => client.assignments.submitFile(institutionId, courseId, id, new Blob([f], { type: typeOf(f) }), f.name),
    onSuccess: async (next) => {
      notifySuccess(`Version ${next.version} was handed in with ${next.file?.name ?? 'the file'}.${late(next)}`);
      setFile(null);
      await store(next);
    },
    onError: (error) => notifyError(error, 'Could not upload the file'),
  });

  return (
    <Paper withBorder radius="md" p={{ base: 'sm', sm: 'md' }} component="section" aria-label="Hand in">
      <Stack gap="sm">
        <Title order={3} size="h5">
          {again ? 'Hand in a new version' : 'Hand in your work'}
        </Title>
        {again && (
          <Text size="sm" c="dimmed">
            Each time you hand in, a new version is kept; your teacher grades the latest.
            {assignment.allowText && assignment.allowFiles ? ' Text and file are saved separately: the other part stays as it is.' : ''}
          </Text>
        )}
        {assignment.allowText && (
          <Stack gap="xs">
            <Textarea
              label="Your text"
              autosize
              minRows={6}
              maxRows={24}
              value={text}
              onChange={(e) => setText(e.currentTarget.value)}
              maxLength={100_000}
            />
            <Group justify="flex-end">
              <Button
                onClick={() => saveText.mutate()}
                loading={saveText.isPending}
                disabled={!text.trim() || (again && text === submission.text)}
              >
                {again ? 'Hand in text again' : 'Hand in text'}
              </Button>
            </Group>
          </Stack>
        )}
        {assignment.allowFiles && (
          <Group gap="xs" align="flex-end" wrap="wrap">
            <FileInput
              label={submission.file ? 'Replace the file' : 'A file'}
              placeholder="Choose a file"
              description="PDF, image, Office document, ZIP, MP3, text or CSV; up to 25 MB"
              accept={[...ACCEPTED].join(',')}
              value={file}
              onChange={setFile}
              error={fileProblem(file)}
              clearable
              style={{ flex: '1 1 240px' }}
            />
            <Button
              variant="light"
              onClick={() => file && saveFile.mutate(file)}
              loading={saveFile.isPending}
              disabled={!file || !!fileProblem(file)}
            >
              Upload file
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
