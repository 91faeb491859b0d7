import { z } from 'zod';

export const PlatformRole = z.enum(['operator', 'moderator']);
export type PlatformRole = z.infer<typeof PlatformRole>;

export const Email = z
  .string()
  .trim()
  .max(254)
  .pipe(z.email({ message: 'must be a valid email address' }))
  .transform((e) => e.toLowerCase());

/** Length is what makes a password strong (NIST SP 800-63B); composition rules are not imposed. */
export const Password = z
  .string()
  .min(10, { message: 'must be at least 10 characters' })
  .max(256, { message: 'must be at most 256 characters' });

export const DisplayName = z.string().trim().min(1, { message: 'is required' }).max(80);

export const RegisterBody = z.strictObject({ email: Email, password: Password, displayName: DisplayName });
export type RegisterBody = z.infer<typeof RegisterBody>;

export const LoginBody = z.strictObject({ email: Email, password: z.string().min(1).max(256) });
export type LoginBody = z.infer<typeof LoginBody>;

/** Web clients send nothing (the token rides in an httpOnly cookie); API clients send the token. */
export const RefreshBody = z.strictObject({ refreshToken: z.string().min(1).max(200).optional() });
export type RefreshBody = z.infer<typeof RefreshBody>;

export const User = z.object({
  id: z.uuid(),
  email: z.string(),
  displayName: z.string(),
  emailVerified: z.boolean(),
  platformRoles: z.array(PlatformRole),
  createdAt: z.string(),
});
export type User = z.infer<typeof User>;

export const AuthResult = z.object({
  user: User,
  accessToken: z.string(),
  accessTokenExpiresAt: z.string(),
  /** Absent when the refresh token was set as a cookie (web clients). */
  refreshToken: z.string().optional(),
});
export type AuthResult = z.infer<typeof AuthResult>;

export const UpdateMeBody = z.strictObject({ displayName: DisplayName });
export type UpdateMeBody = z.infer<typeof UpdateMeBody>;

export const ChangePasswordBody = z.strictObject({
  currentPassword: z.string().min(1).max(256),
  newPassword: Password,
});
export type ChangePasswordBody = z.infer<typeof ChangePasswordBody>;

export const Session = z.object({
  id: z.uuid(),
  createdAt: z.string(),
  lastUsedAt: z.string(),
  userAgent: z.string().nullable(),
  ip: z.string().nullable(),
  current: z.boolean(),
});
export type Session = z.infer<typeof Session>;

export const TokenBody = z.strictObject({ token: z.string().min(1).max(200) });
export type TokenBody = z.infer<typeof TokenBody>;

export const RequestPasswordResetBody = z.strictObject({ email: Email });
export type RequestPasswordResetBody = z.infer<typeof RequestPasswordResetBody>;

export const ResetPasswordBody = z.strictObject({ token: z.string().min(1).max(200), newPassword: Password });
export type ResetPasswordBody = z.infer<typeof ResetPasswordBody>;

export const DevMail = z.object({
  id: z.string(),
  to: z.string(),
  subject: z.string(),
  text: z.string(),
  sentAt: z.string(),
});
export type DevMail = z.infer<typeof DevMail>;

/** Operators grant platform roles; the new roles reach the user's access token at its next refresh. */
export const SetPlatformRolesBody = z.strictObject({
  roles: z
    .array(PlatformRole)
    .max(2)
    .refine((r) => new Set(r).size === r.length, { message: 'must not repeat a role' }),
});
export type SetPlatformRolesBody = z.infer<typeof SetPlatformRolesBody>;
