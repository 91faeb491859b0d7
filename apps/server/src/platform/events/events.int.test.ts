// The PostgreSQL event-log bus end to end: outbox in the caller's transaction, relay, consumer
// groups per priority lane, exactly-once effects, per-key order, retries, dead letters and the
// operator API. Effects are rows in a table written in the consumer's transaction.
import type { EventEnvelope } from '@edumatrix/contracts';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createInstitution, problemOf, signedUpClient, waitFor } from '../../testing/factories.ts';
import { busAdapters, dbLabel, newEmail, PASSWORD, startTestPlatform, type TestPlatform } from '../../testing/test-platform.ts';
import type { Db } from '../db/database.ts';
import type { Consumer } from './consumer.ts';
import { InvalidEventError, UnknownEventError } from './outbox.ts';

const testEvents = {
  'test.note_written': {
    version: 1,
    priority: 'p2' as const,
    payload: z.object({ n: z.number().int(), poison: z.boolean().default(false) }),
  },
  'test.urgent': { version: 1, priority: 'p1' as const, payload: z.object({ n: z.number().int() }) },
  'test.bulk': { version: 1, priority: 'p3' as const, payload: z.object({ n: z.number().int() }) },
};

let poisonFixed = false;
let flakyFailuresLeft = new Map<string, number>();

const record = (group: string) => async (event: EventEnvelope, trx: Db) => {
  await sql`insert into public.test_effects (group_name, event_id, type, key, n) values
    (${group}, ${event.id}, ${event.type}, ${event.key}, ${(event.payload as { n?: number }).n ?? null})`.execute(trx);
};

const consumers: Consumer[] = [
  {
    group: 'test.recorder',
    types: [
      'test.note_written',
      'identity.user_registered',
      'institutions.institution_provisioned',
      'institutions.member_invited',
      'institutions.member_joined',
      'institutions.member_role_changed',
    ],
    async handle(event, trx) {
      const payload = event.payload as { poison?: boolean };
      if (payload.poison && !poisonFixed) throw new Error('poison: the handler cannot apply this yet');
      const left = flakyFailuresLeft.get(event.id) ?? 0;
      if (left > 0) {
        flakyFailuresLeft.set(event.id, left - 1);
        throw new Error('flaky dependency');
      }
      await record('test.recorder')(event, trx);
    },
  },
  { group: 'test.second', types: ['test.note_written'], handle: async (event, trx) => record('test.second')(event, trx) },
  {
    group: 'test.lanes',
    types: ['test.urgent', 'test.bulk'],
    async handle(event, trx) {
      // Background work is slow; urgent work must not wait behind it.
      if (event.type === 'test.bulk') await new Promise((r) => setTimeout(r, 3));
      await record('test.lanes')(event, trx);
    },
  },
];

async function effects(t: TestPlatform, group: string, type?: string) {
  const { rows } = await sql<{ event_id: string; type: string; key: string; n: number | null }>`
    select event_id, type, key, n from public.test_effects where group_name = ${group} and (${type ?? null}::text is null or type = ${type ?? null})
    order by id`.execute(t.platform.database.db);
  return rows;
}

async function publish(t: TestPlatform, type: string, key: string, payload: Record<string, unknown>) {
  const { publisher } = t.platform.events;
  return t.platform.database.db.transaction().execute((trx) => publisher.publish(trx, { type, key, payload } as never));
}

// One contract suite, run against every bus adapter this machine can offer.
describe.each(busAdapters())(`event backbone ($name) on ${dbLabel()}`, ({ env: adapterEnv }) => {
  let t: TestPlatform;
  const onLog = !('NATS_URL' in adapterEnv);
  beforeAll(async () => {
    poisonFixed = false;
    t = await startTestPlatform({
      extraEvents: testEvents,
      consumers,
      env: { EVENT_RETRY_BASE_MS_LOW: '5', EVENT_RETRY_ATTEMPTS_LOW: '4', EVENT_RETRY_BASE_MS_HIGH: '5', ...adapterEnv },
      setupSql: `create table public.test_effects (id bigint generated always as identity primary key,
        group_name text not null, event_id uuid not null, type text not null, key text not null, n int)`,
    });
  });
  afterAll(() => t?.close());

  it('refuses unknown types and invalid payloads loudly', async () => {
    const db = t.platform.database.db;
    await expect(
      db.transaction().execute((trx) => t.platform.events.publisher.publish(trx, { type: 'test.nope', key: 'k', payload: {} } as never)),
    ).rejects.toThrow(UnknownEventError);
    await expect(publish(t, 'test.note_written', 'k', { n: 'one' })).rejects.toThrow(InvalidEventError);
    await expect(publish(t, 'test.note_written', 'k', { n: 'one' })).rejects.toThrow(/n: /);
  });

  it('delivers only committed events: a rolled-back transaction publishes nothing', async () => {
    const db = t.platform.database.db;
    let rolledBackId = '';
    await db
      .transaction()
      .execute(async (trx) => {
        rolledBackId = (
          await t.platform.events.publisher.publish(trx, { type: 'test.note_written', key: 'rb', payload: { n: 1 } } as never)
        ).id;
        throw new Error('roll back');
      })
      .catch(() => {});
    const committed = await publish(t, 'test.note_written', 'rb', { n: 2 });
    await waitFor('the committed event', async () => (await effects(t, 'test.second')).some((e) => e.event_id === committed.id));
    const seen = await effects(t, 'test.second');
    expect(seen.some((e) => e.event_id === rolledBackId)).toBe(false);
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from events.outbox where id = ${rolledBackId}`.execute(db);
    expect(rows[0]?.n).toBe(0);
  });

  it('every group receives every subscribed event once, in order per key', async () => {
    const keys = ['a', 'b', 'c', 'd'];
    const published: string[] = [];
    for (let n = 0; n < 80; n++) published.push((await publish(t, 'test.note_written', `order-${keys[n % 4]}`, { n })).id);
    for (const group of ['test.recorder', 'test.second']) {
      await waitFor(
        `${group} to apply 80 events`,
        async () => (await effects(t, group, 'test.note_written')).filter((e) => published.includes(e.event_id)).length === 80,
      );
      const mine = (await effects(t, group, 'test.note_written')).filter((e) => published.includes(e.event_id));
      expect(new Set(mine.map((e) => e.event_id)).size).toBe(80);
      for (const key of keys) {
        const ns = mine.filter((e) => e.key === `order-${key}`).map((e) => e.n as number);
        expect(ns).toEqual([...ns].sort((x, y) => x - y));
        expect(ns).toHaveLength(20);
      }
    }
    // Caught up: the lag gauge drains to zero, whichever adapter carries the events.
    await waitFor('lag to drain', async () =>
      /edumatrix_events_consumer_lag\{group="test.second",lane="p2"\} 0\n/.test(await (await fetch(`${t.url}/metrics`)).text()),
    );
  });

  it('the foundation publishes its events: registered, provisioned, invited, joined, role changed', async () => {
    const owner = await signedUpClient(t, 'Event Owner');
    const inst = await createInstitution(owner.client);
    const email = newEmail();
    await owner.client.institutions.invite(inst.id, { email, role: 'student' });
    const mail = [...(t.platform.mailer.outbox ?? [])].reverse().find((m) => m.to === email);
    const token = mail?.text.match(/token=([\w-]+)/)?.[1] as string;
    const joined = await t.client().invitations.accept({ token, password: PASSWORD, displayName: 'Joiner' });
    await owner.client.institutions.updateMember(inst.id, joined.auth?.user.id as string, { role: 'teacher' });

    const types = [
      'identity.user_registered',
      'institutions.institution_provisioned',
      'institutions.member_invited',
      'institutions.member_joined',
      'institutions.member_role_changed',
    ];
    await waitFor('the foundation events', async () => {
      const seen = new Set((await effects(t, 'test.recorder')).filter((e) => e.key === inst.id || e.key === owner.id).map((e) => e.type));
      return types.every((type) => seen.has(type));
    });
    const { rows } = await sql<{ type: string; payload: Record<string, unknown>; tenant_id: string | null; actor_id: string | null }>`
      select type, payload, tenant_id, actor_id from events.outbox where key = ${inst.id} order by position`.execute(
      t.platform.database.db,
    );
    expect(rows.map((r) => r.type)).toEqual(types.slice(1));
    expect(rows.at(-1)).toMatchObject({
      tenant_id: inst.id,
      actor_id: owner.id,
      payload: { institutionId: inst.id, userId: joined.auth?.user.id, from: 'student', to: 'teacher' },
    });
  });

  it('retries a failing event and applies it once it succeeds', async () => {
    flakyFailuresLeft = new Map();
    const event = await t.platform.database.db.transaction().execute(async (trx) => {
      const e = await t.platform.events.publisher.publish(trx, { type: 'test.note_written', key: 'flaky', payload: { n: 2 } } as never);
      flakyFailuresLeft.set(e.id, 2);
      return e;
    });
    await waitFor('the flaky event', async () => (await effects(t, 'test.recorder')).some((e) => e.event_id === event.id));
    expect((await effects(t, 'test.recorder')).filter((e) => e.event_id === event.id)).toHaveLength(1);
    expect(flakyFailuresLeft.get(event.id)).toBe(0);
  });

  it('a poison event lands in dead letters; an operator retries it once the fault is fixed, and it applies once', async () => {
    const operator = await signedUpClient(t, 'Operator');
    await t.platform.identity.setPlatformRoles(operator.id, ['operator']);
    await operator.client.auth.refresh();
    const poison = await publish(t, 'test.note_written', 'poison-key', { n: 1, poison: true });
    const after = await publish(t, 'test.note_written', 'poison-key', { n: 2 });

    // Later events keep flowing (the same key waits for the poison event's attempts, then goes on).
    await waitFor('the event after the poison one', async () => (await effects(t, 'test.recorder')).some((e) => e.event_id === after.id));
    const list = await operator.client.raw<{
      items: { id: string; group: string; attempts: unknown[]; event: { id: string }; status: string }[];
    }>('GET', '/api/v1/admin/dead-letters', undefined, { group: 'test.recorder', type: 'test.note_written', status: 'pending' });
    const letter = list.items.find((d) => d.event.id === poison.id);
    expect(letter).toBeTruthy();
    expect(letter?.attempts).toHaveLength(4);
    expect(await operator.client.raw('GET', `/api/v1/admin/dead-letters/${letter?.id}`)).toMatchObject({
      error: expect.stringMatching(/poison/),
    });

    const stillFailing = await problemOf(operator.client.raw('POST', `/api/v1/admin/dead-letters/${letter?.id}/retry`, {}));
    expect(stillFailing.problem.code).toBe('events.retry_failed');

    poisonFixed = true;
    expect(await operator.client.raw('POST', `/api/v1/admin/dead-letters/${letter?.id}/retry`, {})).toMatchObject({ status: 'retried' });
    expect((await problemOf(operator.client.raw('POST', `/api/v1/admin/dead-letters/${letter?.id}/retry`, {}))).problem.code).toBe(
      'events.dead_letter_resolved',
    );
    expect((await effects(t, 'test.recorder')).filter((e) => e.event_id === poison.id)).toHaveLength(1);

    const { rows } = await sql<{
      n: number;
    }>`select count(*)::int as n from platform.audit_log where action = 'dead_letter.retried' and target_id = ${letter?.id}`.execute(
      t.platform.database.db,
    );
    expect(rows[0]?.n).toBe(1);
    const metrics = await (await fetch(`${t.url}/metrics`)).text();
    expect(metrics).toMatch(/edumatrix_events_consumed_total\{group="test.recorder",lane="p2",outcome="dead_lettered"\} [1-9]/);
    expect(metrics).toMatch(/edumatrix_events_relayed_total\{lane="p2"\} [1-9]/);
    expect(metrics).toMatch(/edumatrix_events_consumer_lag\{group="test.recorder",lane="p2"\} \d+/);
    expect(metrics).toContain('edumatrix_events_dead_letters');
  });

  it('discarding a dead letter, and redelivery of an applied event, change nothing', async () => {
    const operator = await signedUpClient(t, 'Operator 2');
    await t.platform.identity.setPlatformRoles(operator.id, ['operator']);
    await operator.client.auth.refresh();
    poisonFixed = false;
    const poison = await publish(t, 'test.note_written', 'discard-key', { n: 1, poison: true });
    await waitFor('the dead letter', async () => {
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from events.dead_letters where event_id = ${poison.id}`.execute(
        t.platform.database.db,
      );
      return rows[0]?.n === 1;
    });
    const { rows } = await sql<{ id: string }>`select id from events.dead_letters where event_id = ${poison.id}`.execute(
      t.platform.database.db,
    );
    await operator.client.raw('DELETE', `/api/v1/admin/dead-letters/${rows[0]?.id}`);
    expect(await operator.client.raw('GET', `/api/v1/admin/dead-letters/${rows[0]?.id}`)).toMatchObject({ status: 'discarded' });

    if (!onLog) return;
    // Rewind a group's position: everything is delivered again, and nothing is applied twice.
    const before = (await effects(t, 'test.second')).length;
    await sql`update events.consumer_positions set position = 0 where group_name = 'test.second'`.execute(t.platform.database.db);
    const marker = await publish(t, 'test.note_written', 'after-rewind', { n: 1 });
    await waitFor('the marker after the rewind', async () => (await effects(t, 'test.second')).some((e) => e.event_id === marker.id));
    expect((await effects(t, 'test.second')).length).toBe(before + 1);
  });

  it('p1 events are consumed while 20,000 p3 events are queued', async () => {
    const db = t.platform.database.db;
    // Queue the background flood straight into the outbox, as 20,000 publishes would.
    await sql`insert into events.outbox (id, type, version, occurred_at, key, priority, payload)
      select gen_random_uuid(), 'test.bulk', 1, now(), 'bulk-' || (g % 16), 'p3', jsonb_build_object('n', g)
      from generate_series(1, 20000) g`.execute(db);
    await waitFor('the flood to reach the log', async () => {
      const { rows } = await sql<{
        n: number;
      }>`select count(*)::int as n from events.outbox where type = 'test.bulk' and position is null`.execute(db);
      return rows[0]?.n === 0;
    });
    const urgent: string[] = [];
    for (let n = 0; n < 20; n++) urgent.push((await publish(t, 'test.urgent', `urgent-${n % 4}`, { n })).id);
    await waitFor('the urgent events', async () => (await effects(t, 'test.lanes', 'test.urgent')).length === 20, 15_000);
    const bulkDone = (await effects(t, 'test.lanes', 'test.bulk')).length;
    expect(bulkDone).toBeLessThan(20000);
    expect(20000 - bulkDone).toBeGreaterThan(5000);
  });
});
