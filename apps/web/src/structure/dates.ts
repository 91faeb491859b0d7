// Academic years and terms hold plain calendar dates ('2026-09-01'). `new Date('2026-09-01')` reads
// them as UTC midnight, which is the day before west of Greenwich, so they are built in local time.

const DAY_MS = 86_400_000;

export function parseDay(day: string): Date {
  const [y = 1970, m = 1, d = 1] = day.split('-').map(Number);
  return new Date(y, m - 1, d);
}

export function toDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export const today = () => toDay(new Date());

export function addDays(day: string, days: number): string {
  const date = parseDay(day);
  date.setDate(date.getDate() + days);
  return toDay(date);
}

/** Whole days from `from` to `to`; DST changes make some days 23 or 25 hours long, hence the rounding. */
export const daysBetween = (from: string, to: string) => Math.round((parseDay(to).getTime() - parseDay(from).getTime()) / DAY_MS);

const long = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric' });
const short = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' });

export const formatDay = (day: string) => long.format(parseDay(day));

/** "1 Sept 2026 – 15 Jan 2027", or "1–15 Sept 2026" when the two share a month. */
export const formatSpan = (from: string, to: string) => long.formatRange(parseDay(from), parseDay(to));

/** For tight spots inside one year: "1 Sept – 15 Dec". */
export const formatShortSpan = (from: string, to: string) => short.formatRange(parseDay(from), parseDay(to));

export function formatWeeks(from: string, to: string): string {
  const days = daysBetween(from, to) + 1;
  if (days < 14) return days === 1 ? '1 day' : `${days} days`;
  const weeks = Math.round(days / 7);
  return `${weeks} weeks`;
}
