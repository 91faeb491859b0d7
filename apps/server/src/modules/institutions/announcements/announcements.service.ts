// Announcements: published now or at a set time to the whole institution, a department or a class.
// Publishing records who it reached and puts it in each one's notification inbox, in one transaction.
import type { Announcement, AnnouncementQuery, CreateAnnouncementBody, Page } from '@edumatrix/contracts';
import { uuidv7 } from 'uuidv7';
import { recordAudit } from '../../../platform/audit/audit.ts';
import type { Db } from '../../../platform/db/database.ts';
import type { EventPublisher } from '../../../platform/events/outbox.ts';
import { forbidden, invalidField, notFound } from '../../../platform/http/app-error.ts';
import { decodeCursor, toPage } from '../../../platform/http/cursor.ts';
import { type TenantContext, tenantSchemaName } from '../../../platform/tenancy/tenancy.ts';
import { isoOrNull as iso } from '../../../platform/time/zoned.ts';
import { isManager } from '../institutions.permissions.ts';
import { teachesClass } from '../teaching.ts';
import { type AnnouncementRow, announcementQueue, announcementsRepository } from './announcements.repository.ts';

export type AnnouncementsDeps = {
  db: Db;
  events: EventPublisher;
  /** Every member's user id (asked outside transactions: embedded PGlite has one connection). */
  memberIds(institutionId: string): Promise<string[]>;
};

const present = (r: AnnouncementRow): Announcement => ({
  id: r.id,
  title: r.title,
  body: r.body,
  audience: r.audience_kind === 'institution' ? { kind: 'institution' } : { kind: r.audience_kind, id: r.audience_id as string },
  publishAt: iso(r.publish_at) as string,
  publishedAt: iso(r.published_at),
  recipients: r.recipients,
  createdBy: r.created_by,
  createdAt: iso(r.created_at) as string,
});

export type AnnouncementsService = ReturnType<typeof createAnnouncementsService>;

export function createAnnouncementsService(deps: AnnouncementsDeps) {
  /** Publishes inside `trx`; `members` is the institution's members when the audience is everyone. */
  async function publish(trx: Db, institutionId: string, a: AnnouncementRow, members: string[]) {
    const repo = announcementsRepository(trx, tenantSchemaName(institutionId));
    let audience = members;
    if (a.audience_kind === 'class') audience = await repo.classAudience([a.audience_id as string]);
    if (a.audience_kind === 'department') {
      const classes = await repo.departmentClasses(a.audience_id as string);
      audience = [...new Set([...(await repo.classAudience(classes)), ...(await repo.departmentStaff(a.audience_id as string))])];
    }
    const recipients = [...new Set(audience)].filter((u) => u !== a.created_by);
    await repo.addRecipients(a.id, [...recipients, a.created_by]);
    await repo.markPublished(a.id, recipients.length);
    for (const userId of recipients) {
      await deps.events.publish(trx, {
        type: 'notifications.notification_requested',
        key: userId,
        tenantId: institutionId,
        actorId: a.created_by,
        payload: {
          userId,
          kind: 'institutions.announcement',
          title: a.title,
          body: a.body.slice(0, 2000),
          link: `/institutions/${institutionId}/announcements`,
          institutionId,
        },
      });
    }
    await deps.events.publish(trx, {
      type: 'institutions.announcement_published',
      key: a.id,
      tenantId: institutionId,
      actorId: a.created_by,
      payload: { institutionId, announcementId: a.id, title: a.title, audienceKind: a.audience_kind, recipients: recipients.length },
    });
  }

  /** Teachers announce to classes they teach; managers to anyone. */
  async function checkAudience(tenant: TenantContext, userId: string, body: CreateAnnouncementBody) {
    const repo = announcementsRepository(deps.db, tenant.schema);
    const { audience } = body;
    if (audience.kind !== 'institution' && !(await repo.exists(audience.kind === 'class' ? 'classes' : 'departments', audience.id))) {
      throw invalidField('announcements.audience_not_found', 'audience.id', `does not match a ${audience.kind} of this institution`);
    }
    if (isManager(tenant.role)) return;
    if (audience.kind !== 'class' || !(await teachesClass(deps.db, tenant.schema, userId, audience.id))) {
      throw forbidden('announcements.not_your_audience', 'Teachers can announce to the classes they teach');
    }
  }

  return {
    async create(tenant: TenantContext, userId: string, body: CreateAnnouncementBody): Promise<Announcement> {
      await checkAudience(tenant, userId, body);
      const publishAt = body.publishAt ? new Date(body.publishAt) : new Date();
      const now = publishAt.getTime() <= Date.now();
      const members = now && body.audience.kind === 'institution' ? await deps.memberIds(tenant.institutionId) : [];
      const id = uuidv7();
      await deps.db.transaction().execute(async (trx) => {
        const repo = announcementsRepository(trx, tenant.schema);
        await repo.insert({
          id,
          title: body.title,
          body: body.body ?? '',
          kind: body.audience.kind,
          audienceId: body.audience.kind === 'institution' ? null : body.audience.id,
          publishAt,
          createdBy: userId,
        });
        await recordAudit(trx, {
          action: 'announcement.created',
          targetType: 'announcement',
          targetId: id,
          institutionId: tenant.institutionId,
          after: { title: body.title, audience: body.audience, publishAt },
        });
        if (now) await publish(trx, tenant.institutionId, (await repo.get(id)) as AnnouncementRow, members);
        else await announcementQueue(trx).enqueue(id, tenant.institutionId, publishAt);
      });
      return present((await announcementsRepository(deps.db, tenant.schema).get(id)) as AnnouncementRow);
    },

    async list(tenant: TenantContext, userId: string, query: AnnouncementQuery): Promise<Page<Announcement>> {
      const manager = isManager(tenant.role);
      const scheduled = query.scheduled === 'true';
      const rows = await announcementsRepository(deps.db, tenant.schema).list({
        // Published: what reached me (managers: everything). Scheduled: mine (managers: everything).
        userId: scheduled || manager ? null : userId,
        createdBy: scheduled && !manager ? userId : undefined,
        scheduled,
        before: query.cursor ? decodeCursor(query.cursor) : undefined,
        limit: query.limit + 1,
      });
      return toPage(rows, query.limit, present);
    },

    async remove(tenant: TenantContext, userId: string, id: string): Promise<void> {
      await deps.db.transaction().execute(async (trx) => {
        const repo = announcementsRepository(trx, tenant.schema);
        const row = await repo.get(id);
        if (!row || (row.created_by !== userId && !isManager(tenant.role))) throw notFound('announcements.not_found', 'Announcement');
        await repo.delete(id);
        await announcementQueue(trx).take(id);
        await recordAudit(trx, {
          action: 'announcement.deleted',
          targetType: 'announcement',
          targetId: id,
          institutionId: tenant.institutionId,
          before: present(row),
        });
      });
    },

    /** Publishes what is due; true when it published something. */
    async publishDue(): Promise<boolean> {
      const due = await announcementQueue(deps.db).due(20);
      for (const item of due) {
        const schema = tenantSchemaName(item.institution_id);
        const row = await announcementsRepository(deps.db, schema).get(item.announcement_id);
        const members = row?.audience_kind === 'institution' ? await deps.memberIds(item.institution_id) : [];
        await deps.db.transaction().execute(async (trx) => {
          // Whoever takes it off the queue publishes it; a second process finds it gone.
          if (!(await announcementQueue(trx).take(item.announcement_id)) || !row) return;
          await publish(trx, item.institution_id, row, members);
        });
      }
      return due.length > 0;
    },
  };
}
