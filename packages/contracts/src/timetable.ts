// The weekly timetable: periods of a class (subject, teacher, room, weekday and time, in the
// institution's time zone), and iCalendar feeds per class, teacher or student.
import { z } from 'zod';

const Time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'must be a time such as 09:30' });

export const Period = z.object({
  id: z.uuid(),
  classId: z.uuid(),
  subjectId: z.uuid().nullable(),
  /** A member who teaches (teacher, admin or owner role). */
  teacherId: z.uuid().nullable(),
  room: z.string().nullable(),
  /** ISO weekday: 1 is Monday, 7 is Sunday. */
  weekday: z.number().int().min(1).max(7),
  startsAt: z.string(),
  endsAt: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Period = z.infer<typeof Period>;

export const CreatePeriodBody = z
  .strictObject({
    classId: z.uuid(),
    subjectId: z.uuid().nullable().optional(),
    teacherId: z.uuid().nullable().optional(),
    room: z.string().trim().min(1).max(60).nullable().optional(),
    weekday: z.number().int().min(1).max(7),
    startsAt: Time,
    endsAt: Time,
  })
  .refine((p) => p.endsAt > p.startsAt, { message: 'must be after startsAt', path: ['endsAt'] });
export type CreatePeriodBody = z.input<typeof CreatePeriodBody>;

export const UpdatePeriodBody = z.strictObject({
  subjectId: z.uuid().nullable().optional(),
  teacherId: z.uuid().nullable().optional(),
  room: z.string().trim().min(1).max(60).nullable().optional(),
  weekday: z.number().int().min(1).max(7).optional(),
  startsAt: Time.optional(),
  endsAt: Time.optional(),
});
export type UpdatePeriodBody = z.infer<typeof UpdatePeriodBody>;

export const TimetableQuery = z.strictObject({
  classId: z.uuid().optional(),
  teacherId: z.uuid().optional(),
  studentId: z.uuid().optional(),
  room: z.string().max(60).optional(),
});
export type TimetableQuery = z.infer<typeof TimetableQuery>;

export const FeedKind = z.enum(['class', 'teacher', 'student']);
export const CreateFeedBody = z.strictObject({ kind: FeedKind, id: z.uuid() });
export type CreateFeedBody = z.infer<typeof CreateFeedBody>;

export const CalendarFeed = z.object({
  id: z.uuid(),
  kind: FeedKind,
  subjectId: z.uuid(),
  /** Only when created: the secret address to subscribe to. */
  url: z.string().optional(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
});
export type CalendarFeed = z.infer<typeof CalendarFeed>;
