// Time rules for channels, pure so they can be tested across midnight and daylight-saving changes:
// when quiet hours end, when a digest is next due, and which period a digest covers.
import type { DigestFrequency, QuietHours } from '@edumatrix/contracts';
import { addDays, isoWeekday, zonedToUtc, zoneOffsetMinutes } from '../../platform/time/zoned.ts';

/** Digests go out at this local time. */
export const DIGEST_TIME = '08:00';

const minutesOf = (time: string) => {
  const [h, m] = time.split(':').map(Number) as [number, number];
  return h * 60 + m;
};

/** The wall clock in `timeZone` at `now`: its date and minutes since local midnight. */
export function localClock(now: Date, timeZone: string): { date: string; minutes: number } {
  const wall = new Date(now.getTime() + zoneOffsetMinutes(now, timeZone) * 60_000);
  return { date: wall.toISOString().slice(0, 10), minutes: wall.getUTCHours() * 60 + wall.getUTCMinutes() };
}

/**
 * When the quiet hours that contain `now` end, or null outside quiet hours. A window whose start is
 * after its end spans midnight. A local end time that does not exist that night (skipped by a
 * daylight-saving change) resolves to the instant the zone's rules give; an end not after `now` is
 * treated as over.
 */
export function quietUntil(now: Date, quiet: QuietHours | null, timeZone: string): Date | null {
  if (!quiet) return null;
  const { date, minutes } = localClock(now, timeZone);
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  let endDate: string | null = null;
  if (start < end) {
    if (minutes >= start && minutes < end) endDate = date;
  } else if (minutes >= start) {
    endDate = addDays(date, 1);
  } else if (minutes < end) {
    endDate = date;
  }
  if (!endDate) return null;
  const until = zonedToUtc(endDate, quiet.end, timeZone);
  return until.getTime() > now.getTime() ? until : null;
}

/** The first digest time (local 08:00; weekly: on a Monday) strictly after `after`. */
export function nextDigestAt(after: Date, frequency: Exclude<DigestFrequency, 'off'>, timeZone: string): Date {
  let date = localClock(after, timeZone).date;
  for (let i = 0; i < 9; i++, date = addDays(date, 1)) {
    if (frequency === 'weekly' && isoWeekday(date) !== 1) continue;
    const at = zonedToUtc(date, DIGEST_TIME, timeZone);
    if (at.getTime() > after.getTime()) return at;
  }
  throw new Error('no digest time within nine days');
}

/** The period a digest sent at `now` covers: its local date (daily) or the Monday of its week (weekly). */
export function digestPeriod(now: Date, frequency: Exclude<DigestFrequency, 'off'>, timeZone: string): string {
  const { date } = localClock(now, timeZone);
  if (frequency === 'daily') return `day:${date}`;
  return `week:${addDays(date, 1 - isoWeekday(date))}`;
}
