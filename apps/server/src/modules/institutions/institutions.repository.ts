// The only file with SQL for the institutions module.
import type { InstitutionRole } from '@edumatrix/contracts';
import type { Generated, Insertable, Kysely, Selectable } from 'kysely';
import type { Db } from '../../platform/db/database.ts';

type InstitutionsTable = {
  id: string;
  name: string;
  slug: string;
  type: string;
  country: string;
  timezone: string;
  schema_name: string;
  db_server: Generated<string>;
  created_by: string;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
};
export type InstitutionRow = Selectable<InstitutionsTable>;
type MembersTable = { institution_id: string; user_id: string; role: InstitutionRole; joined_at: Generated<Date> };
export type MemberRow = Selectable<MembersTable>;
type InvitationsTable = {
  id: string;
  institution_id: string;
  email: string;
  role: InstitutionRole;
  token_hash: string;
  invited_by: string;
  created_at: Generated<Date>;
  expires_at: Date;
  accepted_at: Generated<Date | null>;
  accepted_by: Generated<string | null>;
  revoked_at: Generated<Date | null>;
};
export type InvitationRow = Selectable<InvitationsTable>;
export type ProfileRow = {
  id: number;
  description: string | null;
  website: string | null;
  contact_email: string | null;
  phone: string | null;
  address: string | null;
  brand_color: string | null;
  /** Names the stored logo files (settings/logo.service.ts); null: no logo. */
  logo_version: string | null;
  updated_at: Date;
};

type GlobalTables = {
  'institutions.institutions': InstitutionsTable;
  'institutions.members': MembersTable;
  'institutions.invitations': InvitationsTable;
};
type TenantTables = { profile: ProfileRow };

export type InstitutionsRepository = ReturnType<typeof institutionsRepository>;

export function institutionsRepository(executor: Db) {
  const db = executor as Kysely<GlobalTables>;
  return {
    insertInstitution: (row: Insertable<InstitutionsTable>) =>
      db.insertInto('institutions.institutions').values(row).returningAll().executeTakeFirstOrThrow(),
    findById: (id: string) => db.selectFrom('institutions.institutions').selectAll().where('id', '=', id).executeTakeFirst(),
    /** Serialises changes to one institution's membership (last-owner checks). */
    lockInstitution: (id: string) =>
      db.selectFrom('institutions.institutions').select(['id', 'name']).where('id', '=', id).forUpdate().executeTakeFirstOrThrow(),
    slugTaken: async (slug: string, exceptId?: string) => {
      let q = db.selectFrom('institutions.institutions').select('id').where('slug', '=', slug);
      if (exceptId) q = q.where('id', '!=', exceptId);
      return (await q.executeTakeFirst()) !== undefined;
    },
    updateInstitution: (id: string, patch: Partial<Pick<InstitutionRow, 'name' | 'slug' | 'type' | 'country' | 'timezone'>>) =>
      db
        .updateTable('institutions.institutions')
        .set({ ...patch, updated_at: new Date() })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow(),
    listForUser: (userId: string) =>
      db
        .selectFrom('institutions.institutions as i')
        .innerJoin('institutions.members as m', 'm.institution_id', 'i.id')
        .selectAll('i')
        .select('m.role')
        .where('m.user_id', '=', userId)
        .orderBy('i.name')
        .execute(),
    findMembership: (institutionId: string, userId: string) =>
      db
        .selectFrom('institutions.members as m')
        .innerJoin('institutions.institutions as i', 'i.id', 'm.institution_id')
        .select(['m.role', 'i.schema_name', 'm.joined_at'])
        .where('m.institution_id', '=', institutionId)
        .where('m.user_id', '=', userId)
        .executeTakeFirst(),
    listMembers: (institutionId: string) =>
      db.selectFrom('institutions.members').selectAll().where('institution_id', '=', institutionId).orderBy('joined_at').execute(),
    countOwners: async (institutionId: string) => {
      const row = await db
        .selectFrom('institutions.members')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('institution_id', '=', institutionId)
        .where('role', '=', 'owner')
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
    insertMember: (row: Insertable<MembersTable>) =>
      db.insertInto('institutions.members').values(row).returningAll().executeTakeFirstOrThrow(),
    updateMemberRole: (institutionId: string, userId: string, role: InstitutionRole) =>
      db
        .updateTable('institutions.members')
        .set({ role })
        .where('institution_id', '=', institutionId)
        .where('user_id', '=', userId)
        .returningAll()
        .executeTakeFirstOrThrow(),
    deleteMember: (institutionId: string, userId: string) =>
      db.deleteFrom('institutions.members').where('institution_id', '=', institutionId).where('user_id', '=', userId).execute(),

    insertInvitation: (row: Insertable<InvitationsTable>) =>
      db.insertInto('institutions.invitations').values(row).returningAll().executeTakeFirstOrThrow(),
    listInvitations: (institutionId: string) =>
      db
        .selectFrom('institutions.invitations')
        .selectAll()
        .where('institution_id', '=', institutionId)
        .orderBy('created_at', 'desc')
        .limit(200)
        .execute(),
    findInvitation: (institutionId: string, id: string) =>
      db
        .selectFrom('institutions.invitations')
        .selectAll()
        .where('institution_id', '=', institutionId)
        .where('id', '=', id)
        .executeTakeFirst(),
    findInvitationByToken: (tokenHash: string) =>
      db.selectFrom('institutions.invitations').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst(),
    findInvitationByTokenForUpdate: (tokenHash: string) =>
      db.selectFrom('institutions.invitations').selectAll().where('token_hash', '=', tokenHash).forUpdate().executeTakeFirst(),
    revokePendingInvitations: (institutionId: string, email: string) =>
      db
        .updateTable('institutions.invitations')
        .set({ revoked_at: new Date() })
        .where('institution_id', '=', institutionId)
        .where('email', '=', email)
        .where('accepted_at', 'is', null)
        .where('revoked_at', 'is', null)
        .execute(),
    revokeInvitation: (id: string) =>
      db.updateTable('institutions.invitations').set({ revoked_at: new Date() }).where('id', '=', id).execute(),
    acceptInvitation: (id: string, userId: string) =>
      db.updateTable('institutions.invitations').set({ accepted_at: new Date(), accepted_by: userId }).where('id', '=', id).execute(),
  };
}

/** Tenant-schema queries: `executor` must be bound to the tenant (TenantContext.db or its transaction). */
export function tenantProfileRepository(executor: Db) {
  const db = executor as Kysely<TenantTables>;
  return {
    get: () => db.selectFrom('profile').selectAll().where('id', '=', 1).executeTakeFirstOrThrow(),
    update: (patch: Partial<Omit<ProfileRow, 'id' | 'updated_at' | 'logo_version'>>) =>
      db
        .updateTable('profile')
        .set({ ...patch, updated_at: new Date() })
        .where('id', '=', 1)
        .returningAll()
        .executeTakeFirstOrThrow(),
  };
}
