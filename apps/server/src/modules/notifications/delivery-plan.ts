// Decides, when a notification is stored, which e-mail and push go out and when: now, when the
// person's quiet hours end, or not at all (switched off; or quiet hours with a digest coming, which
// carries it if it is still unread). Pure: the consumer applies it inside its transaction.
import type { ChannelSwitches, DigestFrequency, NotificationCategory } from '@edumatrix/contracts';
import { bypassesQuietHours } from './categories.ts';

export type ChannelPlan = { email: Date | null; push: Date | null };

export function planChannels(input: {
  category: NotificationCategory;
  channels: ChannelSwitches;
  /** When the person's quiet hours end, or null outside them. */
  quietUntil: Date | null;
  digest: DigestFrequency;
  /** The server has VAPID keys and the person has at least one subscription. */
  canPush: boolean;
  now: Date;
}): ChannelPlan {
  const quiet = bypassesQuietHours(input.category) ? null : input.quietUntil;
  const email = !input.channels.email ? null : quiet ? (input.digest === 'off' ? quiet : null) : input.now;
  const push = input.channels.push && input.canPush ? (quiet ?? input.now) : null;
  return { email, push };
}
