// A student's term grade: the weighted percentage of their marks, read off the grading scale.
import { bandFor, type GradingScale, type TermGrade, weightedPercent } from '@edumatrix/contracts';
import type { AssessmentRow, MarkRow } from './grades.repository.ts';

/** A student's term grade from their marks on a set of assessments. */
export function termGradeOf(scale: GradingScale, assessments: AssessmentRow[], marks: Map<string, MarkRow>): TermGrade {
  const percent = weightedPercent(
    assessments.map((a) => {
      const m = marks.get(a.id);
      return { points: m?.points ?? null, excused: m?.excused ?? false, maxPoints: a.max_points, weight: a.weight };
    }),
  );
  if (percent === null) return { percent: null, band: null, gpa: null };
  const band = bandFor(scale, percent);
  return { percent, band: band.label, gpa: band.gpa };
}
