// HTTP only: parse, authorise, call the service, present.
import {
  AuthResult,
  ChangePasswordBody,
  DevMail,
  LoginBody,
  RefreshBody,
  RegisterBody,
  RequestPasswordResetBody,
  ResetPasswordBody,
  Session,
  SetPlatformRolesBody,
  TokenBody,
  UpdateMeBody,
  User,
} from '@edumatrix/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../platform/http/app-error.ts';
import { userOf } from '../../platform/http/guards.ts';
import type { HttpApp, RouteDeps } from '../../platform/http/types.ts';
import type { ClientMeta, IdentityService, IssuedAuth } from './identity.service.ts';

export const REFRESH_COOKIE = 'edumatrix_rt';
const COOKIE_PATH = '/api/v1';

export const clientMeta = (req: FastifyRequest): ClientMeta => ({
  ip: req.ip ?? null,
  userAgent: req.headers['user-agent'] ?? null,
});

/** Browsers ask for the cookie transport, so script never sees the refresh token. */
const wantsCookie = (req: FastifyRequest) => req.headers['x-token-transport'] === 'cookie';

export function presentAuth(req: FastifyRequest, reply: FastifyReply, auth: IssuedAuth, secure: boolean, ttlDays: number): AuthResult {
  if (!wantsCookie(req)) return auth;
  reply.setCookie(REFRESH_COOKIE, auth.refreshToken, {
    httpOnly: true,
    sameSite: 'strict',
    secure,
    path: COOKIE_PATH,
    maxAge: ttlDays * 86_400,
  });
  const { refreshToken: _hidden, ...rest } = auth;
  return rest;
}

export function identityRoutes(app: HttpApp, deps: RouteDeps & { identity: IdentityService; devMail: boolean }) {
  const { identity, guards, config } = deps;
  const secure = config.NODE_ENV === 'production';
  const present = (req: FastifyRequest, reply: FastifyReply, auth: IssuedAuth) =>
    presentAuth(req, reply, auth, secure, config.REFRESH_TOKEN_TTL_DAYS);
  const tags = ['identity'];

  app.post(
    '/api/v1/auth/register',
    {
      schema: { tags, summary: 'Create an account and sign in', body: RegisterBody, response: { 201: AuthResult } },
      onRequest: guards.public(),
    },
    async (req, reply) => reply.code(201).send(present(req, reply, await identity.register(req.body, clientMeta(req)))),
  );

  app.post(
    '/api/v1/auth/login',
    {
      schema: { tags, summary: 'Sign in', body: LoginBody, response: { 200: AuthResult } },
      onRequest: guards.public(),
    },
    async (req, reply) => present(req, reply, await identity.login(req.body.email, req.body.password, clientMeta(req))),
  );

  app.post(
    '/api/v1/auth/refresh',
    {
      schema: {
        tags,
        summary: 'Exchange a refresh token for new tokens (rotation)',
        body: RefreshBody.nullish(),
        response: { 200: AuthResult },
      },
      onRequest: guards.public({ ignoreToken: true }),
    },
    async (req, reply) => {
      const token = req.body?.refreshToken ?? req.cookies[REFRESH_COOKIE];
      if (!token) throw new AppError('unauthenticated', 'auth.invalid_refresh_token', 'No refresh token was sent');
      try {
        return present(req, reply, await identity.refresh(token, clientMeta(req)));
      } catch (err) {
        if (wantsCookie(req)) reply.clearCookie(REFRESH_COOKIE, { path: COOKIE_PATH });
        throw err;
      }
    },
  );

  app.post(
    '/api/v1/auth/logout',
    {
      schema: { tags, summary: 'Sign out this session', body: RefreshBody.nullish() },
      onRequest: guards.public({ ignoreToken: true }),
    },
    async (req, reply) => {
      await identity.logout(req.body?.refreshToken ?? req.cookies[REFRESH_COOKIE] ?? null);
      reply.clearCookie(REFRESH_COOKIE, { path: COOKIE_PATH });
      return reply.code(204).send();
    },
  );

  app.post(
    '/api/v1/auth/verify-email',
    {
      schema: { tags, summary: 'Confirm an email address with the emailed token', body: TokenBody },
      onRequest: guards.public(),
    },
    async (req, reply) => {
      await identity.verifyEmail(req.body.token);
      return reply.code(204).send();
    },
  );

  app.post(
    '/api/v1/auth/verify-email/resend',
    {
      schema: { tags, summary: 'Send the verification email again' },
      onRequest: guards.user(),
    },
    async (req, reply) => {
      await identity.resendVerification(userOf(req).id);
      return reply.code(204).send();
    },
  );

  app.post(
    '/api/v1/auth/password-reset/request',
    {
      schema: {
        tags,
        summary: 'Email a password reset link (answers 202 whether or not the account exists)',
        body: RequestPasswordResetBody,
      },
      onRequest: guards.public(),
    },
    async (req, reply) => {
      await identity.requestPasswordReset(req.body.email, req.ip ?? null);
      return reply.code(202).send();
    },
  );

  app.post(
    '/api/v1/auth/password-reset/confirm',
    {
      schema: { tags, summary: 'Set a new password with the emailed token; signs out every session', body: ResetPasswordBody },
      onRequest: guards.public(),
    },
    async (req, reply) => {
      await identity.resetPassword(req.body.token, req.body.newPassword);
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/v1/me',
    {
      schema: { tags, summary: 'The signed-in user', response: { 200: User } },
      onRequest: guards.user(),
    },
    async (req) => identity.me(userOf(req).id),
  );

  app.patch(
    '/api/v1/me',
    {
      schema: { tags, summary: 'Update your profile', body: UpdateMeBody, response: { 200: User } },
      onRequest: guards.user(),
    },
    async (req) => identity.updateMe(userOf(req).id, req.body.displayName),
  );

  app.post(
    '/api/v1/me/password',
    {
      schema: { tags, summary: 'Change your password; signs out your other sessions', body: ChangePasswordBody },
      onRequest: guards.user(),
    },
    async (req, reply) => {
      const user = userOf(req);
      await identity.changePassword(user.id, user.sessionId, req.body.currentPassword, req.body.newPassword);
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/v1/me/sessions',
    {
      schema: { tags, summary: 'Your signed-in sessions', response: { 200: z.object({ items: z.array(Session) }) } },
      onRequest: guards.user(),
    },
    async (req) => ({ items: await identity.listSessions(userOf(req).id, userOf(req).sessionId) }),
  );

  app.delete(
    '/api/v1/me/sessions/:sessionId',
    {
      schema: { tags, summary: 'Sign out one of your sessions', params: z.object({ sessionId: z.uuid() }) },
      onRequest: guards.user(),
    },
    async (req, reply) => {
      await identity.revokeSession(userOf(req).id, req.params.sessionId);
      return reply.code(204).send();
    },
  );

  app.put(
    '/api/v1/admin/users/:userId/platform-roles',
    {
      schema: {
        tags: ['admin'],
        summary: 'Grant or withdraw platform roles (operator only)',
        params: z.object({ userId: z.uuid() }),
        body: SetPlatformRolesBody,
        response: { 200: User },
      },
      onRequest: guards.platform('operator'),
    },
    async (req) => identity.setPlatformRoles(req.params.userId, req.body.roles),
  );

  if (deps.devMail) {
    app.get(
      '/api/v1/dev/mail',
      {
        schema: {
          tags: ['development'],
          summary: 'Mail the server would have sent (only without SMTP_URL, never in production)',
          querystring: z.object({ to: z.string().optional() }),
          response: { 200: z.object({ items: z.array(DevMail) }) },
        },
        onRequest: guards.public(),
      },
      async (req) => {
        const to = req.query.to?.toLowerCase();
        const items = (deps.mailer.outbox ?? []).filter((m) => !to || m.to === to);
        return { items: [...items].reverse() };
      },
    );
  }
}
