// The HTTP edge: problem+json for every kind of bad request, health, metrics and the API reference.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedUpClient } from '../../testing/factories.ts';
import { dbLabel, startTestPlatform, type TestPlatform } from '../../testing/test-platform.ts';

type ProblemBody = {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  errors?: { field: string; message: string }[];
};

async function post(t: TestPlatform, path: string, body: string, contentType = 'application/json') {
  const res = await fetch(`${t.url}${path}`, { method: 'POST', headers: { 'content-type': contentType }, body });
  return { res, problem: (await res.json()) as ProblemBody };
}

describe(`http edge on ${dbLabel()}`, () => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await startTestPlatform({ env: { BODY_LIMIT_BYTES: '2048' } });
  });
  afterAll(() => t.close());

  it('malformed JSON is a 400 problem', async () => {
    const { res, problem } = await post(t, '/api/v1/auth/login', '{"email": ');
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(problem).toMatchObject({ status: 400, code: 'request.malformed_json', title: 'Bad Request' });
    expect(problem.type).toBe('/problems/request.malformed_json');
  });

  it('a wrong content type is 415', async () => {
    const { res, problem } = await post(t, '/api/v1/auth/login', 'email=a@b.c', 'application/x-www-form-urlencoded');
    expect(res.status).toBe(415);
    expect(problem.code).toBe('request.unsupported_media_type');
    expect((await post(t, '/api/v1/auth/login', 'hello', 'text/plain')).res.status).toBe(415);
  });

  it('an oversized body is 413', async () => {
    const { res, problem } = await post(t, '/api/v1/auth/login', JSON.stringify({ email: 'a@b.org', password: 'x'.repeat(5000) }));
    expect(res.status).toBe(413);
    expect(problem.code).toBe('request.body_too_large');
  });

  it('missing and extra fields are named', async () => {
    const { res, problem } = await post(t, '/api/v1/auth/register', JSON.stringify({ email: 'someone@example.org', role: 'admin' }));
    expect(res.status).toBe(400);
    expect(problem.errors).toEqual(
      expect.arrayContaining([
        { field: 'password', message: 'is required' },
        { field: 'displayName', message: 'is required' },
        { field: 'role', message: 'is not allowed' },
      ]),
    );
  });

  it('bad path and query parameters are named too', async () => {
    const { client } = await signedUpClient(t);
    const inst = await client.institutions.create({
      name: 'Query School',
      slug: `q-${Date.now()}`,
      type: 'school',
      country: 'PK',
      timezone: 'Asia/Karachi',
    });
    const res = await fetch(`${t.url}/api/v1/institutions/${inst.id}/audit?limit=5000&from=yesterday`, {
      headers: { authorization: `Bearer ${client.accessToken}` },
    });
    const problem = (await res.json()) as ProblemBody;
    expect(res.status).toBe(400);
    expect(problem.errors?.map((e) => e.field).sort()).toEqual(['from', 'limit']);
  });

  it('unknown API routes are a 404 problem, even when a browser asks', async () => {
    const res = await fetch(`${t.url}/api/v1/nothing-here`, { headers: { accept: 'text/html' } });
    expect(res.status).toBe(404);
    expect(((await res.json()) as ProblemBody).code).toBe('request.route_not_found');
  });

  it('serves the web app for client-side routes, and domain errors stay problems with it mounted', async () => {
    const page = await fetch(`${t.url}/institutions/123/members`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('web app fixture');
    expect((await fetch(`${t.url}/institutions/123`, { headers: { accept: 'application/json' } })).status).toBe(404);
    const login = await post(t, '/api/v1/auth/login', JSON.stringify({ email: 'nobody@example.org', password: 'whatever-123' }));
    expect(login.res.status).toBe(401);
    expect(login.problem.code).toBe('identity.invalid_credentials');
  });

  it('every response carries a request id, and a client-sent one is kept', async () => {
    const res = await fetch(`${t.url}/health/live`, { headers: { 'x-request-id': 'trace-me-123' } });
    expect(res.headers.get('x-request-id')).toBe('trace-me-123');
    expect((await fetch(`${t.url}/health/live`)).headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('serves Prometheus metrics: request durations by route and status, event-loop lag, pool use', async () => {
    await fetch(`${t.url}/health/live`);
    const text = await (await fetch(`${t.url}/metrics`)).text();
    expect(text).toMatch(/edumatrix_http_request_duration_seconds_bucket\{.*route="\/health\/live".*status="200"/);
    expect(text).toContain('nodejs_eventloop_lag_seconds');
    expect(text).toMatch(/edumatrix_db_pool_connections\{state="total"\} [1-9]/);
  });

  it('publishes OpenAPI 3.1 generated from the zod schemas, and a browsable reference', async () => {
    const spec = (await (await fetch(`${t.url}/api/v1/openapi.json`)).json()) as {
      openapi: string;
      paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: { required?: string[] } }> } }>>;
    };
    expect(spec.openapi).toBe('3.1.0');
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining(['/api/v1/auth/register', '/api/v1/institutions/{institutionId}/members']),
    );
    expect(spec.paths['/api/v1/auth/register']?.post?.requestBody?.content['application/json']?.schema.required).toEqual(
      expect.arrayContaining(['email', 'password', 'displayName']),
    );
    const docs = await fetch(`${t.url}/api/docs/`);
    expect(docs.status).toBe(200);
    expect(await docs.text()).toContain('swagger');
  });

  it('is live and ready; when the database is gone, ready is 503 naming it and errors reveal nothing internal', async () => {
    const broken = await startTestPlatform();
    try {
      expect((await fetch(`${broken.url}/health/ready`)).status).toBe(200);
      const { client } = await signedUpClient(broken);
      await broken.platform.database.close();
      const ready = await fetch(`${broken.url}/health/ready`);
      expect(ready.status).toBe(503);
      expect(((await ready.json()) as ProblemBody).detail).toMatch(/database is down/);
      expect((await fetch(`${broken.url}/health/live`)).status).toBe(200);

      const res = await fetch(`${broken.url}/api/v1/institutions`, { headers: { authorization: `Bearer ${client.accessToken}` } });
      expect(res.status).toBe(500);
      const text = await res.text();
      expect(JSON.parse(text)).toMatchObject({ status: 500, code: 'internal' });
      expect(text).not.toMatch(/stack|at \w+ \(|\.ts:|select |PGlite|pg-pool|destroyed/i);
    } finally {
      await broken.close();
    }
  });
});
