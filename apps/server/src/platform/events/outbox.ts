// publish(trx, event): the event is written in the caller's transaction, so it exists if and only
// if the caller's change committed. The relay delivers it from there.
import type { EventDefinition, EventEnvelope, NewEvent, Priority } from '@edumatrix/contracts';
import { sql } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Db } from '../db/database.ts';
import { currentContext } from '../observability/context.ts';
import { OUTBOX_CHANNEL, type Signals } from './signals.ts';

export type EventPublisher = {
  publish(trx: Db, event: NewEvent): Promise<EventEnvelope>;
};

export class UnknownEventError extends Error {}
export class InvalidEventError extends Error {}

/** Any catalog: the platform's, plus test-only types in tests. */
export type Catalog = Record<string, EventDefinition>;

export function createEventPublisher(options: { catalog: Catalog; signals: Signals; postgres: boolean }): EventPublisher {
  return {
    async publish(trx, event) {
      const definition = options.catalog[event.type];
      if (!definition) throw new UnknownEventError(`Unknown event type ${event.type}: add it to the event catalog`);
      const parsed = definition.payload.safeParse(event.payload);
      if (!parsed.success) {
        const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(payload)'}: ${i.message}`).join('; ');
        throw new InvalidEventError(`Invalid payload for ${event.type}: ${issues}`);
      }
      const envelope: EventEnvelope = {
        id: uuidv7(),
        type: event.type,
        version: definition.version,
        occurredAt: new Date().toISOString(),
        tenantId: event.tenantId ?? null,
        actorId: event.actorId !== undefined ? event.actorId : (currentContext()?.userId ?? null),
        key: event.key,
        priority: event.priority ?? (definition.priority as Priority),
        payload: parsed.data,
      };
      await trx
        .insertInto('events.outbox')
        .values({
          id: envelope.id,
          type: envelope.type,
          version: envelope.version,
          occurred_at: envelope.occurredAt,
          tenant_id: envelope.tenantId,
          actor_id: envelope.actorId,
          key: envelope.key,
          priority: envelope.priority,
          payload: JSON.stringify(envelope.payload),
        })
        .execute();
      // Delivered at commit (never on rollback) to every process listening.
      if (options.postgres) await sql`select pg_notify(${OUTBOX_CHANNEL}, '')`.execute(trx);
      // In this process, wake the relay now; it finds the row once the transaction has committed.
      queueMicrotask(() => options.signals.emitter.emit(OUTBOX_CHANNEL));
      return envelope;
    },
  };
}
