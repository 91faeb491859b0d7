// HTTP for the timetable, its calendar feeds, and the public feed address itself.
import { CalendarFeed, CreateFeedBody, CreatePeriodBody, Period, TimetableQuery, UpdatePeriodBody } from '@edumatrix/contracts';
import { z } from 'zod';
import { AppError } from '../../../platform/http/app-error.ts';
import { tenantOf, userOf } from '../../../platform/http/guards.ts';
import type { HttpApp, RouteDeps } from '../../../platform/http/types.ts';
import type { TimetableService } from './timetable.service.ts';

const InstitutionParams = z.object({ institutionId: z.uuid() });
const PeriodParams = InstitutionParams.extend({ periodId: z.uuid() });
const FeedParams = InstitutionParams.extend({ feedId: z.uuid() });

export function timetableRoutes(app: HttpApp, deps: RouteDeps & { timetable: TimetableService }) {
  const { guards, timetable } = deps;
  const tags = ['timetable'];
  const base = '/api/v1/institutions/:institutionId/timetable';
  const read = guards.institution('timetable.read');
  const manage = guards.institution('timetable.manage');

  app.get(
    base,
    {
      schema: {
        tags,
        summary: 'Weekly periods, by class, teacher, student or room',
        params: InstitutionParams,
        querystring: TimetableQuery,
        response: { 200: z.object({ items: z.array(Period) }) },
      },
      onRequest: read,
    },
    async (req) => ({ items: await timetable.list(tenantOf(req), req.query) }),
  );
  app.post(
    `${base}/periods`,
    {
      schema: {
        tags,
        summary: 'Add a period; 409 names a clash of class, teacher or room',
        params: InstitutionParams,
        body: CreatePeriodBody,
        response: { 201: Period },
      },
      onRequest: manage,
    },
    async (req, reply) => reply.code(201).send(await timetable.create(tenantOf(req), req.body)),
  );
  app.patch(
    `${base}/periods/:periodId`,
    {
      schema: { tags, summary: 'Move or change a period', params: PeriodParams, body: UpdatePeriodBody, response: { 200: Period } },
      onRequest: manage,
    },
    async (req) => timetable.update(tenantOf(req), req.params.periodId, req.body),
  );
  app.delete(
    `${base}/periods/:periodId`,
    { schema: { tags, summary: 'Remove a period', params: PeriodParams }, onRequest: manage },
    async (req, reply) => {
      await timetable.remove(tenantOf(req), req.params.periodId);
      return reply.code(204).send();
    },
  );
  app.post(
    `${base}/feeds`,
    {
      schema: {
        tags,
        summary: 'A secret iCalendar address for a class, teacher or student timetable',
        params: InstitutionParams,
        body: CreateFeedBody,
        response: { 201: CalendarFeed },
      },
      onRequest: read,
    },
    async (req, reply) => reply.code(201).send(await timetable.createFeed(tenantOf(req), userOf(req).id, req.body)),
  );
  app.get(
    `${base}/feeds`,
    {
      schema: {
        tags,
        summary: 'Your calendar feeds (addresses are shown only when created)',
        params: InstitutionParams,
        response: { 200: z.object({ items: z.array(CalendarFeed) }) },
      },
      onRequest: read,
    },
    async (req) => ({ items: await timetable.feeds(tenantOf(req), userOf(req).id) }),
  );
  app.delete(
    `${base}/feeds/:feedId`,
    { schema: { tags, summary: 'Revoke a calendar feed: its address stops working', params: FeedParams }, onRequest: read },
    async (req, reply) => {
      await timetable.revokeFeed(tenantOf(req), userOf(req).id, req.params.feedId);
      return reply.code(204).send();
    },
  );
  // Calendar apps cannot sign in: the unguessable token in the address is the credential.
  app.get(
    '/api/v1/calendar/:token',
    {
      schema: { tags, summary: 'An iCalendar feed (text/calendar)', params: z.object({ token: z.string().regex(/^[\w-]{20,100}\.ics$/) }) },
      onRequest: guards.public({ ignoreToken: true }),
    },
    async (req, reply) => {
      const body = await timetable.ics(req.params.token.replace(/\.ics$/, ''));
      if (!body) throw new AppError('not_found', 'timetable.feed_not_found', 'This calendar address is unknown or was revoked');
      return reply.type('text/calendar; charset=utf-8').header('cache-control', 'private, max-age=300').send(body);
    },
  );
}
