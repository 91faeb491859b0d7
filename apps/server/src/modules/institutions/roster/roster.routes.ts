// HTTP for roster imports: start one (dry run or commit), follow it, list recent ones.
import { CreateImportBody, RosterImport } from '@edumatrix/contracts';
import { z } from 'zod';
import { tenantOf, userOf } from '../../../platform/http/guards.ts';
import type { HttpApp, RouteDeps } from '../../../platform/http/types.ts';
import type { RosterService } from './roster.service.ts';

const InstitutionParams = z.object({ institutionId: z.uuid() });
const ImportParams = InstitutionParams.extend({ importId: z.uuid() });

/** Rosters of tens of thousands of people are several megabytes of CSV. */
const IMPORT_BODY_LIMIT = 25 * 1024 * 1024;

export function rosterRoutes(app: HttpApp, deps: RouteDeps & { roster: RosterService }) {
  const { guards, roster } = deps;
  const tags = ['roster'];
  const base = '/api/v1/institutions/:institutionId/imports';
  const manage = guards.institution('roster.import');

  app.post(
    base,
    {
      bodyLimit: IMPORT_BODY_LIMIT,
      schema: {
        tags,
        summary: 'Start an import (dry_run checks every row and writes nothing; commit writes all or nothing)',
        params: InstitutionParams,
        body: CreateImportBody,
        response: { 202: RosterImport },
      },
      onRequest: manage,
    },
    async (req, reply) => reply.code(202).send(await roster.create(tenantOf(req), userOf(req).id, req.body)),
  );
  app.get(
    base,
    {
      schema: {
        tags,
        summary: 'Recent imports, newest first',
        params: InstitutionParams,
        response: { 200: z.object({ items: z.array(RosterImport) }) },
      },
      onRequest: manage,
    },
    async (req) => ({ items: await roster.list(tenantOf(req)) }),
  );
  app.get(
    `${base}/:importId`,
    {
      schema: {
        tags,
        summary: 'One import: status, progress and the report of bad rows',
        params: ImportParams,
        response: { 200: RosterImport },
      },
      onRequest: manage,
    },
    async (req) => roster.get(tenantOf(req), req.params.importId),
  );
}
