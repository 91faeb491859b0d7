// Notifications own the in-app inbox every module writes to by publishing
// `notifications.notification_requested` (or by events the consumer maps). Later: e-mail, web push,
// preferences, quiet hours and digests.
export { notificationsMigrations } from './migrations/index.ts';
export { notificationsConsumer } from './notifications.consumer.ts';
export { notificationsRoutes } from './notifications.routes.ts';
export { createNotificationsService, type NotificationsService, type UnreadListener } from './notifications.service.ts';
