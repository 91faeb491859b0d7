import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, isoWeekday, zonedToday, zonedToUtc, zonedWallClock, zoneOffsetMinutes } from './zoned.ts';

describe('zoned time', () => {
  it('turns wall-clock times into instants on both sides of a DST change', () => {
    // London moves to BST on 2027-03-28.
    expect(zonedToUtc('2027-03-22', '09:00', 'Europe/London').toISOString()).toBe('2027-03-22T09:00:00.000Z');
    expect(zonedToUtc('2027-03-29', '09:00', 'Europe/London').toISOString()).toBe('2027-03-29T08:00:00.000Z');
    // New York leaves DST on 2026-11-01.
    expect(zonedToUtc('2026-10-30', '08:15', 'America/New_York').toISOString()).toBe('2026-10-30T12:15:00.000Z');
    expect(zonedToUtc('2026-11-02', '08:15', 'America/New_York').toISOString()).toBe('2026-11-02T13:15:00.000Z');
    // No DST, and a half-hour zone.
    expect(zonedToUtc('2026-12-01', '07:30', 'Asia/Karachi').toISOString()).toBe('2026-12-01T02:30:00.000Z');
    expect(zonedToUtc('2026-12-01', '10:00', 'Asia/Kolkata').toISOString()).toBe('2026-12-01T04:30:00.000Z');
  });

  it('reads offsets, dates and weekdays', () => {
    expect(zoneOffsetMinutes(new Date('2027-07-01T12:00:00Z'), 'Europe/London')).toBe(60);
    expect(zoneOffsetMinutes(new Date('2027-01-01T12:00:00Z'), 'Europe/London')).toBe(0);
    expect(zonedToday('Pacific/Auckland', new Date('2026-11-22T20:00:00Z'))).toBe('2026-11-23');
    expect(addDays('2026-12-30', 3)).toBe('2027-01-02');
    expect(isoWeekday('2026-11-23')).toBe(1);
    expect(isoWeekday('2026-11-22')).toBe(7);
  });

  it('reads the wall clock back: zonedToUtc undoes zonedWallClock at every minute', () => {
    expect(zonedWallClock(new Date('2027-07-01T12:05:00Z'), 'Europe/London')).toEqual({ date: '2027-07-01', time: '13:05' });
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2026-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true }),
        fc.constantFrom('Europe/London', 'America/New_York', 'Asia/Karachi', 'Asia/Kolkata', 'Australia/Sydney'),
        (instant, zone) => {
          const minute = new Date(Math.floor(instant.getTime() / 60_000) * 60_000);
          const { date, time } = zonedWallClock(minute, zone);
          // In the hour clocks go back, a wall clock names two instants; the later offset's reading is one of them.
          const back = zonedToUtc(date, time, zone).getTime();
          return back === minute.getTime() || Math.abs(back - minute.getTime()) === 3_600_000;
        },
      ),
    );
  });
});
