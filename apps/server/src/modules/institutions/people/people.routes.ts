// HTTP for students (with guardians), staff, and class enrolments.
import {
  CreateStaffBody,
  CreateStudentBody,
  EnrolBody,
  GuardianBody,
  pageOf,
  StaffMember,
  StaffQuery,
  Student,
  StudentQuery,
  UpdateStaffBody,
  UpdateStudentBody,
} from '@edumatrix/contracts';
import { z } from 'zod';
import { tenantOf, userOf } from '../../../platform/http/guards.ts';
import type { HttpApp, RouteDeps } from '../../../platform/http/types.ts';
import type { StaffService } from './staff.service.ts';
import type { StudentsService } from './students.service.ts';

const InstitutionParams = z.object({ institutionId: z.uuid() });
const StudentParams = InstitutionParams.extend({ studentId: z.uuid() });
const GuardianParams = StudentParams.extend({ userId: z.uuid() });
const StaffParams = InstitutionParams.extend({ staffId: z.uuid() });
const ClassParams = InstitutionParams.extend({ classId: z.uuid() });
const EnrolmentParams = ClassParams.extend({ studentId: z.uuid() });

export function peopleRoutes(app: HttpApp, deps: RouteDeps & { students: StudentsService; staff: StaffService }) {
  const { guards, students, staff } = deps;
  const tags = ['people'];
  const base = '/api/v1/institutions/:institutionId';
  const readStudents = guards.institution('students.read');
  const manageStudents = guards.institution('students.manage');

  app.get(
    `${base}/students`,
    {
      schema: {
        tags,
        summary: 'Students by name (a student sees their own record, a parent their children)',
        params: InstitutionParams,
        querystring: StudentQuery,
        response: { 200: pageOf(Student) },
      },
      onRequest: readStudents,
    },
    async (req) => students.list(tenantOf(req), userOf(req).id, req.query),
  );
  app.post(
    `${base}/students`,
    {
      schema: { tags, summary: 'Add a student record', params: InstitutionParams, body: CreateStudentBody, response: { 201: Student } },
      onRequest: manageStudents,
    },
    async (req, reply) => reply.code(201).send(await students.create(tenantOf(req), req.body)),
  );
  app.get(
    `${base}/students/:studentId`,
    {
      schema: { tags, summary: 'One student, with guardians and classes', params: StudentParams, response: { 200: Student } },
      onRequest: readStudents,
    },
    async (req) => students.get(tenantOf(req), userOf(req).id, req.params.studentId),
  );
  app.patch(
    `${base}/students/:studentId`,
    {
      schema: { tags, summary: 'Change a student record', params: StudentParams, body: UpdateStudentBody, response: { 200: Student } },
      onRequest: manageStudents,
    },
    async (req) => students.update(tenantOf(req), req.params.studentId, req.body),
  );
  app.delete(
    `${base}/students/:studentId`,
    {
      schema: { tags, summary: 'Delete a student record with its guardian links and enrolments', params: StudentParams },
      onRequest: manageStudents,
    },
    async (req, reply) => {
      await students.remove(tenantOf(req), req.params.studentId);
      return reply.code(204).send();
    },
  );
  app.put(
    `${base}/students/:studentId/guardians/:userId`,
    {
      schema: { tags, summary: 'Link a parent member as guardian', params: GuardianParams, body: GuardianBody, response: { 200: Student } },
      onRequest: manageStudents,
    },
    async (req) => students.linkGuardian(tenantOf(req), req.params.studentId, req.params.userId, req.body),
  );
  app.delete(
    `${base}/students/:studentId/guardians/:userId`,
    { schema: { tags, summary: 'Unlink a guardian', params: GuardianParams }, onRequest: manageStudents },
    async (req, reply) => {
      await students.unlinkGuardian(tenantOf(req), req.params.studentId, req.params.userId);
      return reply.code(204).send();
    },
  );

  const readStaff = guards.institution('staff.read');
  const manageStaff = guards.institution('staff.manage');
  app.get(
    `${base}/staff`,
    {
      schema: {
        tags,
        summary: 'Staff and teachers by name',
        params: InstitutionParams,
        querystring: StaffQuery,
        response: { 200: pageOf(StaffMember) },
      },
      onRequest: readStaff,
    },
    async (req) => staff.list(tenantOf(req), req.query),
  );
  app.post(
    `${base}/staff`,
    {
      schema: {
        tags,
        summary: 'Add a staff or teacher record',
        params: InstitutionParams,
        body: CreateStaffBody,
        response: { 201: StaffMember },
      },
      onRequest: manageStaff,
    },
    async (req, reply) => reply.code(201).send(await staff.create(tenantOf(req), req.body)),
  );
  app.get(
    `${base}/staff/:staffId`,
    { schema: { tags, summary: 'One staff member', params: StaffParams, response: { 200: StaffMember } }, onRequest: readStaff },
    async (req) => staff.get(tenantOf(req), req.params.staffId),
  );
  app.patch(
    `${base}/staff/:staffId`,
    {
      schema: {
        tags,
        summary: 'Change, archive or restore a staff record',
        params: StaffParams,
        body: UpdateStaffBody,
        response: { 200: StaffMember },
      },
      onRequest: manageStaff,
    },
    async (req) => staff.update(tenantOf(req), req.params.staffId, req.body),
  );
  app.delete(
    `${base}/staff/:staffId`,
    { schema: { tags, summary: 'Delete a staff record', params: StaffParams }, onRequest: manageStaff },
    async (req, reply) => {
      await staff.remove(tenantOf(req), req.params.staffId);
      return reply.code(204).send();
    },
  );

  const manageEnrolments = guards.institution('enrolments.manage');
  app.post(
    `${base}/classes/:classId/enrolments`,
    {
      schema: {
        tags,
        summary: 'Enrol students in a class (within its capacity; already enrolled ones are skipped)',
        params: ClassParams,
        body: EnrolBody,
        response: { 200: z.object({ enrolled: z.array(z.uuid()) }) },
      },
      onRequest: manageEnrolments,
    },
    async (req) => students.enrol(tenantOf(req), req.params.classId, req.body.studentIds),
  );
  app.delete(
    `${base}/classes/:classId/enrolments/:studentId`,
    { schema: { tags, summary: 'Remove a student from a class', params: EnrolmentParams }, onRequest: manageEnrolments },
    async (req, reply) => {
      await students.unenrol(tenantOf(req), req.params.classId, req.params.studentId);
      return reply.code(204).send();
    },
  );
}
