import type { QuestionType, QuizAttempt, QuizFeedback, QuizScoring } from '@edumatrix/contracts';
import { queryOptions } from '@tanstack/react-query';
import { client } from '../api.ts';
import { coursesKeys } from './queries.ts';

export const quizKeys = {
  questions: (institutionId: string, courseId: string) => [...coursesKeys.one(institutionId, courseId), 'questions'] as const,
  quizzes: (institutionId: string, courseId: string) => [...coursesKeys.one(institutionId, courseId), 'quizzes'] as const,
  attempts: (institutionId: string, courseId: string, quizId: string) =>
    [...quizKeys.quizzes(institutionId, courseId), quizId, 'attempts'] as const,
  attempt: (institutionId: string, courseId: string, quizId: string, attemptId: string) =>
    [...quizKeys.attempts(institutionId, courseId, quizId), attemptId] as const,
};

export const questionsQuery = (institutionId: string, courseId: string) =>
  queryOptions({
    queryKey: quizKeys.questions(institutionId, courseId),
    queryFn: () => client.courses.questions(institutionId, courseId),
  });

export const quizzesQuery = (institutionId: string, courseId: string) =>
  queryOptions({
    queryKey: quizKeys.quizzes(institutionId, courseId),
    queryFn: () => client.courses.quizzes(institutionId, courseId),
  });

export const attemptsQuery = (institutionId: string, courseId: string, quizId: string) =>
  queryOptions({
    queryKey: quizKeys.attempts(institutionId, courseId, quizId),
    queryFn: () => client.courses.attempts(institutionId, courseId, quizId),
  });

export const attemptQuery = (institutionId: string, courseId: string, quizId: string, attemptId: string) =>
  queryOptions({
    queryKey: quizKeys.attempt(institutionId, courseId, quizId, attemptId),
    queryFn: () => client.courses.attempt(institutionId, courseId, quizId, attemptId),
  });

export const QUESTION_TYPE_LABEL: Record<QuestionType, string> = {
  single_choice: 'Single choice',
  multiple_response: 'Multiple response',
  true_false: 'True or false',
  fill_blanks: 'Fill in the blanks',
  numeric: 'Numeric',
  short_answer: 'Short answer',
  matching: 'Matching',
  ordering: 'Ordering',
  essay: 'Essay',
};

export const SCORING_LABEL: Record<QuizScoring, string> = {
  best: 'Best attempt counts',
  last: 'Last attempt counts',
  average: 'Average of attempts',
};

export const FEEDBACK_LABEL: Record<QuizFeedback, string> = {
  after_each: 'After each answer',
  after_submit: 'After submitting',
  never: 'Never',
};

/** "7.5", "8" */
export const points = (n: number) => String(Math.round(n * 100) / 100);

/** "7.5 / 10" */
export const scoreText = (score: number | null, max: number | null) => (score === null ? '—' : `${points(score)} / ${points(max ?? 0)}`);

/** Prompts are Markdown; lists show their first line as plain text. */
export function promptLine(prompt: string) {
  const line = prompt.split('\n').find((l) => l.trim()) ?? '';
  // Markdown marks go; blanks ({{b1}}) read as gaps.
  return line
    .replace(/[#*_`>[\]]/g, '')
    .replace(/\{\{[^{}]*\}\}/g, '____')
    .trim();
}

export const isOpen = (attempt: Pick<QuizAttempt, 'submittedAt'>) => attempt.submittedAt === null;

/** "4:05", "1:02:03" */
export function clock(ms: number) {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  return h ? `${h}:${two(m)}:${two(s)}` : `${m}:${two(s)}`;
}
