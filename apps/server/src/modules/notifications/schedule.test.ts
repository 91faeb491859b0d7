import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { digestPeriod, localClock, nextDigestAt, quietUntil } from './schedule.ts';

const at = (iso: string) => new Date(iso);

describe('quiet hours', () => {
  it('a window within one day', () => {
    const q = { start: '13:00', end: '15:00' };
    expect(quietUntil(at('2026-11-24T09:00:00Z'), q, 'Asia/Karachi')).toEqual(at('2026-11-24T10:00:00Z'));
    expect(quietUntil(at('2026-11-24T07:59:00Z'), q, 'Asia/Karachi')).toBeNull();
    expect(quietUntil(at('2026-11-24T10:00:00Z'), q, 'Asia/Karachi')).toBeNull();
  });

  it('a window across midnight ends the next morning, or this morning after midnight', () => {
    const q = { start: '22:00', end: '07:00' };
    expect(quietUntil(at('2026-11-24T23:30:00Z'), q, 'Europe/London')).toEqual(at('2026-11-25T07:00:00Z'));
    expect(quietUntil(at('2026-11-25T06:59:00Z'), q, 'Europe/London')).toEqual(at('2026-11-25T07:00:00Z'));
    expect(quietUntil(at('2026-11-25T07:00:00Z'), q, 'Europe/London')).toBeNull();
    expect(quietUntil(at('2026-11-24T21:59:00Z'), q, 'Europe/London')).toBeNull();
    expect(quietUntil(at('2026-11-24T12:00:00Z'), null, 'Europe/London')).toBeNull();
  });

  it('across daylight-saving changes the end is local 07:00 on the new offset', () => {
    const q = { start: '22:00', end: '07:00' };
    // Spring forward in London (29 March 2026): 23:00 GMT to 07:00 BST is seven hours.
    expect(quietUntil(at('2026-03-28T23:00:00Z'), q, 'Europe/London')).toEqual(at('2026-03-29T06:00:00Z'));
    // Fall back (25 October 2026): 23:00 BST to 07:00 GMT is nine hours.
    expect(quietUntil(at('2026-10-24T22:00:00Z'), q, 'Europe/London')).toEqual(at('2026-10-25T07:00:00Z'));
  });

  it('an end time skipped by the spring-forward gap still ends the quiet hours that night', () => {
    // New York skips 02:00–03:00 on 8 March 2026.
    const now = at('2026-03-08T05:00:00Z'); // 00:00 EST
    const until = quietUntil(now, { start: '23:00', end: '02:30' }, 'America/New_York');
    expect(until).not.toBeNull();
    expect((until as Date).getTime() - now.getTime()).toBeGreaterThan(0);
    expect((until as Date).getTime() - now.getTime()).toBeLessThanOrEqual(4 * 3600_000);
  });

  it('property: inside a window the end lies ahead within a day; the local clock says whether we are inside', () => {
    const zones = ['UTC', 'Europe/London', 'America/New_York', 'Asia/Karachi', 'Australia/Lord_Howe', 'Asia/Kolkata', 'Pacific/Chatham'];
    const time = fc
      .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
      .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
    fc.assert(
      fc.property(
        fc.date({ min: at('2026-01-01T00:00:00Z'), max: at('2027-12-31T00:00:00Z'), noInvalidDate: true }),
        time,
        time,
        fc.constantFrom(...zones),
        (now, start, end, zone) => {
          fc.pre(start !== end);
          const until = quietUntil(now, { start, end }, zone);
          const toMin = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3));
          const m = localClock(now, zone).minutes;
          const [s, e] = [toMin(start), toMin(end)];
          const inside = s < e ? m >= s && m < e : m >= s || m < e;
          if (!inside) return until === null;
          if (until === null) return false;
          const ahead = until.getTime() - now.getTime();
          return ahead > 0 && ahead <= 25 * 3600_000;
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('digest schedule', () => {
  it('daily at 08:00 local, the first one strictly after', () => {
    expect(nextDigestAt(at('2026-11-24T02:59:00Z'), 'daily', 'Asia/Karachi')).toEqual(at('2026-11-24T03:00:00Z'));
    expect(nextDigestAt(at('2026-11-24T03:00:00Z'), 'daily', 'Asia/Karachi')).toEqual(at('2026-11-25T03:00:00Z'));
    // Across spring forward in London: 08:00 BST.
    expect(nextDigestAt(at('2026-03-28T08:30:00Z'), 'daily', 'Europe/London')).toEqual(at('2026-03-29T07:00:00Z'));
  });

  it('weekly on Monday 08:00 local', () => {
    // 23 November 2026 is a Monday.
    expect(nextDigestAt(at('2026-11-23T03:00:00Z'), 'weekly', 'Asia/Karachi')).toEqual(at('2026-11-30T03:00:00Z'));
    expect(nextDigestAt(at('2026-11-20T12:00:00Z'), 'weekly', 'Asia/Karachi')).toEqual(at('2026-11-23T03:00:00Z'));
  });

  it('one period per local day or week, whenever within it the job runs', () => {
    expect(digestPeriod(at('2026-11-25T03:00:00Z'), 'daily', 'Asia/Karachi')).toBe('day:2026-11-25');
    expect(digestPeriod(at('2026-11-25T20:00:00Z'), 'daily', 'Asia/Karachi')).toBe('day:2026-11-26');
    expect(digestPeriod(at('2026-11-25T03:00:00Z'), 'weekly', 'Asia/Karachi')).toBe('week:2026-11-23');
    expect(digestPeriod(at('2026-11-29T18:00:00Z'), 'weekly', 'Asia/Karachi')).toBe('week:2026-11-23');
    expect(digestPeriod(at('2026-11-29T19:00:00Z'), 'weekly', 'Asia/Karachi')).toBe('week:2026-11-30');
  });
});
