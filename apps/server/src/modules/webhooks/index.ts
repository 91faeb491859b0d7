// Outgoing webhooks: institution admins register endpoints for the institution's events; each
// delivery is signed (Standard Webhooks), retried on a persisted backoff schedule, and logged.
export { webhooksMigrations } from './migrations/index.ts';
export { startWebhookDispatcher, type WebhookDispatcher, type WebhookSettings } from './webhook-dispatcher.ts';
export { webhooksConsumer } from './webhooks.consumer.ts';
export { webhooksPermissions } from './webhooks.permissions.ts';
export { webhooksRoutes } from './webhooks.routes.ts';
export { createWebhooksService, type WebhooksService } from './webhooks.service.ts';
