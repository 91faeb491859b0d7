// Attendance: a teacher marks a class for a date (and optionally a timetable period). Everyone
// starts as the default status (usually present) and the exceptions are marked.
import { z } from 'zod';

export const AttendanceStatus = z.enum(['present', 'absent', 'late', 'excused']);
export type AttendanceStatus = z.infer<typeof AttendanceStatus>;

const IsoDate = z.iso.date({ message: 'must be a date such as 2026-11-23' });

export const TakeAttendanceBody = z.strictObject({
  /** What every enrolled student not listed in `marks` gets. */
  defaultStatus: AttendanceStatus.default('present'),
  marks: z
    .array(z.strictObject({ studentId: z.uuid(), status: AttendanceStatus, note: z.string().trim().max(300).optional() }))
    .max(1000)
    .default([]),
});
export type TakeAttendanceBody = z.input<typeof TakeAttendanceBody>;

export const AttendanceSessionQuery = z.strictObject({ periodId: z.uuid().optional() });

export const AttendanceMark = z.object({ studentId: z.uuid(), status: AttendanceStatus, note: z.string() });
export type AttendanceMark = z.infer<typeof AttendanceMark>;

export const AttendanceSession = z.object({
  id: z.uuid(),
  classId: z.uuid(),
  periodId: z.uuid().nullable(),
  date: z.string(),
  takenBy: z.uuid(),
  takenAt: z.string(),
  updatedAt: z.string(),
  marks: z.array(AttendanceMark),
});
export type AttendanceSession = z.infer<typeof AttendanceSession>;

export const AttendanceReportQuery = z
  .strictObject({
    classId: z.uuid().optional(),
    studentId: z.uuid().optional(),
    from: IsoDate,
    to: IsoDate,
  })
  .refine((q) => q.to >= q.from, { message: 'must not be before from', path: ['to'] });
export type AttendanceReportQuery = z.infer<typeof AttendanceReportQuery>;

/** Rate: (present + late) ÷ (present + late + absent); excused days count neither way. Null with nothing marked. */
export const AttendanceRow = z.object({
  studentId: z.uuid(),
  present: z.number().int(),
  absent: z.number().int(),
  late: z.number().int(),
  excused: z.number().int(),
  rate: z.number().nullable(),
});
export type AttendanceRow = z.infer<typeof AttendanceRow>;

export const AttendanceReport = z.object({
  from: z.string(),
  to: z.string(),
  rows: z.array(AttendanceRow),
  /** Per day, for the trend chart: the same rate over everyone in the report. */
  days: z.array(z.object({ date: z.string(), rate: z.number().nullable() })),
});
export type AttendanceReport = z.infer<typeof AttendanceReport>;

export const AttendanceSettings = z.object({
  /** A student whose rate over the last 30 days falls below this (0–1) raises an alert. */
  alertBelow: z.number().min(0).max(1),
});
export type AttendanceSettings = z.infer<typeof AttendanceSettings>;
export const UpdateAttendanceSettingsBody = z.strictObject({ alertBelow: z.number().min(0).max(1) });
