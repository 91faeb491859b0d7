// HTTP for the dashboard: one read, shaped by the caller's role.
import { Dashboard } from '@edumatrix/contracts';
import { z } from 'zod';
import { tenantOf, userOf } from '../../../platform/http/guards.ts';
import type { HttpApp, RouteDeps } from '../../../platform/http/types.ts';
import type { DashboardsService } from './dashboards.service.ts';

const InstitutionParams = z.object({ institutionId: z.uuid() });

export function dashboardsRoutes(app: HttpApp, deps: RouteDeps & { dashboards: DashboardsService }) {
  const { guards, dashboards } = deps;
  app.get(
    '/api/v1/institutions/:institutionId/dashboard',
    {
      schema: {
        tags: ['dashboards'],
        summary:
          "The caller's dashboard: institution figures (owners, admins, staff), the day's work (teachers), own day (students, parents)",
        params: InstitutionParams,
        response: { 200: Dashboard },
      },
      onRequest: guards.institution('dashboard.read'),
    },
    async (req) => dashboards.get(tenantOf(req), userOf(req).id),
  );
}
