// HTTP only: parse, authorise, call the service, present.
import {
  AcceptInvitationBody,
  AcceptInvitationResult,
  AuditEntry,
  AuditQuery,
  CreateInstitutionBody,
  CreateInvitationBody,
  Institution,
  InstitutionSummary,
  Invitation,
  InvitationPreview,
  Member,
  pageOf,
  TokenBody,
  UpdateInstitutionBody,
  UpdateMemberBody,
} from '@edumatrix/contracts';
import { z } from 'zod';
import { listAudit } from '../../platform/audit/audit.ts';
import { tenantOf, userOf } from '../../platform/http/guards.ts';
import type { HttpApp, RouteDeps } from '../../platform/http/types.ts';
import { clientMeta, presentAuth } from '../identity/index.ts';
import type { InstitutionsService } from './institutions.service.ts';

const InstitutionParams = z.object({ institutionId: z.uuid() });
const MemberParams = InstitutionParams.extend({ userId: z.uuid() });
const InvitationParams = InstitutionParams.extend({ invitationId: z.uuid() });

export function institutionsRoutes(app: HttpApp, deps: RouteDeps & { institutions: InstitutionsService }) {
  const { institutions, guards, config } = deps;
  const tags = ['institutions'];
  const base = '/api/v1/institutions/:institutionId';

  app.post(
    '/api/v1/institutions',
    {
      schema: {
        tags,
        summary: 'Register an institution; you become its owner',
        body: CreateInstitutionBody,
        response: { 201: Institution },
      },
      onRequest: guards.user(),
    },
    async (req, reply) => reply.code(201).send(await institutions.create(userOf(req), req.body)),
  );

  app.get(
    '/api/v1/institutions',
    {
      schema: { tags, summary: 'Institutions you belong to', response: { 200: z.object({ items: z.array(InstitutionSummary) }) } },
      onRequest: guards.user(),
    },
    async (req) => ({ items: await institutions.listMine(userOf(req).id) }),
  );

  app.get(
    base,
    {
      schema: { tags, summary: 'One institution', params: InstitutionParams, response: { 200: Institution } },
      onRequest: guards.institution('institution.read'),
    },
    async (req) => institutions.get(tenantOf(req)),
  );

  app.patch(
    base,
    {
      schema: {
        tags,
        summary: 'Update settings and profile',
        params: InstitutionParams,
        body: UpdateInstitutionBody,
        response: { 200: Institution },
      },
      onRequest: guards.institution('institution.update'),
    },
    async (req) => institutions.update(tenantOf(req), req.body),
  );

  app.get(
    `${base}/members`,
    {
      schema: {
        tags,
        summary: 'Members and their roles',
        params: InstitutionParams,
        response: { 200: z.object({ items: z.array(Member) }) },
      },
      onRequest: guards.institution('members.read'),
    },
    async (req) => ({ items: await institutions.members(tenantOf(req)) }),
  );

  app.patch(
    `${base}/members/:userId`,
    {
      schema: { tags, summary: "Change a member's role", params: MemberParams, body: UpdateMemberBody, response: { 200: Member } },
      onRequest: guards.institution('members.manage'),
    },
    async (req) => institutions.changeRole(tenantOf(req), req.params.userId, req.body.role),
  );

  app.delete(
    `${base}/members/:userId`,
    {
      schema: { tags, summary: 'Remove a member (never the only owner)', params: MemberParams },
      onRequest: guards.institution('members.manage'),
    },
    async (req, reply) => {
      await institutions.removeMember(tenantOf(req), req.params.userId);
      return reply.code(204).send();
    },
  );

  app.post(
    `${base}/invitations`,
    {
      schema: {
        tags,
        summary: 'Invite someone by email with a role',
        params: InstitutionParams,
        body: CreateInvitationBody,
        response: { 201: Invitation },
      },
      onRequest: guards.institution('invitations.manage'),
    },
    async (req, reply) => reply.code(201).send(await institutions.invite(tenantOf(req), userOf(req), req.body)),
  );

  app.get(
    `${base}/invitations`,
    {
      schema: {
        tags,
        summary: 'Invitations, newest first',
        params: InstitutionParams,
        response: { 200: z.object({ items: z.array(Invitation) }) },
      },
      onRequest: guards.institution('invitations.manage'),
    },
    async (req) => ({ items: await institutions.invitations(tenantOf(req)) }),
  );

  app.delete(
    `${base}/invitations/:invitationId`,
    {
      schema: { tags, summary: 'Revoke a pending invitation', params: InvitationParams },
      onRequest: guards.institution('invitations.manage'),
    },
    async (req, reply) => {
      await institutions.revokeInvitation(tenantOf(req), req.params.invitationId);
      return reply.code(204).send();
    },
  );

  app.get(
    `${base}/audit`,
    {
      schema: {
        tags,
        summary: "The institution's audit trail, newest first",
        params: InstitutionParams,
        querystring: AuditQuery,
        response: { 200: pageOf(AuditEntry) },
      },
      onRequest: guards.institution('audit.read'),
    },
    async (req) => listAudit(deps.db, tenantOf(req).institutionId, req.query),
  );

  app.post(
    '/api/v1/invitations/preview',
    {
      schema: { tags, summary: 'What an invitation token is for', body: TokenBody, response: { 200: InvitationPreview } },
      onRequest: guards.public(),
    },
    async (req) => institutions.preview(req.body.token),
  );

  app.post(
    '/api/v1/invitations/accept',
    {
      schema: {
        tags,
        summary: 'Accept an invitation (signed in, or creating the account with password and display name)',
        body: AcceptInvitationBody,
        response: { 200: AcceptInvitationResult },
      },
      onRequest: guards.public(),
    },
    async (req, reply) => {
      const result = await institutions.accept(req.body, req.user, clientMeta(req));
      const auth = result.auth
        ? presentAuth(req, reply, result.auth, config.NODE_ENV === 'production', config.REFRESH_TOKEN_TTL_DAYS)
        : undefined;
      return { institutionId: result.institutionId, role: result.role, ...(auth ? { auth } : {}) };
    },
  );
}
