// HTTP for attendance: registers per class and date, reports with rates, and the alert threshold.
import {
  AttendanceReport,
  AttendanceReportQuery,
  AttendanceSession,
  AttendanceSessionQuery,
  AttendanceSettings,
  TakeAttendanceBody,
  UpdateAttendanceSettingsBody,
} from '@edumatrix/contracts';
import { z } from 'zod';
import { tenantOf, userOf } from '../../../platform/http/guards.ts';
import type { HttpApp, RouteDeps } from '../../../platform/http/types.ts';
import type { AttendanceService } from './attendance.service.ts';

const InstitutionParams = z.object({ institutionId: z.uuid() });
const RegisterParams = InstitutionParams.extend({ classId: z.uuid(), date: z.iso.date({ message: 'must be a date such as 2026-11-23' }) });

export function attendanceRoutes(app: HttpApp, deps: RouteDeps & { attendance: AttendanceService }) {
  const { guards, attendance } = deps;
  const tags = ['attendance'];
  const base = '/api/v1/institutions/:institutionId';
  const register = `${base}/classes/:classId/attendance/:date`;

  app.put(
    register,
    {
      schema: {
        tags,
        summary: 'Take (or correct) a class register: everyone gets defaultStatus, except the marks listed',
        params: RegisterParams,
        querystring: AttendanceSessionQuery,
        body: TakeAttendanceBody,
        response: { 200: AttendanceSession },
      },
      onRequest: guards.institution('attendance.take'),
    },
    async (req) =>
      attendance.take(tenantOf(req), userOf(req).id, req.params.classId, req.params.date, req.query.periodId ?? null, req.body),
  );
  app.get(
    register,
    {
      schema: {
        tags,
        summary: 'A class register for a date (and period)',
        params: RegisterParams,
        querystring: AttendanceSessionQuery,
        response: { 200: AttendanceSession },
      },
      onRequest: guards.institution('attendance.registers'),
    },
    async (req) => attendance.get(tenantOf(req), req.params.classId, req.params.date, req.query.periodId ?? null),
  );
  app.get(
    `${base}/attendance/report`,
    {
      schema: {
        tags,
        summary: 'Attendance rates per student and per day (students and parents: their own)',
        params: InstitutionParams,
        querystring: AttendanceReportQuery,
        response: { 200: AttendanceReport },
      },
      onRequest: guards.institution('attendance.read'),
    },
    async (req) => attendance.report(tenantOf(req), userOf(req).id, req.query),
  );
  app.get(
    `${base}/attendance/settings`,
    {
      schema: { tags, summary: 'The alert threshold', params: InstitutionParams, response: { 200: AttendanceSettings } },
      onRequest: guards.institution('attendance.read'),
    },
    async (req) => attendance.settings(tenantOf(req)),
  );
  app.put(
    `${base}/attendance/settings`,
    {
      schema: {
        tags,
        summary: 'Change the alert threshold (0–1; default 0.8)',
        params: InstitutionParams,
        body: UpdateAttendanceSettingsBody,
        response: { 200: AttendanceSettings },
      },
      onRequest: guards.institution('attendance.settings'),
    },
    async (req) => attendance.updateSettings(tenantOf(req), req.body.alertBelow),
  );
}
