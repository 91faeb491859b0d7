// The institution's people records: students (with guardians), staff and teachers, and class
// enrolments. A record may be linked to a member account; parents see only their own children.
import { z } from 'zod';

const PersonName = z.string().trim().min(1, 'is required').max(80);
const Number_ = z
  .string()
  .trim()
  .min(1, 'is required')
  .max(30)
  .regex(/^[A-Za-z0-9][A-Za-z0-9./_-]*$/, { message: 'must be letters, digits, dots, slashes, hyphens or underscores' });
const BirthDate = z.iso
  .date({ message: 'must be a date such as 2012-04-30' })
  .refine((d) => d >= '1900-01-01' && d <= new Date().toISOString().slice(0, 10), {
    message: 'must be a real birth date, not in the future',
  });
const OptionalEmail = z.email().max(254).nullable().optional();

export const StudentStatus = z.enum(['active', 'withdrawn', 'graduated']);
export type StudentStatus = z.infer<typeof StudentStatus>;

export const Guardian = z.object({ userId: z.uuid(), displayName: z.string(), email: z.string(), relationship: z.string() });
export type Guardian = z.infer<typeof Guardian>;

export const Student = z.object({
  id: z.uuid(),
  studentNumber: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  dateOfBirth: z.string().nullable(),
  email: z.string().nullable(),
  status: StudentStatus,
  /** The member account of the student, when they have one. */
  userId: z.uuid().nullable(),
  externalId: z.string().nullable(),
  guardians: z.array(Guardian),
  classIds: z.array(z.uuid()),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Student = z.infer<typeof Student>;

export const CreateStudentBody = z.strictObject({
  studentNumber: Number_,
  firstName: PersonName,
  lastName: PersonName,
  dateOfBirth: BirthDate.nullable().optional(),
  email: OptionalEmail,
  status: StudentStatus.default('active'),
  userId: z.uuid().nullable().optional(),
  externalId: z.string().trim().min(1).max(100).nullable().optional(),
});
export type CreateStudentBody = z.input<typeof CreateStudentBody>;
export const UpdateStudentBody = CreateStudentBody.partial();
export type UpdateStudentBody = z.infer<typeof UpdateStudentBody>;

export const StudentQuery = z.strictObject({
  q: z.string().trim().max(100).optional(),
  status: StudentStatus.optional(),
  classId: z.uuid().optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});
export type StudentQuery = z.infer<typeof StudentQuery>;

export const GuardianBody = z.strictObject({ relationship: z.string().trim().min(1).max(40).default('guardian') });
export type GuardianBody = z.input<typeof GuardianBody>;

export const StaffKind = z.enum(['teacher', 'staff']);
export type StaffKind = z.infer<typeof StaffKind>;

export const StaffMember = z.object({
  id: z.uuid(),
  staffNumber: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  email: z.string().nullable(),
  kind: StaffKind,
  title: z.string(),
  departmentId: z.uuid().nullable(),
  userId: z.uuid().nullable(),
  externalId: z.string().nullable(),
  archivedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type StaffMember = z.infer<typeof StaffMember>;

export const CreateStaffBody = z.strictObject({
  staffNumber: Number_,
  firstName: PersonName,
  lastName: PersonName,
  email: OptionalEmail,
  kind: StaffKind,
  title: z.string().trim().max(80).default(''),
  departmentId: z.uuid().nullable().optional(),
  userId: z.uuid().nullable().optional(),
  externalId: z.string().trim().min(1).max(100).nullable().optional(),
});
export type CreateStaffBody = z.input<typeof CreateStaffBody>;
export const UpdateStaffBody = z.strictObject({ ...CreateStaffBody.partial().shape, archived: z.boolean().optional() });
export type UpdateStaffBody = z.infer<typeof UpdateStaffBody>;

export const StaffQuery = z.strictObject({
  q: z.string().trim().max(100).optional(),
  kind: StaffKind.optional(),
  departmentId: z.uuid().optional(),
  archived: z.enum(['false', 'true', 'all']).default('false'),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});
export type StaffQuery = z.infer<typeof StaffQuery>;

export const EnrolBody = z.strictObject({ studentIds: z.array(z.uuid()).min(1).max(500) });
export type EnrolBody = z.infer<typeof EnrolBody>;
