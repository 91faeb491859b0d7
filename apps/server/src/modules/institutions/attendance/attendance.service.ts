// Taking attendance (all present, then the exceptions), reading registers and rates, and alerting
// the homeroom teacher and the admins when a student's 30-day rate falls below the threshold.
import type {
  AttendanceReport,
  AttendanceReportQuery,
  AttendanceRow,
  AttendanceSession,
  AttendanceSettings,
  TakeAttendanceBody,
} from '@edumatrix/contracts';
import { uuidv7 } from 'uuidv7';
import { recordAudit } from '../../../platform/audit/audit.ts';
import type { Db } from '../../../platform/db/database.ts';
import type { EventPublisher } from '../../../platform/events/outbox.ts';
import { forbidden, invalidField, notFound } from '../../../platform/http/app-error.ts';
import type { TenantContext } from '../../../platform/tenancy/tenancy.ts';
import { addDays } from '../../../platform/time/zoned.ts';
import { isManager } from '../institutions.permissions.ts';
import { peopleRepository } from '../people/people.repository.ts';
import { scopeOf } from '../people/students.service.ts';
import { teachesClass } from '../teaching.ts';
import { attendanceRepository, type MarkRow, type RateRow } from './attendance.repository.ts';

export type AttendanceDeps = {
  db: Db;
  events: EventPublisher;
  /** Owners and admins, told of alerts (asked outside transactions). */
  managersOf(institutionId: string): Promise<string[]>;
};

const ALERT_WINDOW_DAYS = 30;

export const rateOf = (r: Pick<RateRow, 'present' | 'late' | 'absent'>) => {
  const counted = r.present + r.late + r.absent;
  return counted === 0 ? null : Math.round(((r.present + r.late) / counted) * 1000) / 1000;
};

export type AttendanceService = ReturnType<typeof createAttendanceService>;

export function createAttendanceService(deps: AttendanceDeps) {
  /** Managers take any register; a teacher those of classes they are homeroom teacher of or teach in. */
  async function mayTake(tenant: TenantContext, userId: string, classId: string) {
    if (isManager(tenant.role) || (await teachesClass(deps.db, tenant.schema, userId, classId))) return;
    throw forbidden('attendance.not_your_class', 'Only the homeroom teacher, a teacher of this class or an admin can take its attendance');
  }

  async function alerts(
    trx: Db,
    tenant: TenantContext,
    classInfo: { id: string; name: string; homeroom_teacher_id: string | null },
    date: string,
    studentIds: string[],
    managers: string[],
  ) {
    const repo = attendanceRepository(trx, tenant.schema);
    const threshold = await repo.threshold();
    const rates = await repo.rates({ studentIds, from: addDays(date, -(ALERT_WINDOW_DAYS - 1)), to: date });
    const before = await repo.wasBelow(studentIds);
    const recipients = [...new Set([...(classInfo.homeroom_teacher_id ? [classInfo.homeroom_teacher_id] : []), ...managers])];
    const people = peopleRepository(trx, tenant.schema);
    for (const r of rates) {
      const rate = rateOf(r);
      const below = rate !== null && rate < threshold;
      if (below === before.has(r.student_id)) continue;
      await repo.setBelow(r.student_id, below);
      if (!below || rate === null) continue;
      await deps.events.publish(trx, {
        type: 'institutions.attendance_alert',
        key: r.student_id,
        tenantId: tenant.institutionId,
        payload: { institutionId: tenant.institutionId, studentId: r.student_id, classId: classInfo.id, rate, threshold },
      });
      const student = await people.student(r.student_id);
      const name = student ? `${student.first_name} ${student.last_name}` : 'A student';
      for (const userId of recipients) {
        await deps.events.publish(trx, {
          type: 'notifications.notification_requested',
          key: userId,
          tenantId: tenant.institutionId,
          payload: {
            userId,
            kind: 'institutions.attendance_alert',
            title: `${name}'s attendance is ${Math.round(rate * 100)}%`,
            body: `Below ${Math.round(threshold * 100)}% over the last ${ALERT_WINDOW_DAYS} days (${classInfo.name}).`,
            link: `/institutions/${tenant.institutionId}/people/students/${r.student_id}`,
            institutionId: tenant.institutionId,
          },
        });
      }
    }
  }

  function presentSession(
    s: { id: string; class_id: string; period_id: string | null; date: string; taken_by: string; taken_at: Date; updated_at: Date },
    marks: MarkRow[],
  ): AttendanceSession {
    return {
      id: s.id,
      classId: s.class_id,
      periodId: s.period_id,
      date: s.date,
      takenBy: s.taken_by,
      takenAt: new Date(s.taken_at).toISOString(),
      updatedAt: new Date(s.updated_at).toISOString(),
      marks: marks.map((m) => ({ studentId: m.student_id, status: m.status, note: m.note })),
    };
  }

  return {
    async take(
      tenant: TenantContext,
      userId: string,
      classId: string,
      date: string,
      periodId: string | null,
      input: TakeAttendanceBody,
    ): Promise<AttendanceSession> {
      const body = { defaultStatus: 'present' as const, marks: [], ...input };
      const repo = attendanceRepository(deps.db, tenant.schema);
      const classInfo = await repo.classInfo(classId);
      if (!classInfo) throw notFound('structure.class_not_found', 'Class');
      await mayTake(tenant, userId, classId);
      if (periodId && (await repo.periodOf(periodId))?.class_id !== classId) {
        throw invalidField('attendance.period_of_other_class', 'periodId', 'is not a period of this class');
      }
      const enrolled = new Set(await repo.enrolled(classId));
      body.marks.forEach((m, i) => {
        if (!enrolled.has(m.studentId))
          throw invalidField('attendance.not_enrolled', `marks.${i}.studentId`, 'is not enrolled in this class');
      });
      const managers = await deps.managersOf(tenant.institutionId);
      const exceptions = new Map(body.marks.map((m) => [m.studentId, m]));
      const register: MarkRow[] = [...enrolled].map((id) => {
        const m = exceptions.get(id);
        return { student_id: id, status: m?.status ?? body.defaultStatus, note: m?.note ?? '' };
      });

      return deps.db.transaction().execute(async (trx) => {
        const r = attendanceRepository(trx, tenant.schema);
        let session = await r.session(classId, date, periodId);
        const previous = session ? await r.marks(session.id) : [];
        if (!session) await r.insertSession({ id: uuidv7(), classId, periodId, date, takenBy: userId });
        else await r.touchSession(session.id, userId);
        session = await r.session(classId, date, periodId);
        if (!session) throw new Error('the register was just written');
        await r.upsertMarks(session.id, register);
        // The register's totals, for dashboards: a correction replaces the session's earlier totals.
        const totals = { present: 0, absent: 0, late: 0, excused: 0 };
        for (const m of register) totals[m.status] += 1;
        await deps.events.publish(trx, {
          type: 'institutions.attendance_taken',
          key: classId,
          tenantId: tenant.institutionId,
          payload: { institutionId: tenant.institutionId, sessionId: session.id, classId, date, ...totals },
        });
        const was = new Map(previous.map((m) => [m.student_id, m.status]));
        const changed = register.filter((m) => was.get(m.student_id) !== m.status);
        // Edits are audited with what each changed mark was before.
        await recordAudit(trx, {
          action: previous.length ? 'attendance.edited' : 'attendance.taken',
          targetType: 'class',
          targetId: classId,
          institutionId: tenant.institutionId,
          ...(previous.length
            ? {
                before: { date, periodId, marks: changed.map((m) => ({ studentId: m.student_id, status: was.get(m.student_id) ?? null })) },
              }
            : {}),
          after: { date, periodId, marks: changed.map((m) => ({ studentId: m.student_id, status: m.status })) },
        });
        await alerts(
          trx,
          tenant,
          classInfo,
          date,
          register.map((m) => m.student_id),
          managers,
        );
        return presentSession(session, await r.marks(session.id));
      });
    },

    async get(tenant: TenantContext, classId: string, date: string, periodId: string | null): Promise<AttendanceSession> {
      const repo = attendanceRepository(deps.db, tenant.schema);
      const session = await repo.session(classId, date, periodId);
      if (!session) throw notFound('attendance.not_taken', 'Attendance for this class and date');
      return presentSession(session, await repo.marks(session.id));
    },

    /** Rates per student and per day; students and parents only for the records they can see. */
    async report(tenant: TenantContext, userId: string, query: AttendanceReportQuery): Promise<AttendanceReport> {
      const scope = scopeOf(tenant, userId);
      let studentIds: string[] | undefined = query.studentId ? [query.studentId] : undefined;
      if ('userId' in scope) {
        const visible = (await peopleRepository(deps.db, tenant.schema).listStudents(scope, { limit: 100 })).map((s) => s.id);
        if (query.studentId && !visible.includes(query.studentId)) throw notFound('people.student_not_found', 'Student');
        studentIds = query.studentId ? [query.studentId] : visible;
      }
      const repo = attendanceRepository(deps.db, tenant.schema);
      const filter = { classId: query.classId, studentIds, from: query.from, to: query.to };
      const [rates, daily] = await Promise.all([repo.rates(filter), repo.daily(filter)]);
      const rows: AttendanceRow[] = rates.map((r) => ({
        studentId: r.student_id,
        present: r.present,
        absent: r.absent,
        late: r.late,
        excused: r.excused,
        rate: rateOf(r),
      }));
      return { from: query.from, to: query.to, rows, days: daily.map((d) => ({ date: d.date, rate: rateOf(d) })) };
    },

    async settings(tenant: TenantContext): Promise<AttendanceSettings> {
      return { alertBelow: await attendanceRepository(deps.db, tenant.schema).threshold() };
    },

    async updateSettings(tenant: TenantContext, alertBelow: number): Promise<AttendanceSettings> {
      await deps.db.transaction().execute(async (trx) => {
        const repo = attendanceRepository(trx, tenant.schema);
        const before = await repo.threshold();
        await repo.setThreshold(alertBelow);
        await recordAudit(trx, {
          action: 'attendance.settings_updated',
          targetType: 'institution',
          targetId: tenant.institutionId,
          institutionId: tenant.institutionId,
          before: { alertBelow: before },
          after: { alertBelow },
        });
      });
      return { alertBelow };
    },
  };
}
