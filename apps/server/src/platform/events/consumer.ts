import type { EventEnvelope, Priority } from '@edumatrix/contracts';
import type { Db } from '../db/database.ts';

/**
 * A consumer group: receives every event of the types it subscribes to, each applied once (its
 * `handle` runs in a transaction that also records the event as processed for the group).
 *
 * Inside `handle`, touch the database only through `trx`: embedded PGlite has one connection, so a
 * query on any other handle waits for this transaction and never runs. What a consumer needs from
 * another module should travel in the event's payload.
 */
export type Consumer = {
  group: string;
  types: readonly string[];
  handle(event: EventEnvelope, trx: Db): Promise<void>;
  /** Runs after `handle`'s transaction committed (live pushes); its failure does not undo anything. */
  afterCommit?(event: EventEnvelope): void;
};

export type RetryPolicy = { attempts: number; baseMs: number };
export type RetryPolicies = Record<Priority, RetryPolicy>;
