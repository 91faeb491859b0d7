// Short-lived access tokens (JWT, HS256). Sessions and refresh tokens live in the identity module.
import type { PlatformRole } from '@edumatrix/contracts';
import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import { AppError } from '../http/app-error.ts';

export type AuthUser = { id: string; sessionId: string; platformRoles: PlatformRole[] };
export type AccessTokens = ReturnType<typeof createAccessTokens>;

const ISSUER = 'edumatrix';

export function createAccessTokens(secret: string, ttlSeconds: number) {
  const key = new TextEncoder().encode(secret);
  return {
    async sign(user: AuthUser): Promise<{ token: string; expiresAt: Date }> {
      const expiresAt = new Date(Date.now() + ttlSeconds * 1000);
      const token = await new SignJWT({ sid: user.sessionId, roles: user.platformRoles })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(user.id)
        .setIssuer(ISSUER)
        .setIssuedAt()
        .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
        .sign(key);
      return { token, expiresAt };
    },
    async verify(token: string): Promise<AuthUser> {
      try {
        const { payload } = await jwtVerify(token, key, { issuer: ISSUER, algorithms: ['HS256'] });
        if (typeof payload.sub !== 'string' || typeof payload.sid !== 'string') throw new Error('claims');
        return { id: payload.sub, sessionId: payload.sid, platformRoles: (payload.roles as PlatformRole[]) ?? [] };
      } catch (err) {
        if (err instanceof joseErrors.JWTExpired) {
          throw new AppError('unauthenticated', 'auth.token_expired', 'The access token has expired; refresh it');
        }
        throw new AppError('unauthenticated', 'auth.invalid_token', 'The access token is not valid');
      }
    },
  };
}
