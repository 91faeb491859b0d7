import { DeadLetter, DeadLetterQuery, pageOf } from '@edumatrix/contracts';
import { z } from 'zod';
import type { HttpApp, RouteDeps } from '../http/types.ts';
import type { DeadLetters } from './dead-letters.ts';

const Params = z.object({ id: z.uuid() });

export function deadLetterRoutes(app: HttpApp, deps: RouteDeps & { deadLetters: DeadLetters }) {
  const { guards, deadLetters } = deps;
  const tags = ['admin'];
  app.get(
    '/api/v1/admin/dead-letters',
    {
      schema: {
        tags,
        summary: 'Events consumers could not apply, newest first',
        querystring: DeadLetterQuery,
        response: { 200: pageOf(DeadLetter) },
      },
      onRequest: guards.platform('operator'),
    },
    async (req) => deadLetters.list(req.query),
  );

  app.get(
    '/api/v1/admin/dead-letters/:id',
    {
      schema: { tags, summary: 'One dead letter with its event and attempt history', params: Params, response: { 200: DeadLetter } },
      onRequest: guards.platform('operator'),
    },
    async (req) => deadLetters.get(req.params.id),
  );

  app.post(
    '/api/v1/admin/dead-letters/:id/retry',
    {
      schema: { tags, summary: 'Apply the event for its consumer group again (once)', params: Params, response: { 200: DeadLetter } },
      onRequest: guards.platform('operator'),
    },
    async (req) => deadLetters.retry(req.params.id),
  );

  app.delete(
    '/api/v1/admin/dead-letters/:id',
    {
      schema: { tags, summary: 'Discard a dead letter', params: Params },
      onRequest: guards.platform('operator'),
    },
    async (req, reply) => {
      await deadLetters.discard(req.params.id);
      return reply.code(204).send();
    },
  );
}
