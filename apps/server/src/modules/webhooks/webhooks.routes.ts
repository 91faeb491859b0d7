// HTTP only: parse, authorise, call the service, present.
import {
  CreateWebhookBody,
  pageOf,
  UpdateWebhookBody,
  Webhook,
  WebhookDelivery,
  WebhookDeliveryDetail,
  WebhookDeliveryQuery,
  WebhookWithSecret,
} from '@edumatrix/contracts';
import { z } from 'zod';
import { tenantOf, userOf } from '../../platform/http/guards.ts';
import type { HttpApp, RouteDeps } from '../../platform/http/types.ts';
import type { WebhooksService } from './webhooks.service.ts';

const InstitutionParams = z.object({ institutionId: z.uuid() });
const WebhookParams = InstitutionParams.extend({ webhookId: z.uuid() });
const DeliveryParams = WebhookParams.extend({ deliveryId: z.uuid() });

export function webhooksRoutes(app: HttpApp, deps: RouteDeps & { webhooks: WebhooksService }) {
  const { guards, webhooks } = deps;
  const tags = ['webhooks'];
  const base = '/api/v1/institutions/:institutionId/webhooks';
  const manage = guards.institution('webhooks.manage');

  app.get(
    base,
    {
      schema: {
        tags,
        summary: "The institution's webhook endpoints",
        params: InstitutionParams,
        response: { 200: z.object({ items: z.array(Webhook) }) },
      },
      onRequest: manage,
    },
    async (req) => ({ items: await webhooks.list(tenantOf(req)) }),
  );

  app.post(
    base,
    {
      schema: {
        tags,
        summary: 'Register an endpoint; the answer holds its signing secret, shown this once',
        params: InstitutionParams,
        body: CreateWebhookBody,
        response: { 201: WebhookWithSecret },
      },
      onRequest: manage,
    },
    async (req, reply) => reply.code(201).send(await webhooks.create(tenantOf(req), userOf(req), req.body)),
  );

  app.get(
    `${base}/:webhookId`,
    { schema: { tags, summary: 'One webhook endpoint', params: WebhookParams, response: { 200: Webhook } }, onRequest: manage },
    async (req) => webhooks.get(tenantOf(req), req.params.webhookId),
  );

  app.patch(
    `${base}/:webhookId`,
    {
      schema: {
        tags,
        summary: 'Change URL, events or description; enable or disable',
        params: WebhookParams,
        body: UpdateWebhookBody,
        response: { 200: Webhook },
      },
      onRequest: manage,
    },
    async (req) => webhooks.update(tenantOf(req), req.params.webhookId, req.body),
  );

  app.delete(
    `${base}/:webhookId`,
    { schema: { tags, summary: 'Delete an endpoint and its delivery log', params: WebhookParams }, onRequest: manage },
    async (req, reply) => {
      await webhooks.remove(tenantOf(req), req.params.webhookId);
      return reply.code(204).send();
    },
  );

  app.post(
    `${base}/:webhookId/rotate-secret`,
    {
      schema: {
        tags,
        summary: 'Replace the signing secret; the new one is shown this once',
        params: WebhookParams,
        response: { 200: WebhookWithSecret },
      },
      onRequest: manage,
    },
    async (req) => webhooks.rotateSecret(tenantOf(req), req.params.webhookId),
  );

  app.post(
    `${base}/:webhookId/ping`,
    {
      schema: { tags, summary: 'Send a test delivery (type webhooks.ping)', params: WebhookParams, response: { 202: WebhookDelivery } },
      onRequest: manage,
    },
    async (req, reply) => reply.code(202).send(await webhooks.ping(tenantOf(req), req.params.webhookId)),
  );

  app.get(
    `${base}/:webhookId/deliveries`,
    {
      schema: {
        tags,
        summary: 'Delivery log, newest first',
        params: WebhookParams,
        querystring: WebhookDeliveryQuery,
        response: { 200: pageOf(WebhookDelivery) },
      },
      onRequest: manage,
    },
    async (req) => webhooks.deliveries(tenantOf(req), req.params.webhookId, req.query),
  );

  app.get(
    `${base}/:webhookId/deliveries/:deliveryId`,
    {
      schema: {
        tags,
        summary: 'One delivery with the body sent and every attempt',
        params: DeliveryParams,
        response: { 200: WebhookDeliveryDetail },
      },
      onRequest: manage,
    },
    async (req) => webhooks.delivery(tenantOf(req), req.params.webhookId, req.params.deliveryId),
  );

  app.post(
    `${base}/:webhookId/deliveries/:deliveryId/redeliver`,
    {
      schema: { tags, summary: 'Send a finished delivery once more', params: DeliveryParams, response: { 202: WebhookDelivery } },
      onRequest: manage,
    },
    async (req, reply) => reply.code(202).send(await webhooks.redeliver(tenantOf(req), req.params.webhookId, req.params.deliveryId)),
  );
}
