// Route guards. Each carries the access it declares (read by start-up checks and the role × route test).
import type { FastifyReply, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import type { AccessTokens, AuthUser } from '../auth/access-tokens.ts';
import { type Access, type PermissionTable, roleHas } from '../auth/permissions.ts';
import type { Db } from '../db/database.ts';
import { currentContext } from '../observability/context.ts';
import type { RateLimiter } from '../ratelimit/rate-limiter.ts';
import { bindTenant, type TenantContext, type TenantDirectory } from '../tenancy/tenancy.ts';
import { AppError } from './app-error.ts';
import { isUuid } from './cursor.ts';

declare module 'fastify' {
  interface FastifyRequest {
    user: AuthUser | null;
    tenant: TenantContext | null;
  }
}

/** Runs at onRequest: callers are authenticated and authorised before their body is even parsed. */
export type Guard = onRequestAsyncHookHandler & { access: Access };

export type SessionChecker = { isSessionActive(sessionId: string): Promise<boolean> };

export type GuardDeps = {
  db: Db;
  tokens: AccessTokens;
  sessions: SessionChecker;
  tenants: TenantDirectory;
  permissions: PermissionTable;
  limiter: RateLimiter;
  institutionRequestsPerMinute: number;
};

export type Guards = ReturnType<typeof createGuards>;

/** An action counted per user and hour, e.g. `{ action: 'post', perHour: 60 }`. */
export type UserBudget = { action: string; perHour: number };

function tag(access: Access, fn: (req: FastifyRequest, reply: FastifyReply) => Promise<void>): Guard {
  return Object.assign(fn as onRequestAsyncHookHandler, { access });
}

export function createGuards(deps: GuardDeps) {
  async function authenticate(req: FastifyRequest): Promise<AuthUser | null> {
    const header = req.headers.authorization;
    if (!header) return null;
    const [scheme, token] = header.split(' ');
    if (scheme?.toLowerCase() !== 'bearer' || !token) {
      throw new AppError('unauthenticated', 'auth.invalid_token', 'Send the access token as "Authorization: Bearer <token>"');
    }
    const user = await deps.tokens.verify(token);
    // A revoked session (sign-out, password change, token reuse) stops its access tokens at once.
    if (!(await deps.sessions.isSessionActive(user.sessionId))) {
      throw new AppError('unauthenticated', 'auth.session_revoked', 'This session has been signed out');
    }
    req.user = user;
    const ctx = currentContext();
    if (ctx) ctx.userId = user.id;
    return user;
  }

  async function requireUser(req: FastifyRequest): Promise<AuthUser> {
    const user = await authenticate(req);
    if (!user) throw new AppError('unauthenticated', 'auth.required', 'Sign in to do this');
    return user;
  }

  return {
    /**
     * Anyone; a bearer token, when sent, is still checked and identifies the caller. Routes whose
     * credential is something else (refresh and logout use the refresh token) pass
     * `ignoreToken`, so that an expired access token cannot stand in the way of renewing it.
     */
    public: (options: { ignoreToken?: boolean } = {}) =>
      tag({ kind: 'public' }, async (req) => {
        if (!options.ignoreToken) await authenticate(req);
      }),
    /**
     * A signed-in user. With a `budget`, also at most `perHour` of that action per user and hour
     * (shared by every process through the limiter): what one account can send others — posts,
     * messages, requests, reports, pages fetched for previews — stays bounded even when scripted.
     */
    user: (budget?: UserBudget) =>
      tag({ kind: 'user' }, async (req) => {
        const user = await requireUser(req);
        if (!budget) return;
        const limit = await deps.limiter.hit(`user:${user.id}:${budget.action}`, budget.perHour, 3600);
        if (!limit.allowed)
          throw new AppError(
            'rate_limited',
            'request.user_rate_limited',
            `You can ${budget.action} at most ${budget.perHour} times an hour; try again in ${Math.ceil(limit.retryAfterSeconds / 60)} minutes`,
            { retryAfterSeconds: limit.retryAfterSeconds },
          );
      }),
    platform: (role: 'operator' | 'moderator') =>
      tag({ kind: 'platform', role }, async (req) => {
        const user = await requireUser(req);
        if (!user.platformRoles.includes(role))
          throw new AppError('forbidden', 'auth.platform_role_required', `Only a platform ${role} can do this`);
      }),
    institution: (permission: string) => {
      if (!deps.permissions[permission]) throw new Error(`Unknown permission ${permission}`);
      return tag({ kind: 'institution', permission }, async (req) => {
        const user = await requireUser(req);
        const institutionId = (req.params as { institutionId?: string }).institutionId;
        if (!institutionId) throw new Error('institution guard on a route without :institutionId');
        if (!isUuid(institutionId)) throw new AppError('not_found', 'institution.not_found', 'Institution was not found');
        const membership = await deps.tenants.findMembership(institutionId, user.id);
        // Not a member: answer as if it did not exist, so ids of other tenants reveal nothing.
        if (!membership) throw new AppError('not_found', 'institution.not_found', 'Institution was not found');
        if (!roleHas(deps.permissions, membership.role, permission)) {
          throw new AppError('forbidden', 'auth.permission_denied', `Your role (${membership.role}) does not allow ${permission}`);
        }
        const limit = await deps.limiter.hit(`institution:${institutionId}`, deps.institutionRequestsPerMinute, 60);
        if (!limit.allowed) {
          throw new AppError(
            'rate_limited',
            'request.institution_rate_limited',
            'This institution is sending too many requests; try again shortly',
            {
              retryAfterSeconds: limit.retryAfterSeconds,
            },
          );
        }
        const ctx = currentContext();
        if (ctx) ctx.institutionId = institutionId;
        req.tenant = bindTenant(deps.db, institutionId, membership.schema, membership.role);
      });
    },
  };
}

/** The signed-in user of a route guarded by `user()` or stronger. */
export function userOf(req: FastifyRequest): AuthUser {
  if (!req.user) throw new AppError('unauthenticated', 'auth.required', 'Sign in to do this');
  return req.user;
}

export function tenantOf(req: FastifyRequest): TenantContext {
  if (!req.tenant) throw new Error('route has no institution guard');
  return req.tenant;
}
