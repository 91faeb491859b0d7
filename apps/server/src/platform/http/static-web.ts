import { existsSync } from 'node:fs';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** Serves the built single-page app; unknown non-API paths get index.html so client routes load. */
export async function serveWebApp(
  app: FastifyInstance,
  distDir: string | null,
): Promise<((req: FastifyRequest, reply: FastifyReply) => boolean) | null> {
  if (!distDir) return null;
  if (!existsSync(`${distDir}/index.html`)) {
    app.log.warn({ distDir }, 'web app not built: run `npm run build` to serve it at /');
    return null;
  }
  await app.register(fastifyStatic, { root: distDir, prefix: '/', wildcard: false, index: ['index.html'] });
  return (req, reply) => {
    const path = req.url.split('?')[0] ?? '';
    if (req.method !== 'GET' || path.startsWith('/api/') || path.startsWith('/health/')) return false;
    if (!(req.headers.accept ?? '').includes('text/html')) return false;
    reply.header('cache-control', 'no-cache').sendFile('index.html');
    return true;
  };
}
