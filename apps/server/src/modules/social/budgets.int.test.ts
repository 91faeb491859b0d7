// Per-account hourly budgets on what people send others: past it, 429 problem+json with
// Retry-After; other people and other actions are not affected.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { problemOf } from '../../testing/factories.ts';
import { dbLabel, startTestPlatform, type TestPlatform } from '../../testing/test-platform.ts';
import { SOCIAL_BUDGETS } from './budgets.ts';
import { person } from './social.testing.ts';

describe(`per-account budgets on ${dbLabel()}`, () => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await startTestPlatform();
  });
  afterAll(() => t.close());

  it(`posting: ${SOCIAL_BUDGETS.post.perHour} an hour, then 429 with Retry-After, for that account and action only`, async () => {
    const ada = await person(t, 'Ada');
    const ben = await person(t, 'Ben');
    let last = '';
    for (let i = 0; i < SOCIAL_BUDGETS.post.perHour; i++) last = (await ada.client.social.createPost({ body: `Post ${i}` })).id;
    const refused = await problemOf(ada.client.social.createPost({ body: 'One too many' }));
    expect({ status: refused.status, code: refused.problem.code }).toEqual({ status: 429, code: 'request.user_rate_limited' });
    expect(refused.problem.detail).toContain(`at most ${SOCIAL_BUDGETS.post.perHour} times an hour`);
    const res = await fetch(`${t.url}/api/v1/posts`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ada.client.accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ body: 'Still too many' }),
    });
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    // Nothing was written past the budget.
    expect((await ada.client.social.timeline(ada.id, { limit: 1 })).items[0]?.id).toBe(last);
    // Ben posts freely, and Ada may still comment and read.
    expect((await ben.client.social.createPost({ body: 'Mine' })).id).toBeTruthy();
    expect((await ada.client.social.comment(last, { body: 'A comment is another budget' })).id).toBeTruthy();
    expect((await ada.client.social.feed()).items.length).toBeGreaterThan(0);
  });
});
