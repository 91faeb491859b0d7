import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { registerErrorHandler } from './problem.ts';

describe('problem+json for errors that are not ours', () => {
  it('a PostgreSQL deadlock or serialization failure is a retryable 503, not a 500', async () => {
    const app = Fastify();
    registerErrorHandler(app);
    app.get('/deadlock', async () => {
      throw Object.assign(new Error('deadlock detected'), { code: '40P01' });
    });
    app.get('/broken', async () => {
      throw new Error('something else');
    });
    const deadlock = await app.inject({ url: '/deadlock' });
    expect({ status: deadlock.statusCode, retry: deadlock.headers['retry-after'], type: deadlock.headers['content-type'] }).toEqual({
      status: 503,
      retry: '1',
      type: 'application/problem+json; charset=utf-8',
    });
    expect(deadlock.json()).toMatchObject({ code: 'request.conflict_retry', status: 503 });
    expect((await app.inject({ url: '/broken' })).statusCode).toBe(500);
    await app.close();
  });
});
