// Periods hold wall-clock times ('09:30') in the institution's time zone and an ISO weekday
// (1 is Monday). They are shown as written: no conversion to the browser's zone, since a school
// day in Karachi is read the same way by someone looking at it from London.
import type { Period } from '@edumatrix/contracts';

export const WEEKDAYS = [
  { value: 1, label: 'Monday', short: 'Mon' },
  { value: 2, label: 'Tuesday', short: 'Tue' },
  { value: 3, label: 'Wednesday', short: 'Wed' },
  { value: 4, label: 'Thursday', short: 'Thu' },
  { value: 5, label: 'Friday', short: 'Fri' },
  { value: 6, label: 'Saturday', short: 'Sat' },
  { value: 7, label: 'Sunday', short: 'Sun' },
] as const;

export type Weekday = (typeof WEEKDAYS)[number];

export const weekdayLabel = (weekday: number) => WEEKDAYS.find((d) => d.value === weekday)?.label ?? `Day ${weekday}`;

/** Monday to Friday always; the weekend only when something happens on it. */
export function shownDays(periods: Period[]): Weekday[] {
  const used = new Set(periods.map((p) => p.weekday));
  return WEEKDAYS.filter((d) => d.value <= 5 || used.has(d.value));
}

export const minutesOf = (time: string) => {
  const [h = 0, m = 0] = time.split(':').map(Number);
  return h * 60 + m;
};

/** "09:00–09:45": times as the school writes them, in its own zone. */
export const span = (p: Pick<Period, 'startsAt' | 'endsAt'>) => `${p.startsAt.slice(0, 5)}–${p.endsAt.slice(0, 5)}`;

export const byTime = (a: Period, b: Period) => a.weekday - b.weekday || a.startsAt.localeCompare(b.startsAt);

/** The hours the grid covers: whole hours around every period, a school morning when there are none. */
export function hoursOf(periods: Period[]): { from: number; to: number } {
  if (periods.length === 0) return { from: 8 * 60, to: 14 * 60 };
  const from = Math.min(...periods.map((p) => minutesOf(p.startsAt)));
  const to = Math.max(...periods.map((p) => minutesOf(p.endsAt)));
  return { from: Math.floor(from / 60) * 60, to: Math.max(Math.ceil(to / 60) * 60, Math.floor(from / 60) * 60 + 60) };
}

export type Placed = { period: Period; lane: number; lanes: number };

/**
 * Side by side where periods of one day overlap. A class, teacher or room never has two at once
 * (the server refuses the clash), but a student in two classes can.
 */
export function placeDay(periods: Period[]): Placed[] {
  const sorted = [...periods].sort(byTime);
  const placed: Placed[] = [];
  let group: Placed[] = [];
  let groupEnd = -1;
  const flush = () => {
    const lanes = Math.max(1, ...group.map((p) => p.lane + 1));
    for (const p of group) placed.push({ ...p, lanes });
    group = [];
  };
  for (const period of sorted) {
    const start = minutesOf(period.startsAt);
    if (start >= groupEnd) {
      flush();
      groupEnd = -1;
    }
    const laneEnds: number[] = [];
    for (const p of group) laneEnds[p.lane] = Math.max(laneEnds[p.lane] ?? 0, minutesOf(p.period.endsAt));
    let lane = laneEnds.findIndex((end) => end <= start);
    if (lane < 0) lane = laneEnds.length;
    group.push({ period, lane, lanes: 1 });
    groupEnd = Math.max(groupEnd, minutesOf(period.endsAt));
  }
  flush();
  return placed;
}

/** Today's ISO weekday in the institution's zone, for opening a phone on today. */
export function todayIn(timeZone: string): number {
  try {
    const name = new Intl.DateTimeFormat('en-US', { weekday: 'short', timeZone }).format(new Date());
    return WEEKDAYS.find((d) => d.short === name)?.value ?? 1;
  } catch {
    return ((new Date().getDay() + 6) % 7) + 1;
  }
}
