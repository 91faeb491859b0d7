// Announcements to the whole institution, a department or a class, now or at a set time. Each
// reaches its audience's notification inbox (and so their bell, live).
import { z } from 'zod';

export const AudienceKind = z.enum(['institution', 'department', 'class']);
export type AudienceKind = z.infer<typeof AudienceKind>;

export const Audience = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('institution') }),
  z.strictObject({ kind: z.literal('department'), id: z.uuid() }),
  z.strictObject({ kind: z.literal('class'), id: z.uuid() }),
]);
export type Audience = z.infer<typeof Audience>;

export const CreateAnnouncementBody = z.strictObject({
  title: z.string().trim().min(1, 'is required').max(200),
  body: z.string().trim().max(10_000).default(''),
  audience: Audience,
  /** Later publication; omitted or past means now. */
  publishAt: z.iso.datetime({ offset: true, message: 'must be a date and time such as 2026-11-24T08:00:00+05:00' }).optional(),
});
export type CreateAnnouncementBody = z.input<typeof CreateAnnouncementBody>;

export const Announcement = z.object({
  id: z.uuid(),
  title: z.string(),
  body: z.string(),
  audience: Audience,
  publishAt: z.string(),
  publishedAt: z.string().nullable(),
  /** How many people it reached when published. */
  recipients: z.number().int().nullable(),
  createdBy: z.uuid(),
  createdAt: z.string(),
});
export type Announcement = z.infer<typeof Announcement>;

export const AnnouncementQuery = z.strictObject({
  /** Managers and authors can also see what is scheduled. */
  scheduled: z.enum(['true', 'false']).default('false'),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});
export type AnnouncementQuery = z.infer<typeof AnnouncementQuery>;
