// Grades: assessments per class, subject and term with weights; marks entered in a grid; term
// grades computed as a weighted percentage and read off the institution's grading scale.
import { z } from 'zod';
import { GradingScale } from './grading.ts';

const IsoDate = z.iso.date({ message: 'must be a date such as 2026-11-23' });

export const AssessmentKind = z.enum(['exam', 'test', 'quiz', 'homework', 'project', 'other']);
export type AssessmentKind = z.infer<typeof AssessmentKind>;

const Title = z.string().trim().min(1, 'is required').max(200);
const MaxPoints = z.number().positive('must be more than 0').max(10_000);
/** Relative: an exam of weight 3 counts three times as much as homework of weight 1. */
const Weight = z.number().positive('must be more than 0').max(1000);

export const CreateAssessmentBody = z.strictObject({
  subjectId: z.uuid(),
  termId: z.uuid(),
  title: Title,
  kind: AssessmentKind.default('test'),
  maxPoints: MaxPoints,
  weight: Weight.default(1),
  dueOn: IsoDate.nullable().default(null),
});
export type CreateAssessmentBody = z.input<typeof CreateAssessmentBody>;

export const UpdateAssessmentBody = z.strictObject({
  title: Title.optional(),
  kind: AssessmentKind.optional(),
  maxPoints: MaxPoints.optional(),
  weight: Weight.optional(),
  dueOn: IsoDate.nullable().optional(),
});
export type UpdateAssessmentBody = z.infer<typeof UpdateAssessmentBody>;

export const Assessment = z.object({
  id: z.uuid(),
  classId: z.uuid(),
  subjectId: z.uuid(),
  termId: z.uuid(),
  title: z.string(),
  kind: AssessmentKind,
  maxPoints: z.number(),
  weight: z.number(),
  dueOn: z.string().nullable(),
  /** How many students have a mark (or are excused). */
  marked: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Assessment = z.infer<typeof Assessment>;

export const AssessmentQuery = z.strictObject({ subjectId: z.uuid().optional(), termId: z.uuid().optional() });
export type AssessmentQuery = z.infer<typeof AssessmentQuery>;

export const GradebookQuery = z.strictObject({ subjectId: z.uuid(), termId: z.uuid() });
export type GradebookQuery = z.infer<typeof GradebookQuery>;

export const Mark = z.object({ points: z.number().nullable(), excused: z.boolean(), comment: z.string() });
export type Mark = z.infer<typeof Mark>;

export const TermGrade = z.object({
  /** Weighted percentage over the marked, non-excused assessments; null with none. */
  percent: z.number().nullable(),
  band: z.string().nullable(),
  gpa: z.number().nullable(),
});
export type TermGrade = z.infer<typeof TermGrade>;

/** The marks grid of one class in one subject and term: a row per enrolled student. */
export const Gradebook = z.object({
  classId: z.uuid(),
  subjectId: z.uuid(),
  termId: z.uuid(),
  scale: GradingScale,
  assessments: z.array(Assessment),
  rows: z.array(
    z.object({
      studentId: z.uuid(),
      name: z.string(),
      studentNumber: z.string(),
      /** By assessment id; an assessment without an entry is absent. */
      marks: z.record(z.string(), Mark),
      term: TermGrade,
    }),
  ),
});
export type Gradebook = z.infer<typeof Gradebook>;

export const EnterMarksBody = z.strictObject({
  marks: z
    .array(
      z.strictObject({
        assessmentId: z.uuid(),
        studentId: z.uuid(),
        /** Null clears the mark. */
        points: z.number().min(0, 'must not be negative').nullable(),
        excused: z.boolean().default(false),
        comment: z.string().trim().max(500).default(''),
      }),
    )
    .min(1, 'enter at least one mark')
    .max(5000),
});
export type EnterMarksBody = z.input<typeof EnterMarksBody>;
export const EnterMarksResult = z.object({ changed: z.number().int() });
export type EnterMarksResult = z.infer<typeof EnterMarksResult>;

export const StudentGradesQuery = z.strictObject({ termId: z.uuid() });
export type StudentGradesQuery = z.infer<typeof StudentGradesQuery>;

/** One student's results in a term: what the report card prints. */
export const StudentGrades = z.object({
  student: z.object({ id: z.uuid(), name: z.string(), studentNumber: z.string() }),
  term: z.object({ id: z.uuid(), name: z.string(), academicYear: z.string(), startsOn: z.string(), endsOn: z.string() }),
  scale: GradingScale,
  subjects: z.array(
    z.object({
      subjectId: z.uuid(),
      subjectName: z.string(),
      classId: z.uuid(),
      className: z.string(),
      term: TermGrade,
      assessments: z.array(
        z.object({
          id: z.uuid(),
          title: z.string(),
          kind: AssessmentKind,
          dueOn: z.string().nullable(),
          maxPoints: z.number(),
          weight: z.number(),
          mark: Mark.nullable(),
        }),
      ),
    }),
  ),
  /** Mean GPA points over the subjects with a grade, on a GPA scale; else null. */
  gpa: z.number().nullable(),
  /** Attendance over the term: (present + late) ÷ (present + late + absent). */
  attendanceRate: z.number().nullable(),
});
export type StudentGrades = z.infer<typeof StudentGrades>;

/** The weighted percentage of marked, non-excused results, to one decimal; null when there are none. */
export function weightedPercent(results: { points: number | null; excused: boolean; maxPoints: number; weight: number }[]): number | null {
  let sum = 0;
  let weights = 0;
  for (const r of results) {
    if (r.points === null || r.excused || r.maxPoints <= 0) continue;
    sum += r.weight * Math.min(1, r.points / r.maxPoints);
    weights += r.weight;
  }
  // toPrecision drops float noise first, so 93.75 rounds up as a person would (not 93.7499… down).
  return weights === 0 ? null : Math.round(Number(((sum / weights) * 1000).toPrecision(12))) / 10;
}
