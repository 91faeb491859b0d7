// Event contracts: the envelope every event travels in, and one versioned payload schema per type.
// Publishing an unknown type or an invalid payload throws (the outbox validates against this catalog).
import { z } from 'zod';
import { chatEvents } from './chat-events.ts';
import { InstitutionRole } from './institutions.ts';
import { NotificationCategory } from './notification-settings.ts';
import { socialEvents } from './social-events.ts';

/** p0 critical (auth, security: never dropped), p1 high (live, < 500 ms), p2 normal (< 2 s), p3 background (< 5 min). */
export const Priority = z.enum(['p0', 'p1', 'p2', 'p3']);
export type Priority = z.infer<typeof Priority>;
export const PRIORITIES: readonly Priority[] = Priority.options;

export const EventEnvelope = z.object({
  id: z.uuid(),
  /** `module.noun_verb`, such as `institutions.member_joined`. */
  type: z.string().regex(/^[a-z_]+\.[a-z_]+$/),
  version: z.number().int().min(1),
  occurredAt: z.string(),
  tenantId: z.uuid().nullable(),
  actorId: z.uuid().nullable(),
  /** Orders events: consumers see events of one key in publishing order. */
  key: z.string().min(1).max(200),
  priority: Priority,
  payload: z.unknown(),
});
export type EventEnvelope<P = unknown> = Omit<z.infer<typeof EventEnvelope>, 'payload'> & { payload: P };

export type EventDefinition<S extends z.ZodType = z.ZodType> = {
  version: number;
  priority: Priority;
  payload: S;
};

const define = <S extends z.ZodType>(version: number, priority: Priority, payload: S): EventDefinition<S> => ({
  version,
  priority,
  payload,
});

/** Every event type of the platform. A breaking payload change is a new version, published alongside the old. */
export const eventCatalog = {
  'identity.user_registered': define(1, 'p2', z.object({ userId: z.uuid(), email: z.string(), displayName: z.string() })),
  /** Security: signed-out sessions must lose their live connections at once. */
  'identity.sessions_revoked': define(1, 'p0', z.object({ userId: z.uuid(), sessionIds: z.array(z.uuid()), reason: z.string() })),
  /**
   * A user signed in or renewed their session: published at most once per user per clock hour (the
   * event's time says when), so dashboards count active users without a write on every request.
   */
  'identity.user_active': define(1, 'p3', z.object({ userId: z.uuid() })),
  /** A user changed their display name. */
  'identity.user_renamed': define(1, 'p2', z.object({ userId: z.uuid(), displayName: z.string() })),
  'institutions.institution_provisioned': define(
    1,
    'p2',
    z.object({ institutionId: z.uuid(), name: z.string(), slug: z.string(), ownerId: z.uuid() }),
  ),
  // Member events carry the institution's name, so consumers need not ask the institutions module.
  'institutions.member_invited': define(
    1,
    'p2',
    z.object({
      institutionId: z.uuid(),
      institutionName: z.string(),
      invitationId: z.uuid(),
      email: z.string(),
      /** The invitee's account when they already have one. */
      inviteeUserId: z.uuid().nullable(),
      role: InstitutionRole,
      invitedBy: z.uuid(),
    }),
  ),
  'institutions.member_joined': define(
    1,
    'p1',
    z.object({ institutionId: z.uuid(), institutionName: z.string(), userId: z.uuid(), role: InstitutionRole }),
  ),
  'institutions.member_role_changed': define(
    1,
    'p1',
    z.object({ institutionId: z.uuid(), institutionName: z.string(), userId: z.uuid(), from: InstitutionRole, to: InstitutionRole }),
  ),
  'institutions.member_removed': define(
    1,
    'p1',
    z.object({ institutionId: z.uuid(), institutionName: z.string(), userId: z.uuid(), role: InstitutionRole }),
  ),
  /** Departments, programs, subjects, classes and academic years: created, updated, archived, restored, deleted. */
  'institutions.structure_changed': define(
    1,
    'p2',
    z.object({
      institutionId: z.uuid(),
      kind: z.enum(['departments', 'programs', 'subjects', 'classes', 'academic_years']),
      id: z.uuid(),
      action: z.enum(['created', 'updated', 'archived', 'restored', 'deleted']),
      name: z.string(),
    }),
  ),
  /** Student and staff records: created, updated, archived, restored, deleted (ids only: no personal data). */
  'institutions.people_changed': define(
    1,
    'p2',
    z.object({
      institutionId: z.uuid(),
      kind: z.enum(['students', 'staff']),
      id: z.uuid(),
      action: z.enum(['created', 'updated', 'archived', 'restored', 'deleted']),
    }),
  ),
  /** Students enrolled in or removed from a class (courses keep class rosters in step with this). */
  'institutions.enrolment_changed': define(
    1,
    'p2',
    z.object({
      institutionId: z.uuid(),
      classId: z.uuid(),
      studentIds: z.array(z.uuid()),
      action: z.enum(['enrolled', 'unenrolled']),
    }),
  ),
  /** A roster import was committed: one summary instead of an event per row. */
  'institutions.roster_imported': define(
    1,
    'p2',
    z.object({
      institutionId: z.uuid(),
      importId: z.uuid(),
      created: z.record(z.string(), z.number().int()),
      updated: z.record(z.string(), z.number().int()),
    }),
  ),
  /** A student's attendance over the last 30 days fell below the institution's threshold. */
  'institutions.attendance_alert': define(
    1,
    'p2',
    z.object({ institutionId: z.uuid(), studentId: z.uuid(), classId: z.uuid(), rate: z.number(), threshold: z.number() }),
  ),
  /** A register was taken or corrected: its totals, so dashboards keep a daily trend without scanning marks. */
  'institutions.attendance_taken': define(
    1,
    'p3',
    z.object({
      institutionId: z.uuid(),
      sessionId: z.uuid(),
      classId: z.uuid(),
      date: z.string(),
      present: z.number().int(),
      absent: z.number().int(),
      late: z.number().int(),
      excused: z.number().int(),
    }),
  ),
  /** An assessment was set, changed or deleted (dashboards list the marking still to do from it). */
  'institutions.assessment_changed': define(
    1,
    'p3',
    z.object({
      institutionId: z.uuid(),
      assessmentId: z.uuid(),
      classId: z.uuid(),
      subjectId: z.uuid(),
      termId: z.uuid(),
      title: z.string(),
      dueOn: z.string().nullable(),
      action: z.enum(['created', 'updated', 'deleted']),
    }),
  ),
  /**
   * A student's mark for an assessment was entered, changed or cleared. Carries the student's
   * resulting term grade in that subject, so dashboards keep a grade distribution without scanning marks.
   */
  'institutions.grade_updated': define(
    1,
    'p2',
    z.object({
      institutionId: z.uuid(),
      studentId: z.uuid(),
      classId: z.uuid(),
      subjectId: z.uuid(),
      termId: z.uuid(),
      assessmentId: z.uuid(),
      assessmentTitle: z.string(),
      /** Null when the mark was cleared or the student is excused. */
      points: z.number().nullable(),
      excused: z.boolean().default(false),
      maxPoints: z.number(),
      /** The weighted term percentage in this subject after the change, null with nothing marked. */
      termPercent: z.number().nullable(),
      termBand: z.string().nullable(),
    }),
  ),
  'institutions.announcement_published': define(
    1,
    'p1',
    z.object({
      institutionId: z.uuid(),
      announcementId: z.uuid(),
      title: z.string(),
      audienceKind: z.enum(['institution', 'department', 'class']),
      recipients: z.number().int(),
    }),
  ),
  /** A course was created, changed, published, archived or deleted (the public catalogue follows this). */
  'courses.course_changed': define(
    1,
    'p2',
    z.object({
      institutionId: z.uuid(),
      courseId: z.uuid(),
      institutionName: z.string(),
      title: z.string(),
      summary: z.string(),
      visibility: z.enum(['institution', 'class', 'public']),
      status: z.enum(['draft', 'published', 'archived']),
      publishedAt: z.string().nullable(),
      action: z.enum(['created', 'updated', 'deleted']),
    }),
  ),
  /** Members joined or left a course (by roster, by hand or with a join code). */
  'courses.enrolment_changed': define(
    1,
    'p2',
    z.object({
      institutionId: z.uuid(),
      courseId: z.uuid(),
      userIds: z.array(z.uuid()),
      action: z.enum(['enrolled', 'unenrolled']),
    }),
  ),
  /** A learner finished a lesson (gamification and analytics count these). */
  'courses.lesson_completed': define(
    1,
    'p2',
    z.object({ institutionId: z.uuid(), courseId: z.uuid(), lessonId: z.uuid(), userId: z.uuid() }),
  ),
  /** A learner finished every published lesson of a course. */
  'courses.course_completed': define(1, 'p2', z.object({ institutionId: z.uuid(), courseId: z.uuid(), userId: z.uuid() })),
  /** A quiz attempt was submitted (or closed at its deadline), or an essay in it graded: its score now. */
  'courses.quiz_scored': define(
    1,
    'p2',
    z.object({
      institutionId: z.uuid(),
      courseId: z.uuid(),
      quizId: z.uuid(),
      attemptId: z.uuid(),
      userId: z.uuid(),
      score: z.number(),
      maxScore: z.number(),
      needsReview: z.boolean(),
    }),
  ),
  /**
   * A teacher released a course's grades to the Hub: one assessment per class (keyed by course, class
   * and term) whose marks are the learners' course totals in percent.
   */
  'courses.grades_released': define(
    1,
    'p2',
    z.object({
      institutionId: z.uuid(),
      courseId: z.uuid(),
      courseTitle: z.string(),
      subjectId: z.uuid(),
      termId: z.uuid(),
      weight: z.number(),
      classIds: z.array(z.uuid()),
      grades: z.array(z.object({ userId: z.uuid(), percent: z.number() })),
      releasedBy: z.uuid(),
    }),
  ),
  /** A learner earned a badge. */
  'courses.badge_awarded': define(1, 'p3', z.object({ institutionId: z.uuid(), userId: z.uuid(), badge: z.string() })),
  ...socialEvents,
  ...chatEvents,
  /** Any module asks for an in-app notification by publishing this. */
  'notifications.notification_requested': define(
    1,
    'p2',
    z.object({
      userId: z.uuid(),
      kind: z.string().regex(/^[a-z_]+\.[a-z_]+$/),
      title: z.string().min(1).max(200),
      body: z.string().max(2000).default(''),
      link: z.string().max(500).nullable().default(null),
      institutionId: z.uuid().nullable().default(null),
      /**
       * Requests with the same group key for the same person within a short window become one entry
       * ("Ana and 4 others liked your post"), one e-mail and one push, e.g. `social.post_liked:<postId>`.
       */
      groupKey: z.string().min(1).max(200).nullable().default(null),
      /** Who acted; when the title starts with it, grouped titles name the others ("Ana and Bo …"). */
      actorName: z.string().min(1).max(100).nullable().default(null),
      /** Who acted, by id: the entry shows their picture. */
      actorId: z.uuid().nullable().default(null),
    }),
  ),
  /**
   * Marks a person's unread entries of a group read (e.g. a chat they have read to the end). Keyed
   * by the person like requests, so it is applied after every request published before it.
   */
  'notifications.group_read_requested': define(1, 'p2', z.object({ userId: z.uuid(), groupKey: z.string().min(1).max(200) })),
} satisfies Record<string, EventDefinition>;

export type EventCatalog = typeof eventCatalog;
export type EventType = keyof EventCatalog;
export type EventPayload<T extends EventType> = z.infer<EventCatalog[T]['payload']>;

/** What a publisher supplies; the outbox fills in id, time, version and (by default) priority. */
export type NewEvent = {
  [T in EventType]: {
    type: T;
    payload: z.input<EventCatalog[T]['payload']>;
    key: string;
    tenantId?: string | null;
    actorId?: string | null;
    priority?: Priority;
  };
}[EventType];

export const DeadLetterStatus = z.enum(['pending', 'retried', 'discarded']);

export const DeadLetter = z.object({
  id: z.uuid(),
  group: z.string(),
  event: EventEnvelope,
  error: z.string(),
  attempts: z.array(z.object({ at: z.string(), error: z.string() })),
  status: DeadLetterStatus,
  createdAt: z.string(),
  resolvedAt: z.string().nullable(),
});
export type DeadLetter = z.infer<typeof DeadLetter>;

export const DeadLetterQuery = z.strictObject({
  group: z.string().max(100).optional(),
  type: z.string().max(100).optional(),
  status: DeadLetterStatus.optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export type DeadLetterQuery = z.infer<typeof DeadLetterQuery>;

export const Notification = z.object({
  id: z.uuid(),
  kind: z.string(),
  /** Which settings category the kind belongs to (social_reactions, grades…). */
  category: NotificationCategory,
  title: z.string(),
  body: z.string(),
  link: z.string().nullable(),
  institutionId: z.uuid().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
  /** Requests grouped into this entry (1 for most). */
  count: z.number().int().min(1),
  /** The person who acted last, for a picture beside the entry; null for system notices. */
  actor: z.object({ userId: z.uuid(), displayName: z.string(), avatarUrl: z.string().nullable() }).nullable(),
});
export type Notification = z.infer<typeof Notification>;

export const NotificationQuery = z.strictObject({
  unread: z.enum(['true', 'false']).optional(),
  category: NotificationCategory.optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type NotificationQuery = z.infer<typeof NotificationQuery>;
