import { queryOptions } from '@tanstack/react-query';
import { client } from '../api.ts';
import { currentSubscription } from './web-push.ts';

export const settingsKeys = {
  all: ['notification-settings'] as const,
  mine: () => [...settingsKeys.all, 'mine'] as const,
  pushKey: () => [...settingsKeys.all, 'push-key'] as const,
  /** This browser's push subscription (its endpoint), or null. */
  device: () => [...settingsKeys.all, 'device'] as const,
};

export const notificationSettingsQuery = () =>
  queryOptions({ queryKey: settingsKeys.mine(), queryFn: () => client.notifications.settings() });

/** Whether the server can push at all (it has VAPID keys), and its public key. */
export const pushKeyQuery = () =>
  queryOptions({ queryKey: settingsKeys.pushKey(), queryFn: () => client.notifications.pushPublicKey(), staleTime: 10 * 60_000 });

export const pushDeviceQuery = () =>
  queryOptions({ queryKey: settingsKeys.device(), queryFn: async () => (await currentSubscription())?.endpoint ?? null });
