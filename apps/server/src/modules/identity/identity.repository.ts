// The only file with SQL for the identity module.
import type { Generated, Kysely, Selectable } from 'kysely';
import type { Db } from '../../platform/db/database.ts';

type UsersTable = {
  id: string;
  email: string;
  password_hash: string;
  display_name: string;
  email_verified_at: Date | null;
  platform_roles: Generated<string[]>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
};
export type UserRow = Selectable<UsersTable>;

type SessionsTable = {
  id: string;
  user_id: string;
  created_at: Generated<Date>;
  last_used_at: Generated<Date>;
  expires_at: Date;
  user_agent: string | null;
  ip: string | null;
  revoked_at: Generated<Date | null>;
  revoked_reason: Generated<string | null>;
};

type Tables = {
  'identity.users': UsersTable;
  'identity.sessions': SessionsTable;
  'identity.refresh_tokens': { token_hash: string; session_id: string; created_at: Generated<Date>; spent_at: Generated<Date | null> };
  'identity.one_time_tokens': {
    token_hash: string;
    user_id: string;
    purpose: 'verify_email' | 'reset_password';
    created_at: Generated<Date>;
    expires_at: Date;
    used_at: Generated<Date | null>;
  };
};

export type OneTimePurpose = 'verify_email' | 'reset_password';
export type IdentityRepository = ReturnType<typeof identityRepository>;

export function identityRepository(executor: Db) {
  const db = executor as Kysely<Tables>;
  const now = () => new Date();
  return {
    findUserByEmail: (email: string) => db.selectFrom('identity.users').selectAll().where('email', '=', email).executeTakeFirst(),
    findUserById: (id: string) => db.selectFrom('identity.users').selectAll().where('id', '=', id).executeTakeFirst(),
    findUsersByIds: (ids: string[]) =>
      ids.length === 0 ? Promise.resolve([]) : db.selectFrom('identity.users').selectAll().where('id', 'in', ids).execute(),
    insertUser: (row: Pick<UsersTable, 'id' | 'email' | 'password_hash' | 'display_name' | 'email_verified_at'>) =>
      db.insertInto('identity.users').values(row).returningAll().executeTakeFirstOrThrow(),
    updateUser: (id: string, patch: Partial<Pick<UserRow, 'display_name' | 'password_hash' | 'email_verified_at' | 'platform_roles'>>) =>
      db
        .updateTable('identity.users')
        .set({ ...patch, updated_at: now() })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow(),

    insertSession: (row: Pick<SessionsTable, 'id' | 'user_id' | 'expires_at' | 'user_agent' | 'ip'>) =>
      db.insertInto('identity.sessions').values(row).execute(),
    findSession: (id: string) => db.selectFrom('identity.sessions').selectAll().where('id', '=', id).executeTakeFirst(),
    isSessionActive: async (id: string) => {
      const row = await db
        .selectFrom('identity.sessions')
        .select('id')
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .where('expires_at', '>', now())
        .executeTakeFirst();
      return row !== undefined;
    },
    listActiveSessions: (userId: string) =>
      db
        .selectFrom('identity.sessions')
        .selectAll()
        .where('user_id', '=', userId)
        .where('revoked_at', 'is', null)
        .where('expires_at', '>', now())
        .orderBy('last_used_at', 'desc')
        .execute(),
    /** When any of the user's sessions was last used (signed in or renewed). */
    lastActiveAt: async (userId: string) =>
      (
        await db
          .selectFrom('identity.sessions')
          .select((eb) => eb.fn.max('last_used_at').as('at'))
          .where('user_id', '=', userId)
          .executeTakeFirst()
      )?.at ?? null,
    touchSession: (id: string, ip: string | null) =>
      db.updateTable('identity.sessions').set({ last_used_at: now(), ip }).where('id', '=', id).execute(),
    revokeSession: (id: string, reason: string) =>
      db
        .updateTable('identity.sessions')
        .set({ revoked_at: now(), revoked_reason: reason })
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .executeTakeFirst(),
    /** Revokes every live session of the user except `keep`; returns the ids revoked. */
    revokeUserSessions: async (userId: string, reason: string, keep?: string) => {
      let q = db
        .updateTable('identity.sessions')
        .set({ revoked_at: now(), revoked_reason: reason })
        .where('user_id', '=', userId)
        .where('revoked_at', 'is', null);
      if (keep) q = q.where('id', '!=', keep);
      const rows = await q.returning('id').execute();
      return rows.map((r) => r.id);
    },

    insertRefreshToken: (tokenHash: string, sessionId: string) =>
      db.insertInto('identity.refresh_tokens').values({ token_hash: tokenHash, session_id: sessionId }).execute(),
    findRefreshToken: (tokenHash: string) =>
      db.selectFrom('identity.refresh_tokens').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst(),
    /** Locks the row, so two concurrent refreshes with one token cannot both succeed. */
    findRefreshTokenForUpdate: (tokenHash: string) =>
      db.selectFrom('identity.refresh_tokens').selectAll().where('token_hash', '=', tokenHash).forUpdate().executeTakeFirst(),
    spendRefreshToken: (tokenHash: string) =>
      db.updateTable('identity.refresh_tokens').set({ spent_at: now() }).where('token_hash', '=', tokenHash).execute(),

    insertOneTimeToken: (row: { token_hash: string; user_id: string; purpose: OneTimePurpose; expires_at: Date }) =>
      db.insertInto('identity.one_time_tokens').values(row).execute(),
    findOneTimeToken: (tokenHash: string, purpose: OneTimePurpose) =>
      db
        .selectFrom('identity.one_time_tokens')
        .selectAll()
        .where('token_hash', '=', tokenHash)
        .where('purpose', '=', purpose)
        .executeTakeFirst(),
    findOneTimeTokenForUpdate: (tokenHash: string, purpose: OneTimePurpose) =>
      db
        .selectFrom('identity.one_time_tokens')
        .selectAll()
        .where('token_hash', '=', tokenHash)
        .where('purpose', '=', purpose)
        .forUpdate()
        .executeTakeFirst(),
    /** Using one link spends every outstanding link of the same purpose. */
    useOneTimeTokens: (userId: string, purpose: OneTimePurpose) =>
      db
        .updateTable('identity.one_time_tokens')
        .set({ used_at: now() })
        .where('user_id', '=', userId)
        .where('purpose', '=', purpose)
        .where('used_at', 'is', null)
        .execute(),
  };
}
