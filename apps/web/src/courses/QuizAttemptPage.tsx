import type { Course, LearnerQuestion, QuestionResponse, QuestionResult, QuizAttempt } from '@edumatrix/contracts';
import { Alert, Badge, Button, Group, Modal, NumberInput, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useParams } from 'react-router';
import { client } from '../api.ts';
import { useCurrentUser } from '../auth/session-store.ts';
import { useInstitutionContext } from '../institutions/useInstitutionContext.ts';
import { FormAlert } from '../ui/FormAlert.tsx';
import { formatDateTime } from '../ui/format.ts';
import { applyProblem, errorMessage, notifyError, notifySuccess, problemOf } from '../ui/problem.ts';
import { LoadError, Loading, Notice } from '../ui/states.tsx';
import { usePageTitle } from '../ui/usePageTitle.ts';
import { BackLink } from './CoursePage.tsx';
import { Markdown } from './Markdown.tsx';
import { answerText, QuestionInput, QuestionPrompt } from './QuestionInputs.tsx';
import { courseQuery, enrolmentsQuery } from './queries.ts';
import { attemptQuery, clock, isOpen, points, quizKeys, quizzesQuery, scoreText } from './quiz-queries.ts';

const SAVE_AFTER_MS = 600;

type Ref = { institutionId: string; courseId: string; quizId: string; attemptId: string };
type SaveState = 'saving' | 'saved' | 'failed';

/**
 * Time left until the server's deadline, ticking every second on the server's clock (the device's
 * plus the offset seen when the attempt arrived); calls `onZero` once it runs out.
 */
function Countdown({ deadlineAt, serverNow, onZero }: { deadlineAt: string; serverNow: string; onZero: () => void }) {
  const deadline = new Date(deadlineAt).getTime();
  const offset = useMemo(() => new Date(serverNow).getTime() - Date.now(), [serverNow]);
  const [now, setNow] = useState(() => Date.now() + offset);
  const fired = useRef(false);
  const left = deadline - now;
  useEffect(() => {
    setNow(Date.now() + offset);
    const timer = window.setInterval(() => setNow(Date.now() + offset), 1000);
    return () => window.clearInterval(timer);
  }, [offset]);
  useEffect(() => {
    if (left <= 0 && !fired.current) {
      fired.current = true;
      onZero();
    }
  }, [left, onZero]);
  const urgent = left < 60_000;
  return (
    <Paper
      withBorder
      radius="md"
      px="sm"
      py={6}
      role="timer"
      aria-label="Time left"
      data-countdown
      // Below the app's fixed header while the page scrolls.
      style={{
        position: 'sticky',
        top: 'calc(var(--app-shell-header-offset, 0rem) + var(--mantine-spacing-xs))',
        zIndex: 3,
        alignSelf: 'flex-end',
      }}
      bg={urgent ? 'red.0' : undefined}
    >
      <Text size="sm" fw={600} c={urgent ? 'red.8' : undefined}>
        {left > 0 ? `Time left ${clock(left)}` : 'Time is up'}
      </Text>
    </Paper>
  );
}

function SaveNote({ state }: { state: SaveState | undefined }) {
  if (!state) return null;
  const text = { saving: 'Saving…', saved: 'Saved', failed: 'Not saved' }[state];
  return (
    <Text size="xs" c={state === 'failed' ? 'red.7' : 'dimmed'} data-save-state={state}>
      {text}
    </Text>
  );
}

function ResultBadge({ result }: { result: QuestionResult }) {
  if (result.needsReview)
    return (
      <Badge color="yellow" variant="light">
        Awaiting grading
      </Badge>
    );
  const color = result.correct ? 'teal' : result.score > 0 ? 'orange' : 'red';
  const label = result.correct ? 'Correct' : result.score > 0 ? 'Partly correct' : 'Incorrect';
  return (
    <Badge color={color} variant="light">
      {label}
    </Badge>
  );
}

function QuestionHeading({ question, index }: { question: LearnerQuestion; index: number }) {
  return (
    <Group justify="space-between" gap="xs" wrap="nowrap">
      <Text fw={600} size="sm">
        Question {index + 1}
      </Text>
      <Text size="xs" c="dimmed">
        {points(question.points)} {question.points === 1 ? 'point' : 'points'}
      </Text>
    </Group>
  );
}

/** The learner answers; every change is saved a moment later, and the server's deadline is counted down. */
function TakingView({ at, attempt, onTimeUp }: { at: Ref; attempt: QuizAttempt; onTimeUp: (unsaved: boolean) => void }) {
  const queryClient = useQueryClient();
  const [answers, setAnswers] = useState<Record<string, QuestionResponse>>(attempt.answers);
  const [saves, setSaves] = useState<Record<string, SaveState>>({});
  const [confirming, setConfirming] = useState(false);
  const timers = useRef(new Map<string, number>());
  const pending = useRef(new Map<string, QuestionResponse>());
  const inFlight = useRef(new Set<Promise<unknown>>());
  /** Set once time is up: nothing more is sent. */
  const stopped = useRef(false);
  const key = quizKeys.attempt(at.institutionId, at.courseId, at.quizId, at.attemptId);

  const save = useCallback(
    (questionId: string) => {
      const response = pending.current.get(questionId);
      timers.current.delete(questionId);
      if (!response) return Promise.resolve();
      pending.current.delete(questionId);
      setSaves((s) => ({ ...s, [questionId]: 'saving' }));
      const request = client.courses
        .answer(at.institutionId, at.courseId, at.quizId, at.attemptId, questionId, response)
        .then((next) => {
          setSaves((s) => ({ ...s, [questionId]: pending.current.has(questionId) ? 'saving' : 'saved' }));
          // The results shown after each answer (when the quiz shows them), and the next question in adaptive mode; answers stay local.
          queryClient.setQueryData<QuizAttempt>(key, (old) => (old ? { ...old, questions: next.questions, results: next.results } : next));
        })
        .catch((error: unknown) => {
          setSaves((s) => ({ ...s, [questionId]: 'failed' }));
          const code = problemOf(error)?.code;
          if (code === 'quizzes.time_up' || code === 'quizzes.submitted') {
            stopped.current = true;
            onTimeUp(code === 'quizzes.time_up');
          } else notifyError(error, 'Your answer was not saved');
        })
        .finally(() => inFlight.current.delete(request));
      inFlight.current.add(request);
      return request;
    },
    [at, key, queryClient, onTimeUp],
  );

  const saveNow = useRef(save);
  saveNow.current = save;
  useEffect(() => {
    const all = timers.current;
    return () => {
      // Leaving the page: answers still waiting for their moment go now, unless time is up.
      for (const [questionId, timer] of all) {
        window.clearTimeout(timer);
        if (!stopped.current) void saveNow.current(questionId);
      }
    };
  }, []);

  function change(questionId: string, response: QuestionResponse) {
    setAnswers((a) => ({ ...a, [questionId]: response }));
    pending.current.set(questionId, response);
    setSaves((s) => ({ ...s, [questionId]: 'saving' }));
    const timer = timers.current.get(questionId);
    if (timer) window.clearTimeout(timer);
    timers.current.set(
      questionId,
      window.setTimeout(() => void save(questionId), SAVE_AFTER_MS),
    );
  }

  const submit = useMutation({
    mutationFn: async () => {
      // Answers still waiting for their debounce go first.
      for (const [questionId, timer] of timers.current) {
        window.clearTimeout(timer);
        void save(questionId);
      }
      await Promise.allSettled([...inFlight.current]);
      return client.courses.submitAttempt(at.institutionId, at.courseId, at.quizId, at.attemptId);
    },
    onSuccess: (next) => {
      queryClient.setQueryData(key, next);
      void queryClient.invalidateQueries({ queryKey: quizKeys.quizzes(at.institutionId, at.courseId) });
      setConfirming(false);
      window.scrollTo({ top: 0 });
    },
    onError: (error) => notifyError(error, 'Could not submit'),
  });

  const unanswered = attempt.questions.filter((q) => !answers[q.id]).length;
  const results = attempt.results ?? {};

  return (
    <Stack gap="md">
      {attempt.deadlineAt && (
        <Countdown
          deadlineAt={attempt.deadlineAt}
          serverNow={attempt.serverNow}
          onZero={() => {
            stopped.current = true;
            onTimeUp(false);
          }}
        />
      )}
      {attempt.questions.map((q, i) => {
        const result = results[q.id];
        return (
          <Paper
            key={q.id}
            withBorder
            radius="md"
            p={{ base: 'sm', sm: 'md' }}
            component="section"
            aria-label={`Question ${i + 1}`}
            data-question-type={q.type}
          >
            <Stack gap="sm">
              <QuestionHeading question={q} index={i} />
              <QuestionPrompt question={q} />
              <QuestionInput question={q} label="Your answer" value={answers[q.id]} onChange={(r) => change(q.id, r)} />
              <SaveNote state={saves[q.id]} />
              {result && (
                <Group gap="xs">
                  <ResultBadge result={result} />
                  {result.feedback && <Markdown text={result.feedback} />}
                </Group>
              )}
            </Stack>
          </Paper>
        );
      })}
      <Group justify="flex-end">
        <Button size="md" onClick={() => setConfirming(true)}>
          Submit answers
        </Button>
      </Group>
      <Modal opened={confirming} onClose={() => setConfirming(false)} title="Submit your answers?" centered>
        <Stack>
          <Text size="sm">
            {unanswered > 0
              ? `${unanswered} of ${attempt.questions.length} ${attempt.questions.length === 1 ? 'question is' : 'questions are'} not answered. `
              : 'Every question is answered. '}
            Once submitted, the answers cannot be changed.
          </Text>
          <FormAlert message={submit.isError ? errorMessage(submit.error) : null} />
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={() => setConfirming(false)}>
              Keep working
            </Button>
            <Button loading={submit.isPending} onClick={() => submit.mutate()}>
              Submit
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}

type GradeValues = { points: number | string; feedback: string };

/** Editors: points and feedback for a question graded by hand. */
function GradeForm({ at, question, result, index }: { at: Ref; question: LearnerQuestion; result: QuestionResult; index: number }) {
  const queryClient = useQueryClient();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<GradeValues>({
    initialValues: { points: result.needsReview ? '' : result.score, feedback: result.feedback },
    validate: {
      points: (value) =>
        value === ''
          ? 'Enter the points'
          : Number(value) < 0
            ? 'At least 0'
            : Number(value) > result.maxScore
              ? `At most ${points(result.maxScore)}`
              : null,
    },
  });
  async function save(values: GradeValues) {
    setFormError(null);
    try {
      const next = await client.courses.gradeAnswer(at.institutionId, at.courseId, at.quizId, at.attemptId, question.id, {
        points: Number(values.points),
        feedback: values.feedback,
      });
      queryClient.setQueryData(quizKeys.attempt(at.institutionId, at.courseId, at.quizId, at.attemptId), next);
      void queryClient.invalidateQueries({ queryKey: quizKeys.attempts(at.institutionId, at.courseId, at.quizId) });
      notifySuccess(`Question ${index + 1} was graded: ${points(Number(values.points))} / ${points(result.maxScore)}.`);
    } catch (error) {
      setFormError(applyProblem(form, error));
    }
  }
  return (
    <form onSubmit={form.onSubmit(save)} noValidate aria-label={`Grade question ${index + 1}`}>
      <Stack gap="xs">
        <NumberInput
          label={`Points (out of ${points(result.maxScore)})`}
          min={0}
          max={result.maxScore}
          decimalScale={2}
          maw={200}
          {...form.getInputProps('points')}
        />
        <Textarea label="Feedback for the student" autosize minRows={2} {...form.getInputProps('feedback')} />
        <FormAlert message={formError} />
        <Button type="submit" loading={form.submitting} style={{ alignSelf: 'flex-start' }}>
          Save grade
        </Button>
      </Stack>
    </form>
  );
}

/** The submitted attempt: score, and per question the answer, its result and feedback (as far as the quiz shows them). */
function ResultView({ at, attempt, grading, student }: { at: Ref; attempt: QuizAttempt; grading: boolean; student: string | null }) {
  const results = attempt.results;
  const essaysWaiting = attempt.questions.filter((q) => results?.[q.id]?.needsReview).length;
  const lateClose = attempt.deadlineAt !== null && attempt.submittedAt === attempt.deadlineAt;
  return (
    <Stack gap="md">
      <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} data-attempt-summary>
        <Stack gap={6}>
          {student && (
            <Text size="sm" c="dimmed">
              {student}
            </Text>
          )}
          {attempt.score !== null ? (
            <Title order={3} size="h2" data-score>
              Score: {scoreText(attempt.score, attempt.maxScore)}
            </Title>
          ) : (
            <Text fw={600}>Your answers are in.</Text>
          )}
          <Text size="sm" c="dimmed">
            Attempt {attempt.number}
            {attempt.submittedAt ? ` · submitted ${formatDateTime(attempt.submittedAt)}` : ''}
            {lateClose ? ' · closed when the time ran out' : ''}
          </Text>
          {essaysWaiting > 0 &&
            (grading ? (
              <Text size="sm" c="yellow.9">
                {essaysWaiting} {essaysWaiting === 1 ? 'answer needs' : 'answers need'} grading below.
              </Text>
            ) : (
              <Text size="sm" c="yellow.9" data-awaiting-grading>
                Your teacher will grade the essay; your score may go up once they have.
              </Text>
            ))}
        </Stack>
      </Paper>
      {!results && <Notice>This quiz does not show results or feedback.</Notice>}
      {attempt.questions.map((q, i) => {
        const result = results?.[q.id];
        return (
          <Paper key={q.id} withBorder radius="md" p={{ base: 'sm', sm: 'md' }} component="section" aria-label={`Question ${i + 1}`}>
            <Stack gap="sm">
              <QuestionHeading question={q} index={i} />
              <QuestionPrompt question={q} />
              <Stack gap={2}>
                <Text size="xs" c="dimmed">
                  {grading ? 'Answer' : 'Your answer'}
                </Text>
                <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                  {answerText(q, attempt.answers[q.id])}
                </Text>
              </Stack>
              {result && (
                <Stack gap={6} data-result>
                  <Group gap="xs">
                    <ResultBadge result={result} />
                    <Text size="sm">
                      {result.needsReview ? `— / ${points(result.maxScore)}` : scoreText(result.score, result.maxScore)}
                    </Text>
                  </Group>
                  {result.needsReview && !grading && (
                    <Text size="sm" c="dimmed">
                      Your teacher will grade this answer.
                    </Text>
                  )}
                  {result.feedback && (
                    <Paper bg="gray.0" radius="sm" p="xs" data-feedback>
                      <Markdown text={result.feedback} />
                    </Paper>
                  )}
                </Stack>
              )}
              {grading && result && q.type === 'essay' && <GradeForm at={at} question={q} result={result} index={i} />}
            </Stack>
          </Paper>
        );
      })}
    </Stack>
  );
}

function AttemptView({ course, at }: { course: Course; at: Ref }) {
  const me = useCurrentUser().id;
  const queryClient = useQueryClient();
  const [timeUp, setTimeUp] = useState<{ unsaved: boolean } | null>(null);
  const attempt = useQuery({
    ...attemptQuery(at.institutionId, at.courseId, at.quizId, at.attemptId),
    // Once time is up the server closes the attempt on its next read; ask until it has.
    refetchInterval: (query) => (timeUp && query.state.data && isOpen(query.state.data) ? 2000 : false),
  });
  const quizzes = useQuery(quizzesQuery(at.institutionId, at.courseId));
  const grading = course.canEdit && !!attempt.data && attempt.data.userId !== me;
  const enrolments = useQuery({ ...enrolmentsQuery(at.institutionId, at.courseId), enabled: grading });
  const quiz = quizzes.data?.find((q) => q.id === at.quizId);
  usePageTitle(quiz ? `${quiz.title} · ${course.title}` : course.title);

  const onTimeUp = useCallback(
    (unsaved: boolean) => {
      setTimeUp((t) => ({ unsaved: unsaved || !!t?.unsaved }));
      window.setTimeout(() => {
        void queryClient.invalidateQueries({ queryKey: quizKeys.attempt(at.institutionId, at.courseId, at.quizId, at.attemptId) });
        void queryClient.invalidateQueries({ queryKey: quizKeys.quizzes(at.institutionId, at.courseId) });
      }, 1000);
    },
    [queryClient, at],
  );

  if (attempt.isPending) return <Loading label="Loading the attempt" />;
  if (attempt.isError) return <LoadError error={attempt.error} title="Could not load the attempt" />;
  const a = attempt.data;
  const student = grading ? (enrolments.data?.find((e) => e.userId === a.userId)?.displayName ?? 'A student') : null;
  const open = isOpen(a);
  return (
    <Stack gap="md">
      <Stack gap={4}>
        <Title order={2} size="h3" style={{ overflowWrap: 'anywhere' }}>
          {quiz?.title ?? 'Quiz'}
        </Title>
        {open && quiz?.description && (
          <Text size="sm" c="dimmed">
            {quiz.description}
          </Text>
        )}
      </Stack>
      {timeUp && (
        <Alert color="orange" variant="light" role="alert" title="Time is up" data-time-up>
          {timeUp.unsaved ? 'Your last answer came after the time limit and was not saved. ' : ''}
          {open ? 'Your answers are being submitted…' : 'Your answers were submitted as they stood when time ran out.'}
        </Alert>
      )}
      {open && a.userId === me && !timeUp ? (
        <TakingView at={at} attempt={a} onTimeUp={onTimeUp} />
      ) : open ? (
        timeUp ? (
          <Loading label="Submitting" />
        ) : (
          <Notice>This attempt is still in progress.</Notice>
        )
      ) : (
        <ResultView at={at} attempt={a} grading={grading} student={student} />
      )}
    </Stack>
  );
}

export function QuizAttemptPage() {
  const institution = useInstitutionContext();
  const { courseId = '', quizId = '', attemptId = '' } = useParams();
  const outline = useQuery(courseQuery(institution.id, courseId));
  const coursePath = `/institutions/${institution.id}/courses/${courseId}`;
  if (outline.isPending) return <Loading label="Loading the course" />;
  if (outline.isError) return <LoadError error={outline.error} title="Could not load the course" />;
  const { course } = outline.data;
  const at = { institutionId: institution.id, courseId, quizId, attemptId };
  return (
    <Stack gap="sm">
      <BackLink to={course.canEdit ? `${coursePath}/quizzes/${quizId}` : coursePath}>{course.canEdit ? 'Attempts' : course.title}</BackLink>
      <AttemptView key={attemptId} course={course} at={at} />
    </Stack>
  );
}
