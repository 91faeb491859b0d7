// The institution dashboard, shaped by the caller's role: institution-wide figures for those who run
// it, the day's work for teachers, and their own (or their children's) day for students and parents.
// Institution-wide figures come from event-fed aggregates, so they may lag writes by a few seconds.
import { z } from 'zod';

/** Rate: (present + late) ÷ (present + late + absent); null when nothing was counted. */
const Rate = z.number().min(0).max(1).nullable();

export const AttendanceTotals = z.object({
  present: z.number().int(),
  absent: z.number().int(),
  late: z.number().int(),
  excused: z.number().int(),
  rate: Rate,
});
export type AttendanceTotals = z.infer<typeof AttendanceTotals>;

/** One lesson of today's timetable, in the institution's time zone. */
export const DashboardLesson = z.object({
  periodId: z.uuid(),
  classId: z.uuid(),
  className: z.string(),
  subjectName: z.string().nullable(),
  room: z.string().nullable(),
  startsAt: z.string(),
  endsAt: z.string(),
});
export type DashboardLesson = z.infer<typeof DashboardLesson>;

export const AdminDashboard = z.object({
  kind: z.literal('admin'),
  /** Today in the institution's time zone (YYYY-MM-DD). */
  today: z.string(),
  enrolment: z.object({
    /** Enrolments of active students (a student in two classes counts twice). */
    total: z.number().int(),
    departments: z.array(
      z.object({ departmentId: z.uuid().nullable(), name: z.string(), classes: z.number().int(), students: z.number().int() }),
    ),
  }),
  attendance: z.object({
    from: z.string(),
    to: z.string(),
    /** Over the whole window. */
    overall: AttendanceTotals,
    /** Every day of the window, oldest first; days without registers have a null rate. */
    days: z.array(AttendanceTotals.extend({ date: z.string() })),
  }),
  grades: z.object({
    /** The term shown: the current one, else the latest with grades; null with none. */
    term: z.object({ id: z.uuid(), name: z.string() }).nullable(),
    /** Term grades (one per student and subject) in each band of the current grading scale, highest first. */
    bands: z.array(z.object({ label: z.string(), min: z.number(), count: z.number().int() })),
    graded: z.number().int(),
  }),
  activeUsers: z.object({
    members: z.number().int(),
    last7Days: z.number().int(),
    last30Days: z.number().int(),
    /** Distinct members active each day of the last 30, oldest first. */
    days: z.array(z.object({ date: z.string(), users: z.number().int() })),
  }),
});
export type AdminDashboard = z.infer<typeof AdminDashboard>;

export const TeacherDashboard = z.object({
  kind: z.literal('teacher'),
  today: z.string(),
  lessons: z.array(DashboardLesson.extend({ registerTaken: z.boolean() })),
  /** Today's lessons whose register nobody has taken yet. */
  registersToTake: z.array(DashboardLesson),
  /** Assessments of the teacher's classes that not every enrolled student has a mark for yet. */
  gradingToDo: z.array(
    z.object({
      assessmentId: z.uuid(),
      title: z.string(),
      classId: z.uuid(),
      className: z.string(),
      subjectName: z.string().nullable(),
      marked: z.number().int(),
      students: z.number().int(),
    }),
  ),
});
export type TeacherDashboard = z.infer<typeof TeacherDashboard>;

export const RecentGrade = z.object({
  assessmentId: z.uuid(),
  title: z.string(),
  subjectName: z.string().nullable(),
  points: z.number(),
  maxPoints: z.number(),
  /** The term grade in the subject after this mark. */
  termPercent: z.number().nullable(),
  termBand: z.string().nullable(),
  at: z.string(),
});
export type RecentGrade = z.infer<typeof RecentGrade>;

/** A student's own day: for a student their record, for a parent each of their children. */
export const LearnerDay = z.object({
  studentId: z.uuid(),
  name: z.string(),
  lessons: z.array(DashboardLesson),
  attendance: AttendanceTotals.extend({ from: z.string(), to: z.string() }),
  recentGrades: z.array(RecentGrade),
});
export type LearnerDay = z.infer<typeof LearnerDay>;

export const LearnerDashboard = z.object({
  kind: z.enum(['student', 'parent']),
  today: z.string(),
  students: z.array(LearnerDay),
});
export type LearnerDashboard = z.infer<typeof LearnerDashboard>;

export const Dashboard = z.discriminatedUnion('kind', [AdminDashboard, TeacherDashboard, LearnerDashboard]);
export type Dashboard = z.infer<typeof Dashboard>;
