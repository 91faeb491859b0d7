import type { Course, Institution, Question, Quiz } from '@edumatrix/contracts';
import { Alert, Badge, Button, FileInput, Group, List, Menu, Paper, Select, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { client } from '../api.ts';
import { ConfirmDeleteModal } from '../people/ConfirmDeleteModal.tsx';
import { notifyError, notifySuccess } from '../ui/problem.ts';
import { LoadError, Loading, Notice } from '../ui/states.tsx';
import { QuestionFormModal, questionSummary } from './QuestionForm.tsx';
import { PublishedBadge, QuizFormModal, quizFacts } from './QuizForm.tsx';
import { attemptsQuery, isOpen, promptLine, questionsQuery, quizKeys, quizzesQuery, scoreText } from './quiz-queries.ts';

type Props = { institution: Institution; course: Course };

const coursePath = (institutionId: string, courseId: string) => `/institutions/${institutionId}/courses/${courseId}`;
export const quizPath = (institutionId: string, courseId: string, quizId: string) =>
  `${coursePath(institutionId, courseId)}/quizzes/${quizId}`;
export const attemptPath = (institutionId: string, courseId: string, quizId: string, attemptId: string) =>
  `${quizPath(institutionId, courseId, quizId)}/attempts/${attemptId}`;

// --- the question bank ------------------------------------------------------------------------

type ImportResult = { imported: Question[]; created: number; updated: number; errors: { file: string; message: string }[] };

function ImportExport({ institution, course }: Props) {
  const queryClient = useQueryClient();
  const [result, setResult] = useState<ImportResult | null>(null);
  const importFile = useMutation({
    mutationFn: async (file: File) => {
      // Browsers label zips variously (application/x-zip-compressed, or nothing): the server wants
      // application/zip or XML, so the type follows the bytes (a zip starts with "PK").
      const head = new Uint8Array(await file.slice(0, 2).arrayBuffer());
      const type = head[0] === 0x50 && head[1] === 0x4b ? 'application/zip' : 'application/xml';
      return client.courses.importQuestions(institution.id, course.id, new Blob([file], { type }));
    },
    onMutate: () => setResult(null),
    onSuccess: (r) => setResult(r),
    onError: (error) => notifyError(error, 'Could not import the file'),
    onSettled: () => queryClient.invalidateQueries({ queryKey: quizKeys.questions(institution.id, course.id) }),
  });
  const exportBank = useMutation({
    mutationFn: async (version: '2.1' | '3.0') => {
      const blob = await client.courses.exportQuestions(institution.id, course.id, version);
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = `${course.title.replace(/[^\w-]+/g, '-').toLowerCase()}-qti-${version}.zip`;
      a.click();
      window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
    },
    onError: (error) => notifyError(error, 'Could not export the questions'),
  });
  return (
    <Stack gap="xs">
      <Group gap="xs" align="flex-end" wrap="wrap">
        <FileInput
          label="Import QTI 2.1 / 3.0"
          placeholder="A .zip package or an .xml item"
          accept=".zip,.xml,application/zip,text/xml,application/xml"
          clearable={false}
          value={null}
          onChange={(file) => file && importFile.mutate(file)}
          disabled={importFile.isPending}
          style={{ flex: '1 1 240px', maxWidth: 360 }}
        />
        <Menu position="bottom-end">
          <Menu.Target>
            <Button variant="default" loading={exportBank.isPending}>
              Export QTI…
            </Button>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Item onClick={() => exportBank.mutate('2.1')}>QTI 2.1 package</Menu.Item>
            <Menu.Item onClick={() => exportBank.mutate('3.0')}>QTI 3.0 package</Menu.Item>
          </Menu.Dropdown>
        </Menu>
      </Group>
      {importFile.isPending && (
        <Text size="sm" c="dimmed" role="status">
          Importing…
        </Text>
      )}
      {result && (
        <Alert
          color={result.errors.length ? 'orange' : 'teal'}
          variant="light"
          role="status"
          withCloseButton
          onClose={() => setResult(null)}
          title={`${result.imported.length} ${result.imported.length === 1 ? 'question was' : 'questions were'} imported${
            result.updated ? `: ${result.created} new, ${result.updated} updated in place` : ''
          }.`}
          data-import-result
        >
          {result.errors.length > 0 && (
            <Stack gap={4}>
              <Text size="sm">
                {result.errors.length} {result.errors.length === 1 ? 'item was' : 'items were'} left out:
              </Text>
              <List size="sm">
                {result.errors.map((e) => (
                  <List.Item key={`${e.file}:${e.message}`} style={{ overflowWrap: 'anywhere' }}>
                    <strong>{e.file}</strong>: {e.message}
                  </List.Item>
                ))}
              </List>
            </Stack>
          )}
        </Alert>
      )}
    </Stack>
  );
}

function QuestionBank({ institution, course }: Props) {
  const queryClient = useQueryClient();
  const questions = useQuery(questionsQuery(institution.id, course.id));
  const [tag, setTag] = useState<string | null>(null);
  const [editing, setEditing] = useState<Question | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Question | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: quizKeys.questions(institution.id, course.id) });

  const tags = [...new Set((questions.data ?? []).flatMap((q) => q.tags))].sort();
  const shown = (questions.data ?? []).filter((q) => !tag || q.tags.includes(tag));

  return (
    <Stack gap="sm" component="section" aria-label="Question bank">
      <Group justify="space-between" gap="xs">
        <Title order={3} size="h4">
          Question bank
        </Title>
        <Button onClick={() => setEditing('new')}>Add question</Button>
      </Group>
      <ImportExport institution={institution} course={course} />
      {questions.isPending ? (
        <Loading label="Loading the questions" />
      ) : questions.isError ? (
        <LoadError error={questions.error} title="Could not load the questions" />
      ) : questions.data.length === 0 ? (
        <Notice>No questions yet. Add one, or import a QTI package.</Notice>
      ) : (
        <>
          <Group gap="xs" justify="space-between">
            <Select
              aria-label="Filter by tag"
              placeholder="All tags"
              data={tags}
              value={tag}
              onChange={setTag}
              clearable
              w={220}
              disabled={tags.length === 0}
            />
            <Text size="sm" c="dimmed">
              {shown.length} of {questions.data.length} {questions.data.length === 1 ? 'question' : 'questions'}
            </Text>
          </Group>
          <Stack gap="xs">
            {shown.map((q) => (
              <Paper key={q.id} withBorder radius="md" p="sm" data-question={promptLine(q.prompt)}>
                <Group justify="space-between" align="flex-start" gap="xs" wrap="nowrap">
                  <Stack gap={4} miw={0} style={{ flex: 1 }}>
                    <Text size="sm" fw={500} lineClamp={2} style={{ overflowWrap: 'anywhere' }}>
                      {promptLine(q.prompt)}
                    </Text>
                    <Group gap={6}>
                      <Text size="xs" c="dimmed">
                        {questionSummary(q)}
                      </Text>
                      {q.tags.map((t) => (
                        <Badge key={t} size="xs" variant="outline" color="gray">
                          {t}
                        </Badge>
                      ))}
                    </Group>
                  </Stack>
                  <Group gap={4} wrap="nowrap">
                    <Button size="compact-sm" variant="subtle" onClick={() => setEditing(q)} aria-label={`Edit ${promptLine(q.prompt)}`}>
                      Edit
                    </Button>
                    <Button
                      size="compact-sm"
                      variant="subtle"
                      color="red"
                      onClick={() => setDeleting(q)}
                      aria-label={`Delete ${promptLine(q.prompt)}`}
                    >
                      Delete
                    </Button>
                  </Group>
                </Group>
              </Paper>
            ))}
          </Stack>
        </>
      )}
      <QuestionFormModal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        institutionId={institution.id}
        courseId={course.id}
        question={editing === 'new' ? null : editing}
        onSaved={refresh}
      />
      <ConfirmDeleteModal
        opened={deleting !== null}
        what="question"
        name={deleting ? promptLine(deleting.prompt) : ''}
        consequence="Quizzes that ask it no longer will."
        onDelete={async () => {
          if (!deleting) return;
          await client.courses.removeQuestion(institution.id, course.id, deleting.id);
          notifySuccess('The question was deleted.');
          await refresh();
        }}
        onClose={() => setDeleting(null)}
      />
    </Stack>
  );
}

// --- quizzes, for editors ----------------------------------------------------------------------

function QuizList({ institution, course }: Props) {
  const queryClient = useQueryClient();
  const quizzes = useQuery(quizzesQuery(institution.id, course.id));
  const bank = useQuery(questionsQuery(institution.id, course.id));
  const [editing, setEditing] = useState<Quiz | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Quiz | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: quizKeys.quizzes(institution.id, course.id) });

  return (
    <Stack gap="sm" component="section" aria-label="Quizzes">
      <Group justify="space-between" gap="xs">
        <Title order={3} size="h4">
          Quizzes
        </Title>
        <Button onClick={() => setEditing('new')} disabled={!bank.data}>
          New quiz
        </Button>
      </Group>
      {quizzes.isPending ? (
        <Loading label="Loading the quizzes" />
      ) : quizzes.isError ? (
        <LoadError error={quizzes.error} title="Could not load the quizzes" />
      ) : quizzes.data.length === 0 ? (
        <Notice>No quizzes yet. Add questions to the bank, then create a quiz from them.</Notice>
      ) : (
        <Stack gap="xs">
          {quizzes.data.map((quiz) => (
            <Paper key={quiz.id} withBorder radius="md" p="sm" data-quiz={quiz.title}>
              <Group justify="space-between" align="flex-start" gap="xs">
                <Stack gap={4} miw={0} style={{ flex: '1 1 240px' }}>
                  <Group gap="xs">
                    <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
                      {quiz.title}
                    </Text>
                    <PublishedBadge published={quiz.published} />
                  </Group>
                  <Text size="xs" c="dimmed">
                    {quizFacts(quiz).join(' · ')}
                  </Text>
                </Stack>
                <Group gap={4}>
                  <Button size="compact-sm" variant="light" component={Link} to={quizPath(institution.id, course.id, quiz.id)}>
                    Attempts
                  </Button>
                  <Button size="compact-sm" variant="subtle" onClick={() => setEditing(quiz)} aria-label={`Edit ${quiz.title}`}>
                    Edit
                  </Button>
                  <Button
                    size="compact-sm"
                    variant="subtle"
                    color="red"
                    onClick={() => setDeleting(quiz)}
                    aria-label={`Delete ${quiz.title}`}
                  >
                    Delete
                  </Button>
                </Group>
              </Group>
            </Paper>
          ))}
        </Stack>
      )}
      <QuizFormModal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        institutionId={institution.id}
        courseId={course.id}
        quiz={editing === 'new' ? null : editing}
        bank={bank.data ?? []}
        onSaved={refresh}
      />
      <ConfirmDeleteModal
        opened={deleting !== null}
        what="quiz"
        name={deleting?.title ?? ''}
        consequence="Its attempts and scores go with it."
        onDelete={async () => {
          if (!deleting) return;
          await client.courses.removeQuiz(institution.id, course.id, deleting.id);
          notifySuccess(`${deleting.title} was deleted.`);
          await refresh();
        }}
        onClose={() => setDeleting(null)}
      />
    </Stack>
  );
}

/** The editors' Quizzes tab: quizzes first, then the bank they draw from. */
export function QuizzesPanel({ institution, course }: Props) {
  return (
    <Stack gap="xl">
      <QuizList institution={institution} course={course} />
      <QuestionBank institution={institution} course={course} />
    </Stack>
  );
}

// --- quizzes, for learners --------------------------------------------------------------------

function LearnerQuizRow({ institution, course, quiz }: Props & { quiz: Quiz }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const attempts = useQuery(attemptsQuery(institution.id, course.id, quiz.id));
  const open = attempts.data?.find(isOpen);
  const lastDone = attempts.data?.filter((a) => !isOpen(a)).at(-1);
  const left = quiz.maxAttempts === null ? null : quiz.maxAttempts - quiz.mine.attempts;
  const start = useMutation({
    mutationFn: () => client.courses.startAttempt(institution.id, course.id, quiz.id),
    onSuccess: async (attempt) => {
      queryClient.setQueryData(quizKeys.attempt(institution.id, course.id, quiz.id, attempt.id), attempt);
      await navigate(attemptPath(institution.id, course.id, quiz.id, attempt.id));
    },
    onError: (error) => {
      notifyError(error, 'Could not start the quiz');
      void queryClient.invalidateQueries({ queryKey: quizKeys.quizzes(institution.id, course.id) });
    },
  });
  return (
    <Paper withBorder radius="md" p="sm" data-quiz={quiz.title}>
      <Group justify="space-between" align="flex-start" gap="xs">
        <Stack gap={4} miw={0} style={{ flex: '1 1 240px' }}>
          <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
            {quiz.title}
          </Text>
          {quiz.description && (
            <Text size="sm" c="dimmed" lineClamp={3}>
              {quiz.description}
            </Text>
          )}
          <Text size="xs" c="dimmed">
            {quizFacts(quiz).join(' · ')}
          </Text>
          <Text size="sm" data-standing>
            {quiz.mine.attempts === 0
              ? 'Not attempted yet'
              : `Attempts used: ${quiz.mine.attempts}${quiz.maxAttempts ? ` of ${quiz.maxAttempts}` : ''} · Score: ${scoreText(quiz.mine.score, quiz.mine.maxScore)}`}
          </Text>
        </Stack>
        <Group gap="xs">
          {lastDone && (
            <Button variant="default" component={Link} to={attemptPath(institution.id, course.id, quiz.id, lastDone.id)}>
              See results
            </Button>
          )}
          {(open || left === null || left > 0) && (
            <Button loading={start.isPending} disabled={attempts.isPending} onClick={() => start.mutate()}>
              {open ? 'Resume' : quiz.mine.attempts > 0 ? 'Try again' : 'Start'}
            </Button>
          )}
        </Group>
      </Group>
    </Paper>
  );
}

/** Learners: the course's published quizzes with their standing in each. */
export function LearnerQuizzes({ institution, course }: Props) {
  const quizzes = useQuery(quizzesQuery(institution.id, course.id));
  if (quizzes.isPending) return <Loading label="Loading the quizzes" />;
  if (quizzes.isError) return <LoadError error={quizzes.error} title="Could not load the quizzes" />;
  if (quizzes.data.length === 0) return null;
  return (
    <Stack gap="sm" component="section" aria-label="Quizzes">
      <Title order={3} size="h4">
        Quizzes
      </Title>
      {!course.isEnrolled && <Notice>Enrol in the course to take its quizzes.</Notice>}
      {quizzes.data.map((quiz) => (
        <LearnerQuizRow key={quiz.id} institution={institution} course={course} quiz={quiz} />
      ))}
    </Stack>
  );
}
