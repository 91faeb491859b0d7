import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { guardedRequest } from '../../platform/outbound/guarded-http.ts';
import { addMember, createInstitution, problemOf, signedUpClient, waitFor } from '../../testing/factories.ts';
import { dbLabel, startTestPlatform, type TestPlatform } from '../../testing/test-platform.ts';

type Received = { headers: IncomingHttpHeaders; body: string };

/** A real HTTP receiver on loopback; `answer` decides each response's status. */
async function startReceiver(answer: (n: number) => number = () => 200) {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.writeHead(answer(received.length)).end(received.length > 0 ? 'ok' : '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/edumatrix`;
  return { url, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** What a receiver does with Standard Webhooks: recompute the signature from the secret. */
function verify(secret: string, r: Received): boolean {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const signed = `${r.headers['webhook-id']}.${r.headers['webhook-timestamp']}.${r.body}`;
  return r.headers['webhook-signature'] === `v1,${createHmac('sha256', key).update(signed).digest('base64')}`;
}

describe(`outgoing webhooks on ${dbLabel()}`, () => {
  let t: TestPlatform;
  const receivers: { close(): Promise<void> }[] = [];
  const receiver = async (answer?: (n: number) => number) => {
    const r = await startReceiver(answer);
    receivers.push(r);
    return r;
  };

  beforeAll(async () => {
    t = await startTestPlatform({
      env: {
        WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
        WEBHOOK_MAX_ATTEMPTS: '3',
        WEBHOOK_RETRY_BASE_MS: '20',
        WEBHOOK_DISABLE_AFTER_FAILURES: '2',
        // The breaker must not pause an endpoint between these quick attempts.
        OUTBOUND_BREAKER_THRESHOLD: '100',
      },
    });
  });
  afterEach(async () => {
    await Promise.all(receivers.splice(0).map((r) => r.close()));
  });
  afterAll(() => t.close());

  it('delivers subscribed events of its own institution, signed, and logs the delivery', async () => {
    const owner = await signedUpClient(t, 'Owner');
    const inst = await createInstitution(owner.client, { name: 'Riverside College' });
    const other = await createInstitution(owner.client, { name: 'Other College' });
    const r = await receiver();
    const hook = await owner.client.webhooks.create(inst.id, {
      url: r.url,
      eventTypes: ['institutions.member_joined'],
      description: 'SIS',
    });
    expect(hook.secret).toMatch(/^whsec_[A-Za-z0-9+/=]{32}$/);
    expect(await owner.client.webhooks.get(inst.id, hook.id)).not.toHaveProperty('secret');

    const member = await addMember(t, owner.client, inst.id, 'teacher');
    await addMember(t, owner.client, other.id, 'teacher');
    await waitFor('the delivery', async () => r.received.length >= 1);
    const [sent] = r.received as [Received];
    expect(verify(hook.secret, sent)).toBe(true);
    expect(sent.headers['x-edumatrix-event']).toBe('institutions.member_joined');
    expect(Math.abs(Number(sent.headers['webhook-timestamp']) - Date.now() / 1000)).toBeLessThan(60);
    const body = JSON.parse(sent.body);
    expect(body).toMatchObject({
      type: 'institutions.member_joined',
      version: 1,
      institutionId: inst.id,
      data: { institutionId: inst.id, userId: member.id, role: 'teacher' },
    });

    await waitFor('the log to say succeeded', async () => {
      const log = await owner.client.webhooks.deliveries(inst.id, hook.id);
      return log.items[0]?.status === 'succeeded';
    });
    const log = await owner.client.webhooks.deliveries(inst.id, hook.id);
    expect(log.items).toHaveLength(1);
    expect(log.items[0]).toMatchObject({
      eventType: 'institutions.member_joined',
      eventId: body.id,
      attempts: [{ statusCode: 200, error: null }],
    });
    const detail = await owner.client.webhooks.delivery(inst.id, hook.id, log.items[0]?.id as string);
    expect(detail.body).toBe(sent.body);
    expect(sent.headers['webhook-id']).toBe(detail.id);

    // Role changes are not subscribed: nothing more arrives, and the only request was the one above.
    await owner.client.institutions.updateMember(inst.id, member.id, { role: 'staff' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(r.received).toHaveLength(1);
  });

  it('retries failures with backoff, then succeeds; attempts are in the log', async () => {
    const owner = await signedUpClient(t, 'Owner');
    const inst = await createInstitution(owner.client);
    const r = await receiver((n) => (n < 3 ? 503 : 204));
    const hook = await owner.client.webhooks.create(inst.id, { url: r.url, eventTypes: ['institutions.member_joined'] });
    const ping = await owner.client.webhooks.ping(inst.id, hook.id);
    expect(ping).toMatchObject({ status: 'pending', eventType: 'webhooks.ping' });
    await waitFor(
      'success on the third attempt',
      async () => (await owner.client.webhooks.delivery(inst.id, hook.id, ping.id)).status === 'succeeded',
    );
    const detail = await owner.client.webhooks.delivery(inst.id, hook.id, ping.id);
    expect(detail.attempts.map((a) => a.statusCode)).toEqual([503, 503, 204]);
    expect(detail.attempts[0]?.error).toMatch(/^HTTP 503/);
    // Each attempt is signed afresh, with the same delivery id.
    expect(r.received.every((x) => verify(hook.secret, x) && x.headers['webhook-id'] === ping.id)).toBe(true);
    const gap = Date.parse(detail.attempts[2]?.at as string) - Date.parse(detail.attempts[1]?.at as string);
    expect(gap).toBeGreaterThanOrEqual(80); // 20 ms × 4: the second wait is four times the first
    expect((await owner.client.webhooks.get(inst.id, hook.id)).consecutiveFailures).toBe(0);
  });

  it('disables an endpoint after repeated failed deliveries and tells the admins; enabling starts afresh', async () => {
    const owner = await signedUpClient(t, 'Owner');
    const inst = await createInstitution(owner.client);
    const admin = await addMember(t, owner.client, inst.id, 'admin');
    const r = await receiver(() => 500);
    // Not member_joined: the admin's join above may still be on its way through the bus.
    const hook = await owner.client.webhooks.create(inst.id, { url: r.url, eventTypes: ['institutions.member_role_changed'] });
    const first = await owner.client.webhooks.ping(inst.id, hook.id);
    await waitFor(
      'the first delivery to fail',
      async () => (await owner.client.webhooks.delivery(inst.id, hook.id, first.id)).status === 'failed',
    );
    expect((await owner.client.webhooks.get(inst.id, hook.id)).consecutiveFailures).toBe(1);
    await owner.client.webhooks.ping(inst.id, hook.id);
    await waitFor('the endpoint to be disabled', async () => !(await owner.client.webhooks.get(inst.id, hook.id)).enabled);

    const disabled = await owner.client.webhooks.get(inst.id, hook.id);
    expect(disabled.disabledReason).toBe('Disabled after 2 failed deliveries in a row');
    expect(r.received).toHaveLength(6);
    for (const person of [owner, admin]) {
      await waitFor('the notification', async () =>
        (await person.client.notifications.list()).items.some((n) => n.kind === 'webhooks.endpoint_disabled'),
      );
    }
    const note = (await admin.client.notifications.list()).items.find((n) => n.kind === 'webhooks.endpoint_disabled');
    expect(note).toMatchObject({ link: `/institutions/${inst.id}/webhooks`, institutionId: inst.id });
    const audit = await owner.client.institutions.audit(inst.id);
    expect(audit.items.find((e) => e.action === 'webhook.disabled')).toMatchObject({ targetId: hook.id, actorId: null });

    // Disabled: events are not queued, and a test ping is refused.
    await owner.client.institutions.updateMember(inst.id, admin.id, { role: 'staff' });
    await waitFor('the webhooks group to have seen the role change', async () => {
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from events.processed p join events.outbox o on o.id = p.event_id
        where p.group_name = 'webhooks' and o.type = 'institutions.member_role_changed' and o.tenant_id = ${inst.id}`.execute(
        t.platform.database.db,
      );
      return rows[0]?.n === 1;
    });
    expect((await problemOf(owner.client.webhooks.ping(inst.id, hook.id))).problem.code).toBe('webhooks.disabled');
    const enabled = await owner.client.webhooks.update(inst.id, hook.id, { enabled: true });
    expect(enabled).toMatchObject({ enabled: true, disabledReason: null, consecutiveFailures: 0 });
    expect((await owner.client.webhooks.deliveries(inst.id, hook.id)).items).toHaveLength(2);
  });

  it('redelivers a finished delivery once more, and a rotated secret signs from then on', async () => {
    const owner = await signedUpClient(t, 'Owner');
    const inst = await createInstitution(owner.client);
    const r = await receiver((n) => (n <= 3 ? 500 : 200));
    const hook = await owner.client.webhooks.create(inst.id, { url: r.url, eventTypes: ['institutions.member_joined'] });
    const ping = await owner.client.webhooks.ping(inst.id, hook.id);
    await waitFor(
      'the delivery to fail',
      async () => (await owner.client.webhooks.delivery(inst.id, hook.id, ping.id)).status === 'failed',
    );
    expect((await owner.client.webhooks.deliveries(inst.id, hook.id, { status: 'failed' })).items.map((d) => d.id)).toEqual([ping.id]);

    const rotated = await owner.client.webhooks.rotateSecret(inst.id, hook.id);
    expect(rotated.secret).not.toBe(hook.secret);
    const again = await owner.client.webhooks.redeliver(inst.id, hook.id, ping.id);
    expect(again.status).toBe('pending');
    await waitFor(
      'the redelivery to succeed',
      async () => (await owner.client.webhooks.delivery(inst.id, hook.id, ping.id)).status === 'succeeded',
    );
    const last = r.received.at(-1) as Received;
    expect(verify(rotated.secret, last)).toBe(true);
    expect(verify(hook.secret, last)).toBe(false);
    expect((await owner.client.webhooks.delivery(inst.id, hook.id, ping.id)).attempts).toHaveLength(4);
  });

  it('validates input with problems naming the field, and deleting removes the log', async () => {
    const owner = await signedUpClient(t, 'Owner');
    const inst = await createInstitution(owner.client);
    const bad = [
      [{ url: 'ftp://example.org/x', eventTypes: ['institutions.member_joined'] }, 'url'],
      [{ url: 'not a url', eventTypes: ['institutions.member_joined'] }, 'url'],
      [{ url: 'http://127.0.0.1:9/x', eventTypes: [] }, 'eventTypes'],
      [{ url: 'http://127.0.0.1:9/x', eventTypes: ['identity.user_registered'] }, 'eventTypes.0'],
      [{ url: 'http://user:pw@127.0.0.1:9/x', eventTypes: ['institutions.member_joined'] }, 'url'],
    ] as const;
    for (const [body, field] of bad) {
      const problem = await problemOf(owner.client.webhooks.create(inst.id, body as never));
      expect({ body, status: problem.status, fields: problem.problem.errors?.map((e) => e.field) }).toEqual({
        body,
        status: 400,
        fields: [field],
      });
    }
    const r = await receiver();
    const hook = await owner.client.webhooks.create(inst.id, { url: r.url, eventTypes: ['institutions.member_joined'] });
    const ping = await owner.client.webhooks.ping(inst.id, hook.id);
    await owner.client.webhooks.remove(inst.id, hook.id);
    expect((await problemOf(owner.client.webhooks.get(inst.id, hook.id))).status).toBe(404);
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from webhooks.queue where delivery_id = ${ping.id}`.execute(
      t.platform.database.db,
    );
    await waitFor('the queue to forget it', async () => {
      const again = await sql<{ n: number }>`select count(*)::int as n from webhooks.queue where delivery_id = ${ping.id}`.execute(
        t.platform.database.db,
      );
      return again.rows[0]?.n === 0;
    });
    expect(rows[0]?.n).toBeLessThanOrEqual(1);
  });
});

describe(`webhook receivers on private networks, refused by default, on ${dbLabel()}`, () => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await startTestPlatform();
  });
  afterAll(() => t.close());

  it.each([
    'http://127.0.0.1:8080/hook',
    'http://localhost:8080/hook',
    'http://169.254.169.254/latest/meta-data',
    'http://10.0.0.7/hook',
    'http://192.168.1.1/hook',
    'http://[::1]:8080/hook',
    'http://[::ffff:127.0.0.1]/hook',
  ])('%s is refused at registration', async (url) => {
    const owner = await signedUpClient(t, 'Owner');
    const inst = await createInstitution(owner.client);
    const problem = await problemOf(owner.client.webhooks.create(inst.id, { url, eventTypes: ['institutions.member_joined'] }));
    expect(problem.status).toBe(400);
    expect(problem.problem).toMatchObject({ code: 'webhooks.url_not_allowed', errors: [{ field: 'url' }] });
  });

  it('the sender refuses a host that resolves to a private address (DNS rebinding after registration)', async () => {
    const r = await startReceiver();
    try {
      const port = new URL(r.url).port;
      await expect(
        guardedRequest(`http://localhost:${port}/x`, { method: 'POST', headers: {}, body: '{}', allowPrivate: false }),
      ).rejects.toThrow(/private, loopback or link-local/);
      await expect(guardedRequest(r.url, { method: 'POST', headers: {}, body: '{}', allowPrivate: false })).rejects.toThrow(/private/);
      expect(r.received).toHaveLength(0);
      // Allowed by configuration, the same request goes through.
      expect(
        (await guardedRequest(`http://localhost:${port}/x`, { method: 'POST', headers: {}, body: '{}', allowPrivate: true })).status,
      ).toBe(200);
      expect(r.received).toHaveLength(1);
    } finally {
      await r.close();
    }
  });
});
