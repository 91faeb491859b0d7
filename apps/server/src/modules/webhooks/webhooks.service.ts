// Managing an institution's webhook endpoints and reading their delivery log.
import {
  type CreateWebhookBody,
  type Page,
  type UpdateWebhookBody,
  WEBHOOK_PING,
  type Webhook,
  type WebhookDelivery,
  type WebhookDeliveryDetail,
  type WebhookDeliveryQuery,
  type WebhookWithSecret,
} from '@edumatrix/contracts';
import { uuidv7 } from 'uuidv7';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { AuthUser } from '../../platform/auth/access-tokens.ts';
import type { Db } from '../../platform/db/database.ts';
import { AppError, invalidField, notFound } from '../../platform/http/app-error.ts';
import { decodeCursor, toPage } from '../../platform/http/cursor.ts';
import { assertPublicHost, BlockedAddressError } from '../../platform/outbound/guarded-http.ts';
import type { TenantContext } from '../../platform/tenancy/tenancy.ts';
import { newWebhookSecret } from './signature.ts';
import { presentDelivery, presentDeliveryDetail, presentWebhook, webhookBody } from './webhooks.present.ts';
import { dropPendingDeliveries, queueDelivery, webhookQueue, webhooksRepository } from './webhooks.repository.ts';

export type WebhooksServiceDeps = {
  db: Db;
  allowPrivate: boolean;
  /** Production accepts https receivers only: payloads carry personal data. */
  requireHttps: boolean;
  wake(): void;
};

export type WebhooksService = ReturnType<typeof createWebhooksService>;

const MAX_ENDPOINTS = 20;
const webhookNotFound = () => notFound('webhooks.not_found', 'Webhook');

export function createWebhooksService(deps: WebhooksServiceDeps) {
  async function checkUrl(raw: string): Promise<void> {
    const url = new URL(raw);
    if (deps.requireHttps && url.protocol !== 'https:') throw invalidField('webhooks.https_required', 'url', 'must use https');
    if (url.username || url.password) throw invalidField('webhooks.url_credentials', 'url', 'must not contain a user name or password');
    try {
      await assertPublicHost(url, deps.allowPrivate);
    } catch (err) {
      if (err instanceof BlockedAddressError) {
        throw invalidField('webhooks.url_not_allowed', 'url', 'points to a private, loopback or link-local address');
      }
      throw invalidField('webhooks.url_unresolvable', 'url', `host ${url.hostname} does not resolve`);
    }
  }

  async function endpointOf(tenant: TenantContext, id: string) {
    const row = await webhooksRepository(deps.db, tenant.institutionId).endpoint(id);
    if (!row) throw webhookNotFound();
    return row;
  }

  return {
    async list(tenant: TenantContext): Promise<Webhook[]> {
      return (await webhooksRepository(deps.db, tenant.institutionId).endpoints()).map(presentWebhook);
    },

    async get(tenant: TenantContext, id: string): Promise<Webhook> {
      return presentWebhook(await endpointOf(tenant, id));
    },

    async create(tenant: TenantContext, user: AuthUser, body: CreateWebhookBody): Promise<WebhookWithSecret> {
      await checkUrl(body.url);
      const secret = newWebhookSecret();
      return deps.db.transaction().execute(async (trx) => {
        const repo = webhooksRepository(trx, tenant.institutionId);
        if ((await repo.endpoints()).length >= MAX_ENDPOINTS) {
          throw new AppError('conflict', 'webhooks.too_many', `An institution can have at most ${MAX_ENDPOINTS} webhook endpoints`);
        }
        const row = await repo.insertEndpoint({
          id: uuidv7(),
          url: body.url,
          description: body.description ?? '',
          event_types: [...new Set(body.eventTypes)],
          secret,
          disabled_reason: null,
          created_by: user.id,
        });
        const webhook = presentWebhook(row);
        await recordAudit(trx, {
          action: 'webhook.created',
          targetType: 'webhook',
          targetId: row.id,
          institutionId: tenant.institutionId,
          after: webhook,
        });
        return { ...webhook, secret };
      });
    },

    async update(tenant: TenantContext, id: string, body: UpdateWebhookBody): Promise<Webhook> {
      if (body.url) await checkUrl(body.url);
      return deps.db.transaction().execute(async (trx) => {
        const repo = webhooksRepository(trx, tenant.institutionId);
        const before = await repo.endpoint(id);
        if (!before) throw webhookNotFound();
        const row = await repo.updateEndpoint(id, {
          ...(body.url !== undefined ? { url: body.url } : {}),
          ...(body.description !== undefined ? { description: body.description } : {}),
          ...(body.eventTypes !== undefined ? { event_types: [...new Set(body.eventTypes)] } : {}),
          // Enabling starts afresh; disabling by hand says so.
          ...(body.enabled === true ? { enabled: true, disabled_reason: null, consecutive_failures: 0 } : {}),
          ...(body.enabled === false && before.enabled ? { enabled: false, disabled_reason: 'Disabled by an administrator' } : {}),
        });
        if (body.enabled === false) {
          await dropPendingDeliveries(trx, tenant.institutionId, id);
        }
        const [prior, after] = [presentWebhook(before), presentWebhook(row)];
        const changed = Object.keys(body) as (keyof Webhook)[];
        await recordAudit(trx, {
          action: 'webhook.updated',
          targetType: 'webhook',
          targetId: id,
          institutionId: tenant.institutionId,
          before: Object.fromEntries(changed.map((k) => [k, prior[k]])),
          after: Object.fromEntries(changed.map((k) => [k, after[k]])),
        });
        return after;
      });
    },

    async remove(tenant: TenantContext, id: string): Promise<void> {
      await deps.db.transaction().execute(async (trx) => {
        const repo = webhooksRepository(trx, tenant.institutionId);
        const before = await repo.endpoint(id);
        if (!before) throw webhookNotFound();
        const pending = await repo.pendingIds(id);
        // Endpoint (and its deliveries) first, queue rows after: the same order the dispatcher locks
        // in (a delivery, which key-shares its endpoint, then its queue row), so the two never deadlock.
        await repo.deleteEndpoint(id);
        await webhookQueue(trx).remove(pending);
        await recordAudit(trx, {
          action: 'webhook.deleted',
          targetType: 'webhook',
          targetId: id,
          institutionId: tenant.institutionId,
          before: presentWebhook(before),
        });
      });
    },

    async rotateSecret(tenant: TenantContext, id: string): Promise<WebhookWithSecret> {
      const secret = newWebhookSecret();
      return deps.db.transaction().execute(async (trx) => {
        const repo = webhooksRepository(trx, tenant.institutionId);
        if (!(await repo.endpoint(id))) throw webhookNotFound();
        const row = await repo.updateEndpoint(id, { secret });
        await recordAudit(trx, {
          action: 'webhook.secret_rotated',
          targetType: 'webhook',
          targetId: id,
          institutionId: tenant.institutionId,
        });
        return { ...presentWebhook(row), secret };
      });
    },

    /** A test delivery, so an admin can check the receiver without waiting for a real event. */
    async ping(tenant: TenantContext, id: string): Promise<WebhookDelivery> {
      const endpoint = await endpointOf(tenant, id);
      if (!endpoint.enabled) throw new AppError('conflict', 'webhooks.disabled', 'Enable the webhook before sending it a test');
      const eventId = uuidv7();
      const body = webhookBody({
        id: eventId,
        type: WEBHOOK_PING,
        version: 1,
        occurredAt: new Date().toISOString(),
        tenantId: tenant.institutionId,
        payload: { webhookId: id },
      });
      const row = await deps.db.transaction().execute(async (trx) => {
        const delivery = await queueDelivery(trx, tenant.institutionId, id, { id: eventId, type: WEBHOOK_PING, body });
        if (!delivery) throw new Error('a new event id cannot have a delivery yet');
        return delivery;
      });
      deps.wake();
      return presentDelivery(row);
    },

    async deliveries(tenant: TenantContext, id: string, query: WebhookDeliveryQuery): Promise<Page<WebhookDelivery>> {
      await endpointOf(tenant, id);
      const rows = await webhooksRepository(deps.db, tenant.institutionId).deliveries(id, {
        limit: query.limit + 1,
        ...(query.status ? { status: query.status } : {}),
        ...(query.cursor ? { before: decodeCursor(query.cursor) } : {}),
      });
      return toPage(rows, query.limit, presentDelivery);
    },

    async delivery(tenant: TenantContext, id: string, deliveryId: string): Promise<WebhookDeliveryDetail> {
      const row = await webhooksRepository(deps.db, tenant.institutionId).delivery(id, deliveryId);
      if (!row) throw notFound('webhooks.delivery_not_found', 'Delivery');
      return presentDeliveryDetail(row);
    },

    /** Sends a finished delivery once more (same body, fresh signature); its attempt log goes on. */
    async redeliver(tenant: TenantContext, id: string, deliveryId: string): Promise<WebhookDelivery> {
      const endpoint = await endpointOf(tenant, id);
      if (!endpoint.enabled) throw new AppError('conflict', 'webhooks.disabled', 'Enable the webhook before redelivering');
      const original = await webhooksRepository(deps.db, tenant.institutionId).delivery(id, deliveryId);
      if (!original) throw notFound('webhooks.delivery_not_found', 'Delivery');
      if (original.status === 'pending')
        throw new AppError('conflict', 'webhooks.delivery_pending', 'This delivery is still being attempted');
      const row = await deps.db.transaction().execute(async (trx) => {
        const repo = webhooksRepository(trx, tenant.institutionId);
        const again = await repo.updateDelivery(original.id, { status: 'pending', next_attempt_at: new Date(), completed_at: null });
        if (!again) throw notFound('webhooks.delivery_not_found', 'Delivery');
        await webhookQueue(trx).enqueue(again.id, tenant.institutionId, new Date());
        await recordAudit(trx, {
          action: 'webhook.redelivered',
          targetType: 'webhook_delivery',
          targetId: again.id,
          institutionId: tenant.institutionId,
        });
        return again;
      });
      deps.wake();
      return presentDelivery(row);
    },
  };
}
