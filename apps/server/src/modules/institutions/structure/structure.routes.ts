// HTTP for the institution's structure: academic years with terms, and the four unit kinds.
import {
  AcademicYear,
  ClassQuery,
  CreateAcademicYearBody,
  CreateClassBody,
  CreateDepartmentBody,
  CreateProgramBody,
  CreateSubjectBody,
  Department,
  DepartmentQuery,
  Program,
  ProgramQuery,
  pageOf,
  SchoolClass,
  type StructureKind,
  Subject,
  SubjectQuery,
  TermBody,
  UpdateAcademicYearBody,
  UpdateClassBody,
  UpdateDepartmentBody,
  UpdateProgramBody,
  UpdateSubjectBody,
  UpdateTermBody,
} from '@edumatrix/contracts';
import { z } from 'zod';
import { tenantOf } from '../../../platform/http/guards.ts';
import type { HttpApp, RouteDeps } from '../../../platform/http/types.ts';
import type { AcademicYearsService } from './academic-years.service.ts';
import type { StructureService } from './structure.service.ts';

const InstitutionParams = z.object({ institutionId: z.uuid() });
const YearParams = InstitutionParams.extend({ yearId: z.uuid() });
const TermParams = YearParams.extend({ termId: z.uuid() });

const UNIT_ROUTES = {
  departments: {
    param: 'departmentId',
    item: Department,
    query: DepartmentQuery,
    create: CreateDepartmentBody,
    update: UpdateDepartmentBody,
    one: 'department',
  },
  programs: {
    param: 'programId',
    item: Program,
    query: ProgramQuery,
    create: CreateProgramBody,
    update: UpdateProgramBody,
    one: 'program',
  },
  subjects: {
    param: 'subjectId',
    item: Subject,
    query: SubjectQuery,
    create: CreateSubjectBody,
    update: UpdateSubjectBody,
    one: 'subject',
  },
  classes: {
    param: 'classId',
    item: SchoolClass,
    query: ClassQuery,
    create: CreateClassBody,
    update: UpdateClassBody,
    one: 'class (section)',
  },
} as const;

export function structureRoutes(app: HttpApp, deps: RouteDeps & { structure: StructureService; academicYears: AcademicYearsService }) {
  const { guards, structure, academicYears } = deps;
  const tags = ['structure'];
  const base = '/api/v1/institutions/:institutionId';
  const read = guards.institution('structure.read');
  const manage = guards.institution('structure.manage');

  for (const [kind, r] of Object.entries(UNIT_ROUTES) as [StructureKind, (typeof UNIT_ROUTES)[StructureKind]][]) {
    const Params = InstitutionParams.extend({ [r.param]: z.uuid() });
    const idOf = (params: unknown) => (params as Record<string, string>)[r.param] as string;
    app.get(
      `${base}/${kind}`,
      {
        schema: {
          tags,
          summary: `List ${kind}, by name; search with q`,
          params: InstitutionParams,
          querystring: r.query,
          response: { 200: pageOf(r.item) },
        },
        onRequest: read,
      },
      async (req) => structure.list(tenantOf(req), kind, req.query as never),
    );
    app.post(
      `${base}/${kind}`,
      {
        schema: { tags, summary: `Create a ${r.one}`, params: InstitutionParams, body: r.create, response: { 201: r.item } },
        onRequest: manage,
      },
      async (req, reply) => reply.code(201).send(await structure.create(tenantOf(req), kind, req.body as Record<string, unknown>)),
    );
    app.get(
      `${base}/${kind}/:${r.param}`,
      { schema: { tags, summary: `One ${r.one}`, params: Params, response: { 200: r.item } }, onRequest: read },
      async (req) => structure.get(tenantOf(req), kind, idOf(req.params)),
    );
    app.patch(
      `${base}/${kind}/:${r.param}`,
      {
        schema: {
          tags,
          summary: `Change, archive (archived: true) or restore a ${r.one}`,
          params: Params,
          body: r.update,
          response: { 200: r.item },
        },
        onRequest: manage,
      },
      async (req) => structure.update(tenantOf(req), kind, idOf(req.params), req.body as Record<string, unknown>),
    );
    app.delete(
      `${base}/${kind}/:${r.param}`,
      { schema: { tags, summary: `Delete a ${r.one}; 409 names what still uses it`, params: Params }, onRequest: manage },
      async (req, reply) => {
        await structure.remove(tenantOf(req), kind, idOf(req.params));
        return reply.code(204).send();
      },
    );
  }

  const years = `${base}/academic-years`;
  app.get(
    years,
    {
      schema: {
        tags,
        summary: 'Academic years with their terms, newest first',
        params: InstitutionParams,
        querystring: z.strictObject({ archived: z.enum(['false', 'true', 'all']).default('false') }),
        response: { 200: z.object({ items: z.array(AcademicYear) }) },
      },
      onRequest: read,
    },
    async (req) => ({ items: await academicYears.list(tenantOf(req), req.query.archived) }),
  );
  app.post(
    years,
    {
      schema: {
        tags,
        summary: 'Create an academic year, with terms',
        params: InstitutionParams,
        body: CreateAcademicYearBody,
        response: { 201: AcademicYear },
      },
      onRequest: manage,
    },
    async (req, reply) => reply.code(201).send(await academicYears.create(tenantOf(req), req.body)),
  );
  app.get(
    `${years}/:yearId`,
    { schema: { tags, summary: 'One academic year', params: YearParams, response: { 200: AcademicYear } }, onRequest: read },
    async (req) => academicYears.get(tenantOf(req), req.params.yearId),
  );
  app.patch(
    `${years}/:yearId`,
    {
      schema: {
        tags,
        summary: 'Change, make current, archive or restore an academic year',
        params: YearParams,
        body: UpdateAcademicYearBody,
        response: { 200: AcademicYear },
      },
      onRequest: manage,
    },
    async (req) => academicYears.update(tenantOf(req), req.params.yearId, req.body),
  );
  app.delete(
    `${years}/:yearId`,
    {
      schema: { tags, summary: 'Delete an academic year and its terms; 409 names what still uses it', params: YearParams },
      onRequest: manage,
    },
    async (req, reply) => {
      await academicYears.remove(tenantOf(req), req.params.yearId);
      return reply.code(204).send();
    },
  );
  app.post(
    `${years}/:yearId/terms`,
    { schema: { tags, summary: 'Add a term', params: YearParams, body: TermBody, response: { 201: AcademicYear } }, onRequest: manage },
    async (req, reply) => reply.code(201).send(await academicYears.addTerm(tenantOf(req), req.params.yearId, req.body)),
  );
  app.patch(
    `${years}/:yearId/terms/:termId`,
    {
      schema: { tags, summary: 'Change a term', params: TermParams, body: UpdateTermBody, response: { 200: AcademicYear } },
      onRequest: manage,
    },
    async (req) => academicYears.updateTerm(tenantOf(req), req.params.yearId, req.params.termId, req.body),
  );
  app.delete(
    `${years}/:yearId/terms/:termId`,
    {
      schema: { tags, summary: 'Delete a term; 409 names what still uses it', params: TermParams, response: { 200: AcademicYear } },
      onRequest: manage,
    },
    async (req) => academicYears.removeTerm(tenantOf(req), req.params.yearId, req.params.termId),
  );
}
