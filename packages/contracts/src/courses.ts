// Courses: the learning side of an institution. A course has modules of ordered lessons, is a
// draft until published, and is seen by the institution, by chosen classes, or by everyone (then
// it is listed in the global catalogue). Students enrol by class roster, individually, or with a
// join code.
import { z } from 'zod';
import { PageQuery, pageOf } from './common.ts';

export const CourseVisibility = z.enum(['institution', 'class', 'public']);
export type CourseVisibility = z.infer<typeof CourseVisibility>;
export const CourseStatus = z.enum(['draft', 'published', 'archived']);
export type CourseStatus = z.infer<typeof CourseStatus>;

const Title = z.string().trim().min(1, 'is required').max(200);
const Summary = z.string().trim().max(500);
/** Markdown; sanitised when rendered, never trusted as HTML. */
const Markdown = z.string().max(100_000);

export const CreateCourseBody = z.strictObject({
  title: Title,
  code: z.string().trim().max(40).default(''),
  summary: Summary.default(''),
  description: Markdown.default(''),
  visibility: CourseVisibility.default('institution'),
  /** The classes that see the course (visibility `class`) and whose rosters may be enrolled. */
  classIds: z.array(z.uuid()).max(50).default([]),
  subjectId: z.uuid().nullable().default(null),
  capacity: z.number().int().positive().max(100_000).nullable().default(null),
});
export type CreateCourseBody = z.input<typeof CreateCourseBody>;

export const UpdateCourseBody = z.strictObject({
  title: Title.optional(),
  code: z.string().trim().max(40).optional(),
  summary: Summary.optional(),
  description: Markdown.optional(),
  visibility: CourseVisibility.optional(),
  classIds: z.array(z.uuid()).max(50).optional(),
  subjectId: z.uuid().nullable().optional(),
  capacity: z.number().int().positive().max(100_000).nullable().optional(),
  /** Publish, take back to draft, archive, or restore (to draft). */
  status: CourseStatus.optional(),
});
export type UpdateCourseBody = z.infer<typeof UpdateCourseBody>;

export const Course = z.object({
  id: z.uuid(),
  institutionId: z.uuid(),
  title: z.string(),
  code: z.string(),
  summary: z.string(),
  description: z.string(),
  visibility: CourseVisibility,
  status: CourseStatus,
  /** The chosen classes, and the classes whose rosters are enrolled: who sees a class course. */
  classIds: z.array(z.uuid()),
  subjectId: z.uuid().nullable(),
  capacity: z.number().int().nullable(),
  ownerId: z.uuid(),
  /** Only for those who manage the course. */
  joinCode: z.string().nullable(),
  enrolled: z.number().int(),
  /** Courses to complete before this one (a learning path's prerequisites). */
  requires: z.array(z.uuid()),
  /** Whether the caller is enrolled; and whether they may edit it. */
  isEnrolled: z.boolean(),
  canEdit: z.boolean(),
  publishedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Course = z.infer<typeof Course>;

export const CourseQuery = PageQuery.extend({
  q: z.string().trim().max(100).optional(),
  status: z.enum(['draft', 'published', 'archived', 'all']).default('all'),
  /** `mine`: courses the caller teaches or is enrolled in. */
  scope: z.enum(['all', 'mine']).default('all'),
});
export type CourseQuery = z.infer<typeof CourseQuery>;
export const CoursePage = pageOf(Course);

export const LessonKind = z.enum(['text', 'video', 'file', 'link']);
export type LessonKind = z.infer<typeof LessonKind>;

const VideoUrl = z.url({ protocol: /^https$/, error: 'must be an https URL' }).max(2000);
const LinkUrl = z.url({ protocol: /^https?$/, error: 'must be an http or https URL' }).max(2000);

export const CreateModuleBody = z.strictObject({ title: Title, summary: Summary.default('') });
export type CreateModuleBody = z.input<typeof CreateModuleBody>;
export const UpdateModuleBody = z.strictObject({ title: Title.optional(), summary: Summary.optional() });
export type UpdateModuleBody = z.infer<typeof UpdateModuleBody>;

export const CreateLessonBody = z.strictObject({
  title: Title,
  kind: LessonKind.default('text'),
  body: Markdown.default(''),
  videoUrl: VideoUrl.nullable().default(null),
  linkUrl: LinkUrl.nullable().default(null),
  minutes: z.number().int().min(0).max(1000).nullable().default(null),
  published: z.boolean().default(false),
});
export type CreateLessonBody = z.input<typeof CreateLessonBody>;
export const UpdateLessonBody = z.strictObject({
  title: Title.optional(),
  kind: LessonKind.optional(),
  body: Markdown.optional(),
  videoUrl: VideoUrl.nullable().optional(),
  linkUrl: LinkUrl.nullable().optional(),
  minutes: z.number().int().min(0).max(1000).nullable().optional(),
  published: z.boolean().optional(),
  /** Move to another module of the same course (to its end unless reordered). */
  moduleId: z.uuid().optional(),
});
export type UpdateLessonBody = z.infer<typeof UpdateLessonBody>;

/** The new order: every id of the module (or of the course's modules), each once. */
export const ReorderBody = z.strictObject({ ids: z.array(z.uuid()).min(1).max(500) });
export type ReorderBody = z.infer<typeof ReorderBody>;

export const Lesson = z.object({
  id: z.uuid(),
  moduleId: z.uuid(),
  title: z.string(),
  kind: LessonKind,
  body: z.string(),
  videoUrl: z.string().nullable(),
  linkUrl: z.string().nullable(),
  minutes: z.number().int().nullable(),
  published: z.boolean(),
  position: z.number().int(),
  /** The uploaded file of a file lesson (download it from the lesson's `/file`). */
  file: z.object({ name: z.string(), type: z.string(), size: z.number().int() }).nullable(),
  updatedAt: z.string(),
});
export type Lesson = z.infer<typeof Lesson>;

/** Something still to complete before an item opens. */
export const Prerequisite = z.object({ kind: z.enum(['course', 'module']), id: z.uuid(), title: z.string() });
export type Prerequisite = z.infer<typeof Prerequisite>;

export const CourseModule = z.object({
  id: z.uuid(),
  title: z.string(),
  summary: z.string(),
  position: z.number().int(),
  /** Modules of this course to complete first. */
  requires: z.array(z.uuid()),
  /** For the caller: what is still to complete before this module opens (empty: open). */
  lockedBy: z.array(Prerequisite),
  lessons: z.array(Lesson),
});
export type CourseModule = z.infer<typeof CourseModule>;

/** A course with its outline; learners get only published lessons, and what still locks the course for them. */
export const CourseOutline = z.object({ course: Course, lockedBy: z.array(Prerequisite), modules: z.array(CourseModule) });
export type CourseOutline = z.infer<typeof CourseOutline>;

// --- enrolment -----------------------------------------------------------------------------

export const EnrolmentSource = z.enum(['class', 'individual', 'join_code']);
export type EnrolmentSource = z.infer<typeof EnrolmentSource>;

export const CourseEnrolBody = z.strictObject({
  /** Members to enrol one by one (students of the institution). */
  userIds: z.array(z.uuid()).max(500).default([]),
  /** Classes whose rosters to enrol, and keep in step as the classes change. */
  classIds: z.array(z.uuid()).max(50).default([]),
});
export type CourseEnrolBody = z.input<typeof CourseEnrolBody>;

export const CourseEnrolment = z.object({
  userId: z.uuid(),
  displayName: z.string(),
  sources: z.array(EnrolmentSource),
  enrolledAt: z.string(),
});
export type CourseEnrolment = z.infer<typeof CourseEnrolment>;

export const JoinCourseBody = z.strictObject({ code: z.string().trim().min(4, 'is too short').max(20) });
export type JoinCourseBody = z.infer<typeof JoinCourseBody>;

// --- the global catalogue -------------------------------------------------------------------

export const CatalogueEntry = z.object({
  courseId: z.uuid(),
  institutionId: z.uuid(),
  institutionName: z.string(),
  title: z.string(),
  summary: z.string(),
  publishedAt: z.string(),
});
export type CatalogueEntry = z.infer<typeof CatalogueEntry>;
export const CatalogueQuery = PageQuery.extend({ q: z.string().trim().max(100).optional() });
export type CatalogueQuery = z.infer<typeof CatalogueQuery>;
export const CataloguePage = pageOf(CatalogueEntry);

/** What anyone may see of a public course before joining: its description and outline, no lesson bodies. */
export const CatalogueCourse = CatalogueEntry.extend({
  description: z.string(),
  modules: z.array(z.object({ title: z.string(), lessons: z.array(z.object({ title: z.string(), kind: LessonKind })) })),
});
export type CatalogueCourse = z.infer<typeof CatalogueCourse>;

// --- progress -------------------------------------------------------------------------------

export const RecordProgressBody = z.strictObject({
  /** Time spent since the last report, in seconds; the client reports at most every few minutes. */
  seconds: z.number().int().min(0).max(600).default(0),
  /** Marks the lesson done (it stays done). */
  completed: z.boolean().default(false),
});
export type RecordProgressBody = z.input<typeof RecordProgressBody>;

export const CourseProgress = z.object({
  courseId: z.uuid(),
  userId: z.uuid(),
  completedLessonIds: z.array(z.uuid()),
  /** Completed published lessons ÷ published lessons, 0–1; per module and for the course. */
  modules: z.array(z.object({ moduleId: z.uuid(), completed: z.number().int(), lessons: z.number().int(), ratio: z.number() })),
  ratio: z.number(),
  secondsSpent: z.number().int(),
  /** Where to continue: the last lesson opened if not done, else the first published lesson not done; null when all are. */
  continueLessonId: z.uuid().nullable(),
  completedAt: z.string().nullable(),
});
export type CourseProgress = z.infer<typeof CourseProgress>;

/** Editors' view: each enrolled member's progress. */
export const CourseProgressSummary = z.array(
  z.object({
    userId: z.uuid(),
    displayName: z.string(),
    ratio: z.number(),
    secondsSpent: z.number().int(),
    completedAt: z.string().nullable(),
  }),
);
export type CourseProgressSummary = z.infer<typeof CourseProgressSummary>;

// --- learning paths -------------------------------------------------------------------------

/** The prerequisites of a course (other courses) or of a module (modules of the same course). */
export const SetPrerequisitesBody = z.strictObject({ requires: z.array(z.uuid()).max(20) });
export type SetPrerequisitesBody = z.infer<typeof SetPrerequisitesBody>;

/** The institution's courses as a graph: an edge runs from a prerequisite to the course it opens. */
export const CourseGraph = z.object({
  nodes: z.array(
    z.object({
      id: z.uuid(),
      title: z.string(),
      status: CourseStatus,
      completed: z.boolean(),
      lockedBy: z.array(Prerequisite),
    }),
  ),
  edges: z.array(z.object({ from: z.uuid(), to: z.uuid() })),
});
export type CourseGraph = z.infer<typeof CourseGraph>;

// --- analytics ------------------------------------------------------------------------------

/** A course's figures for its editors: completion, time per lesson, where learners stop, quiz items. */
export const CourseAnalytics = z.object({
  enrolled: z.number().int(),
  completed: z.number().int(),
  /** completed ÷ enrolled, 0–1 (0 with nobody enrolled). */
  completionRate: z.number(),
  /** Published lessons in outline order: how many finished each, their mean time, and how many got that far. */
  lessons: z.array(
    z.object({
      lessonId: z.uuid(),
      title: z.string(),
      completed: z.number().int(),
      meanMinutes: z.number(),
      /** Learners whose furthest finished lesson is this one and who went no further: where they stopped. */
      stoppedHere: z.number().int(),
    }),
  ),
  quizzes: z.array(
    z.object({
      quizId: z.uuid(),
      title: z.string(),
      attempts: z.number().int(),
      items: z.array(
        z.object({
          questionId: z.string(),
          prompt: z.string(),
          answered: z.number().int(),
          /** Mean share of the points earned (the item's facility: high is easy), null with no answers. */
          difficulty: z.number().nullable(),
          /** Top third's mean share minus the bottom third's, by attempt score (−1 to 1); null below 6 attempts. */
          discrimination: z.number().nullable(),
        }),
      ),
    }),
  ),
});
export type CourseAnalytics = z.infer<typeof CourseAnalytics>;
