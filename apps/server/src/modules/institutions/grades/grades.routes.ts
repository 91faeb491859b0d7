// HTTP for grades: assessments per class, the marks grid, one student's term and the report card.
import {
  Assessment,
  AssessmentQuery,
  CreateAssessmentBody,
  EnterMarksBody,
  EnterMarksResult,
  Gradebook,
  GradebookQuery,
  StudentGrades,
  StudentGradesQuery,
  UpdateAssessmentBody,
} from '@edumatrix/contracts';
import { z } from 'zod';
import { tenantOf, userOf } from '../../../platform/http/guards.ts';
import type { HttpApp, RouteDeps } from '../../../platform/http/types.ts';
import { zonedToday } from '../../../platform/time/zoned.ts';
import type { GradesService } from './grades.service.ts';
import { renderReportCard } from './report-card.ts';

const InstitutionParams = z.object({ institutionId: z.uuid() });
const ClassParams = InstitutionParams.extend({ classId: z.uuid() });
const AssessmentParams = InstitutionParams.extend({ assessmentId: z.uuid() });
const StudentParams = InstitutionParams.extend({ studentId: z.uuid() });

export type GradesRouteDeps = RouteDeps & {
  grades: GradesService;
  institution(id: string): Promise<{ name: string; timezone: string } | null>;
};

export function gradesRoutes(app: HttpApp, deps: GradesRouteDeps) {
  const { guards, grades } = deps;
  const tags = ['grades'];
  const base = '/api/v1/institutions/:institutionId';
  const manage = guards.institution('grades.manage');

  app.get(
    `${base}/classes/:classId/assessments`,
    {
      schema: {
        tags,
        summary: "A class's assessments",
        params: ClassParams,
        querystring: AssessmentQuery,
        response: { 200: z.array(Assessment) },
      },
      onRequest: manage,
    },
    async (req) => grades.list(tenantOf(req), userOf(req).id, req.params.classId, req.query),
  );
  app.post(
    `${base}/classes/:classId/assessments`,
    {
      schema: {
        tags,
        summary: 'Add an assessment (subject, term, maximum points, weight)',
        params: ClassParams,
        body: CreateAssessmentBody,
        response: { 201: Assessment },
      },
      onRequest: manage,
    },
    async (req, reply) => reply.code(201).send(await grades.create(tenantOf(req), userOf(req).id, req.params.classId, req.body)),
  );
  app.patch(
    `${base}/assessments/:assessmentId`,
    {
      schema: {
        tags,
        summary: 'Change an assessment',
        params: AssessmentParams,
        body: UpdateAssessmentBody,
        response: { 200: Assessment },
      },
      onRequest: manage,
    },
    async (req) => grades.update(tenantOf(req), userOf(req).id, req.params.assessmentId, req.body),
  );
  app.delete(
    `${base}/assessments/:assessmentId`,
    { schema: { tags, summary: 'Delete an assessment and its marks', params: AssessmentParams }, onRequest: manage },
    async (req, reply) => {
      await grades.remove(tenantOf(req), userOf(req).id, req.params.assessmentId);
      return reply.code(204).send();
    },
  );
  app.get(
    `${base}/classes/:classId/gradebook`,
    {
      schema: {
        tags,
        summary: 'The marks grid of a class in a subject and term, with term grades',
        params: ClassParams,
        querystring: GradebookQuery,
        response: { 200: Gradebook },
      },
      onRequest: manage,
    },
    async (req) => grades.gradebook(tenantOf(req), userOf(req).id, req.params.classId, req.query),
  );
  app.put(
    `${base}/classes/:classId/marks`,
    {
      schema: {
        tags,
        summary: 'Enter, change or clear marks (points null clears); all or nothing',
        params: ClassParams,
        body: EnterMarksBody,
        response: { 200: EnterMarksResult },
      },
      onRequest: manage,
    },
    async (req) => grades.enterMarks(tenantOf(req), userOf(req).id, req.params.classId, req.body),
  );
  app.get(
    `${base}/students/:studentId/grades`,
    {
      schema: {
        tags,
        summary: "A student's results in a term (students: their own; parents: their children's)",
        params: StudentParams,
        querystring: StudentGradesQuery,
        response: { 200: StudentGrades },
      },
      onRequest: guards.institution('grades.read'),
    },
    async (req) => grades.ofStudent(tenantOf(req), userOf(req).id, req.params.studentId, req.query.termId),
  );
  app.get(
    `${base}/students/:studentId/report-card`,
    {
      schema: { tags, summary: "A student's report card for a term, as PDF", params: StudentParams, querystring: StudentGradesQuery },
      onRequest: guards.institution('grades.read'),
    },
    async (req, reply) => {
      const tenant = tenantOf(req);
      const result = await grades.ofStudent(tenant, userOf(req).id, req.params.studentId, req.query.termId);
      const institution = await deps.institution(tenant.institutionId);
      const pdf = await renderReportCard(result, institution?.name ?? '', zonedToday(institution?.timezone ?? 'UTC'));
      const file = `report-card-${result.student.studentNumber}-${result.term.name}`.replace(/[^\w.-]+/g, '-');
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="${file}.pdf"`)
        .header('cache-control', 'private, no-store')
        .send(Buffer.from(pdf));
    },
  );
}
