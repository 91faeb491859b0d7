import { z } from 'zod';
import { HexColor } from './branding.ts';
import { AuthResult, DisplayName, Email, Password } from './identity.ts';

export const InstitutionRole = z.enum(['owner', 'admin', 'teacher', 'student', 'staff', 'parent']);
export type InstitutionRole = z.infer<typeof InstitutionRole>;

export const InstitutionType = z.enum(['school', 'college', 'university', 'training_center', 'other']);
export type InstitutionType = z.infer<typeof InstitutionType>;

export const Slug = z
  .string()
  .trim()
  .min(3)
  .max(48)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { message: 'must be lowercase letters, digits and single hyphens' });

export const CountryCode = z.string().regex(/^[A-Z]{2}$/, { message: 'must be an ISO 3166-1 alpha-2 code such as PK or GB' });

export const TimeZone = z.string().refine(
  (tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  },
  { message: 'must be an IANA time zone such as Asia/Karachi' },
);

const profileFields = {
  description: z.string().trim().max(2000),
  website: z.url().max(300),
  contactEmail: Email,
  phone: z.string().trim().max(40),
  address: z.string().trim().max(500),
};

export const CreateInstitutionBody = z.strictObject({
  name: z.string().trim().min(2).max(120),
  slug: Slug,
  type: InstitutionType,
  country: CountryCode,
  timezone: TimeZone,
});
export type CreateInstitutionBody = z.infer<typeof CreateInstitutionBody>;

export const UpdateInstitutionBody = z.strictObject({
  name: z.string().trim().min(2).max(120).optional(),
  slug: Slug.optional(),
  type: InstitutionType.optional(),
  country: CountryCode.optional(),
  timezone: TimeZone.optional(),
  description: profileFields.description.nullable().optional(),
  website: profileFields.website.nullable().optional(),
  contactEmail: profileFields.contactEmail.nullable().optional(),
  phone: profileFields.phone.nullable().optional(),
  address: profileFields.address.nullable().optional(),
  /** Must contrast at least 3:1 with white text (checked by the server, which names the field). */
  brandColor: HexColor.nullable().optional(),
});
export type UpdateInstitutionBody = z.infer<typeof UpdateInstitutionBody>;

export const Institution = z.object({
  id: z.uuid(),
  name: z.string(),
  slug: z.string(),
  type: InstitutionType,
  country: z.string(),
  timezone: z.string(),
  createdAt: z.string(),
  myRole: InstitutionRole,
  description: z.string().nullable(),
  website: z.string().nullable(),
  contactEmail: z.string().nullable(),
  phone: z.string().nullable(),
  address: z.string().nullable(),
  /** The 256 px logo with a version in its query, so a new logo is a new URL; null without a logo. */
  logoUrl: z.string().nullable(),
  brandColor: z.string().nullable(),
});
export type Institution = z.infer<typeof Institution>;

export const InstitutionSummary = Institution.pick({
  id: true,
  name: true,
  slug: true,
  type: true,
  country: true,
  timezone: true,
  createdAt: true,
  myRole: true,
});
export type InstitutionSummary = z.infer<typeof InstitutionSummary>;

export const Member = z.object({
  userId: z.uuid(),
  email: z.string(),
  displayName: z.string(),
  role: InstitutionRole,
  joinedAt: z.string(),
});
export type Member = z.infer<typeof Member>;

export const UpdateMemberBody = z.strictObject({ role: InstitutionRole });
export type UpdateMemberBody = z.infer<typeof UpdateMemberBody>;

export const CreateInvitationBody = z.strictObject({ email: Email, role: InstitutionRole });
export type CreateInvitationBody = z.infer<typeof CreateInvitationBody>;

export const InvitationStatus = z.enum(['pending', 'accepted', 'revoked', 'expired']);

export const Invitation = z.object({
  id: z.uuid(),
  email: z.string(),
  role: InstitutionRole,
  status: InvitationStatus,
  invitedBy: z.uuid(),
  createdAt: z.string(),
  expiresAt: z.string(),
});
export type Invitation = z.infer<typeof Invitation>;

export const InvitationPreview = z.object({
  institution: z.object({ id: z.uuid(), name: z.string(), slug: z.string() }),
  email: z.string(),
  role: InstitutionRole,
  status: InvitationStatus,
  expiresAt: z.string(),
  accountExists: z.boolean(),
});
export type InvitationPreview = z.infer<typeof InvitationPreview>;

/** Signed in: only the token. Signed out without an account: password and display name create one. */
export const AcceptInvitationBody = z.strictObject({
  token: z.string().min(1).max(200),
  password: Password.optional(),
  displayName: DisplayName.optional(),
});
export type AcceptInvitationBody = z.infer<typeof AcceptInvitationBody>;

export const AcceptInvitationResult = z.object({
  institutionId: z.uuid(),
  role: InstitutionRole,
  /** Present when accepting created the account: the new user is signed in. */
  auth: AuthResult.optional(),
});
export type AcceptInvitationResult = z.infer<typeof AcceptInvitationResult>;
