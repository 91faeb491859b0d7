// The only file with SQL for the webhooks module. Endpoint and delivery tables are reached through
// a handle bound to the tenant's schema; the cross-institution queue is global.
import type { WebhookAttempt, WebhookDeliveryStatus } from '@edumatrix/contracts';
import { type ColumnType, type Generated, type Insertable, type Kysely, type Selectable, sql, type Updateable } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Db } from '../../platform/db/database.ts';
import { tenantSchemaName } from '../../platform/tenancy/tenancy.ts';

type EndpointsTable = {
  id: string;
  url: string;
  description: string;
  event_types: string[];
  secret: string;
  enabled: Generated<boolean>;
  disabled_reason: string | null;
  consecutive_failures: Generated<number>;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
};
type DeliveriesTable = {
  id: string;
  endpoint_id: string;
  event_id: string;
  event_type: string;
  body: string;
  status: Generated<WebhookDeliveryStatus>;
  // Written as JSON text, read back parsed.
  attempts: ColumnType<WebhookAttempt[], string | undefined, string>;
  next_attempt_at: Date | null;
  created_at: Generated<Date>;
  completed_at: Date | null;
};
type QueueTable = { delivery_id: string; institution_id: string; due_at: Date; locked_until: Date | null };
type Tables = { webhook_endpoints: EndpointsTable; webhook_deliveries: DeliveriesTable; 'webhooks.queue': QueueTable };

export type EndpointRow = Selectable<EndpointsTable>;
export type DeliveryRow = Selectable<DeliveriesTable>;
export type DueDelivery = { delivery_id: string; institution_id: string };

/** Endpoints and deliveries of one institution; `executor` is any handle or transaction. */
export function webhooksRepository(executor: Db, institutionId: string) {
  const db = (executor as Kysely<Tables>).withSchema(tenantSchemaName(institutionId));
  return {
    endpoints: () => db.selectFrom('webhook_endpoints').selectAll().orderBy('created_at').execute(),
    endpoint: (id: string) => db.selectFrom('webhook_endpoints').selectAll().where('id', '=', id).executeTakeFirst(),
    subscribedTo: (eventType: string) =>
      db
        .selectFrom('webhook_endpoints')
        .selectAll()
        .where('enabled', '=', true)
        .where(sql<boolean>`${eventType} = any(event_types)`)
        .execute(),
    insertEndpoint: (row: Insertable<EndpointsTable>) =>
      db.insertInto('webhook_endpoints').values(row).returningAll().executeTakeFirstOrThrow(),
    updateEndpoint: (id: string, patch: Updateable<EndpointsTable>) =>
      db
        .updateTable('webhook_endpoints')
        .set({ ...patch, updated_at: new Date() })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow(),
    deleteEndpoint: (id: string) => db.deleteFrom('webhook_endpoints').where('id', '=', id).executeTakeFirst(),
    /** Inserts the delivery unless this endpoint already has one for the event. */
    insertDelivery: (row: Insertable<DeliveriesTable>) =>
      db
        .insertInto('webhook_deliveries')
        .values(row)
        .onConflict((oc) => oc.doNothing())
        .returningAll()
        .executeTakeFirst(),
    delivery: (endpointId: string, id: string) =>
      db.selectFrom('webhook_deliveries').selectAll().where('endpoint_id', '=', endpointId).where('id', '=', id).executeTakeFirst(),
    deliveryById: (id: string) => db.selectFrom('webhook_deliveries').selectAll().where('id', '=', id).executeTakeFirst(),
    deliveries: (endpointId: string, options: { status?: WebhookDeliveryStatus; before?: string; limit: number }) => {
      let q = db
        .selectFrom('webhook_deliveries')
        .selectAll()
        .where('endpoint_id', '=', endpointId)
        .orderBy('id', 'desc')
        .limit(options.limit);
      if (options.status) q = q.where('status', '=', options.status);
      if (options.before) q = q.where('id', '<', options.before);
      return q.execute();
    },
    updateDelivery: (id: string, patch: Updateable<DeliveriesTable>) =>
      db.updateTable('webhook_deliveries').set(patch).where('id', '=', id).returningAll().executeTakeFirst(),
    pendingIds: async (endpointId: string) =>
      (
        await db
          .selectFrom('webhook_deliveries')
          .select('id')
          .where('endpoint_id', '=', endpointId)
          .where('status', '=', 'pending')
          .execute()
      ).map((r) => r.id),
    /** Pending deliveries of an endpoint that will not be sent (it was disabled or deleted). */
    failPending: (endpointId: string, note: WebhookAttempt) =>
      db
        .updateTable('webhook_deliveries')
        .set({
          status: 'failed',
          next_attempt_at: null,
          completed_at: new Date(),
          attempts: sql`attempts || ${JSON.stringify([note])}::jsonb`,
        })
        .where('endpoint_id', '=', endpointId)
        .where('status', '=', 'pending')
        .returning('id')
        .execute(),
  };
}

/** The queue of due deliveries across institutions. */
export function webhookQueue(executor: Db) {
  const db = executor as Kysely<Tables>;
  return {
    enqueue: (deliveryId: string, institutionId: string, dueAt: Date) =>
      db
        .insertInto('webhooks.queue')
        .values({ delivery_id: deliveryId, institution_id: institutionId, due_at: dueAt, locked_until: null })
        .onConflict((oc) => oc.column('delivery_id').doUpdateSet({ due_at: dueAt, locked_until: null }))
        .execute(),
    /** Takes up to `limit` due deliveries for `lockSeconds`; another process skips them meanwhile. */
    claim: async (limit: number, lockSeconds: number): Promise<DueDelivery[]> => {
      const { rows } = await sql<DueDelivery>`
        update webhooks.queue set locked_until = now() + make_interval(secs => ${lockSeconds})
        where delivery_id in (
          select delivery_id from webhooks.queue
          where due_at <= now() and (locked_until is null or locked_until < now())
          order by due_at limit ${limit} for update skip locked)
        returning delivery_id, institution_id`.execute(db);
      return rows;
    },
    remove: (deliveryIds: string[]) =>
      deliveryIds.length ? db.deleteFrom('webhooks.queue').where('delivery_id', 'in', deliveryIds).execute() : Promise.resolve([]),
  };
}

/** A new delivery of `event` to an endpoint, queued to send now; undefined when that endpoint already has one for the event. */
export async function queueDelivery(
  trx: Db,
  institutionId: string,
  endpointId: string,
  event: { id: string; type: string; body: string },
): Promise<DeliveryRow | undefined> {
  const delivery = await webhooksRepository(trx, institutionId).insertDelivery({
    id: uuidv7(),
    endpoint_id: endpointId,
    event_id: event.id,
    event_type: event.type,
    body: event.body,
    next_attempt_at: new Date(),
  });
  if (delivery) await webhookQueue(trx).enqueue(delivery.id, institutionId, new Date());
  return delivery;
}

/** A disabled endpoint's pending deliveries: marked failed (saying why) and taken off the queue. */
export async function dropPendingDeliveries(trx: Db, institutionId: string, endpointId: string): Promise<void> {
  const dropped = await webhooksRepository(trx, institutionId).failPending(endpointId, {
    at: new Date().toISOString(),
    durationMs: 0,
    statusCode: null,
    error: 'Not sent: the endpoint was disabled',
  });
  await webhookQueue(trx).remove(dropped.map((d) => d.id));
}
