// Assessments and marks: teachers of a class (or admins) set assessments with weights and enter
// marks in a grid; term grades are the weighted percentage read off the grading scale. Every
// change of a mark is audited and published as `institutions.grade_updated`.
import type {
  Assessment,
  AssessmentQuery,
  CreateAssessmentBody,
  EnterMarksBody,
  EnterMarksResult,
  Gradebook,
  GradebookQuery,
  UpdateAssessmentBody,
} from '@edumatrix/contracts';
import { uuidv7 } from 'uuidv7';
import { recordAudit } from '../../../platform/audit/audit.ts';
import type { Db } from '../../../platform/db/database.ts';
import type { EventPublisher } from '../../../platform/events/outbox.ts';
import { AppError, type FieldError, forbidden, invalidField, notFound } from '../../../platform/http/app-error.ts';
import { beforeAndAfter, definedOnly } from '../../../platform/patch.ts';
import type { TenantContext } from '../../../platform/tenancy/tenancy.ts';
import { isManager } from '../institutions.permissions.ts';
import type { GradingScaleService } from '../settings/index.ts';
import { teachesClass } from '../teaching.ts';
import { notifyResults, publishGradeChanges } from './grade-events.ts';
import { type AssessmentRow, gradesRepository, type MarkRow } from './grades.repository.ts';
import { studentGrades } from './student-grades.ts';
import { termGradeOf } from './term-grade.ts';

export type GradesDeps = { db: Db; events: EventPublisher; gradingScale: GradingScaleService };

export type GradesService = ReturnType<typeof createGradesService>;

const assessmentNotFound = () => notFound('grades.assessment_not_found', 'Assessment');

export function presentAssessment(a: AssessmentRow): Assessment {
  return {
    id: a.id,
    classId: a.class_id,
    subjectId: a.subject_id,
    termId: a.term_id,
    title: a.title,
    kind: a.kind,
    maxPoints: a.max_points,
    weight: a.weight,
    dueOn: a.due_on,
    marked: a.marked,
    createdAt: new Date(a.created_at).toISOString(),
    updatedAt: new Date(a.updated_at).toISOString(),
  };
}

const sameMark = (a: MarkRow | undefined, b: MarkRow | null) =>
  a && b ? a.points === b.points && a.excused === b.excused && a.comment === b.comment : !a && !b;

export function createGradesService(deps: GradesDeps) {
  const repo = (tenant: TenantContext, db: Db = deps.db) => gradesRepository(db, tenant.schema);

  /** The class, if the caller may grade it: admins any, teachers those they teach. */
  async function gradableClass(tenant: TenantContext, userId: string, classId: string) {
    const found = await repo(tenant).classOf(classId);
    if (!found) throw notFound('structure.class_not_found', 'Class');
    if (!isManager(tenant.role) && !(await teachesClass(deps.db, tenant.schema, userId, classId)))
      throw forbidden('grades.not_your_class', 'Only a teacher of this class or an admin can grade it');
    return found;
  }

  async function gradableAssessment(tenant: TenantContext, userId: string, assessmentId: string) {
    const found = await repo(tenant).assessment(assessmentId);
    if (!found) throw assessmentNotFound();
    await gradableClass(tenant, userId, found.class_id);
    return found;
  }

  /** The subject exists and is in use, and the term belongs to the class's academic year (if it has one). */
  async function checkSubjectAndTerm(tenant: TenantContext, academicYearId: string | null, subjectId: string, termId: string) {
    const r = repo(tenant);
    const subject = await r.subject(subjectId);
    if (!subject || subject.archived_at) throw invalidField('grades.subject_not_found', 'subjectId', 'does not match a subject in use');
    const term = await r.term(termId);
    if (!term) throw invalidField('grades.term_not_found', 'termId', 'does not match a term');
    if (academicYearId && term.academic_year_id !== academicYearId)
      throw invalidField('grades.term_of_other_year', 'termId', "is not a term of the class's academic year");
  }

  const assessmentChanged = (trx: Db, tenant: TenantContext, a: AssessmentRow, action: 'created' | 'updated' | 'deleted') =>
    deps.events.publish(trx, {
      type: 'institutions.assessment_changed',
      key: a.id,
      tenantId: tenant.institutionId,
      payload: {
        institutionId: tenant.institutionId,
        assessmentId: a.id,
        classId: a.class_id,
        subjectId: a.subject_id,
        termId: a.term_id,
        title: a.title,
        dueOn: a.due_on,
        action,
      },
    });

  return {
    ofStudent: (tenant: TenantContext, userId: string, studentId: string, termId: string) =>
      studentGrades(deps, tenant, userId, studentId, termId),

    async list(tenant: TenantContext, userId: string, classId: string, query: AssessmentQuery): Promise<Assessment[]> {
      await gradableClass(tenant, userId, classId);
      return (await repo(tenant).assessments({ classId, subjectId: query.subjectId, termId: query.termId })).map(presentAssessment);
    },

    async create(tenant: TenantContext, userId: string, classId: string, body: CreateAssessmentBody): Promise<Assessment> {
      const found = await gradableClass(tenant, userId, classId);
      await checkSubjectAndTerm(tenant, found.academic_year_id, body.subjectId, body.termId);
      const id = uuidv7();
      return deps.db.transaction().execute(async (trx) => {
        const r = repo(tenant, trx);
        await r.insertAssessment({
          id,
          class_id: classId,
          subject_id: body.subjectId,
          term_id: body.termId,
          title: body.title,
          kind: body.kind ?? 'test',
          max_points: body.maxPoints,
          weight: body.weight ?? 1,
          due_on: body.dueOn ?? null,
          created_by: userId,
        });
        const row = (await r.assessment(id)) as AssessmentRow;
        const created = presentAssessment(row);
        await assessmentChanged(trx, tenant, row, 'created');
        await recordAudit(trx, {
          action: 'grades.assessment_created',
          targetType: 'assessment',
          targetId: id,
          institutionId: tenant.institutionId,
          after: created,
        });
        return created;
      });
    },

    async update(tenant: TenantContext, userId: string, assessmentId: string, body: UpdateAssessmentBody): Promise<Assessment> {
      const current = await gradableAssessment(tenant, userId, assessmentId);
      const scale = await deps.gradingScale.get(tenant);
      return deps.db.transaction().execute(async (trx) => {
        const r = repo(tenant, trx);
        if (body.maxPoints !== undefined) {
          const highest = await r.highestPoints(assessmentId);
          if (highest !== null && body.maxPoints < highest)
            throw invalidField('grades.max_below_marks', 'maxPoints', `must be at least ${highest}, the highest mark already given`);
        }
        const patch = definedOnly({
          title: body.title,
          kind: body.kind,
          max_points: body.maxPoints,
          weight: body.weight,
          due_on: body.dueOn,
        });
        if (Object.keys(patch).length) await r.updateAssessment(assessmentId, patch);
        const updated = (await r.assessment(assessmentId)) as AssessmentRow;
        await assessmentChanged(trx, tenant, updated, 'updated');
        const [before, after] = beforeAndAfter(Object.keys(body), presentAssessment(current), presentAssessment(updated));
        await recordAudit(trx, {
          action: 'grades.assessment_updated',
          targetType: 'assessment',
          targetId: assessmentId,
          institutionId: tenant.institutionId,
          before,
          after,
        });
        // A new weight or maximum moves every marked student's term grade.
        if (updated.weight !== current.weight || updated.max_points !== current.max_points) {
          const marked = await r.marks({ assessmentIds: [assessmentId] });
          await publishGradeChanges(
            deps.events,
            trx,
            tenant,
            updated.class_id,
            scale,
            marked.map((m) => ({ assessment: updated, studentId: m.student_id, points: m.points, excused: m.excused })),
          );
        }
        return presentAssessment(updated);
      });
    },

    /** Removes the assessment and its marks (audited with how many went). */
    async remove(tenant: TenantContext, userId: string, assessmentId: string): Promise<void> {
      const current = await gradableAssessment(tenant, userId, assessmentId);
      const scale = await deps.gradingScale.get(tenant);
      await deps.db.transaction().execute(async (trx) => {
        const r = repo(tenant, trx);
        const marked = await r.marksForUpdate([assessmentId]);
        await r.deleteAssessment(assessmentId);
        await assessmentChanged(trx, tenant, current, 'deleted');
        await recordAudit(trx, {
          action: 'grades.assessment_deleted',
          targetType: 'assessment',
          targetId: assessmentId,
          institutionId: tenant.institutionId,
          before: { ...presentAssessment(current), marks: marked.length },
        });
        await publishGradeChanges(
          deps.events,
          trx,
          tenant,
          current.class_id,
          scale,
          marked.map((m) => ({ assessment: current, studentId: m.student_id, points: null })),
        );
      });
    },

    async gradebook(tenant: TenantContext, userId: string, classId: string, query: GradebookQuery): Promise<Gradebook> {
      await gradableClass(tenant, userId, classId);
      const r = repo(tenant);
      const [assessments, roster, scale] = await Promise.all([
        r.assessments({ classId, subjectId: query.subjectId, termId: query.termId }),
        r.roster(classId),
        deps.gradingScale.get(tenant),
      ]);
      const marks = assessments.length ? await r.marks({ assessmentIds: assessments.map((a) => a.id) }) : [];
      return {
        classId,
        subjectId: query.subjectId,
        termId: query.termId,
        scale,
        assessments: assessments.map(presentAssessment),
        rows: roster.map((s) => {
          const own = new Map(marks.filter((m) => m.student_id === s.id).map((m) => [m.assessment_id, m]));
          return {
            studentId: s.id,
            name: `${s.first_name} ${s.last_name}`,
            studentNumber: s.student_number,
            marks: Object.fromEntries([...own].map(([id, m]) => [id, { points: m.points, excused: m.excused, comment: m.comment }])),
            term: termGradeOf(scale, assessments, own),
          };
        }),
      };
    },

    /** Enters, changes or clears marks (points null and not excused clears); all or nothing. */
    async enterMarks(tenant: TenantContext, userId: string, classId: string, body: EnterMarksBody): Promise<EnterMarksResult> {
      await gradableClass(tenant, userId, classId);
      const r = repo(tenant);
      const assessments = new Map((await r.assessments({ classId })).map((a) => [a.id, a]));
      const enrolled = new Set((await r.roster(classId)).map((s) => s.id));
      const seen = new Set<string>();
      // Every bad cell at once, so the grid can mark them all after one save.
      const problems: FieldError[] = [];
      const wanted = body.marks.flatMap((m, i) => {
        const bad = (field: string, message: string) => {
          problems.push({ field: `marks.${i}${field}`, message });
          return [];
        };
        const assessment = assessments.get(m.assessmentId);
        if (!assessment) return bad('.assessmentId', 'is not an assessment of this class');
        if (!enrolled.has(m.studentId)) return bad('.studentId', 'is not enrolled in this class');
        const key = `${m.assessmentId}/${m.studentId}`;
        if (seen.has(key)) return bad('', 'repeats an earlier mark for the same student and assessment');
        seen.add(key);
        const excused = m.excused ?? false;
        if (excused && m.points !== null) return bad('.points', 'must be empty when excused');
        if (m.points !== null && m.points > assessment.max_points) return bad('.points', `must be at most ${assessment.max_points}`);
        const next: MarkRow | null =
          m.points === null && !excused
            ? null
            : { assessment_id: m.assessmentId, student_id: m.studentId, points: m.points, excused, comment: m.comment ?? '' };
        return [{ assessment, studentId: m.studentId, next }];
      });
      if (problems.length) {
        throw new AppError(
          'invalid',
          'grades.invalid_marks',
          `${problems.length === 1 ? 'One mark needs' : `${problems.length} marks need`} fixing`,
          {
            fields: problems,
          },
        );
      }
      const scale = await deps.gradingScale.get(tenant);
      const audience = await r.audience([...new Set(wanted.map((w) => w.studentId))]);
      const subjects = await r.subjectNames([...new Set(wanted.map((w) => w.assessment.subject_id))]);

      return deps.db.transaction().execute(async (trx) => {
        const tr = repo(tenant, trx);
        const previous = new Map(
          (await tr.marksForUpdate([...new Set(wanted.map((w) => w.assessment.id))])).map((m) => [`${m.assessment_id}/${m.student_id}`, m]),
        );
        const changed = wanted.filter((w) => !sameMark(previous.get(`${w.assessment.id}/${w.studentId}`), w.next));
        for (const w of changed) {
          if (w.next) await tr.upsertMark(w.next, userId);
          else await tr.deleteMark(w.assessment.id, w.studentId);
        }
        if (changed.length) {
          const asAudit = (m: MarkRow | null | undefined) => (m ? { points: m.points, excused: m.excused, comment: m.comment } : null);
          await recordAudit(trx, {
            action: 'grades.marks_entered',
            targetType: 'class',
            targetId: classId,
            institutionId: tenant.institutionId,
            before: {
              marks: changed.map((w) => ({
                assessmentId: w.assessment.id,
                studentId: w.studentId,
                mark: asAudit(previous.get(`${w.assessment.id}/${w.studentId}`)),
              })),
            },
            after: { marks: changed.map((w) => ({ assessmentId: w.assessment.id, studentId: w.studentId, mark: asAudit(w.next) })) },
          });
        }
        await publishGradeChanges(
          deps.events,
          trx,
          tenant,
          classId,
          scale,
          changed.map((w) => ({
            assessment: w.assessment,
            studentId: w.studentId,
            points: w.next?.points ?? null,
            excused: w.next?.excused ?? false,
          })),
        );
        await notifyResults(
          deps.events,
          trx,
          tenant,
          changed.filter((w) => w.next),
          audience,
          subjects,
        );
        return { changed: changed.length };
      });
    },
  };
}
