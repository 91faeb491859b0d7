import type { FastifyInstance } from 'fastify';
import { sendProblem } from './problem.ts';

export type ReadinessCheck = { name: string; check(): Promise<void> };

const TIMEOUT_MS = 2000;

async function run(check: ReadinessCheck): Promise<string | null> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer in ${TIMEOUT_MS} ms`)), TIMEOUT_MS);
  });
  try {
    await Promise.race([check.check(), timeout]);
    return null;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  } finally {
    clearTimeout(timer);
  }
}

/** Liveness says the process runs; readiness says its dependencies answer (503 names those that do not). */
/** `detail` adds information that does not decide readiness (circuit breaker states). */
export function healthRoutes(app: FastifyInstance, checks: ReadinessCheck[], detail: () => Record<string, unknown> = () => ({})): void {
  app.get('/health/live', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/health/ready', { schema: { hide: true } }, async (_req, reply) => {
    const results = await Promise.all(checks.map(async (c) => [c.name, await run(c)] as const));
    const down = results.filter(([, error]) => error !== null);
    const status = Object.fromEntries(results.map(([name, error]) => [name, error === null ? 'up' : 'down']));
    if (down.length === 0) return { status: 'ok', checks: status, ...detail() };
    reply.header('retry-after', '5');
    sendProblem(reply, 503, 'health.not_ready', `Not ready: ${down.map(([name, e]) => `${name} is down (${e})`).join('; ')}`, undefined, {
      checks: status,
      ...detail(),
    });
    return reply;
  });
}
