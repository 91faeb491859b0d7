// The browsers a person lets us push to. Without VAPID keys push is off: the public-key route says
// so, and subscribing is refused rather than stored for nothing.
import type { PushPublicKey, PushSubscriptionBody } from '@edumatrix/contracts';
import { uuidv7 } from 'uuidv7';
import type { Db } from '../../platform/db/database.ts';
import { AppError } from '../../platform/http/app-error.ts';
import { channelsRepository } from './channels.repository.ts';

export type PushSubscriptionsService = ReturnType<typeof createPushSubscriptionsService>;

export function createPushSubscriptionsService(deps: { db: Db; vapidPublicKey: string | null }) {
  const repo = channelsRepository(deps.db);
  return {
    publicKey: (): PushPublicKey => ({ enabled: deps.vapidPublicKey !== null, publicKey: deps.vapidPublicKey }),

    async subscribe(userId: string, body: PushSubscriptionBody) {
      if (!deps.vapidPublicKey)
        throw new AppError('unavailable', 'notifications.push_disabled', 'Web push is not configured on this server');
      await repo.addSubscription({
        id: uuidv7(),
        user_id: userId,
        endpoint: body.endpoint,
        p256dh: body.keys.p256dh,
        auth: body.keys.auth,
      });
    },

    /** Removes the person's own subscription of that endpoint; another person's stays. */
    async unsubscribe(userId: string, endpoint: string) {
      await repo.removeSubscription(userId, endpoint);
    },
  };
}
