import { describe, expect, it } from 'vitest';
import { planChannels } from './delivery-plan.ts';

const now = new Date('2026-11-24T12:00:00Z');
const later = new Date('2026-11-24T18:00:00Z');
const all = { in_app: true, email: true, push: true };

describe('which channels a notification goes out on, and when', () => {
  it('outside quiet hours: e-mail and push now, as switched', () => {
    expect(planChannels({ category: 'course_work', channels: all, quietUntil: null, digest: 'off', canPush: true, now })).toEqual({
      email: now,
      push: now,
    });
    expect(
      planChannels({ category: 'course_work', channels: { ...all, email: false }, quietUntil: null, digest: 'off', canPush: false, now }),
    ).toEqual({ email: null, push: null });
  });

  it('in quiet hours: both wait for the end; with a digest coming, the e-mail is left to the digest', () => {
    expect(planChannels({ category: 'course_work', channels: all, quietUntil: later, digest: 'off', canPush: true, now })).toEqual({
      email: later,
      push: later,
    });
    expect(planChannels({ category: 'course_work', channels: all, quietUntil: later, digest: 'daily', canPush: true, now })).toEqual({
      email: null,
      push: later,
    });
  });

  it('security notices ignore quiet hours', () => {
    expect(planChannels({ category: 'account_security', channels: all, quietUntil: later, digest: 'daily', canPush: true, now })).toEqual({
      email: now,
      push: now,
    });
  });
});
