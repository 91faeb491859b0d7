// Accounts, credentials and sessions: registration, sign-in, rotating refresh tokens, email
// verification, password change and reset.
import type { PlatformRole, RegisterBody, User } from '@edumatrix/contracts';
import { hash, verify } from '@node-rs/argon2';
import { uuidv7 } from 'uuidv7';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { AccessTokens } from '../../platform/auth/access-tokens.ts';
import { hashOpaqueToken, newOpaqueToken } from '../../platform/auth/opaque-tokens.ts';
import { type Db, isUniqueViolation } from '../../platform/db/database.ts';
import type { EventPublisher } from '../../platform/events/outbox.ts';
import { AppError, invalidField, notFound } from '../../platform/http/app-error.ts';
import type { Mailer } from '../../platform/mail/mailer.ts';
import type { RateLimiter } from '../../platform/ratelimit/rate-limiter.ts';
import { type IdentityRepository, identityRepository, type UserRow } from './identity.repository.ts';
import { checkPasswordPolicy } from './password-policy.ts';

// OWASP's argon2id baseline: 19 MiB, 2 passes, 1 lane.
const ARGON = { algorithm: 2 /* Algorithm.Argon2id, a const enum */, memoryCost: 19_456, timeCost: 2, parallelism: 1 };
const VERIFY_EMAIL_TTL_MS = 48 * 3600_000;
const RESET_PASSWORD_TTL_MS = 3600_000;
/**
 * Two tabs (or a retry after a dropped response) may present the same refresh token moments apart.
 * Within this window the second gets fresh tokens for the same session instead of being treated as
 * theft; after it, reuse revokes the session.
 */
const REFRESH_REUSE_GRACE_MS = 10_000;

export type ClientMeta = { ip: string | null; userAgent: string | null };
export type IssuedAuth = { user: User; accessToken: string; accessTokenExpiresAt: string; refreshToken: string };

export type IdentityDeps = {
  db: Db;
  events: EventPublisher;
  tokens: AccessTokens;
  mailer: Mailer;
  limiter: RateLimiter;
  publicUrl: string;
  refreshTokenTtlDays: number;
  login: { perAccount: number; perIp: number; windowSeconds: number };
};

export type IdentityService = ReturnType<typeof createIdentityService>;

export function toUser(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    emailVerified: row.email_verified_at !== null,
    platformRoles: row.platform_roles as PlatformRole[],
    createdAt: new Date(row.created_at).toISOString(),
  };
}

export function createIdentityService(deps: IdentityDeps) {
  const repo = identityRepository(deps.db);
  // Verifying against a real hash when the account does not exist keeps sign-in timing uniform.
  const dummyHash = hash('not-a-real-password-for-timing', ARGON);

  /** Tells the rest of the platform (the socket gateway first) that sessions ended. */
  async function announceRevoked(trx: Db, userId: string, sessionIds: string[], reason: string) {
    if (sessionIds.length === 0) return;
    await deps.events.publish(trx, {
      type: 'identity.sessions_revoked',
      key: userId,
      actorId: null,
      payload: { userId, sessionIds, reason },
    });
  }

  /**
   * Dashboards count active users from `identity.user_active`. Published on sign-in and renewal (an
   * access token lives 15 minutes, so an active user renews often), at most once per clock hour:
   * hourly, so each institution can place the activity on its own local day.
   */
  async function noteActive(trx: Db, r: IdentityRepository, userId: string) {
    const last = await r.lastActiveAt(userId);
    if (last && new Date(last).getTime() >= Math.floor(Date.now() / 3_600_000) * 3_600_000) return;
    await deps.events.publish(trx, { type: 'identity.user_active', key: userId, actorId: userId, payload: { userId } });
  }

  async function issue(r: IdentityRepository, user: UserRow, sessionId: string): Promise<IssuedAuth> {
    const refreshToken = newOpaqueToken();
    await r.insertRefreshToken(hashOpaqueToken(refreshToken), sessionId);
    const access = await deps.tokens.sign({
      id: user.id,
      sessionId,
      platformRoles: user.platform_roles as PlatformRole[],
    });
    return { user: toUser(user), accessToken: access.token, accessTokenExpiresAt: access.expiresAt.toISOString(), refreshToken };
  }

  async function startSession(trx: Db, r: IdentityRepository, user: UserRow, meta: ClientMeta): Promise<IssuedAuth> {
    const sessionId = uuidv7();
    const expiresAt = new Date(Date.now() + deps.refreshTokenTtlDays * 86_400_000);
    await noteActive(trx, r, user.id);
    await r.insertSession({
      id: sessionId,
      user_id: user.id,
      expires_at: expiresAt,
      user_agent: meta.userAgent?.slice(0, 300) ?? null,
      ip: meta.ip,
    });
    return issue(r, user, sessionId);
  }

  async function sendOneTimeLink(r: IdentityRepository, user: UserRow, purpose: 'verify_email' | 'reset_password') {
    const token = newOpaqueToken();
    const ttl = purpose === 'verify_email' ? VERIFY_EMAIL_TTL_MS : RESET_PASSWORD_TTL_MS;
    await r.insertOneTimeToken({ token_hash: hashOpaqueToken(token), user_id: user.id, purpose, expires_at: new Date(Date.now() + ttl) });
    return async () => {
      const path = purpose === 'verify_email' ? 'verify-email' : 'reset-password';
      const link = `${deps.publicUrl}/${path}?token=${token}`;
      const subject = purpose === 'verify_email' ? 'Confirm your email address' : 'Reset your password';
      const body =
        purpose === 'verify_email'
          ? `Hello ${user.display_name},\n\nConfirm your email address for EDU Matrix Interlinked:\n${link}\n\nThe link works once and expires in 48 hours.`
          : `Hello ${user.display_name},\n\nSomeone asked to reset your EDU Matrix password. If it was you, open:\n${link}\n\nThe link works once and expires in 1 hour. If it was not you, ignore this mail.`;
      await deps.mailer.send({ to: user.email, subject, text: body });
    };
  }

  async function createAccount(body: RegisterBody, meta: ClientMeta, verified: boolean): Promise<IssuedAuth> {
    checkPasswordPolicy(body.password, body.email);
    const passwordHash = await hash(body.password, ARGON);
    let sendMail: (() => Promise<void>) | null = null;
    const result = await deps.db
      .transaction()
      .execute(async (trx) => {
        const r = identityRepository(trx);
        if (await r.findUserByEmail(body.email)) {
          throw new AppError('conflict', 'identity.email_taken', 'An account with this email already exists', {
            fields: [{ field: 'email', message: 'is already registered' }],
          });
        }
        const user = await r.insertUser({
          id: uuidv7(),
          email: body.email,
          password_hash: passwordHash,
          display_name: body.displayName,
          email_verified_at: verified ? new Date() : null,
        });
        if (!verified) sendMail = await sendOneTimeLink(r, user, 'verify_email');
        await recordAudit(trx, { action: 'user.registered', targetType: 'user', targetId: user.id, actorId: user.id });
        await deps.events.publish(trx, {
          type: 'identity.user_registered',
          key: user.id,
          actorId: user.id,
          payload: { userId: user.id, email: user.email, displayName: user.display_name },
        });
        return startSession(trx, r, user, meta);
      })
      .catch((err: unknown) => {
        // Two registrations racing for one email: the unique index decides.
        if (isUniqueViolation(err)) {
          throw new AppError('conflict', 'identity.email_taken', 'An account with this email already exists', {
            fields: [{ field: 'email', message: 'is already registered' }],
          });
        }
        throw err;
      });
    await (sendMail as (() => Promise<void>) | null)?.();
    return result;
  }

  async function limitLogin(email: string, ip: string | null) {
    const { perAccount, perIp, windowSeconds } = deps.login;
    const byIp = await deps.limiter.hit(`login:ip:${ip ?? 'unknown'}`, perIp, windowSeconds);
    const byAccount = await deps.limiter.hit(`login:account:${email}`, perAccount, windowSeconds);
    const refused = [byIp, byAccount].find((r) => !r.allowed);
    if (refused) {
      throw new AppError('rate_limited', 'identity.too_many_login_attempts', 'Too many sign-in attempts; wait and try again', {
        retryAfterSeconds: refused.retryAfterSeconds,
      });
    }
  }

  return {
    register: (body: RegisterBody, meta: ClientMeta) => createAccount(body, meta, false),

    /** For invitations: whoever holds the emailed token has proved the address. */
    createVerifiedAccount: (body: RegisterBody, meta: ClientMeta) => createAccount(body, meta, true),

    async login(email: string, password: string, meta: ClientMeta): Promise<IssuedAuth> {
      await limitLogin(email, meta.ip);
      const user = await repo.findUserByEmail(email);
      const ok = await verify(user?.password_hash ?? (await dummyHash), password);
      if (!user || !ok) {
        throw new AppError('unauthenticated', 'identity.invalid_credentials', 'The email or password is not correct');
      }
      await deps.limiter.reset(`login:account:${email}`);
      return deps.db.transaction().execute((trx) => startSession(trx, identityRepository(trx), user, meta));
    },

    /** Rotates the refresh token. Presenting a spent token revokes the whole session (token family). */
    async refresh(refreshToken: string, meta: ClientMeta): Promise<IssuedAuth> {
      const outcome = await deps.db.transaction().execute(async (trx) => {
        const r = identityRepository(trx);
        const token = await r.findRefreshTokenForUpdate(hashOpaqueToken(refreshToken));
        if (!token) return { error: 'auth.invalid_refresh_token' as const };
        const session = await r.findSession(token.session_id);
        if (!session || session.revoked_at || session.expires_at < new Date()) return { error: 'auth.session_revoked' as const };
        const benignReuse = token.spent_at && Date.now() - new Date(token.spent_at).getTime() < REFRESH_REUSE_GRACE_MS;
        if (token.spent_at && !benignReuse) {
          await r.revokeSession(session.id, 'refresh_token_reuse');
          await announceRevoked(trx, session.user_id, [session.id], 'refresh_token_reuse');
          await recordAudit(trx, {
            action: 'session.revoked',
            targetType: 'session',
            targetId: session.id,
            actorId: session.user_id,
            after: { reason: 'refresh_token_reuse' },
          });
          return { error: 'auth.refresh_token_reused' as const };
        }
        const user = await r.findUserById(session.user_id);
        if (!user) return { error: 'auth.invalid_refresh_token' as const };
        if (!token.spent_at) await r.spendRefreshToken(token.token_hash);
        await noteActive(trx, r, session.user_id);
        await r.touchSession(session.id, meta.ip);
        return { error: undefined, auth: await issue(r, user, session.id) };
      });
      if (outcome.error !== undefined) {
        const detail =
          outcome.error === 'auth.refresh_token_reused'
            ? 'This refresh token was already used; the session has been signed out for safety'
            : 'Sign in again';
        throw new AppError('unauthenticated', outcome.error, detail);
      }
      return outcome.auth;
    },

    /** Signs out the session the refresh token belongs to. */
    async logout(refreshToken: string | null): Promise<void> {
      const token = refreshToken ? await repo.findRefreshToken(hashOpaqueToken(refreshToken)) : undefined;
      if (!token) return;
      const sessionId = token.session_id;
      await deps.db.transaction().execute(async (trx) => {
        const r = identityRepository(trx);
        const session = await r.findSession(sessionId);
        if (!session || session.revoked_at) return;
        await r.revokeSession(sessionId, 'logout');
        await announceRevoked(trx, session.user_id, [sessionId], 'logout');
      });
    },

    isSessionActive: (sessionId: string) => repo.isSessionActive(sessionId),

    async me(userId: string): Promise<User> {
      const user = await repo.findUserById(userId);
      if (!user) throw notFound('identity.user_not_found', 'User');
      return toUser(user);
    },

    async updateMe(userId: string, displayName: string): Promise<User> {
      return deps.db.transaction().execute(async (trx) => {
        const user = await identityRepository(trx).updateUser(userId, { display_name: displayName });
        // Other modules keep names for search; they learn of the change from this event.
        await deps.events.publish(trx, {
          type: 'identity.user_renamed',
          key: userId,
          actorId: userId,
          payload: { userId, displayName: user.display_name },
        });
        return toUser(user);
      });
    },

    /** Public facts about users, for other modules (member lists and the like). */
    async getUsers(ids: string[]): Promise<Map<string, User>> {
      const rows = await repo.findUsersByIds([...new Set(ids)]);
      return new Map(rows.map((r) => [r.id, toUser(r)]));
    },

    async findUserByEmail(email: string): Promise<User | null> {
      const row = await repo.findUserByEmail(email.toLowerCase());
      return row ? toUser(row) : null;
    },

    async changePassword(userId: string, sessionId: string, currentPassword: string, newPassword: string) {
      const user = await repo.findUserById(userId);
      if (!user) throw notFound('identity.user_not_found', 'User');
      if (!(await verify(user.password_hash, currentPassword))) {
        throw invalidField('identity.wrong_password', 'currentPassword', 'is not correct');
      }
      checkPasswordPolicy(newPassword, user.email, 'newPassword');
      const passwordHash = await hash(newPassword, ARGON);
      await deps.db.transaction().execute(async (trx) => {
        const r = identityRepository(trx);
        await r.updateUser(userId, { password_hash: passwordHash });
        const revoked = await r.revokeUserSessions(userId, 'password_changed', sessionId);
        await announceRevoked(trx, userId, revoked, 'password_changed');
        await recordAudit(trx, {
          action: 'user.password_changed',
          targetType: 'user',
          targetId: userId,
          after: { revokedSessions: revoked.length },
        });
      });
    },

    async listSessions(userId: string, currentSessionId: string) {
      const rows = await repo.listActiveSessions(userId);
      return rows.map((s) => ({
        id: s.id,
        createdAt: new Date(s.created_at).toISOString(),
        lastUsedAt: new Date(s.last_used_at).toISOString(),
        userAgent: s.user_agent,
        ip: s.ip,
        current: s.id === currentSessionId,
      }));
    },

    async revokeSession(userId: string, sessionId: string) {
      await deps.db.transaction().execute(async (trx) => {
        const r = identityRepository(trx);
        const session = await r.findSession(sessionId);
        if (!session || session.user_id !== userId || session.revoked_at) throw notFound('identity.session_not_found', 'Session');
        await r.revokeSession(sessionId, 'revoked_by_user');
        await announceRevoked(trx, userId, [sessionId], 'revoked_by_user');
        await recordAudit(trx, {
          action: 'session.revoked',
          targetType: 'session',
          targetId: sessionId,
          after: { reason: 'revoked_by_user' },
        });
      });
    },

    async verifyEmail(token: string) {
      await deps.db.transaction().execute(async (trx) => {
        const r = identityRepository(trx);
        const row = await r.findOneTimeTokenForUpdate(hashOpaqueToken(token), 'verify_email');
        if (!row || row.used_at || row.expires_at < new Date()) {
          throw new AppError('gone', 'identity.token_invalid', 'This link is invalid, used or expired; ask for a new one', {
            fields: [{ field: 'token', message: 'is invalid, used or expired' }],
          });
        }
        await r.useOneTimeTokens(row.user_id, 'verify_email');
        await r.updateUser(row.user_id, { email_verified_at: new Date() });
      });
    },

    async resendVerification(userId: string) {
      const user = await repo.findUserById(userId);
      if (!user) throw notFound('identity.user_not_found', 'User');
      if (user.email_verified_at) throw new AppError('conflict', 'identity.already_verified', 'Your email address is already verified');
      const limit = await deps.limiter.hit(`verify-mail:${userId}`, 5, 3600);
      if (!limit.allowed) {
        throw new AppError('rate_limited', 'identity.too_many_mails', 'Too many emails sent; try again later', {
          retryAfterSeconds: limit.retryAfterSeconds,
        });
      }
      const send = await deps.db.transaction().execute((trx) => sendOneTimeLink(identityRepository(trx), user, 'verify_email'));
      await send();
    },

    /** Answers the same whether or not the account exists, so it reveals nothing. */
    async requestPasswordReset(email: string, ip: string | null) {
      const byIp = await deps.limiter.hit(`reset:ip:${ip ?? 'unknown'}`, 20, 3600);
      const byAccount = await deps.limiter.hit(`reset:account:${email}`, 5, 3600);
      if (!byIp.allowed || !byAccount.allowed) return;
      const user = await repo.findUserByEmail(email);
      if (!user) return;
      const send = await deps.db.transaction().execute((trx) => sendOneTimeLink(identityRepository(trx), user, 'reset_password'));
      await send();
    },

    async resetPassword(token: string, newPassword: string) {
      // Checked again, locked, inside the transaction below.
      const row = await repo.findOneTimeToken(hashOpaqueToken(token), 'reset_password');
      const user = row ? await repo.findUserById(row.user_id) : undefined;
      if (!row || !user || row.used_at || row.expires_at < new Date()) {
        throw new AppError('gone', 'identity.token_invalid', 'This link is invalid, used or expired; ask for a new one', {
          fields: [{ field: 'token', message: 'is invalid, used or expired' }],
        });
      }
      checkPasswordPolicy(newPassword, user.email, 'newPassword');
      const passwordHash = await hash(newPassword, ARGON);
      await deps.db.transaction().execute(async (trx) => {
        const r = identityRepository(trx);
        const again = await r.findOneTimeTokenForUpdate(hashOpaqueToken(token), 'reset_password');
        if (!again || again.used_at) throw new AppError('gone', 'identity.token_invalid', 'This link was already used');
        await r.useOneTimeTokens(user.id, 'reset_password');
        // Receiving the mail proves the address too.
        await r.updateUser(user.id, { password_hash: passwordHash, email_verified_at: user.email_verified_at ?? new Date() });
        const revoked = await r.revokeUserSessions(user.id, 'password_reset');
        await announceRevoked(trx, user.id, revoked, 'password_reset');
        await recordAudit(trx, {
          action: 'user.password_reset',
          targetType: 'user',
          targetId: user.id,
          actorId: user.id,
          after: { revokedSessions: revoked.length },
        });
      });
    },

    async setPlatformRoles(userId: string, roles: PlatformRole[]) {
      return deps.db.transaction().execute(async (trx) => {
        const r = identityRepository(trx);
        const before = await r.findUserById(userId);
        if (!before) throw notFound('identity.user_not_found', 'User');
        const after = await r.updateUser(userId, { platform_roles: roles });
        await recordAudit(trx, {
          action: 'user.platform_roles_changed',
          targetType: 'user',
          targetId: userId,
          before: { roles: before.platform_roles },
          after: { roles },
        });
        return toUser(after);
      });
    },
  };
}
