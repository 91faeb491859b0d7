// A person's notification settings: channel switches per category over the defaults, quiet hours in
// their own time zone, and how often a digest comes. Stored only once changed; defaults otherwise.
import {
  type ChannelSwitches,
  NotificationCategory,
  type NotificationSettings,
  type QuietHours,
  type UpdateNotificationSettingsBody,
} from '@edumatrix/contracts';
import type { Db } from '../../platform/db/database.ts';
import { invalidField } from '../../platform/http/app-error.ts';
import { CATEGORIES, channelsFor } from './categories.ts';
import { channelsRepository, type SettingsRow } from './channels.repository.ts';
import { nextDigestAt } from './schedule.ts';

/** What delivery planning needs, read inside the consumer's transaction. */
export type Preferences = {
  channels(category: NotificationCategory): ChannelSwitches;
  quietHours: QuietHours | null;
  timeZone: string;
  digest: SettingsRow['digest'];
};

export type SettingsService = ReturnType<typeof createSettingsService>;

const DEFAULT_ZONE = 'UTC';

export function preferencesOf(row: SettingsRow | undefined): Preferences {
  const stored = row?.categories ?? {};
  return {
    channels: (category) => channelsFor(category, stored[category]),
    quietHours: row?.quiet_start && row.quiet_end ? { start: row.quiet_start, end: row.quiet_end } : null,
    timeZone: row?.time_zone ?? DEFAULT_ZONE,
    digest: row?.digest ?? 'off',
  };
}

/** Reads a person's preferences through `executor` (the consumer's transaction). */
export async function loadPreferences(executor: Db, userId: string): Promise<Preferences> {
  return preferencesOf(await channelsRepository(executor).settings(userId));
}

export function createSettingsService(deps: { db: Db; pushAvailable: boolean; now?: () => Date }) {
  const repo = channelsRepository(deps.db);
  const now = deps.now ?? (() => new Date());

  function present(row: SettingsRow | undefined): NotificationSettings {
    const prefs = preferencesOf(row);
    return {
      categories: NotificationCategory.options.map((category) => ({
        category,
        label: CATEGORIES[category].label,
        channels: prefs.channels(category),
        locked: CATEGORIES[category].locked,
      })),
      quietHours: prefs.quietHours,
      timeZone: prefs.timeZone,
      digest: prefs.digest,
      pushAvailable: deps.pushAvailable,
    };
  }

  return {
    get: async (userId: string) => present(await repo.settings(userId)),

    async update(userId: string, body: UpdateNotificationSettingsBody): Promise<NotificationSettings> {
      for (const [category, change] of Object.entries(body.categories ?? {})) {
        for (const channel of CATEGORIES[category as NotificationCategory].locked) {
          if (change?.[channel] === false)
            throw invalidField('notifications.channel_locked', `categories.${category}.${channel}`, 'cannot be switched off');
        }
      }
      const row = await repo.settings(userId);
      const categories = { ...(row?.categories ?? {}) };
      for (const [category, change] of Object.entries(body.categories ?? {}) as [NotificationCategory, Partial<ChannelSwitches>][]) {
        categories[category] = { ...categories[category], ...change };
      }
      const quiet = body.quietHours === undefined ? preferencesOf(row).quietHours : body.quietHours;
      const timeZone = body.timeZone ?? row?.time_zone ?? DEFAULT_ZONE;
      const digest = body.digest ?? row?.digest ?? 'off';
      // The next digest moves with the frequency and the zone; otherwise it stays where it was.
      const rescheduled = digest !== (row?.digest ?? 'off') || timeZone !== (row?.time_zone ?? DEFAULT_ZONE) || !row?.next_digest_at;
      const next = digest === 'off' ? null : rescheduled ? nextDigestAt(now(), digest, timeZone) : (row?.next_digest_at ?? null);
      await repo.saveSettings({
        user_id: userId,
        categories: JSON.stringify(categories),
        quiet_start: quiet?.start ?? null,
        quiet_end: quiet?.end ?? null,
        time_zone: timeZone,
        digest,
        next_digest_at: next,
      });
      return present(await repo.settings(userId));
    },
  };
}
