import { describe, expect, it } from 'vitest';
import { createMemoryPresence } from './presence.ts';

describe('in-process presence', () => {
  it('is online until the TTL passes without a heartbeat, and keeps the last-seen time', async () => {
    let now = Date.parse('2026-11-22T10:00:00Z');
    const presence = createMemoryPresence(60_000, () => now);
    expect(await presence.get(['u1'])).toEqual([{ userId: 'u1', online: false, lastSeenAt: null }]);
    await presence.touch(['u1']);
    now += 59_000;
    expect((await presence.get(['u1']))[0]?.online).toBe(true);
    now += 2_000;
    expect(await presence.get(['u1'])).toEqual([{ userId: 'u1', online: false, lastSeenAt: '2026-11-22T10:00:00.000Z' }]);
    await presence.touch(['u1']);
    await presence.leave('u1');
    expect((await presence.get(['u1']))[0]).toMatchObject({ online: false, lastSeenAt: '2026-11-22T10:01:01.000Z' });
  });
});
