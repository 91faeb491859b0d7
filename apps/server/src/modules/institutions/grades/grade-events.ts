// What follows a change of marks, wherever it came from (the marks grid, a course's released
// grades): one `institutions.grade_updated` per mark with the student's term grade after it, and
// one inbox entry per student and guardian listing the new results.
import type { GradingScale } from '@edumatrix/contracts';
import type { Db } from '../../../platform/db/database.ts';
import type { EventPublisher } from '../../../platform/events/outbox.ts';
import type { TenantContext } from '../../../platform/tenancy/tenancy.ts';
import { type AssessmentRow, gradesRepository, type MarkRow } from './grades.repository.ts';
import { termGradeOf } from './term-grade.ts';

/** Events for each changed mark, each carrying the student's term grade after the change. */
export async function publishGradeChanges(
  events: EventPublisher,
  trx: Db,
  tenant: Pick<TenantContext, 'institutionId' | 'schema'>,
  classId: string,
  scale: GradingScale,
  changed: { assessment: AssessmentRow; studentId: string; points: number | null; excused?: boolean }[],
) {
  if (!changed.length) return;
  const r = gradesRepository(trx, tenant.schema);
  const all = await r.assessments({ classId });
  const studentIds = [...new Set(changed.map((c) => c.studentId))];
  const marks = await r.marks({ assessmentIds: all.map((a) => a.id), studentIds });
  for (const c of changed) {
    const group = all.filter((a) => a.subject_id === c.assessment.subject_id && a.term_id === c.assessment.term_id);
    const own = new Map(marks.filter((m) => m.student_id === c.studentId).map((m) => [m.assessment_id, m]));
    const term = termGradeOf(scale, group, own);
    await events.publish(trx, {
      type: 'institutions.grade_updated',
      key: c.studentId,
      tenantId: tenant.institutionId,
      payload: {
        institutionId: tenant.institutionId,
        studentId: c.studentId,
        classId,
        subjectId: c.assessment.subject_id,
        termId: c.assessment.term_id,
        assessmentId: c.assessment.id,
        assessmentTitle: c.assessment.title,
        points: c.points,
        excused: c.excused ?? false,
        maxPoints: c.assessment.max_points,
        termPercent: term.percent,
        termBand: term.band,
      },
    });
  }
}

/** One inbox entry per student (and guardian) per save, listing the new results. */
export async function notifyResults(
  events: EventPublisher,
  trx: Db,
  tenant: Pick<TenantContext, 'institutionId' | 'schema'>,
  entered: { assessment: AssessmentRow; studentId: string; next: MarkRow | null }[],
  audience: Map<string, { firstName: string; userIds: string[] }>,
  subjects: Map<string, string>,
) {
  const byStudent = new Map<string, typeof entered>();
  for (const w of entered) byStudent.set(w.studentId, [...(byStudent.get(w.studentId) ?? []), w]);
  for (const [studentId, results] of byStudent) {
    const who = audience.get(studentId);
    const lines = results.map(
      (w) =>
        `${w.assessment.title} (${subjects.get(w.assessment.subject_id) ?? 'subject'}): ${w.next?.excused ? 'excused' : `${w.next?.points} / ${w.assessment.max_points}`}`,
    );
    for (const userId of who?.userIds ?? []) {
      await events.publish(trx, {
        type: 'notifications.notification_requested',
        key: userId,
        tenantId: tenant.institutionId,
        payload: {
          userId,
          kind: 'institutions.grade_released',
          title: results.length === 1 ? `${who?.firstName}: a new result` : `${who?.firstName}: ${results.length} new results`,
          body: lines.slice(0, 5).join('\n') + (lines.length > 5 ? `\n…and ${lines.length - 5} more` : ''),
          link: `/institutions/${tenant.institutionId}/grades`,
          institutionId: tenant.institutionId,
        },
      });
    }
  }
}
