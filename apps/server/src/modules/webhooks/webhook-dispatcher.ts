// Sends queued deliveries: claims due ones (any process may run this; claims never overlap), POSTs
// them through the endpoint's resilience policy, and records the attempt. Failures are retried on a
// persisted schedule with exponential backoff, so retries survive restarts; after the last attempt
// the delivery fails, and an endpoint whose deliveries keep failing is disabled and its admins told.
import type { WebhookAttempt } from '@edumatrix/contracts';
import { BrokenCircuitError, TaskCancelledError } from 'cockatiel';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { Db } from '../../platform/db/database.ts';
import type { EventPublisher } from '../../platform/events/outbox.ts';
import { type PollLoop, startPollLoop } from '../../platform/jobs/poll-loop.ts';
import type { Logger } from '../../platform/observability/logger.ts';
import { guardedRequest } from '../../platform/outbound/guarded-http.ts';
import type { Resilience } from '../../platform/resilience/resilience.ts';
import { webhookHeaders } from './signature.ts';
import { type DueDelivery, dropPendingDeliveries, type EndpointRow, webhookQueue, webhooksRepository } from './webhooks.repository.ts';

export type WebhookSettings = {
  allowPrivate: boolean;
  /** Attempts per delivery before it fails. */
  maxAttempts: number;
  /** Wait before the second attempt; each later wait is four times longer (capped at 12 hours). */
  retryBaseMs: number;
  /** Failed deliveries in a row after which the endpoint is disabled. */
  disableAfter: number;
};

export type WebhookDispatcherDeps = {
  db: Db;
  log: Logger;
  resilience: Resilience;
  events: EventPublisher;
  settings: WebhookSettings;
  /** Owners and admins of an institution, told when an endpoint is disabled. */
  managersOf(institutionId: string): Promise<string[]>;
  pollMs?: number;
};

export type WebhookDispatcher = PollLoop;

const MAX_BACKOFF_MS = 12 * 3600_000;
const CONCURRENCY = 4;

function describeError(err: unknown): string {
  if (err instanceof BrokenCircuitError) return 'Not sent: the endpoint kept failing, so calls are paused for a while';
  if (err instanceof TaskCancelledError) return 'Timed out';
  return err instanceof Error ? err.message.slice(0, 500) : String(err);
}

export function startWebhookDispatcher(deps: WebhookDispatcherDeps): WebhookDispatcher {
  const { db, log, settings } = deps;

  async function send(endpoint: EndpointRow, deliveryId: string, eventType: string, body: string): Promise<WebhookAttempt> {
    const started = Date.now();
    const policy = deps.resilience.policy(`webhook:${endpoint.id}`, { attempts: 1 });
    try {
      const res = await policy.execute((signal) =>
        guardedRequest(endpoint.url, {
          method: 'POST',
          headers: webhookHeaders(endpoint.secret, deliveryId, eventType, body),
          body,
          signal,
          allowPrivate: settings.allowPrivate,
        }).then((r) => {
          // Only 2xx counts: a redirect is not followed, and it would be a failure to the breaker too.
          if (r.status < 200 || r.status > 299)
            throw Object.assign(new Error(`HTTP ${r.status}: ${r.body.slice(0, 200)}`), { status: r.status });
          return r;
        }),
      );
      return { at: new Date(started).toISOString(), durationMs: Date.now() - started, statusCode: res.status, error: null };
    } catch (err) {
      const status = (err as { status?: number }).status ?? null;
      return { at: new Date(started).toISOString(), durationMs: Date.now() - started, statusCode: status, error: describeError(err) };
    }
  }

  async function disable(trx: Db, institutionId: string, endpoint: EndpointRow, managers: string[]) {
    const repo = webhooksRepository(trx, institutionId);
    const reason = `Disabled after ${settings.disableAfter} failed deliveries in a row`;
    await repo.updateEndpoint(endpoint.id, { enabled: false, disabled_reason: reason });
    await dropPendingDeliveries(trx, institutionId, endpoint.id);
    await recordAudit(trx, {
      action: 'webhook.disabled',
      targetType: 'webhook',
      targetId: endpoint.id,
      institutionId,
      actorId: null,
      after: { enabled: false, reason },
    });
    for (const userId of managers) {
      await deps.events.publish(trx, {
        type: 'notifications.notification_requested',
        key: userId,
        tenantId: institutionId,
        actorId: null,
        payload: {
          userId,
          kind: 'webhooks.endpoint_disabled',
          title: 'A webhook endpoint was disabled',
          body: `${endpoint.url}: ${reason}. Fix the receiver, then enable it again.`,
          link: `/institutions/${institutionId}/webhooks`,
          institutionId,
        },
      });
    }
    log.warn({ institutionId, webhookId: endpoint.id }, 'webhook endpoint disabled after repeated failures');
  }

  async function dispatch(due: DueDelivery) {
    const repo = webhooksRepository(db, due.institution_id);
    const delivery = await repo.deliveryById(due.delivery_id);
    const endpoint = delivery ? await repo.endpoint(delivery.endpoint_id) : undefined;
    if (!delivery || !endpoint || delivery.status !== 'pending' || !endpoint.enabled) {
      await webhookQueue(db).remove([due.delivery_id]);
      return;
    }
    const attempt = await send(endpoint, delivery.id, delivery.event_type, delivery.body);
    const attempts = [...delivery.attempts, attempt];
    const succeeded = attempt.error === null;
    const exhausted = !succeeded && attempts.length >= settings.maxAttempts;
    const failures = succeeded ? 0 : exhausted ? endpoint.consecutive_failures + 1 : endpoint.consecutive_failures;
    const disabling = failures >= settings.disableAfter;
    // Asked before the transaction: on embedded PGlite a query outside it would wait for it.
    const managers = disabling ? await deps.managersOf(due.institution_id) : [];
    const nextAt = new Date(Date.now() + Math.min(MAX_BACKOFF_MS, settings.retryBaseMs * 4 ** (attempts.length - 1)));

    await db.transaction().execute(async (trx) => {
      const r = webhooksRepository(trx, due.institution_id);
      const queue = webhookQueue(trx);
      const done = succeeded || exhausted;
      const updated = await r.updateDelivery(delivery.id, {
        attempts: JSON.stringify(attempts),
        status: succeeded ? 'succeeded' : exhausted ? 'failed' : 'pending',
        next_attempt_at: done ? null : nextAt,
        completed_at: done ? new Date() : null,
      });
      // Deleted with its endpoint while it was being sent: nothing left to record.
      if (!updated || done) await queue.remove([delivery.id]);
      if (!updated) return;
      if (!done) await queue.enqueue(delivery.id, due.institution_id, nextAt);
      if (failures !== endpoint.consecutive_failures) await r.updateEndpoint(endpoint.id, { consecutive_failures: failures });
      if (disabling) await disable(trx, due.institution_id, endpoint, managers);
    });
  }

  const queue = webhookQueue(db);
  return startPollLoop({
    name: 'webhook dispatch',
    log,
    pollMs: deps.pollMs ?? 1000,
    async tick() {
      const due = await queue.claim(CONCURRENCY * 4, 120);
      const run = async () => {
        for (let next = due.shift(); next; next = due.shift()) {
          const claimed = next;
          // One broken delivery must not stop the others; its claim expires and it is tried again.
          await dispatch(claimed).catch((err: unknown) =>
            log.error({ err, deliveryId: claimed.delivery_id }, 'webhook delivery failed to record'),
          );
        }
      };
      const found = due.length > 0;
      await Promise.all(Array.from({ length: CONCURRENCY }, run));
      return found;
    },
  });
}
