// The notification settings form: its values from the server's settings, the PUT body from its
// values (only the switches that changed), and the server's field errors put on its inputs.
import type {
  ChannelSwitches,
  DigestFrequency,
  NotificationChannel,
  NotificationSettings,
  UpdateNotificationSettingsBody,
} from '@edumatrix/contracts';
import type { UseFormReturnType } from '@mantine/form';
import { browserTimeZone } from '../institutions/options.ts';
import { errorMessage, focusFirstInvalid, problemOf } from '../ui/problem.ts';

export type SettingsValues = {
  channels: Record<string, ChannelSwitches>;
  quietEnabled: boolean;
  quietStart: string;
  quietEnd: string;
  timeZone: string;
  digest: DigestFrequency;
};

const DEFAULT_QUIET = { start: '22:00', end: '07:00' };
/** What the server answers for a person who never chose a zone. */
const SERVER_DEFAULT_ZONE = 'UTC';

/**
 * The zone to show. The server says UTC until someone chooses; while nothing depends on the zone yet
 * (no quiet hours, no digest), the browser's own zone is the better guess, and is saved with the form.
 */
export function zoneFor(settings: NotificationSettings): { zone: string; fromBrowser: boolean } {
  const untouched = settings.timeZone === SERVER_DEFAULT_ZONE && !settings.quietHours && settings.digest === 'off';
  const browser = browserTimeZone();
  return untouched && browser !== settings.timeZone
    ? { zone: browser, fromBrowser: true }
    : { zone: settings.timeZone, fromBrowser: false };
}

export function valuesOf(settings: NotificationSettings): SettingsValues {
  return {
    channels: Object.fromEntries(settings.categories.map((c) => [c.category, { ...c.channels }])),
    quietEnabled: settings.quietHours !== null,
    quietStart: settings.quietHours?.start ?? DEFAULT_QUIET.start,
    quietEnd: settings.quietHours?.end ?? DEFAULT_QUIET.end,
    timeZone: zoneFor(settings).zone,
    digest: settings.digest,
  };
}

export function bodyOf(saved: NotificationSettings, values: SettingsValues): UpdateNotificationSettingsBody {
  const categories: NonNullable<UpdateNotificationSettingsBody['categories']> = {};
  for (const { category, channels, locked } of saved.categories) {
    const now = values.channels[category];
    if (!now) continue;
    const changed: Partial<ChannelSwitches> = {};
    for (const channel of Object.keys(channels) as NotificationChannel[]) {
      if (!locked.includes(channel) && now[channel] !== channels[channel]) changed[channel] = now[channel];
    }
    if (Object.keys(changed).length > 0) categories[category] = changed;
  }
  return {
    ...(Object.keys(categories).length > 0 ? { categories } : {}),
    quietHours: values.quietEnabled ? { start: values.quietStart, end: values.quietEnd } : null,
    timeZone: values.timeZone,
    digest: values.digest,
  };
}

/** The server names fields as the body does (`quietHours.end`); the form holds them flat. */
function formField(serverField: string): string | null {
  const path = serverField
    .replace(/^\/+/, '')
    .replace(/^body[./]/, '')
    .replaceAll('/', '.');
  if (path === 'quietHours.start') return 'quietStart';
  if (path === 'quietHours.end' || path === 'quietHours') return 'quietEnd';
  if (path === 'timeZone' || path === 'digest') return path;
  const channel = path.match(/^categories\.(\w+)\.(in_app|email|push)$/);
  if (channel) return `channels.${channel[1]}.${channel[2]}`;
  return null;
}

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** Puts each field error on its input; returns what is left to say above the Save button, or null. */
export function applySettingsProblem(form: UseFormReturnType<SettingsValues>, error: unknown): string | null {
  const errors = problemOf(error)?.errors ?? [];
  const fieldErrors: Record<string, string> = {};
  let unmatched = errors.length === 0;
  for (const { field, message } of errors) {
    const name = formField(field);
    const text = capitalize(message || 'is not valid');
    if (name) fieldErrors[name] = fieldErrors[name] ? `${fieldErrors[name]}; ${text}` : text;
    else unmatched = true;
  }
  if (Object.keys(fieldErrors).length > 0) {
    form.setErrors(fieldErrors);
    focusFirstInvalid();
  }
  return unmatched ? errorMessage(error) : null;
}
