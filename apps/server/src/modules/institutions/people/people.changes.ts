// Every change to a student or staff record is audited and published the same way, in the
// transaction that made it (ids only in the event: no personal data travels).
import { recordAudit } from '../../../platform/audit/audit.ts';
import type { Db } from '../../../platform/db/database.ts';
import type { EventPublisher } from '../../../platform/events/outbox.ts';
import type { TenantContext } from '../../../platform/tenancy/tenancy.ts';

export type PeopleAction = 'created' | 'updated' | 'archived' | 'restored' | 'deleted';

export async function recordPeopleChange(
  trx: Db,
  events: EventPublisher,
  tenant: TenantContext,
  change: { kind: 'students' | 'staff'; id: string; action: PeopleAction; before?: unknown; after?: unknown },
) {
  const target = change.kind === 'students' ? 'student' : 'staff';
  await recordAudit(trx, {
    action: `${target}.${change.action}`,
    targetType: target,
    targetId: change.id,
    institutionId: tenant.institutionId,
    before: change.before,
    after: change.after,
  });
  await events.publish(trx, {
    type: 'institutions.people_changed',
    key: change.id,
    tenantId: tenant.institutionId,
    payload: { institutionId: tenant.institutionId, kind: change.kind, id: change.id, action: change.action },
  });
}
