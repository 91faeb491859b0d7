// The assignment form's values and their mapping to and from the API body: the form keeps due date
// and time as two inputs and numbers as typed text, the API wants `due: {date, time} | null`.
import type { Assignment, LatePolicy } from '@edumatrix/contracts';

export type LevelValues = { key: string; id: string; title: string; points: number | string };
export type CriterionValues = { key: string; id: string; title: string; description: string; levels: LevelValues[] };

export type AssignmentValues = {
  title: string;
  instructions: string;
  dueDate: string;
  dueTime: string;
  latePolicy: LatePolicy;
  latePenaltyPercent: number | string;
  allowText: boolean;
  allowFiles: boolean;
  maxPoints: number | string;
  rubric: CriterionValues[];
  peerReviews: number | string;
  published: boolean;
  categoryId: string | null;
};

let seq = 0;
/** Row keys for React lists. */
export const nextKey = () => `row${++seq}`;
/** Ids for new criteria and levels: unique within one assignment, which is all the server asks. */
const newId = (prefix: string) => `${prefix}${Date.now().toString(36)}${(++seq).toString(36)}`;

export const newLevel = (title: string, points: number): LevelValues => ({ key: nextKey(), id: newId('l'), title, points });
export const newCriterion = (): CriterionValues => ({
  key: nextKey(),
  id: newId('c'),
  title: '',
  description: '',
  levels: [newLevel('Excellent', 4), newLevel('Good', 3), newLevel('Needs work', 1)],
});

/** The maximum the rubric gives: each criterion's best level. */
export const builderMax = (rubric: CriterionValues[]) =>
  rubric.reduce((sum, c) => sum + Math.max(0, ...c.levels.map((l) => Number(l.points) || 0)), 0);

export function initialValues(assignment: Assignment | null): AssignmentValues {
  return {
    title: assignment?.title ?? '',
    instructions: assignment?.instructions ?? '',
    dueDate: assignment?.due?.date ?? '',
    dueTime: assignment?.due?.time ?? '',
    latePolicy: assignment?.latePolicy ?? 'accept',
    latePenaltyPercent: assignment?.latePenaltyPercent ?? 10,
    allowText: assignment?.allowText ?? true,
    allowFiles: assignment?.allowFiles ?? true,
    maxPoints: assignment?.maxPoints ?? 100,
    rubric: (assignment?.rubric ?? []).map((c) => ({
      key: nextKey(),
      id: c.id,
      title: c.title,
      description: c.description,
      levels: c.levels.map((l) => ({ ...l, key: nextKey() })),
    })),
    peerReviews: assignment?.peerReviews ?? 0,
    published: assignment?.published ?? false,
    categoryId: assignment?.categoryId ?? null,
  };
}

export function toBody(v: AssignmentValues) {
  return {
    title: v.title.trim(),
    instructions: v.instructions,
    // A date without a time is due at the end of that day.
    due: v.dueDate ? { date: v.dueDate, time: v.dueTime || '23:59' } : null,
    latePolicy: v.latePolicy,
    latePenaltyPercent: Number(v.latePenaltyPercent) || 0,
    allowText: v.allowText,
    allowFiles: v.allowFiles,
    maxPoints: v.rubric.length ? builderMax(v.rubric) : Number(v.maxPoints),
    rubric: v.rubric.map((c) => ({
      id: c.id,
      title: c.title.trim(),
      description: c.description.trim(),
      levels: c.levels.map((l) => ({ id: l.id, title: l.title.trim(), points: Number(l.points) || 0 })),
    })),
    peerReviews: Number(v.peerReviews) || 0,
    published: v.published,
    categoryId: v.categoryId,
  };
}

/** The server names `due.date`, `due.time`; the form has them as two inputs. */
export const remapField = (path: string) =>
  path === 'due' ? 'dueDate' : path.replace(/^due\.(date|time)$/, (_, p: string) => (p === 'date' ? 'dueDate' : 'dueTime'));
