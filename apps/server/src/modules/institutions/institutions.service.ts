// Institution registration and tenant provisioning, settings, members, roles and invitations.
import {
  type AcceptInvitationBody,
  type CreateInstitutionBody,
  type CreateInvitationBody,
  contrastRatio,
  type Institution,
  type InstitutionRole,
  type InstitutionSummary,
  type Invitation,
  type InvitationPreview,
  type Member,
  MIN_BRAND_CONTRAST,
  type UpdateInstitutionBody,
  type User,
} from '@edumatrix/contracts';
import { uuidv7 } from 'uuidv7';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { AuthUser } from '../../platform/auth/access-tokens.ts';
import { hashOpaqueToken, newOpaqueToken } from '../../platform/auth/opaque-tokens.ts';
import { type Db, isUniqueViolation } from '../../platform/db/database.ts';
import type { EventPublisher } from '../../platform/events/outbox.ts';
import { AppError, invalidField, notFound } from '../../platform/http/app-error.ts';
import type { Mailer } from '../../platform/mail/mailer.ts';
import type { Migration } from '../../platform/migrations/migration.ts';
import { definedOnly } from '../../platform/patch.ts';
import { provisionTenantSchema, type TenantContext, type TenantDirectory } from '../../platform/tenancy/tenancy.ts';
import type { ClientMeta, IdentityService, IssuedAuth } from '../identity/index.ts';
import {
  type InstitutionRow,
  type InvitationRow,
  institutionsRepository,
  type ProfileRow,
  tenantProfileRepository,
} from './institutions.repository.ts';

const INVITATION_TTL_MS = 7 * 86_400_000;

export type InstitutionsDeps = {
  db: Db;
  events: EventPublisher;
  identity: IdentityService;
  mailer: Mailer;
  publicUrl: string;
  /** Every tenant-scoped migration of every module, run when an institution is provisioned. */
  tenantMigrations: Migration[];
};

export type InstitutionsService = ReturnType<typeof createInstitutionsService>;

function present(row: InstitutionRow, role: InstitutionRole, profile: ProfileRow): Institution {
  return {
    ...summary(row, role),
    description: profile.description,
    website: profile.website,
    contactEmail: profile.contact_email,
    phone: profile.phone,
    address: profile.address,
    logoUrl: profile.logo_version ? `/api/v1/institutions/${row.id}/logo/256?v=${profile.logo_version}` : null,
    brandColor: profile.brand_color,
  };
}

function summary(row: InstitutionRow, role: InstitutionRole): InstitutionSummary {
  return {
    id: row.id,
    name: row.name,
    slug: row.slug,
    type: row.type as Institution['type'],
    country: row.country,
    timezone: row.timezone,
    createdAt: new Date(row.created_at).toISOString(),
    myRole: role,
  };
}

function invitationStatus(row: InvitationRow): Invitation['status'] {
  if (row.accepted_at) return 'accepted';
  if (row.revoked_at) return 'revoked';
  if (row.expires_at < new Date()) return 'expired';
  return 'pending';
}

function presentInvitation(row: InvitationRow): Invitation {
  return {
    id: row.id,
    email: row.email,
    role: row.role,
    status: invitationStatus(row),
    invitedBy: row.invited_by,
    createdAt: new Date(row.created_at).toISOString(),
    expiresAt: new Date(row.expires_at).toISOString(),
  };
}

function presentMember(row: { user_id: string; role: InstitutionRole; joined_at: Date }, user: User | undefined): Member {
  return {
    userId: row.user_id,
    email: user?.email ?? '',
    displayName: user?.displayName ?? '(deleted user)',
    role: row.role,
    joinedAt: new Date(row.joined_at).toISOString(),
  };
}

const slugTaken = () =>
  new AppError('conflict', 'institution.slug_taken', 'Another institution already uses this slug', {
    fields: [{ field: 'slug', message: 'is already taken' }],
  });

/** White labels sit on the brand colour (buttons, badges): they must stay readable (WCAG AA, large text). */
function assertBrandContrast(color: string) {
  const ratio = contrastRatio(color, '#ffffff');
  if (ratio < MIN_BRAND_CONTRAST) {
    throw invalidField(
      'institution.brand_color_low_contrast',
      'brandColor',
      `contrasts only ${ratio.toFixed(1)}:1 with white text; choose a darker colour (at least ${MIN_BRAND_CONTRAST}:1)`,
    );
  }
}

/** Only an owner may grant the owner role or change an owner's membership. */
function assertMayTouchOwner(actorRole: InstitutionRole, ...roles: (InstitutionRole | undefined)[]) {
  if (actorRole !== 'owner' && roles.includes('owner')) {
    throw new AppError('forbidden', 'institution.owner_only', 'Only an owner can grant, change or remove the owner role');
  }
}

export function createInstitutionsService(deps: InstitutionsDeps) {
  const repo = institutionsRepository(deps.db);

  async function ensureNotLastOwner(r: ReturnType<typeof institutionsRepository>, institutionId: string) {
    if ((await r.countOwners(institutionId)) <= 1) {
      throw new AppError(
        'conflict',
        'institution.last_owner',
        'An institution must keep at least one owner; make someone else owner first',
      );
    }
  }

  const directory: TenantDirectory = {
    async findMembership(institutionId, userId) {
      const m = await repo.findMembership(institutionId, userId);
      return m ? { schema: m.schema_name, role: m.role } : null;
    },
  };

  return {
    directory,

    async create(user: AuthUser, body: CreateInstitutionBody): Promise<Institution> {
      if (await repo.slugTaken(body.slug)) throw slugTaken();
      const id = uuidv7();
      try {
        return await deps.db.transaction().execute(async (trx) => {
          const r = institutionsRepository(trx);
          const schema = await provisionTenantSchema(trx, id, deps.tenantMigrations);
          const row = await r.insertInstitution({ id, ...body, schema_name: schema, created_by: user.id });
          await r.insertMember({ institution_id: id, user_id: user.id, role: 'owner' });
          await recordAudit(trx, {
            action: 'institution.created',
            targetType: 'institution',
            targetId: id,
            institutionId: id,
            after: body,
          });
          await deps.events.publish(trx, {
            type: 'institutions.institution_provisioned',
            key: id,
            tenantId: id,
            payload: { institutionId: id, name: body.name, slug: body.slug, ownerId: user.id },
          });
          const profile = await tenantProfileRepository(trx.withSchema(schema)).get();
          return present(row, 'owner', profile);
        });
      } catch (err) {
        if (isUniqueViolation(err)) throw slugTaken();
        throw err;
      }
    },

    async listMine(userId: string): Promise<InstitutionSummary[]> {
      const rows = await repo.listForUser(userId);
      return rows.map((r) => summary(r, r.role));
    },

    async get(tenant: TenantContext): Promise<Institution> {
      const row = await repo.findById(tenant.institutionId);
      if (!row) throw notFound('institution.not_found', 'Institution');
      return present(row, tenant.role, await tenantProfileRepository(tenant.db).get());
    },

    async update(tenant: TenantContext, body: UpdateInstitutionBody): Promise<Institution> {
      if (body.slug && (await repo.slugTaken(body.slug, tenant.institutionId))) throw slugTaken();
      const { name, slug, type, country, timezone, contactEmail, brandColor, ...profilePatch } = body;
      if (brandColor) assertBrandContrast(brandColor);
      const registryPatch = definedOnly({ name, slug, type, country, timezone });
      const profileChanges = definedOnly({ ...profilePatch, contact_email: contactEmail, brand_color: brandColor });
      return deps.db
        .transaction()
        .execute(async (trx) => {
          const r = institutionsRepository(trx);
          const before = await r.findById(tenant.institutionId);
          if (!before) throw notFound('institution.not_found', 'Institution');
          const profileRepo = tenantProfileRepository(trx.withSchema(tenant.schema));
          const beforeProfile = await profileRepo.get();
          const row = Object.keys(registryPatch).length ? await r.updateInstitution(tenant.institutionId, registryPatch) : before;
          const profile = Object.keys(profileChanges).length ? await profileRepo.update(profileChanges) : beforeProfile;
          const after = present(row, tenant.role, profile);
          const prior = present(before, tenant.role, beforeProfile);
          const changed = Object.keys(body) as (keyof Institution)[];
          await recordAudit(trx, {
            action: 'institution.updated',
            targetType: 'institution',
            targetId: tenant.institutionId,
            institutionId: tenant.institutionId,
            before: Object.fromEntries(changed.map((k) => [k, prior[k]])),
            after: Object.fromEntries(changed.map((k) => [k, after[k]])),
          });
          return after;
        })
        .catch((err: unknown) => {
          if (isUniqueViolation(err)) throw slugTaken();
          throw err;
        });
    },

    /** What feeds and background jobs need of an institution they reach without a request. */
    async basics(institutionId: string): Promise<{ name: string; timezone: string; schema: string } | null> {
      const row = await repo.findById(institutionId);
      return row ? { name: row.name, timezone: row.timezone, schema: row.schema_name } : null;
    },

    /** Every member's user id: the audience of institution-wide announcements. */
    async memberIds(institutionId: string): Promise<string[]> {
      return (await repo.listMembers(institutionId)).map((m) => m.user_id);
    },

    /** Owners and admins: who is told when something about the institution needs attention. */
    async managerIds(institutionId: string): Promise<string[]> {
      const rows = await repo.listMembers(institutionId);
      return rows.filter((m) => m.role === 'owner' || m.role === 'admin').map((m) => m.user_id);
    },

    async members(tenant: TenantContext): Promise<Member[]> {
      const rows = await repo.listMembers(tenant.institutionId);
      const users = await deps.identity.getUsers(rows.map((r) => r.user_id));
      return rows.map((r) => presentMember(r, users.get(r.user_id)));
    },

    async changeRole(tenant: TenantContext, userId: string, role: InstitutionRole): Promise<Member> {
      const row = await deps.db.transaction().execute(async (trx) => {
        const r = institutionsRepository(trx);
        const institution = await r.lockInstitution(tenant.institutionId);
        const current = await r.findMembership(tenant.institutionId, userId);
        if (!current) throw notFound('institution.member_not_found', 'Member');
        assertMayTouchOwner(tenant.role, current.role, role);
        if (current.role === role) return { user_id: userId, role, joined_at: current.joined_at };
        if (current.role === 'owner') await ensureNotLastOwner(r, tenant.institutionId);
        const updated = await r.updateMemberRole(tenant.institutionId, userId, role);
        await deps.events.publish(trx, {
          type: 'institutions.member_role_changed',
          key: tenant.institutionId,
          tenantId: tenant.institutionId,
          payload: { institutionId: tenant.institutionId, institutionName: institution.name, userId, from: current.role, to: role },
        });
        await recordAudit(trx, {
          action: 'member.role_changed',
          targetType: 'user',
          targetId: userId,
          institutionId: tenant.institutionId,
          before: { role: current.role },
          after: { role },
        });
        return updated;
      });
      const users = await deps.identity.getUsers([userId]);
      return presentMember(row, users.get(userId));
    },

    async removeMember(tenant: TenantContext, userId: string): Promise<void> {
      await deps.db.transaction().execute(async (trx) => {
        const r = institutionsRepository(trx);
        const institution = await r.lockInstitution(tenant.institutionId);
        const current = await r.findMembership(tenant.institutionId, userId);
        if (!current) throw notFound('institution.member_not_found', 'Member');
        assertMayTouchOwner(tenant.role, current.role);
        if (current.role === 'owner') await ensureNotLastOwner(r, tenant.institutionId);
        await r.deleteMember(tenant.institutionId, userId);
        await deps.events.publish(trx, {
          type: 'institutions.member_removed',
          key: tenant.institutionId,
          tenantId: tenant.institutionId,
          payload: { institutionId: tenant.institutionId, institutionName: institution.name, userId, role: current.role },
        });
        await recordAudit(trx, {
          action: 'member.removed',
          targetType: 'user',
          targetId: userId,
          institutionId: tenant.institutionId,
          before: { role: current.role },
        });
      });
    },

    async invite(tenant: TenantContext, inviter: AuthUser, body: CreateInvitationBody): Promise<Invitation> {
      assertMayTouchOwner(tenant.role, body.role);
      const existing = await deps.identity.findUserByEmail(body.email);
      if (existing && (await repo.findMembership(tenant.institutionId, existing.id))) {
        throw new AppError('conflict', 'institution.already_member', 'This person is already a member', {
          fields: [{ field: 'email', message: 'is already a member' }],
        });
      }
      const token = newOpaqueToken();
      const { row, institution } = await deps.db.transaction().execute(async (trx) => {
        const r = institutionsRepository(trx);
        const institution = await r.findById(tenant.institutionId);
        if (!institution) throw notFound('institution.not_found', 'Institution');
        // A new invitation to the same address replaces any still pending.
        await r.revokePendingInvitations(tenant.institutionId, body.email);
        const row = await r.insertInvitation({
          id: uuidv7(),
          institution_id: tenant.institutionId,
          email: body.email,
          role: body.role,
          token_hash: hashOpaqueToken(token),
          invited_by: inviter.id,
          expires_at: new Date(Date.now() + INVITATION_TTL_MS),
        });
        await deps.events.publish(trx, {
          type: 'institutions.member_invited',
          key: tenant.institutionId,
          tenantId: tenant.institutionId,
          payload: {
            institutionId: tenant.institutionId,
            institutionName: institution.name,
            invitationId: row.id,
            email: body.email,
            inviteeUserId: existing?.id ?? null,
            role: body.role,
            invitedBy: inviter.id,
          },
        });
        await recordAudit(trx, {
          action: 'invitation.created',
          targetType: 'invitation',
          targetId: row.id,
          institutionId: tenant.institutionId,
          after: { email: body.email, role: body.role },
        });
        return { row, institution };
      });
      const link = `${deps.publicUrl}/invitations/accept?token=${token}`;
      await deps.mailer.send({
        to: body.email,
        subject: `You are invited to ${institution.name} on EDU Matrix`,
        text: `You have been invited to join ${institution.name} as ${body.role}.\n\nAccept the invitation:\n${link}\n\nThe link expires in 7 days.`,
      });
      return presentInvitation(row);
    },

    async invitations(tenant: TenantContext): Promise<Invitation[]> {
      return (await repo.listInvitations(tenant.institutionId)).map(presentInvitation);
    },

    async revokeInvitation(tenant: TenantContext, invitationId: string): Promise<void> {
      await deps.db.transaction().execute(async (trx) => {
        const r = institutionsRepository(trx);
        const row = await r.findInvitation(tenant.institutionId, invitationId);
        if (!row || invitationStatus(row) !== 'pending') throw notFound('institution.invitation_not_found', 'Pending invitation');
        assertMayTouchOwner(tenant.role, row.role);
        await r.revokeInvitation(invitationId);
        await recordAudit(trx, {
          action: 'invitation.revoked',
          targetType: 'invitation',
          targetId: invitationId,
          institutionId: tenant.institutionId,
          before: { email: row.email, role: row.role },
        });
      });
    },

    async preview(token: string): Promise<InvitationPreview> {
      const row = await repo.findInvitationByToken(hashOpaqueToken(token));
      const institution = row ? await repo.findById(row.institution_id) : undefined;
      if (!row || !institution) throw notFound('institution.invitation_not_found', 'Invitation');
      return {
        institution: { id: institution.id, name: institution.name, slug: institution.slug },
        email: row.email,
        role: row.role,
        status: invitationStatus(row),
        expiresAt: new Date(row.expires_at).toISOString(),
        accountExists: (await deps.identity.findUserByEmail(row.email)) !== null,
      };
    },

    /** Signed in: joins as that user (whose email must match). Signed out: creates the account first. */
    async accept(
      body: AcceptInvitationBody,
      user: AuthUser | null,
      meta: ClientMeta,
    ): Promise<{ institutionId: string; role: InstitutionRole; auth?: IssuedAuth }> {
      const tokenHash = hashOpaqueToken(body.token);
      // Checked again, locked, inside the transaction below; this early look avoids creating an
      // account for an invitation that cannot be accepted.
      const invitation = await repo.findInvitationByToken(tokenHash);
      if (!invitation || invitationStatus(invitation) !== 'pending') {
        throw new AppError('gone', 'institution.invitation_invalid', 'This invitation is invalid, revoked, used or expired', {
          fields: [{ field: 'token', message: 'is invalid, revoked, used or expired' }],
        });
      }
      let userId: string;
      let auth: IssuedAuth | undefined;
      if (user) {
        const me = await deps.identity.me(user.id);
        if (me.email !== invitation.email) {
          throw new AppError(
            'forbidden',
            'institution.invitation_email_mismatch',
            `This invitation is for ${invitation.email}; sign in with that account`,
          );
        }
        userId = user.id;
      } else {
        if (await deps.identity.findUserByEmail(invitation.email)) {
          throw new AppError('unauthenticated', 'auth.required', 'An account with this email exists; sign in to accept');
        }
        const fields = [
          ...(body.password ? [] : [{ field: 'password', message: 'is required to create your account' }]),
          ...(body.displayName ? [] : [{ field: 'displayName', message: 'is required to create your account' }]),
        ];
        if (fields.length || !body.password || !body.displayName) {
          throw new AppError('invalid', 'request.validation_failed', 'Choose a display name and password for your account', { fields });
        }
        auth = await deps.identity.createVerifiedAccount(
          { email: invitation.email, password: body.password, displayName: body.displayName },
          meta,
        );
        userId = auth.user.id;
      }
      await deps.db.transaction().execute(async (trx) => {
        const r = institutionsRepository(trx);
        const again = await r.findInvitationByTokenForUpdate(tokenHash);
        if (!again || invitationStatus(again) !== 'pending') {
          throw new AppError('gone', 'institution.invitation_invalid', 'This invitation was already used');
        }
        await r.acceptInvitation(invitation.id, userId);
        if (await r.findMembership(invitation.institution_id, userId)) {
          throw new AppError('conflict', 'institution.already_member', 'You are already a member of this institution');
        }
        await r.insertMember({ institution_id: invitation.institution_id, user_id: userId, role: invitation.role });
        const institution = await r.findById(invitation.institution_id);
        if (!institution) throw notFound('institution.not_found', 'Institution');
        await deps.events.publish(trx, {
          type: 'institutions.member_joined',
          key: invitation.institution_id,
          tenantId: invitation.institution_id,
          actorId: userId,
          payload: { institutionId: invitation.institution_id, institutionName: institution.name, userId, role: invitation.role },
        });
        await recordAudit(trx, {
          action: 'invitation.accepted',
          targetType: 'invitation',
          targetId: invitation.id,
          institutionId: invitation.institution_id,
          actorId: userId,
          after: { userId, role: invitation.role },
        });
      });
      return { institutionId: invitation.institution_id, role: invitation.role, ...(auth ? { auth } : {}) };
    },
  };
}
