// Dead letters: events a consumer group could not apply after its last attempt. Operators list,
// inspect, retry (applies once, thanks to the processed record) and discard them.
import type { DeadLetter, DeadLetterQuery, EventEnvelope, Page } from '@edumatrix/contracts';
import type { Generated, Kysely } from 'kysely';
import { recordAudit } from '../audit/audit.ts';
import type { Db } from '../db/database.ts';
import { AppError, notFound } from '../http/app-error.ts';
import { decodeCursor, toPage } from '../http/cursor.ts';
import { type Attempt, applyOnce } from './apply.ts';
import type { Consumer } from './consumer.ts';

type Tables = {
  'events.dead_letters': {
    id: string;
    group_name: string;
    event_id: string;
    event: EventEnvelope;
    error: string;
    attempts: Attempt[];
    status: Generated<'pending' | 'retried' | 'discarded'>;
    created_at: Generated<Date>;
    resolved_at: Date | null;
  };
};

const present = (r: {
  id: string;
  group_name: string;
  event: EventEnvelope;
  error: string;
  attempts: Attempt[];
  status: 'pending' | 'retried' | 'discarded';
  created_at: Date;
  resolved_at: Date | null;
}): DeadLetter => ({
  id: r.id,
  group: r.group_name,
  event: r.event,
  error: r.error,
  attempts: r.attempts,
  status: r.status,
  createdAt: new Date(r.created_at).toISOString(),
  resolvedAt: r.resolved_at ? new Date(r.resolved_at).toISOString() : null,
});

export type DeadLetters = ReturnType<typeof createDeadLetters>;

const tables = (executor: Db) => executor as Kysely<Tables>;

export function createDeadLetters(executor: Db, consumers: Consumer[]) {
  const db = tables(executor);
  const byGroup = new Map(consumers.map((c) => [c.group, c]));

  async function find(id: string) {
    const row = await db.selectFrom('events.dead_letters').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound('events.dead_letter_not_found', 'Dead letter');
    return row;
  }

  return {
    async list(query: DeadLetterQuery): Promise<Page<DeadLetter>> {
      let q = db
        .selectFrom('events.dead_letters')
        .selectAll()
        .orderBy('id', 'desc')
        .limit(query.limit + 1);
      if (query.group) q = q.where('group_name', '=', query.group);
      if (query.status) q = q.where('status', '=', query.status);
      if (query.type) q = q.where((eb) => eb(eb.ref('event', '->>').key('type'), '=', query.type as string));
      if (query.cursor) q = q.where('id', '<', decodeCursor(query.cursor));
      const rows = await q.execute();
      return toPage(rows, query.limit, present);
    },

    get: async (id: string) => present(await find(id)),

    /** Applies the event for its group now. A second retry, or an already applied event, changes nothing. */
    async retry(id: string): Promise<DeadLetter> {
      const row = await find(id);
      if (row.status !== 'pending')
        throw new AppError('conflict', 'events.dead_letter_resolved', `This dead letter was already ${row.status}`);
      const consumer = byGroup.get(row.group_name);
      if (!consumer) throw new AppError('conflict', 'events.unknown_group', `No consumer group ${row.group_name} runs in this deployment`);
      try {
        await applyOnce(executor, consumer, row.event);
      } catch (err) {
        const attempts = [...row.attempts, { at: new Date().toISOString(), error: err instanceof Error ? err.message : String(err) }];
        await db
          .updateTable('events.dead_letters')
          .set({ attempts: JSON.stringify(attempts) as unknown as Attempt[] })
          .where('id', '=', id)
          .execute();
        throw new AppError('conflict', 'events.retry_failed', `The event still fails: ${attempts.at(-1)?.error}`);
      }
      return executor.transaction().execute(async (trx) => {
        const updated = await tables(trx)
          .updateTable('events.dead_letters')
          .set({ status: 'retried', resolved_at: new Date() })
          .where('id', '=', id)
          .returningAll()
          .executeTakeFirstOrThrow();
        await recordAudit(trx, {
          action: 'dead_letter.retried',
          targetType: 'dead_letter',
          targetId: id,
          after: { group: row.group_name, eventId: row.event_id },
        });
        return present(updated);
      });
    },

    async discard(id: string): Promise<void> {
      const row = await find(id);
      if (row.status !== 'pending')
        throw new AppError('conflict', 'events.dead_letter_resolved', `This dead letter was already ${row.status}`);
      await executor.transaction().execute(async (trx) => {
        await tables(trx)
          .updateTable('events.dead_letters')
          .set({ status: 'discarded', resolved_at: new Date() })
          .where('id', '=', id)
          .execute();
        await recordAudit(trx, {
          action: 'dead_letter.discarded',
          targetType: 'dead_letter',
          targetId: id,
          before: { group: row.group_name, eventId: row.event_id },
        });
      });
    },
  };
}
