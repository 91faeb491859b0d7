// Applying one event for one consumer group: exactly once (processed record in the same
// transaction), with retries and backoff, and a dead letter after the last attempt.
import type { EventEnvelope } from '@edumatrix/contracts';
import { sql } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Db } from '../db/database.ts';
import type { Consumer, RetryPolicy } from './consumer.ts';

export type Attempt = { at: string; error: string };
export type ApplyOutcome = 'applied' | 'duplicate' | 'dead_lettered';

const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err)).slice(0, 2000);

/** Runs the handler once for the group; answers 'duplicate' when the group already applied it. */
export async function applyOnce(db: Db, consumer: Consumer, event: EventEnvelope): Promise<'applied' | 'duplicate'> {
  const outcome = await db.transaction().execute(async (trx) => {
    const { rows } = await sql<{ event_id: string }>`
      insert into events.processed (group_name, event_id) values (${consumer.group}, ${event.id})
      on conflict do nothing returning event_id`.execute(trx);
    if (rows.length === 0) return 'duplicate';
    await consumer.handle(event, trx);
    return 'applied' as const;
  });
  if (outcome === 'applied') {
    try {
      consumer.afterCommit?.(event);
    } catch {
      // Best effort by contract: the effect is committed either way.
    }
  }
  return outcome;
}

export async function deliver(
  db: Db,
  consumer: Consumer,
  event: EventEnvelope,
  policy: RetryPolicy,
  sleep: (ms: number) => Promise<void>,
): Promise<ApplyOutcome> {
  const attempts: Attempt[] = [];
  for (let attempt = 1; attempt <= policy.attempts; attempt++) {
    try {
      return await applyOnce(db, consumer, event);
    } catch (err) {
      attempts.push({ at: new Date().toISOString(), error: errorText(err) });
      if (attempt < policy.attempts) await sleep(policy.baseMs * 2 ** (attempt - 1));
    }
  }
  await db
    .insertInto('events.dead_letters')
    .values({
      id: uuidv7(),
      group_name: consumer.group,
      event_id: event.id,
      event: JSON.stringify(event),
      error: attempts.at(-1)?.error ?? 'unknown',
      attempts: JSON.stringify(attempts),
    })
    .execute();
  return 'dead_lettered';
}
