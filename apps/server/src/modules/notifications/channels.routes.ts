// HTTP for notification channels: the caller's settings, the push public key, and their browsers' push subscriptions.
import {
  NotificationSettings,
  PushPublicKey,
  PushSubscriptionBody,
  RemovePushSubscriptionBody,
  UpdateNotificationSettingsBody,
} from '@edumatrix/contracts';
import { userOf } from '../../platform/http/guards.ts';
import type { HttpApp, RouteDeps } from '../../platform/http/types.ts';
import type { PushSubscriptionsService } from './push-subscriptions.service.ts';
import type { SettingsService } from './settings.service.ts';

export function channelsRoutes(app: HttpApp, deps: RouteDeps & { settings: SettingsService; pushSubscriptions: PushSubscriptionsService }) {
  const { guards, settings, pushSubscriptions } = deps;
  const tags = ['notifications'];

  app.get(
    '/api/v1/me/notification-settings',
    {
      schema: { tags, summary: 'Your notification channels per category, quiet hours and digest', response: { 200: NotificationSettings } },
      onRequest: guards.user(),
    },
    async (req) => settings.get(userOf(req).id),
  );

  app.put(
    '/api/v1/me/notification-settings',
    {
      schema: {
        tags,
        summary: 'Change your notification settings (only what the body names)',
        body: UpdateNotificationSettingsBody,
        response: { 200: NotificationSettings },
      },
      onRequest: guards.user(),
    },
    async (req) => settings.update(userOf(req).id, req.body),
  );

  app.get(
    '/api/v1/push/public-key',
    {
      schema: {
        tags,
        summary: "The server's VAPID public key for PushManager.subscribe(), or enabled: false",
        response: { 200: PushPublicKey },
      },
      onRequest: guards.public(),
    },
    async () => pushSubscriptions.publicKey(),
  );

  app.post(
    '/api/v1/me/push-subscriptions',
    {
      schema: { tags, summary: "Add this browser's push subscription (PushSubscription.toJSON())", body: PushSubscriptionBody },
      onRequest: guards.user(),
    },
    async (req, reply) => {
      await pushSubscriptions.subscribe(userOf(req).id, req.body);
      return reply.code(204).send();
    },
  );

  app.delete(
    '/api/v1/me/push-subscriptions',
    {
      schema: { tags, summary: "Remove this browser's push subscription", body: RemovePushSubscriptionBody },
      onRequest: guards.user(),
    },
    async (req, reply) => {
      await pushSubscriptions.unsubscribe(userOf(req).id, req.body.endpoint);
      return reply.code(204).send();
    },
  );
}
