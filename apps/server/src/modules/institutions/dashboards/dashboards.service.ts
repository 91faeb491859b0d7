// The dashboard, shaped by role. Those who run the institution (owners, admins, staff) get its
// figures, read from the aggregates the `dashboards` consumer keeps; a teacher gets today's lessons,
// the registers still to take and the marking still to do; a student their own day, a parent each
// child's. Per-person reads (one timetable, one student's registers) stay small, so they are live.
import type {
  AdminDashboard,
  AttendanceTotals,
  Dashboard,
  DashboardLesson,
  GradingScale,
  LearnerDashboard,
  TeacherDashboard,
} from '@edumatrix/contracts';
import type { Db } from '../../../platform/db/database.ts';
import { notFound } from '../../../platform/http/app-error.ts';
import type { TenantContext } from '../../../platform/tenancy/tenancy.ts';
import { addDays, isoWeekday, zonedToday } from '../../../platform/time/zoned.ts';
import { attendanceRepository } from '../attendance/attendance.repository.ts';
import { classesTaughtBy } from '../teaching.ts';
import { dashboardsRepository, type LessonRow, registryRepository, type Totals, toNumber } from './dashboards.repository.ts';

export type DashboardsDeps = {
  db: Db;
  /** The institution's time zone: "today" is the institution's today. */
  institution(id: string): Promise<{ timezone: string } | null>;
  gradingScale(tenant: TenantContext): Promise<GradingScale>;
};

const WINDOW_DAYS = 30;
const RECENT_GRADES = 5;

const withRate = (t: Totals): AttendanceTotals => {
  const counted = t.present + t.late + t.absent;
  return { ...t, rate: counted === 0 ? null : Math.round(((t.present + t.late) / counted) * 1000) / 1000 };
};
const ZERO: Totals = { present: 0, absent: 0, late: 0, excused: 0 };

const lesson = (r: LessonRow): DashboardLesson => ({
  periodId: r.period_id,
  classId: r.class_id,
  className: r.class_name,
  subjectName: r.subject_name,
  room: r.room,
  startsAt: r.starts_at,
  endsAt: r.ends_at,
});

export type DashboardsService = ReturnType<typeof createDashboardsService>;

export function createDashboardsService(deps: DashboardsDeps) {
  async function admin(tenant: TenantContext, today: string): Promise<AdminDashboard> {
    const repo = dashboardsRepository(deps.db, tenant.schema);
    const from = addDays(today, -(WINDOW_DAYS - 1));
    const [departments, attendance, term, active, scale, members, last7, last30] = await Promise.all([
      repo.enrolmentByDepartment(),
      repo.attendanceDays(from, today),
      repo.gradesTerm(today),
      repo.activeDays(from, today),
      deps.gradingScale(tenant),
      registryRepository(deps.db).memberCount(tenant.institutionId),
      repo.activeSince(addDays(today, -6)),
      repo.activeSince(from),
    ]);
    const byDay = new Map(attendance.map((d) => [d.date, d]));
    const activeByDay = new Map(active.map((d) => [d.date, Number(d.users)]));
    const days = Array.from({ length: WINDOW_DAYS }, (_, i) => addDays(from, i));
    const overall = attendance.reduce(
      (sum, d) => ({
        present: sum.present + d.present,
        absent: sum.absent + d.absent,
        late: sum.late + d.late,
        excused: sum.excused + d.excused,
      }),
      ZERO,
    );
    // Each band takes the buckets from its minimum up to the next band's (bands run highest first).
    const buckets = term ? await repo.gradeBuckets(term.id) : [];
    const bands = scale.bands.map((b) => ({ label: b.label, min: b.min, count: 0 }));
    for (const { bucket, grades } of buckets) {
      const band = bands.find((b) => bucket >= Math.round(b.min * 10)) ?? bands.at(-1);
      if (band) band.count += Number(grades);
    }
    return {
      kind: 'admin',
      today,
      enrolment: {
        total: departments.reduce((n, d) => n + d.students, 0),
        departments: departments.map((d) => ({
          departmentId: d.department_id,
          name: d.name ?? 'No department',
          classes: d.classes,
          students: d.students,
        })),
      },
      attendance: {
        from,
        to: today,
        overall: withRate(overall),
        days: days.map((date) => ({ date, ...withRate(byDay.get(date) ?? ZERO) })),
      },
      grades: { term: term ?? null, bands, graded: bands.reduce((n, b) => n + b.count, 0) },
      activeUsers: {
        members,
        last7Days: last7,
        last30Days: last30,
        days: days.map((date) => ({ date, users: activeByDay.get(date) ?? 0 })),
      },
    };
  }

  async function teacher(tenant: TenantContext, userId: string, today: string): Promise<TeacherDashboard> {
    const repo = dashboardsRepository(deps.db, tenant.schema);
    const [lessons, classIds] = await Promise.all([
      repo.teacherLessons(userId, isoWeekday(today)),
      classesTaughtBy(deps.db, tenant.schema, userId),
    ]);
    const taken = await repo.registersTaken([...new Set(lessons.map((l) => l.class_id))], today);
    // A lesson's register is taken when its own register or the class's whole-day register exists.
    const isTaken = (l: LessonRow) => taken.some((s) => s.class_id === l.class_id && (s.period_id === l.period_id || s.period_id === null));
    const todo = await repo.gradingToDo(classIds);
    return {
      kind: 'teacher',
      today,
      lessons: lessons.map((l) => ({ ...lesson(l), registerTaken: isTaken(l) })),
      registersToTake: lessons.filter((l) => !isTaken(l)).map(lesson),
      gradingToDo: todo.map((a) => ({
        assessmentId: a.assessment_id,
        title: a.title,
        classId: a.class_id,
        className: a.class_name,
        subjectName: a.subject_name,
        marked: Number(a.marked),
        students: Number(a.students),
      })),
    };
  }

  async function learner(tenant: TenantContext, userId: string, as: 'student' | 'parent', today: string): Promise<LearnerDashboard> {
    const repo = dashboardsRepository(deps.db, tenant.schema);
    const from = addDays(today, -(WINDOW_DAYS - 1));
    const people = await repo.learners(userId, as);
    const rates = people.length
      ? await attendanceRepository(deps.db, tenant.schema).rates({ studentIds: people.map((p) => p.id), from, to: today })
      : [];
    const students = await Promise.all(
      people.map(async (p) => {
        const [lessons, grades] = await Promise.all([repo.studentLessons(p.id, isoWeekday(today)), repo.recentGrades(p.id, RECENT_GRADES)]);
        const r = rates.find((x) => x.student_id === p.id);
        const totals = r ? { present: r.present, absent: r.absent, late: r.late, excused: r.excused } : ZERO;
        return {
          studentId: p.id,
          name: `${p.first_name} ${p.last_name}`,
          lessons: lessons.map(lesson),
          attendance: { from, to: today, ...withRate(totals) },
          recentGrades: grades.map((g) => ({
            assessmentId: g.assessment_id,
            title: g.title,
            subjectName: g.subject_name,
            points: Number(g.points),
            maxPoints: Number(g.max_points),
            termPercent: toNumber(g.term_percent),
            termBand: g.term_band,
            at: new Date(g.as_of).toISOString(),
          })),
        };
      }),
    );
    return { kind: as, today, students };
  }

  return {
    async get(tenant: TenantContext, userId: string): Promise<Dashboard> {
      const institution = await deps.institution(tenant.institutionId);
      if (!institution) throw notFound('institution.not_found', 'Institution');
      const today = zonedToday(institution.timezone);
      switch (tenant.role) {
        case 'owner':
        case 'admin':
        case 'staff':
          return admin(tenant, today);
        case 'teacher':
          return teacher(tenant, userId, today);
        case 'student':
        case 'parent':
          return learner(tenant, userId, tenant.role, today);
      }
    },
  };
}
