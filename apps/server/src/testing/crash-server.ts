// A real server process with two counting consumer groups, for the crash test: it is killed with
// SIGKILL mid-stream and restarted. With PUBLISH=N it first publishes N events in one transaction.
// Every 100 ms it prints {"progress": {group: {applied, distinct}}} on stdout.
import { sql } from 'kysely';
import { z } from 'zod';
import { loadConfig } from '../platform/config.ts';
import type { Consumer } from '../platform/events/consumer.ts';
import { createPlatform } from '../platform.ts';

const GROUPS = ['crash.alpha', 'crash.beta'];
// The first process is slowed a little so that the test's SIGKILL certainly lands mid-stream.
const delayMs = Number(process.env.HANDLER_DELAY_MS ?? 0);
const consumers: Consumer[] = GROUPS.map((group) => ({
  group,
  types: ['crash.tick'],
  async handle(event, trx) {
    if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
    await sql`insert into public.crash_effects (group_name, event_id) values (${group}, ${event.id})`.execute(trx);
  },
}));

const platform = await createPlatform({
  config: loadConfig({ ...process.env, LOG_LEVEL: 'error', PORT: '0' }),
  extraEvents: { 'crash.tick': { version: 1, priority: 'p2', payload: z.object({ n: z.number() }) } },
  consumers,
  webDistDir: null,
});
const { db } = platform.database;
await sql`create table if not exists public.crash_effects (id bigint generated always as identity, group_name text not null, event_id uuid not null)`.execute(
  db,
);
const toPublish = Number(process.env.PUBLISH ?? 0);
if (toPublish > 0) {
  await sql`insert into events.outbox (id, type, version, occurred_at, key, priority, payload)
    select gen_random_uuid(), 'crash.tick', 1, now(), 'k' || (g % 32), 'p2', jsonb_build_object('n', g)
    from generate_series(1, ${toPublish}) g`.execute(db);
}
setInterval(async () => {
  const { rows } = await sql<{ group_name: string; applied: number; distinct: number }>`
    select group_name, count(*)::int as applied, count(distinct event_id)::int as distinct from public.crash_effects group by group_name`.execute(
    db,
  );
  process.stdout.write(
    `${JSON.stringify({ progress: Object.fromEntries(rows.map((r) => [r.group_name, { applied: r.applied, distinct: r.distinct }])) })}\n`,
  );
}, 100);
