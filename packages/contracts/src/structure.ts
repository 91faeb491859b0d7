// How an institution is organised: academic years with terms, departments, programs, subjects,
// and classes (sections). Everything is archived rather than deleted while something refers to it.
import { z } from 'zod';

const Name = z.string().trim().min(1, 'is required').max(120);
const Code = z
  .string()
  .trim()
  .min(1, 'is required')
  .max(20)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, { message: 'must be letters, digits, dots, hyphens or underscores' });
const Description = z.string().trim().max(1000);
const IsoDate = z.iso.date({ message: 'must be a date such as 2026-09-01' });

export const Term = z.object({ id: z.uuid(), academicYearId: z.uuid(), name: z.string(), startsOn: z.string(), endsOn: z.string() });
export type Term = z.infer<typeof Term>;

export const AcademicYear = z.object({
  id: z.uuid(),
  name: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  /** The year new classes default to, and dashboards show. */
  current: z.boolean(),
  terms: z.array(Term),
  archivedAt: z.string().nullable(),
});
export type AcademicYear = z.infer<typeof AcademicYear>;

export const TermBody = z.strictObject({ name: Name, startsOn: IsoDate, endsOn: IsoDate });
export type TermBody = z.infer<typeof TermBody>;

export const CreateAcademicYearBody = z.strictObject({
  name: Name,
  startsOn: IsoDate,
  endsOn: IsoDate,
  current: z.boolean().default(false),
  terms: z.array(TermBody).max(12).default([]),
});
export type CreateAcademicYearBody = z.input<typeof CreateAcademicYearBody>;

export const UpdateAcademicYearBody = z.strictObject({
  name: Name.optional(),
  startsOn: IsoDate.optional(),
  endsOn: IsoDate.optional(),
  current: z.literal(true).optional(),
  archived: z.boolean().optional(),
});
export type UpdateAcademicYearBody = z.infer<typeof UpdateAcademicYearBody>;

export const UpdateTermBody = TermBody.partial();
export type UpdateTermBody = z.infer<typeof UpdateTermBody>;

/** The organisational units that share one shape: named, coded, archivable. */
export const STRUCTURE_KINDS = ['departments', 'programs', 'subjects', 'classes'] as const;
export type StructureKind = (typeof STRUCTURE_KINDS)[number];

const unitFields = {
  id: z.uuid(),
  name: z.string(),
  code: z.string(),
  description: z.string(),
  archivedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
};

export const Department = z.object(unitFields);
export type Department = z.infer<typeof Department>;

export const Program = z.object({ ...unitFields, departmentId: z.uuid().nullable() });
export type Program = z.infer<typeof Program>;

export const Subject = z.object({ ...unitFields, departmentId: z.uuid().nullable() });
export type Subject = z.infer<typeof Subject>;

export const SchoolClass = z.object({
  ...unitFields,
  departmentId: z.uuid().nullable(),
  programId: z.uuid().nullable(),
  academicYearId: z.uuid().nullable(),
  termId: z.uuid().nullable(),
  /** A member of the institution with the teacher (or admin/owner) role. */
  homeroomTeacherId: z.uuid().nullable(),
  room: z.string().nullable(),
  capacity: z.number().int().nullable(),
});
export type SchoolClass = z.infer<typeof SchoolClass>;

const unitBody = { name: Name, code: Code, description: Description.default('') };
const optionalRef = z.uuid().nullable().optional();

export const CreateDepartmentBody = z.strictObject(unitBody);
export const CreateProgramBody = z.strictObject({ ...unitBody, departmentId: optionalRef });
export const CreateSubjectBody = z.strictObject({ ...unitBody, departmentId: optionalRef });
export const CreateClassBody = z.strictObject({
  ...unitBody,
  departmentId: optionalRef,
  programId: optionalRef,
  academicYearId: optionalRef,
  termId: optionalRef,
  homeroomTeacherId: optionalRef,
  room: z.string().trim().max(60).nullable().optional(),
  capacity: z.number().int().min(1).max(10_000).nullable().optional(),
});
export type CreateDepartmentBody = z.input<typeof CreateDepartmentBody>;
export type CreateProgramBody = z.input<typeof CreateProgramBody>;
export type CreateSubjectBody = z.input<typeof CreateSubjectBody>;
export type CreateClassBody = z.input<typeof CreateClassBody>;

/** Updates are partial creates, plus archiving and restoring. */
const withArchive = { archived: z.boolean().optional() };
export const UpdateDepartmentBody = z.strictObject({ ...CreateDepartmentBody.partial().shape, ...withArchive });
export const UpdateProgramBody = z.strictObject({ ...CreateProgramBody.partial().shape, ...withArchive });
export const UpdateSubjectBody = z.strictObject({ ...CreateSubjectBody.partial().shape, ...withArchive });
export const UpdateClassBody = z.strictObject({ ...CreateClassBody.partial().shape, ...withArchive });
export type UpdateDepartmentBody = z.infer<typeof UpdateDepartmentBody>;
export type UpdateProgramBody = z.infer<typeof UpdateProgramBody>;
export type UpdateSubjectBody = z.infer<typeof UpdateSubjectBody>;
export type UpdateClassBody = z.infer<typeof UpdateClassBody>;

const baseQuery = {
  /** Matches name or code, ignoring case. */
  q: z.string().trim().max(100).optional(),
  archived: z.enum(['false', 'true', 'all']).default('false'),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
};
export const DepartmentQuery = z.strictObject(baseQuery);
export const ProgramQuery = z.strictObject({ ...baseQuery, departmentId: z.uuid().optional() });
export const SubjectQuery = ProgramQuery;
export const ClassQuery = z.strictObject({
  ...baseQuery,
  departmentId: z.uuid().optional(),
  programId: z.uuid().optional(),
  academicYearId: z.uuid().optional(),
  termId: z.uuid().optional(),
  homeroomTeacherId: z.uuid().optional(),
});
/** Every filter any kind has; each kind's own query schema admits only its own. */
export type StructureQuery = z.infer<typeof ClassQuery>;
export type ClassQuery = z.input<typeof ClassQuery>;
