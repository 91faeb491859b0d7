// Query keys, fetchers and the plain-words helpers every assignment screen shares (due dates on
// the institution's clock, the late policy, points), so the pages agree on how things read.
import type { Assignment, LatePolicy, Rubric } from '@edumatrix/contracts';
import { queryOptions } from '@tanstack/react-query';
import { client } from '../../api.ts';
import { coursesKeys } from '../queries.ts';

export const assignmentKeys = {
  all: (institutionId: string, courseId: string) => [...coursesKeys.one(institutionId, courseId), 'assignments'] as const,
  one: (institutionId: string, courseId: string, assignmentId: string) =>
    [...assignmentKeys.all(institutionId, courseId), assignmentId] as const,
  mine: (institutionId: string, courseId: string, assignmentId: string) =>
    [...assignmentKeys.one(institutionId, courseId, assignmentId), 'mine'] as const,
  submissions: (institutionId: string, courseId: string, assignmentId: string) =>
    [...assignmentKeys.one(institutionId, courseId, assignmentId), 'submissions'] as const,
  submission: (institutionId: string, courseId: string, assignmentId: string, userId: string) =>
    [...assignmentKeys.submissions(institutionId, courseId, assignmentId), userId] as const,
  peerReviews: (institutionId: string, courseId: string, assignmentId: string) =>
    [...assignmentKeys.one(institutionId, courseId, assignmentId), 'peer-reviews'] as const,
  /** The course gradebook's key (the Gradebook tab uses the same one): grades and releases change it. */
  gradebook: (institutionId: string, courseId: string) => [...coursesKeys.one(institutionId, courseId), 'gradebook'] as const,
};

export const assignmentsQuery = (institutionId: string, courseId: string) =>
  queryOptions({
    queryKey: assignmentKeys.all(institutionId, courseId),
    queryFn: () => client.assignments.list(institutionId, courseId),
  });

export const assignmentQuery = (institutionId: string, courseId: string, assignmentId: string) =>
  queryOptions({
    queryKey: assignmentKeys.one(institutionId, courseId, assignmentId),
    queryFn: () => client.assignments.get(institutionId, courseId, assignmentId),
  });

export const mySubmissionQuery = (institutionId: string, courseId: string, assignmentId: string) =>
  queryOptions({
    queryKey: assignmentKeys.mine(institutionId, courseId, assignmentId),
    queryFn: () => client.assignments.mine(institutionId, courseId, assignmentId),
  });

export const submissionsQuery = (institutionId: string, courseId: string, assignmentId: string) =>
  queryOptions({
    queryKey: assignmentKeys.submissions(institutionId, courseId, assignmentId),
    queryFn: () => client.assignments.submissions(institutionId, courseId, assignmentId),
  });

export const submissionQuery = (institutionId: string, courseId: string, assignmentId: string, userId: string) =>
  queryOptions({
    queryKey: assignmentKeys.submission(institutionId, courseId, assignmentId, userId),
    queryFn: () => client.assignments.submissionOf(institutionId, courseId, assignmentId, userId),
  });

export const peerReviewsQuery = (institutionId: string, courseId: string, assignmentId: string) =>
  queryOptions({
    queryKey: assignmentKeys.peerReviews(institutionId, courseId, assignmentId),
    queryFn: () => client.assignments.peerReviews(institutionId, courseId, assignmentId),
  });

/** The categories an assignment may count under in the course's gradebook. */
export const gradebookQuery = (institutionId: string, courseId: string) =>
  queryOptions({
    queryKey: assignmentKeys.gradebook(institutionId, courseId),
    queryFn: () => client.courses.gradebook(institutionId, courseId),
  });

export const assignmentPath = (institutionId: string, courseId: string, assignmentId: string) =>
  `/institutions/${institutionId}/courses/${courseId}/assignments/${assignmentId}`;
export const graderPath = (institutionId: string, courseId: string, assignmentId: string, userId: string) =>
  `${assignmentPath(institutionId, courseId, assignmentId)}/submissions/${userId}`;

/** "7.5", "8" */
export const pts = (n: number) => String(Math.round(n * 100) / 100);

/** With a rubric the maximum is the sum of each criterion's best level. */
export const rubricMax = (rubric: Rubric) => rubric.reduce((sum, c) => sum + Math.max(0, ...c.levels.map((l) => l.points)), 0);

/** Points for a choice of levels (criteria without a choice count 0). */
export const rubricPoints = (rubric: Rubric, picked: Record<string, string>) =>
  rubric.reduce((sum, c) => sum + (c.levels.find((l) => l.id === picked[c.id])?.points ?? 0), 0);

/** "Fri 28 Nov 2026, 17:00 (Europe/Paris)": the due moment on the institution's clock, whatever the reader's. */
export function dueText(assignment: Pick<Assignment, 'dueAt' | 'timeZone'>): string {
  if (!assignment.dueAt) return 'No due date';
  const when = new Intl.DateTimeFormat(undefined, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZone: assignment.timeZone,
  }).format(new Date(assignment.dueAt));
  return `${when} (${assignment.timeZone.replaceAll('_', ' ')})`;
}

/** "3 days", "5 hours", "12 minutes": the larger unit only, which is what a deadline needs. */
export function spanText(ms: number): string {
  const minutes = Math.max(1, Math.round(Math.abs(ms) / 60_000));
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;
  if (minutes < 60) return plural(minutes, 'minute');
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return plural(hours, 'hour');
  return plural(Math.floor(hours / 24), 'day');
}

/** "Due in 3 days" / "Overdue by 2 hours" / null without a due date. */
export function countdownText(dueAt: string | null, now = Date.now()): { text: string; overdue: boolean } | null {
  if (!dueAt) return null;
  const left = new Date(dueAt).getTime() - now;
  return left >= 0 ? { text: `Due in ${spanText(left)}`, overdue: false } : { text: `Overdue by ${spanText(left)}`, overdue: true };
}

export const LATE_POLICY_LABEL: Record<LatePolicy, string> = {
  refuse: 'Refuse late work',
  accept: 'Accept late work',
  penalise: 'Accept with a penalty',
};

/** The late policy as a learner would want it explained. */
export function latePolicyText(assignment: Pick<Assignment, 'latePolicy' | 'latePenaltyPercent' | 'dueAt'>): string {
  if (!assignment.dueAt) return 'There is no deadline: you can hand in and resubmit at any time.';
  switch (assignment.latePolicy) {
    case 'refuse':
      return 'Late work is not accepted: submissions close at the due time.';
    case 'accept':
      return 'Late work is accepted without a penalty.';
    case 'penalise':
      return `Late work is accepted, but loses ${pts(assignment.latePenaltyPercent)}% of its grade for each day (or part of a day) it is late.`;
  }
}

/** "2 days late" */
export const lateText = (days: number) => (days <= 0 ? 'On time' : `${days} ${days === 1 ? 'day' : 'days'} late`);

/** Saves a fetched Blob under its name (links to files need the session's token, so they are fetched first). */
export function saveBlob(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** "12 KB" */
export const sizeText = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
