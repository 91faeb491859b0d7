// Notification channels: which categories reach a person by which channel (in-app, e-mail, web
// push), quiet hours, digests, and the browser's push subscriptions. Kinds map to categories on the
// server (notifications/categories.ts); the list here is what people can switch.
import { z } from 'zod';
import { TimeZone } from './institutions.ts';

export const NotificationCategory = z.enum([
  'social_connections',
  'social_mentions',
  'social_comments',
  'social_reactions',
  'chat_messages',
  'institution_announcements',
  'institution_grades',
  'institution_attendance',
  'institution_membership',
  'course_work',
  'course_badges',
  'account_security',
  'other',
]);
export type NotificationCategory = z.infer<typeof NotificationCategory>;

export const NotificationChannel = z.enum(['in_app', 'email', 'push']);
export type NotificationChannel = z.infer<typeof NotificationChannel>;

export const DigestFrequency = z.enum(['off', 'daily', 'weekly']);
export type DigestFrequency = z.infer<typeof DigestFrequency>;

const TimeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time (HH:MM)');

export const ChannelSwitches = z.object({ in_app: z.boolean(), email: z.boolean(), push: z.boolean() });
export type ChannelSwitches = z.infer<typeof ChannelSwitches>;

/** Local times in the person's zone; `start` after `end` spans midnight (22:00–07:00). */
export const QuietHours = z
  .strictObject({ start: TimeOfDay, end: TimeOfDay })
  .refine((q) => q.start !== q.end, { message: 'must differ from start', path: ['end'] });
export type QuietHours = z.infer<typeof QuietHours>;

export const NotificationSettings = z.object({
  categories: z.array(
    z.object({
      category: NotificationCategory,
      label: z.string(),
      channels: ChannelSwitches,
      /** Channels that cannot be switched off (security mail). */
      locked: z.array(NotificationChannel),
    }),
  ),
  quietHours: QuietHours.nullable(),
  timeZone: z.string(),
  digest: DigestFrequency,
  /** False when the server has no VAPID keys: push switches are kept but nothing is pushed. */
  pushAvailable: z.boolean(),
});
export type NotificationSettings = z.infer<typeof NotificationSettings>;

/** Changes only what it names; categories name only the channels to change. */
export const UpdateNotificationSettingsBody = z.strictObject({
  categories: z
    .partialRecord(NotificationCategory, z.strictObject({ in_app: z.boolean(), email: z.boolean(), push: z.boolean() }).partial())
    .optional(),
  quietHours: QuietHours.nullable().optional(),
  timeZone: TimeZone.optional(),
  digest: DigestFrequency.optional(),
});
export type UpdateNotificationSettingsBody = z.infer<typeof UpdateNotificationSettingsBody>;

const base64url = (bytes: number) =>
  z
    .string()
    .regex(/^[A-Za-z0-9_-]+={0,2}$/, 'must be base64url')
    // Decoded size from the length alone (no Buffer: this also runs in browsers).
    .refine((s) => Math.floor((s.replace(/=+$/, '').length * 6) / 8) === bytes, `must be ${bytes} bytes, base64url-encoded`);

/** What the browser's PushManager.subscribe() gives (PushSubscription.toJSON()). */
export const PushSubscriptionBody = z.strictObject({
  endpoint: z
    .url()
    .max(1000)
    .refine((u) => u.startsWith('https://'), 'must be an https URL'),
  expirationTime: z.number().nullable().optional(),
  keys: z.strictObject({
    /** The browser's P-256 public key, uncompressed (65 bytes). */
    p256dh: base64url(65),
    /** The shared authentication secret (16 bytes). */
    auth: base64url(16),
  }),
});
export type PushSubscriptionBody = z.infer<typeof PushSubscriptionBody>;

export const RemovePushSubscriptionBody = z.strictObject({ endpoint: z.string().min(1).max(1000) });
export type RemovePushSubscriptionBody = z.infer<typeof RemovePushSubscriptionBody>;

export const PushPublicKey = z.object({ enabled: z.boolean(), publicKey: z.string().nullable() });
export type PushPublicKey = z.infer<typeof PushPublicKey>;
