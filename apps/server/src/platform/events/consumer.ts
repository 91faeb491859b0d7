import type { EventEnvelope, Priority } from '@edumatrix/contracts';
import type { Db } from '../db/database.ts';

/**
 * A consumer group: receives every event of the types it subscribes to, each applied once (its
 * `handle` runs in a transaction that also records the event as processed for the group).
 */
export type Consumer = {
  group: string;
  types: readonly string[];
  handle(event: EventEnvelope, trx: Db): Promise<void>;
};

export type RetryPolicy = { attempts: number; baseMs: number };
export type RetryPolicies = Record<Priority, RetryPolicy>;
