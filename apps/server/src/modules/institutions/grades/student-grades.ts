// One student's results in a term, as the grades page and the report card show them. Students see
// their own, parents their children's, teachers those of students in classes they teach, admins all.
import type { StudentGrades } from '@edumatrix/contracts';
import type { Db } from '../../../platform/db/database.ts';
import { invalidField, notFound } from '../../../platform/http/app-error.ts';
import type { TenantContext } from '../../../platform/tenancy/tenancy.ts';
import { attendanceRepository } from '../attendance/attendance.repository.ts';
import { rateOf } from '../attendance/attendance.service.ts';
import { isManager } from '../institutions.permissions.ts';
import { peopleRepository } from '../people/people.repository.ts';
import type { GradingScaleService } from '../settings/index.ts';
import { classesTaughtBy } from '../teaching.ts';
import { gradesRepository } from './grades.repository.ts';
import { termGradeOf } from './term-grade.ts';

const studentNotFound = () => notFound('people.student_not_found', 'Student');

export async function studentGrades(
  deps: { db: Db; gradingScale: GradingScaleService },
  tenant: TenantContext,
  userId: string,
  studentId: string,
  termId: string,
): Promise<StudentGrades> {
  const people = peopleRepository(deps.db, tenant.schema);
  const grades = gradesRepository(deps.db, tenant.schema);
  const student = await people.student(studentId);
  if (!student) throw studentNotFound();
  const classes = await grades.classesOf(studentId);
  const mayRead =
    isManager(tenant.role) ||
    (tenant.role === 'teacher' &&
      (
        await classesTaughtBy(
          deps.db,
          tenant.schema,
          userId,
          classes.map((c) => c.id),
        )
      ).length > 0) ||
    (tenant.role === 'student' && student.user_id === userId) ||
    (tenant.role === 'parent' && (await people.isGuardian(studentId, userId)));
  // The same answer as for a student who does not exist: ids reveal nothing.
  if (!mayRead) throw studentNotFound();

  const term = await grades.term(termId);
  if (!term) throw invalidField('grades.term_not_found', 'termId', 'does not match a term');
  const scale = await deps.gradingScale.get(tenant);
  const assessments = classes.length ? await grades.assessments({ classIds: classes.map((c) => c.id), termId }) : [];
  const marks = assessments.length ? await grades.marks({ assessmentIds: assessments.map((a) => a.id), studentIds: [studentId] }) : [];
  const own = new Map(marks.map((m) => [m.assessment_id, m]));
  const subjectNames = await grades.subjectNames([...new Set(assessments.map((a) => a.subject_id))]);
  const classNames = new Map(classes.map((c) => [c.id, c.name]));

  const groups = new Map<string, typeof assessments>();
  for (const a of assessments) {
    const key = `${a.class_id}/${a.subject_id}`;
    groups.set(key, [...(groups.get(key) ?? []), a]);
  }
  const subjects = [...groups.values()]
    .map((group) => {
      const first = group[0] as (typeof group)[number];
      return {
        subjectId: first.subject_id,
        subjectName: subjectNames.get(first.subject_id) ?? '',
        classId: first.class_id,
        className: classNames.get(first.class_id) ?? '',
        term: termGradeOf(scale, group, own),
        assessments: group.map((a) => {
          const m = own.get(a.id);
          return {
            id: a.id,
            title: a.title,
            kind: a.kind,
            dueOn: a.due_on,
            maxPoints: a.max_points,
            weight: a.weight,
            mark: m ? { points: m.points, excused: m.excused, comment: m.comment } : null,
          };
        }),
      };
    })
    .sort((a, b) => a.subjectName.localeCompare(b.subjectName) || a.className.localeCompare(b.className));

  // GPA only where every band carries points: a mean of letters means nothing.
  const onGpa = scale.bands.every((b) => b.gpa !== null);
  const points = subjects.map((s) => s.term.gpa).filter((g): g is number => g !== null);
  const gpa = onGpa && points.length ? Math.round((points.reduce((a, b) => a + b, 0) / points.length) * 100) / 100 : null;
  const [attendance] = await attendanceRepository(deps.db, tenant.schema).rates({
    studentIds: [studentId],
    from: term.starts_on,
    to: term.ends_on,
  });

  return {
    student: { id: student.id, name: `${student.first_name} ${student.last_name}`, studentNumber: student.student_number },
    term: { id: term.id, name: term.name, academicYear: term.year_name, startsOn: term.starts_on, endsOn: term.ends_on },
    scale,
    subjects,
    gpa,
    attendanceRate: attendance ? rateOf(attendance) : null,
  };
}
