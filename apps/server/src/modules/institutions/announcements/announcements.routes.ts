// HTTP for announcements.
import { Announcement, AnnouncementQuery, CreateAnnouncementBody, pageOf } from '@edumatrix/contracts';
import { z } from 'zod';
import { tenantOf, userOf } from '../../../platform/http/guards.ts';
import type { HttpApp, RouteDeps } from '../../../platform/http/types.ts';
import type { AnnouncementsService } from './announcements.service.ts';

const InstitutionParams = z.object({ institutionId: z.uuid() });
const AnnouncementParams = InstitutionParams.extend({ announcementId: z.uuid() });

export function announcementsRoutes(app: HttpApp, deps: RouteDeps & { announcements: AnnouncementsService }) {
  const { guards, announcements } = deps;
  const tags = ['announcements'];
  const base = '/api/v1/institutions/:institutionId/announcements';

  app.get(
    base,
    {
      schema: {
        tags,
        summary: 'Announcements that reached you (admins: all), newest first',
        params: InstitutionParams,
        querystring: AnnouncementQuery,
        response: { 200: pageOf(Announcement) },
      },
      onRequest: guards.institution('announcements.read'),
    },
    async (req) => announcements.list(tenantOf(req), userOf(req).id, req.query),
  );
  app.post(
    base,
    {
      schema: {
        tags,
        summary: 'Announce to the institution, a department or a class, now or at publishAt',
        params: InstitutionParams,
        body: CreateAnnouncementBody,
        response: { 201: Announcement },
      },
      onRequest: guards.institution('announcements.create'),
    },
    async (req, reply) => reply.code(201).send(await announcements.create(tenantOf(req), userOf(req).id, req.body)),
  );
  app.delete(
    `${base}/:announcementId`,
    {
      schema: { tags, summary: 'Delete an announcement (scheduled ones are then never sent)', params: AnnouncementParams },
      onRequest: guards.institution('announcements.create'),
    },
    async (req, reply) => {
      await announcements.remove(tenantOf(req), userOf(req).id, req.params.announcementId);
      return reply.code(204).send();
    },
  );
}
