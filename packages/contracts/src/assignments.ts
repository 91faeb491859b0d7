// Assignments in a course: a due date on the institution's clock, a late policy, text and/or file
// submissions (resubmitted until the deadline, every version kept), grading by points or a rubric
// (criteria × levels) with inline feedback on the text, grades released when the teacher says, and
// optional anonymous peer review after the deadline.
import { z } from 'zod';

const date = z.iso.date({ message: 'must be a date such as 2026-09-01' });
const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time (HH:MM)');
/** A wall-clock moment in the institution's time zone. */
export const LocalDateTime = z.strictObject({ date, time });
export type LocalDateTime = z.infer<typeof LocalDateTime>;

/** Late work: refused, accepted as is, or accepted with a penalty per started day. */
export const LatePolicy = z.enum(['refuse', 'accept', 'penalise']);
export type LatePolicy = z.infer<typeof LatePolicy>;

const id = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_-]{1,40}$/, 'must be 1–40 letters, digits, - or _');
export const RubricLevel = z.strictObject({
  id,
  title: z.string().trim().min(1, 'is required').max(100),
  points: z.number().min(0).max(1000),
});
export const RubricCriterion = z.strictObject({
  id,
  title: z.string().trim().min(1, 'is required').max(200),
  description: z.string().trim().max(1000).default(''),
  levels: z.array(RubricLevel).min(2, 'needs at least two levels').max(8),
});
export type RubricCriterion = z.infer<typeof RubricCriterion>;
export const Rubric = z.array(RubricCriterion).max(20);
export type Rubric = z.infer<typeof Rubric>;

const fields = {
  title: z.string().trim().min(1, 'is required').max(200),
  instructions: z.string().max(20_000),
  due: LocalDateTime.nullable(),
  latePolicy: LatePolicy,
  /** With `penalise`: percent of the grade taken per started day late (the grade never goes below 0). */
  latePenaltyPercent: z.number().min(0).max(100),
  allowText: z.boolean(),
  allowFiles: z.boolean(),
  /** Points when graded without a rubric; with one, the sum of each criterion's best level. */
  maxPoints: z.number().positive().max(10_000),
  rubric: Rubric,
  /** How many classmates' submissions each learner reviews after the deadline (0: no peer review). */
  peerReviews: z.number().int().min(0).max(5),
  published: z.boolean(),
  categoryId: z.uuid().nullable(),
};
const needsAWay = (b: { allowText?: boolean; allowFiles?: boolean }) => b.allowText !== false || b.allowFiles !== false;

export const CreateAssignmentBody = z
  .strictObject({
    title: fields.title,
    instructions: fields.instructions.default(''),
    due: fields.due.default(null),
    latePolicy: fields.latePolicy.default('accept'),
    latePenaltyPercent: fields.latePenaltyPercent.default(10),
    allowText: fields.allowText.default(true),
    allowFiles: fields.allowFiles.default(true),
    maxPoints: fields.maxPoints.default(100),
    rubric: fields.rubric.default([]),
    peerReviews: fields.peerReviews.default(0),
    published: fields.published.default(false),
    categoryId: fields.categoryId.default(null),
  })
  .refine(needsAWay, { message: 'allow text, files or both', path: ['allowFiles'] });
export type CreateAssignmentBody = z.input<typeof CreateAssignmentBody>;
export const UpdateAssignmentBody = z
  .strictObject({
    title: fields.title.optional(),
    instructions: fields.instructions.optional(),
    due: fields.due.optional(),
    latePolicy: fields.latePolicy.optional(),
    latePenaltyPercent: fields.latePenaltyPercent.optional(),
    allowText: fields.allowText.optional(),
    allowFiles: fields.allowFiles.optional(),
    maxPoints: fields.maxPoints.optional(),
    rubric: fields.rubric.optional(),
    peerReviews: fields.peerReviews.optional(),
    published: fields.published.optional(),
    categoryId: fields.categoryId.optional(),
  })
  .refine(needsAWay, { message: 'allow text, files or both', path: ['allowFiles'] });
export type UpdateAssignmentBody = z.infer<typeof UpdateAssignmentBody>;

export const SubmissionStatus = z.enum(['not_submitted', 'submitted', 'graded']);
export type SubmissionStatus = z.infer<typeof SubmissionStatus>;

export const Assignment = z.object({
  id: z.uuid(),
  courseId: z.uuid(),
  title: z.string(),
  instructions: z.string(),
  due: LocalDateTime.nullable(),
  /** The due moment as an instant, and the zone its wall-clock time is in. */
  dueAt: z.string().nullable(),
  timeZone: z.string(),
  latePolicy: LatePolicy,
  latePenaltyPercent: z.number(),
  allowText: z.boolean(),
  allowFiles: z.boolean(),
  maxPoints: z.number(),
  rubric: Rubric,
  peerReviews: z.number().int(),
  published: z.boolean(),
  categoryId: z.uuid().nullable(),
  /** When grades were released to learners (null: not yet). */
  releasedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** For a learner: where their own work stands. */
  mine: z.object({ status: SubmissionStatus, submittedAt: z.string().nullable(), lateDays: z.number().int() }).nullable(),
  /** For the course's editors: how far submission and marking are. */
  stats: z.object({ learners: z.number().int(), submitted: z.number().int(), graded: z.number().int() }).nullable(),
});
export type Assignment = z.infer<typeof Assignment>;

/** A comment on a span of the submitted text: characters [start, end). */
export const Annotation = z.strictObject({
  start: z.number().int().min(0),
  end: z.number().int().min(1),
  comment: z.string().trim().min(1, 'is required').max(2000),
});
export type Annotation = z.infer<typeof Annotation>;

export const GradeSubmissionBody = z.strictObject({
  /** Criterion id → level id, for every criterion, when the assignment has a rubric. */
  rubric: z.record(z.string(), z.string()).default({}),
  /** Without a rubric: the points, from 0 to the assignment's maximum. */
  points: z.number().min(0).nullable().default(null),
  feedback: z.string().max(20_000).default(''),
  annotations: z.array(Annotation).max(200).default([]),
});
export type GradeSubmissionBody = z.input<typeof GradeSubmissionBody>;

export const SubmissionGrade = z.object({
  rubric: z.record(z.string(), z.string()),
  /** Before any late penalty. */
  points: z.number(),
  maxPoints: z.number(),
  penaltyPercent: z.number(),
  /** After the penalty, 0–100. */
  percent: z.number(),
  feedback: z.string(),
  annotations: z.array(Annotation),
  /** The version the grade was given on. */
  version: z.number().int(),
  gradedAt: z.string(),
});
export type SubmissionGrade = z.infer<typeof SubmissionGrade>;

const FileInfo = z.object({ name: z.string(), type: z.string(), size: z.number().int() });

export const PeerReviewBody = z.strictObject({
  comment: z.string().trim().min(1, 'is required').max(5000),
  rubric: z.record(z.string(), z.string()).default({}),
});
export type PeerReviewBody = z.input<typeof PeerReviewBody>;

/** A peer review as its author (the submission's learner) sees it: the reviewer stays anonymous. */
export const ReceivedReview = z.object({ comment: z.string(), rubric: z.record(z.string(), z.string()), submittedAt: z.string() });

export const Submission = z.object({
  assignmentId: z.uuid(),
  userId: z.uuid(),
  displayName: z.string(),
  status: SubmissionStatus,
  /** The latest version (0: nothing submitted yet). */
  version: z.number().int(),
  text: z.string(),
  file: FileInfo.nullable(),
  submittedAt: z.string().nullable(),
  /** Started days after the due moment (0: on time). */
  lateDays: z.number().int(),
  /** Earlier versions, newest first. */
  history: z.array(z.object({ version: z.number().int(), submittedAt: z.string(), lateDays: z.number().int() })),
  /** Learners see it once released; editors always. */
  grade: SubmissionGrade.nullable(),
  /** Whether the learner may still (re)submit, and why not. */
  canSubmit: z.boolean(),
  closedReason: z.string().nullable(),
  /** Peer reviews of this work: shown to its learner once grades are released, and to editors. */
  reviews: z.array(ReceivedReview),
});
export type Submission = z.infer<typeof Submission>;

/** A submission a learner was given to review, without its author's name. */
export const ReviewTask = z.object({
  id: z.uuid(),
  /** "Submission 1", "Submission 2"… in the order given. */
  label: z.string(),
  text: z.string(),
  file: FileInfo.nullable(),
  comment: z.string().nullable(),
  rubric: z.record(z.string(), z.string()),
  submittedAt: z.string().nullable(),
});
export type ReviewTask = z.infer<typeof ReviewTask>;

export const PeerReviews = z.object({
  /** Whether reviews have been handed out (after the deadline, to those who submitted). */
  open: z.boolean(),
  /** For a learner: the reviews they are to write. */
  tasks: z.array(ReviewTask),
  /** For editors: every review, with names. */
  all: z.array(
    z.object({
      id: z.uuid(),
      reviewerId: z.uuid(),
      reviewerName: z.string(),
      authorId: z.uuid(),
      authorName: z.string(),
      comment: z.string().nullable(),
      submittedAt: z.string().nullable(),
    }),
  ),
});
export type PeerReviews = z.infer<typeof PeerReviews>;

/** Sends the course's grades to the Hub's grades: one assessment per class for this term. */
export const ReleaseCourseGradesBody = z.strictObject({
  termId: z.uuid(),
  weight: z.number().positive().max(1000).default(1),
});
export type ReleaseCourseGradesBody = z.input<typeof ReleaseCourseGradesBody>;
export const CourseGradesRelease = z.object({
  termId: z.uuid(),
  weight: z.number(),
  learners: z.number().int(),
  classIds: z.array(z.uuid()),
  releasedAt: z.string(),
});
export type CourseGradesRelease = z.infer<typeof CourseGradesRelease>;
