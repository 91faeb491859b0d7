import type { AcademicYear, AssessmentKind, InstitutionRole, SchoolClass, Term } from '@edumatrix/contracts';
import { queryOptions } from '@tanstack/react-query';
import { client } from '../api.ts';
import { institutionKeys } from '../institutions/queries.ts';
import type { PickOneOption } from '../ui/PickOne.tsx';

export const gradesKeys = {
  all: (institutionId: string) => [...institutionKeys.one(institutionId), 'grades'] as const,
  gradebook: (institutionId: string, classId: string, subjectId: string, termId: string) =>
    [...gradesKeys.all(institutionId), 'gradebook', classId, subjectId, termId] as const,
  student: (institutionId: string, studentId: string, termId: string) =>
    [...gradesKeys.all(institutionId), 'student', studentId, termId] as const,
};

export const gradebookQuery = (institutionId: string, classId: string, subjectId: string, termId: string) =>
  queryOptions({
    queryKey: gradesKeys.gradebook(institutionId, classId, subjectId, termId),
    queryFn: () => client.grades.gradebook(institutionId, classId, { subjectId, termId }),
  });

export const studentGradesQuery = (institutionId: string, studentId: string, termId: string) =>
  queryOptions({
    queryKey: gradesKeys.student(institutionId, studentId, termId),
    queryFn: () => client.grades.ofStudent(institutionId, studentId, termId),
  });

/** Enters marks: owners and admins in every class, teachers in the classes they teach (the server checks which). */
export const entersMarks = (role: InstitutionRole) => role === 'owner' || role === 'admin' || role === 'teacher';

export const KINDS: { value: AssessmentKind; label: string }[] = [
  { value: 'exam', label: 'Exam' },
  { value: 'test', label: 'Test' },
  { value: 'quiz', label: 'Quiz' },
  { value: 'homework', label: 'Homework' },
  { value: 'project', label: 'Project' },
  { value: 'other', label: 'Other' },
];

export const kindLabel = (kind: AssessmentKind) => KINDS.find((k) => k.value === kind)?.label ?? kind;

/** Terms of the active years, newest year first: "Term 1 · 2026–27". */
export function termChoices(years: AcademicYear[]): PickOneOption[] {
  return [...years]
    .filter((y) => !y.archivedAt)
    .sort((a, b) => b.startsOn.localeCompare(a.startsOn))
    .flatMap((y) =>
      [...y.terms].sort((a, b) => a.startsOn.localeCompare(b.startsOn)).map((t) => ({ value: t.id, label: `${t.name} · ${y.name}` })),
    );
}

/**
 * The term a page opens on: the class's own term when it has one, else the current year's term
 * running today, else the current year's latest term that has started, else any.
 */
export function defaultTerm(years: AcademicYear[], today: string, klass?: SchoolClass | null): string | null {
  const active = years.filter((y) => !y.archivedAt);
  const all: Term[] = active.flatMap((y) => y.terms);
  if (klass?.termId && all.some((t) => t.id === klass.termId)) return klass.termId;
  const current = active.find((y) => y.current) ?? active.find((y) => y.startsOn <= today && today <= y.endsOn);
  const terms = [...(current?.terms ?? all)].sort((a, b) => a.startsOn.localeCompare(b.startsOn));
  return (
    terms.find((t) => t.startsOn <= today && today <= t.endsOn)?.id ??
    terms.filter((t) => t.startsOn <= today).at(-1)?.id ??
    terms[0]?.id ??
    all[0]?.id ??
    null
  );
}

/** "87.5 %", or a dash without a grade. */
export const formatPercent = (percent: number | null) => (percent === null ? '—' : `${percent.toFixed(1).replace(/\.0$/, '')} %`);

/** Points as typed, without a trailing ".0". */
export const formatPoints = (points: number) => String(Math.round(points * 100) / 100);

/** Band colours from the top band down: the best reads green, the lowest red. */
const BAND_COLORS = ['teal', 'green', 'lime', 'yellow', 'orange', 'red'];
export function bandColor(labels: string[], label: string | null): string {
  if (label === null) return 'gray';
  const index = labels.indexOf(label);
  if (index < 0) return 'gray';
  if (index === labels.length - 1 && labels.length > 1) return 'red';
  return BAND_COLORS[Math.min(index, BAND_COLORS.length - 2)] ?? 'gray';
}
