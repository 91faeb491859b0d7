// HTTP for the institution's settings beyond its profile: for now, the grading scale.
import { GradingScale, UpdateGradingScaleBody } from '@edumatrix/contracts';
import { z } from 'zod';
import { tenantOf } from '../../../platform/http/guards.ts';
import type { HttpApp, RouteDeps } from '../../../platform/http/types.ts';
import type { GradingScaleService } from './grading-scale.service.ts';

const InstitutionParams = z.object({ institutionId: z.uuid() });

export function settingsRoutes(app: HttpApp, deps: RouteDeps & { gradingScale: GradingScaleService }) {
  const { guards, gradingScale } = deps;
  const tags = ['settings'];
  const path = '/api/v1/institutions/:institutionId/settings/grading-scale';
  app.get(
    path,
    {
      schema: {
        tags,
        summary: 'The grading scale (bands from a minimum percentage)',
        params: InstitutionParams,
        response: { 200: GradingScale },
      },
      onRequest: guards.institution('institution.read'),
    },
    async (req) => gradingScale.get(tenantOf(req)),
  );
  app.put(
    path,
    {
      schema: {
        tags,
        summary: 'Replace the grading scale (highest band first, the last from 0)',
        params: InstitutionParams,
        body: UpdateGradingScaleBody,
        response: { 200: GradingScale },
      },
      onRequest: guards.institution('institution.update'),
    },
    async (req) => gradingScale.update(tenantOf(req), req.body),
  );
}
