// Notifications own the in-app inbox every module writes to by publishing
// `notifications.notification_requested` (or by events the consumer maps), and its channels:
// e-mail, web push, per-category preferences, quiet hours, grouping and digests.

export { channelsRoutes } from './channels.routes.ts';
export { type ChannelSenderDeps, startChannelSender } from './delivery-sender.ts';
export { notificationsMigrations } from './migrations/index.ts';
export { type ChannelsDeps, notificationsConsumer } from './notifications.consumer.ts';
export { notificationsRoutes } from './notifications.routes.ts';
export { createNotificationsService, type NotificationsService, type UnreadListener } from './notifications.service.ts';
export { createPushSender, type PushSender } from './push-sender.ts';
export { createPushSubscriptionsService } from './push-subscriptions.service.ts';
export { createSettingsService } from './settings.service.ts';
