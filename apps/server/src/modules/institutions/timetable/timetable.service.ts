// The weekly timetable of each class. A teacher, a room or a class can be in one place at a time:
// a clash answers 409 naming it. Feeds give each class, teacher and student an iCalendar address.
import type { CalendarFeed, CreateFeedBody, CreatePeriodBody, Period, TimetableQuery, UpdatePeriodBody } from '@edumatrix/contracts';
import { uuidv7 } from 'uuidv7';
import { recordAudit } from '../../../platform/audit/audit.ts';
import { hashOpaqueToken, newOpaqueToken } from '../../../platform/auth/opaque-tokens.ts';
import type { Db } from '../../../platform/db/database.ts';
import { AppError, invalidField, notFound } from '../../../platform/http/app-error.ts';
import type { TenantContext } from '../../../platform/tenancy/tenancy.ts';
import { addDays, isoWeekday, zonedToday, zonedToUtc } from '../../../platform/time/zoned.ts';
import { canTeach, isManager } from '../institutions.permissions.ts';
import { writeIcs } from './ics.ts';
import { feedsRepository, type PeriodRow, timetableRepository } from './timetable.repository.ts';

export type TimetableDeps = {
  db: Db;
  publicUrl: string;
  roleOf(institutionId: string, userId: string): Promise<string | null>;
  /** The institution's name and time zone, for feeds (which arrive without a signed-in user). */
  institution(id: string): Promise<{ name: string; timezone: string; schema: string } | null>;
  displayName(userId: string): Promise<string | null>;
};

const DAYS = ['', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const periodNotFound = () => notFound('timetable.period_not_found', 'Period');

const present = (r: PeriodRow): Period => ({
  id: r.id,
  classId: r.class_id,
  subjectId: r.subject_id,
  teacherId: r.teacher_id,
  room: r.room,
  weekday: r.weekday,
  startsAt: r.starts_at,
  endsAt: r.ends_at,
  createdAt: new Date(r.created_at).toISOString(),
  updatedAt: new Date(r.updated_at).toISOString(),
});

type Slot = {
  id: string;
  classId: string;
  subjectId: string | null;
  teacherId: string | null;
  room: string | null;
  weekday: number;
  startsAt: string;
  endsAt: string;
};

export type TimetableService = ReturnType<typeof createTimetableService>;

export function createTimetableService(deps: TimetableDeps) {
  /** Checked before the transaction: on embedded PGlite a query outside it would wait for it. */
  async function checkTeacher(tenant: TenantContext, teacherId: string | null | undefined) {
    if (teacherId && !canTeach(await deps.roleOf(tenant.institutionId, teacherId))) {
      throw invalidField('timetable.not_a_teacher', 'teacherId', 'must be a teacher of this institution');
    }
  }

  async function save(trx: Db, tenant: TenantContext, slot: Slot, insert: boolean) {
    const repo = timetableRepository(trx, tenant.schema);
    await repo.lock();
    if (!(await repo.exists('classes', slot.classId)))
      throw invalidField('timetable.class_not_found', 'classId', 'does not match a class of this institution');
    if (slot.subjectId && !(await repo.exists('subjects', slot.subjectId))) {
      throw invalidField('timetable.subject_not_found', 'subjectId', 'does not match a subject of this institution');
    }
    const [clash] = await repo.clashes(slot);
    if (clash) {
      const when = `${DAYS[clash.weekday]} ${clash.starts_at}–${clash.ends_at}`;
      const what = clash.subject_name ? `${clash.class_name} (${clash.subject_name})` : `${clash.class_name}`;
      const [field, message] =
        clash.class_id === slot.classId
          ? ['classId', `${clash.class_name} already has ${clash.subject_name ?? 'a period'} on ${when}`]
          : clash.teacher_id && clash.teacher_id === slot.teacherId
            ? ['teacherId', `This teacher already teaches ${what} on ${when}`]
            : ['room', `Room ${clash.room} is taken by ${what} on ${when}`];
      throw new AppError('conflict', 'timetable.clash', message, { fields: [{ field, message: 'clashes with another period' }] });
    }
    if (insert) await repo.insert(slot);
    else await repo.update(slot);
    const row = (await repo.get(slot.id)) as PeriodRow;
    await recordAudit(trx, {
      action: insert ? 'timetable.period_created' : 'timetable.period_updated',
      targetType: 'period',
      targetId: slot.id,
      institutionId: tenant.institutionId,
      after: present(row),
    });
    return present(row);
  }

  /** Who may subscribe to what: managers to anything, teachers to their own, students and parents to theirs. */
  async function mayFollow(tenant: TenantContext, userId: string, body: CreateFeedBody) {
    if (isManager(tenant.role) || body.kind === 'class') return;
    if (body.kind === 'teacher' && body.id === userId && canTeach(tenant.role)) return;
    if (body.kind === 'student') {
      const repo = timetableRepository(deps.db, tenant.schema);
      const student = await repo.studentOf(body.id);
      if (student && (student.user_id === userId || (await repo.isGuardian(body.id, userId)))) return;
      if (['teacher', 'staff'].includes(tenant.role) && student) return;
    }
    throw notFound('timetable.feed_subject_not_found', 'Timetable');
  }

  return {
    async list(tenant: TenantContext, query: TimetableQuery): Promise<Period[]> {
      return (await timetableRepository(deps.db, tenant.schema).list(query)).map(present);
    },

    async create(tenant: TenantContext, body: CreatePeriodBody): Promise<Period> {
      await checkTeacher(tenant, body.teacherId);
      const slot: Slot = {
        id: uuidv7(),
        classId: body.classId,
        subjectId: body.subjectId ?? null,
        teacherId: body.teacherId ?? null,
        room: body.room ?? null,
        weekday: body.weekday,
        startsAt: body.startsAt,
        endsAt: body.endsAt,
      };
      return deps.db.transaction().execute((trx) => save(trx, tenant, slot, true));
    },

    async update(tenant: TenantContext, id: string, body: UpdatePeriodBody): Promise<Period> {
      await checkTeacher(tenant, body.teacherId);
      return deps.db.transaction().execute(async (trx) => {
        const current = await timetableRepository(trx, tenant.schema).get(id);
        if (!current) throw periodNotFound();
        const slot: Slot = {
          id,
          classId: current.class_id,
          subjectId: body.subjectId !== undefined ? body.subjectId : current.subject_id,
          teacherId: body.teacherId !== undefined ? body.teacherId : current.teacher_id,
          room: body.room !== undefined ? body.room : current.room,
          weekday: body.weekday ?? current.weekday,
          startsAt: body.startsAt ?? current.starts_at,
          endsAt: body.endsAt ?? current.ends_at,
        };
        if (slot.endsAt <= slot.startsAt) throw invalidField('timetable.bad_times', 'endsAt', 'must be after startsAt');
        return save(trx, tenant, slot, false);
      });
    },

    async remove(tenant: TenantContext, id: string): Promise<void> {
      await deps.db.transaction().execute(async (trx) => {
        const repo = timetableRepository(trx, tenant.schema);
        const current = await repo.get(id);
        if (!current) throw periodNotFound();
        await repo.delete(id);
        await recordAudit(trx, {
          action: 'timetable.period_deleted',
          targetType: 'period',
          targetId: id,
          institutionId: tenant.institutionId,
          before: present(current),
        });
      });
    },

    async createFeed(tenant: TenantContext, userId: string, body: CreateFeedBody): Promise<CalendarFeed> {
      await mayFollow(tenant, userId, body);
      const token = newOpaqueToken();
      const id = uuidv7();
      await feedsRepository(deps.db).insert({
        id,
        tokenHash: hashOpaqueToken(token),
        institutionId: tenant.institutionId,
        kind: body.kind,
        subjectId: body.id,
        createdBy: userId,
      });
      return {
        id,
        kind: body.kind,
        subjectId: body.id,
        url: `${deps.publicUrl}/api/v1/calendar/${token}.ics`,
        createdAt: new Date().toISOString(),
        revokedAt: null,
      };
    },

    async feeds(tenant: TenantContext, userId: string): Promise<CalendarFeed[]> {
      return (await feedsRepository(deps.db).mine(tenant.institutionId, userId)).map((f) => ({
        id: f.id,
        kind: f.kind,
        subjectId: f.subject_id,
        createdAt: new Date(f.created_at).toISOString(),
        revokedAt: f.revoked_at ? new Date(f.revoked_at).toISOString() : null,
      }));
    },

    async revokeFeed(tenant: TenantContext, userId: string, id: string): Promise<void> {
      const feed = await feedsRepository(deps.db).get(tenant.institutionId, id);
      if (!feed || (feed.created_by !== userId && !isManager(tenant.role))) throw notFound('timetable.feed_not_found', 'Calendar feed');
      await feedsRepository(deps.db).revoke(id);
    },

    /** The iCalendar text behind a feed token; null when the token is unknown or revoked. */
    async ics(token: string): Promise<string | null> {
      const feed = await feedsRepository(deps.db).byToken(hashOpaqueToken(token));
      if (!feed) return null;
      const institution = await deps.institution(feed.institution_id);
      if (!institution) return null;
      const repo = timetableRepository(deps.db, institution.schema);
      const filter =
        feed.kind === 'class'
          ? { classId: feed.subject_id }
          : feed.kind === 'teacher'
            ? { teacherId: feed.subject_id }
            : { studentId: feed.subject_id };
      const periods = await repo.list(filter);
      const name =
        feed.kind === 'class'
          ? await repo.className(feed.subject_id)
          : feed.kind === 'teacher'
            ? await deps.displayName(feed.subject_id)
            : await repo.studentOf(feed.subject_id).then((s) => (s ? `${s.first_name} ${s.last_name}` : null));
      // The current academic year when there is one (at most 400 days); else two weeks back to half a year ahead.
      const year = await repo.currentYear();
      const today = zonedToday(institution.timezone);
      const from = year ? year.starts_on : addDays(today, -14);
      // ISO dates order as text: the earlier of the year's end and the cap.
      const until = year ? ([year.ends_on, addDays(from, 400)].sort()[0] as string) : addDays(today, 182);
      const events = [];
      for (let day = from; day <= until; day = addDays(day, 1)) {
        const weekday = isoWeekday(day);
        for (const p of periods.filter((x) => x.weekday === weekday)) {
          events.push({
            uid: `${p.id}-${day}@edumatrix`,
            start: zonedToUtc(day, p.starts_at, institution.timezone),
            end: zonedToUtc(day, p.ends_at, institution.timezone),
            summary: p.subject_name ? `${p.subject_name} · ${p.class_name}` : (p.class_name ?? 'Class'),
            location: p.room,
          });
        }
      }
      return writeIcs({ name: `${name ?? 'Timetable'} · ${institution.name}`, timeZone: institution.timezone, events });
    },
  };
}
