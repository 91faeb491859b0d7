// The `hub-course-grades` consumer group: a course's released grades become an assessment per class
// (out of 100, keyed by course, class and term) whose marks are the learners' course totals. A
// re-release updates the same assessment; a learner without a total loses the mark. Marks changed
// here are announced like marks entered by hand (grade_updated events, inbox entries).
import type { EventEnvelope, EventPayload } from '@edumatrix/contracts';
import { sql } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { recordAudit } from '../../../platform/audit/audit.ts';
import { type Db, rowsOf } from '../../../platform/db/database.ts';
import type { Consumer } from '../../../platform/events/consumer.ts';
import type { EventPublisher } from '../../../platform/events/outbox.ts';
import { tenantSchemaName } from '../../../platform/tenancy/tenancy.ts';
import { readGradingScale } from '../settings/index.ts';
import { notifyResults, publishGradeChanges } from './grade-events.ts';
import { gradesRepository, type MarkRow } from './grades.repository.ts';

type Released = EventPayload<'courses.grades_released'>;

/** The class's assessment for this course and term, created on the first release. */
async function assessmentFor(trx: Db, schema: string, p: Released, classId: string) {
  const source = `course:${p.courseId}`;
  const table = sql.table(`${schema}.assessments`);
  const [found] = await rowsOf(
    trx,
    sql<{ id: string }>`select id from ${table} where source = ${source} and class_id = ${classId} and term_id = ${p.termId}`,
  );
  if (found) {
    await sql`update ${table} set title = ${p.courseTitle}, subject_id = ${p.subjectId}, weight = ${p.weight}, updated_at = now()
      where id = ${found.id}`.execute(trx);
    return found.id;
  }
  const id = uuidv7();
  await gradesRepository(trx, schema).insertAssessment({
    id,
    class_id: classId,
    subject_id: p.subjectId,
    term_id: p.termId,
    title: p.courseTitle,
    kind: 'other',
    max_points: 100,
    weight: p.weight,
    due_on: null,
    created_by: p.releasedBy,
  });
  await sql`update ${table} set source = ${source} where id = ${id}`.execute(trx);
  return id;
}

async function applyRelease(trx: Db, events: EventPublisher, p: Released) {
  const tenant = { institutionId: p.institutionId, schema: tenantSchemaName(p.institutionId) };
  const r = gradesRepository(trx, tenant.schema);
  const term = await r.term(p.termId);
  if (!term) return;
  const scale = await readGradingScale(trx, tenant.schema);
  const subjects = await r.subjectNames([p.subjectId]);
  const percentOf = new Map(p.grades.map((g) => [g.userId, g.percent]));
  for (const classId of p.classIds) {
    const found = await r.classOf(classId);
    // A class of another academic year has no place for this term's grade.
    if (!found || (found.academic_year_id && found.academic_year_id !== term.academic_year_id)) continue;
    const assessment = await r.assessment(await assessmentFor(trx, tenant.schema, p, classId));
    if (!assessment) continue;
    const roster = await rowsOf(
      trx,
      sql<{ id: string; user_id: string }>`select s.id, s.user_id from ${sql.table(`${tenant.schema}.enrolments`)} e
        join ${sql.table(`${tenant.schema}.students`)} s on s.id = e.student_id where e.class_id = ${classId} and s.user_id is not null`,
    );
    const previous = new Map((await r.marksForUpdate([assessment.id])).map((m) => [m.student_id, m]));
    const changed: { studentId: string; next: MarkRow | null }[] = [];
    for (const student of roster) {
      const percent = percentOf.get(student.user_id);
      const before = previous.get(student.id);
      if (percent === undefined) {
        if (before) changed.push({ studentId: student.id, next: null });
      } else if (!before || before.points !== percent || before.excused) {
        changed.push({
          studentId: student.id,
          next: { assessment_id: assessment.id, student_id: student.id, points: percent, excused: false, comment: '' },
        });
      }
    }
    if (!changed.length) continue;
    for (const c of changed) {
      if (c.next) await r.upsertMark(c.next, p.releasedBy);
      else await r.deleteMark(assessment.id, c.studentId);
    }
    await recordAudit(trx, {
      action: 'grades.course_grades_applied',
      targetType: 'class',
      targetId: classId,
      institutionId: p.institutionId,
      actorId: p.releasedBy,
      after: {
        courseId: p.courseId,
        assessmentId: assessment.id,
        marks: changed.map((c) => ({ studentId: c.studentId, points: c.next?.points ?? null })),
      },
    });
    await publishGradeChanges(
      events,
      trx,
      tenant,
      classId,
      scale,
      changed.map((c) => ({ assessment, studentId: c.studentId, points: c.next?.points ?? null })),
    );
    const audience = await r.audience(changed.map((c) => c.studentId));
    await notifyResults(
      events,
      trx,
      tenant,
      changed.filter((c) => c.next).map((c) => ({ assessment, studentId: c.studentId, next: c.next })),
      audience,
      subjects,
    );
  }
}

export function courseGradesConsumer(deps: { events: EventPublisher }): Consumer {
  return {
    group: 'hub-course-grades',
    types: ['courses.grades_released'],
    handle: (event: EventEnvelope, trx: Db) => applyRelease(trx, deps.events, event.payload as Released),
  };
}
