import type { EventEnvelope, Priority } from '@edumatrix/contracts';
import type { LogRow } from './relay.ts';

export function toEnvelope(row: LogRow): EventEnvelope {
  return {
    id: row.id,
    type: row.type,
    version: row.version,
    occurredAt: new Date(row.occurred_at).toISOString(),
    tenantId: row.tenant_id,
    actorId: row.actor_id,
    key: row.key,
    priority: row.priority as Priority,
    payload: row.payload,
  };
}
