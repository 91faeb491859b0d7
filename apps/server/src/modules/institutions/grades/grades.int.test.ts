import { inflateSync } from 'node:zlib';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tenantSchemaName } from '../../../platform/tenancy/tenancy.ts';
import { addMember, createInstitution, problemOf, signedUpClient, waitFor } from '../../../testing/factories.ts';
import { dbLabel, startTestPlatform, type TestPlatform } from '../../../testing/test-platform.ts';

/** The text a PDF draws: every Flate stream inflated, every `<hex> Tj` decoded. */
function pdfText(pdf: Uint8Array): string {
  const raw = Buffer.from(pdf).toString('latin1');
  const texts: string[] = [];
  for (const match of raw.matchAll(/stream\r?\n/g)) {
    const start = (match.index ?? 0) + match[0].length;
    const end = raw.indexOf('endstream', start);
    try {
      const body = inflateSync(Buffer.from(raw.slice(start, end), 'latin1')).toString('latin1');
      for (const hex of body.matchAll(/<([0-9A-Fa-f]+)> Tj/g)) texts.push(Buffer.from(hex[1] as string, 'hex').toString('latin1'));
    } catch {
      // Not a Flate stream (fonts, metadata): nothing drawn there.
    }
  }
  return texts.join('\n');
}

describe(`grades on ${dbLabel()}`, () => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await startTestPlatform();
  });
  afterAll(() => t.close());

  async function setUp() {
    const owner = await signedUpClient(t, 'Owner');
    const inst = await createInstitution(owner.client);
    const api = owner.client;
    const id = inst.id;
    const teacher = await addMember(t, api, id, 'teacher');
    const otherTeacher = await addMember(t, api, id, 'teacher');
    const year = await api.academicYears.create(id, {
      name: '2026/27',
      startsOn: '2026-09-01',
      endsOn: '2027-07-15',
      terms: [
        { name: 'Autumn', startsOn: '2026-09-01', endsOn: '2026-12-18' },
        { name: 'Spring', startsOn: '2027-01-05', endsOn: '2027-03-31' },
      ],
    });
    const [autumn, spring] = year.terms as [(typeof year.terms)[0], (typeof year.terms)[0]];
    const maths = await api.structure.create(id, 'subjects', { name: 'Mathematics', code: 'MATH' });
    const klass = await api.structure.create(id, 'classes', { name: '9A', code: '9A', academicYearId: year.id });
    await api.timetable.createPeriod(id, {
      classId: klass.id,
      subjectId: maths.id,
      teacherId: teacher.id,
      weekday: 2,
      startsAt: '10:00',
      endsAt: '10:45',
    });
    const amna = await api.students.create(id, { studentNumber: 'A1', firstName: 'Amna', lastName: 'Zahid' });
    const bilal = await api.students.create(id, { studentNumber: 'B2', firstName: 'Bilal', lastName: 'Yusuf' });
    await api.students.enrol(id, klass.id, [amna.id, bilal.id]);
    return { owner, api, id, teacher, otherTeacher, autumn, spring, maths, klass, amna, bilal };
  }

  it('weighted term grades by the scale; marks validated by field; changes audited and published', async () => {
    const { api, id, teacher, otherTeacher, autumn, maths, klass, amna, bilal } = await setUp();
    const g = teacher.client.grades;
    const test = await g.createAssessment(id, klass.id, { subjectId: maths.id, termId: autumn.id, title: 'Algebra test', maxPoints: 20 });
    const exam = await g.createAssessment(id, klass.id, {
      subjectId: maths.id,
      termId: autumn.id,
      title: 'Term exam',
      kind: 'exam',
      maxPoints: 100,
      weight: 3,
      dueOn: '2026-12-10',
    });
    expect(exam).toMatchObject({ kind: 'exam', weight: 3, maxPoints: 100, dueOn: '2026-12-10', marked: 0 });

    const tooMany = await problemOf(
      g.enterMarks(id, klass.id, {
        marks: [
          { assessmentId: test.id, studentId: amna.id, points: 18 },
          { assessmentId: test.id, studentId: bilal.id, points: 21 },
          { assessmentId: exam.id, studentId: bilal.id, points: 5, excused: true },
        ],
      }),
    );
    // Every bad cell is named at once.
    expect({ status: tooMany.status, code: tooMany.problem.code, errors: tooMany.problem.errors }).toEqual({
      status: 400,
      code: 'grades.invalid_marks',
      errors: [
        { field: 'marks.1.points', message: 'must be at most 20' },
        { field: 'marks.2.points', message: 'must be empty when excused' },
      ],
    });
    // All or nothing: Amna's valid mark was not written either.
    expect(
      (await g.gradebook(id, klass.id, { subjectId: maths.id, termId: autumn.id })).rows.every((r) => Object.keys(r.marks).length === 0),
    ).toBe(true);

    expect(
      await g.enterMarks(id, klass.id, {
        marks: [
          { assessmentId: test.id, studentId: amna.id, points: 18 },
          { assessmentId: exam.id, studentId: amna.id, points: 70, comment: 'Good work on proofs' },
          { assessmentId: test.id, studentId: bilal.id, points: null, excused: true },
          { assessmentId: exam.id, studentId: bilal.id, points: 55 },
        ],
      }),
    ).toEqual({ changed: 4 });
    const book = await g.gradebook(id, klass.id, { subjectId: maths.id, termId: autumn.id });
    const row = (studentId: string) => book.rows.find((r) => r.studentId === studentId);
    // Amna: (1 × 0.9 + 3 × 0.7) ÷ 4 = 75 % → C; Bilal: excused test, so the exam alone: 55 % → F.
    expect(row(amna.id)?.term).toEqual({ percent: 75, band: 'C', gpa: 2 });
    expect(row(bilal.id)?.term).toEqual({ percent: 55, band: 'F', gpa: 0 });
    expect(row(amna.id)?.marks[exam.id]).toEqual({ points: 70, excused: false, comment: 'Good work on proofs' });
    expect(book.rows.map((r) => r.name)).toEqual(['Bilal Yusuf', 'Amna Zahid']);

    // Saving the same grid again changes nothing.
    expect(await g.enterMarks(id, klass.id, { marks: [{ assessmentId: test.id, studentId: amna.id, points: 18 }] })).toEqual({
      changed: 0,
    });
    await g.enterMarks(id, klass.id, { marks: [{ assessmentId: exam.id, studentId: amna.id, points: 95 }] });
    const audit = await api.institutions.audit(id, { action: 'grades.marks_entered' });
    expect(audit.items[0]).toMatchObject({
      before: { marks: [{ assessmentId: exam.id, studentId: amna.id, mark: { points: 70 } }] },
      after: { marks: [{ assessmentId: exam.id, studentId: amna.id, mark: { points: 95 } }] },
    });
    const events = await sql<{ payload: { studentId: string; termPercent: number; termBand: string; points: number } }>`
      select payload from events.outbox where type = 'institutions.grade_updated' and tenant_id = ${id} order by id`.execute(
      t.platform.database.db,
    );
    expect(events.rows).toHaveLength(5);
    // (1 × 0.9 + 3 × 0.95) ÷ 4 = 93.75 → 93.8 % → A
    expect(events.rows.at(-1)?.payload).toMatchObject({ studentId: amna.id, points: 95, termPercent: 93.8, termBand: 'A' });

    // Only teachers of the class (or admins) grade it.
    expect(
      (await problemOf(otherTeacher.client.grades.gradebook(id, klass.id, { subjectId: maths.id, termId: autumn.id }))).problem.code,
    ).toBe('grades.not_your_class');
    const stranger = await api.students.create(id, { studentNumber: 'X9', firstName: 'Not', lastName: 'Enrolled' });
    const notEnrolled = await problemOf(
      g.enterMarks(id, klass.id, { marks: [{ assessmentId: test.id, studentId: stranger.id, points: 1 }] }),
    );
    expect(notEnrolled.problem.errors?.[0]?.field).toBe('marks.0.studentId');
  });

  it('assessments: validated, edited (max not below a mark), deleted with their marks', async () => {
    const { api, id, autumn, spring, maths, klass, amna } = await setUp();
    const g = api.grades;
    const otherYear = await api.academicYears.create(id, {
      name: '2027/28',
      startsOn: '2027-09-01',
      endsOn: '2028-07-15',
      terms: [{ name: 'Autumn', startsOn: '2027-09-01', endsOn: '2027-12-18' }],
    });
    const wrongTerm = await problemOf(
      g.createAssessment(id, klass.id, { subjectId: maths.id, termId: otherYear.terms[0]?.id as string, title: 'X', maxPoints: 10 }),
    );
    expect({ field: wrongTerm.problem.errors?.[0]?.field, code: wrongTerm.problem.code }).toEqual({
      field: 'termId',
      code: 'grades.term_of_other_year',
    });
    const blank = await problemOf(g.createAssessment(id, klass.id, { subjectId: maths.id, termId: autumn.id, title: ' ', maxPoints: 0 }));
    expect(blank.problem.errors?.map((e) => e.field).sort()).toEqual(['maxPoints', 'title']);

    const quiz = await g.createAssessment(id, klass.id, {
      subjectId: maths.id,
      termId: spring.id,
      title: 'Quiz 1',
      kind: 'quiz',
      maxPoints: 10,
    });
    await g.enterMarks(id, klass.id, { marks: [{ assessmentId: quiz.id, studentId: amna.id, points: 8 }] });
    const lower = await problemOf(g.updateAssessment(id, quiz.id, { maxPoints: 5 }));
    expect(lower.problem.errors?.[0]).toEqual({ field: 'maxPoints', message: 'must be at least 8, the highest mark already given' });
    const renamed = await g.updateAssessment(id, quiz.id, { title: 'Quiz one', weight: 2 });
    expect(renamed).toMatchObject({ title: 'Quiz one', weight: 2, marked: 1 });
    expect((await g.assessments(id, klass.id, { termId: spring.id })).map((a) => a.title)).toEqual(['Quiz one']);
    expect(await g.assessments(id, klass.id, { termId: autumn.id })).toEqual([]);

    await g.deleteAssessment(id, quiz.id);
    expect((await problemOf(g.updateAssessment(id, quiz.id, { title: 'Gone' }))).status).toBe(404);
    const left = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(`${tenantSchemaName(id)}.marks`)}`.execute(
      t.platform.database.db,
    );
    expect(left.rows[0]?.n).toBe(0);
    const deleted = await api.institutions.audit(id, { action: 'grades.assessment_deleted' });
    expect(deleted.items[0]?.before).toMatchObject({ title: 'Quiz one', marks: 1 });
  });

  it('a student sees their own results and report card; a parent their child; others nothing', async () => {
    const { api, id, teacher, otherTeacher, autumn, maths, klass, amna, bilal } = await setUp();
    const student = await addMember(t, api, id, 'student');
    await api.students.update(id, amna.id, { userId: student.id });
    const exam = await api.grades.createAssessment(id, klass.id, {
      subjectId: maths.id,
      termId: autumn.id,
      title: 'Term exam',
      maxPoints: 50,
    });
    await teacher.client.grades.enterMarks(id, klass.id, {
      marks: [
        { assessmentId: exam.id, studentId: amna.id, points: 44 },
        { assessmentId: exam.id, studentId: bilal.id, points: 30 },
      ],
    });
    await teacher.client.attendance.take(id, klass.id, '2026-11-23', { marks: [{ studentId: amna.id, status: 'absent' }] });
    await teacher.client.attendance.take(id, klass.id, '2026-11-24', {});

    const own = await student.client.grades.ofStudent(id, amna.id, autumn.id);
    expect(own.subjects).toHaveLength(1);
    expect(own.subjects[0]).toMatchObject({ subjectName: 'Mathematics', className: '9A', term: { percent: 88, band: 'B', gpa: 3 } });
    expect(own.subjects[0]?.assessments[0]).toMatchObject({ title: 'Term exam', mark: { points: 44 } });
    expect({ gpa: own.gpa, attendance: own.attendanceRate, term: own.term.name }).toEqual({ gpa: 3, attendance: 0.5, term: 'Autumn' });
    expect((await problemOf(student.client.grades.ofStudent(id, bilal.id, autumn.id))).status).toBe(404);

    const parent = await addMember(t, api, id, 'parent');
    await api.students.linkGuardian(id, bilal.id, parent.id);
    expect((await parent.client.grades.ofStudent(id, bilal.id, autumn.id)).subjects[0]?.term.band).toBe('D');
    expect((await problemOf(parent.client.grades.ofStudent(id, amna.id, autumn.id))).status).toBe(404);
    expect((await problemOf(otherTeacher.client.grades.ofStudent(id, amna.id, autumn.id))).status).toBe(404);
    expect((await teacher.client.grades.ofStudent(id, amna.id, autumn.id)).student.name).toBe('Amna Zahid');
    const badTerm = await problemOf(api.grades.ofStudent(id, amna.id, '01900000-0000-7000-8000-000000000000'));
    expect(badTerm.problem.errors?.[0]?.field).toBe('termId');

    // The student and the parent heard of the new results in their inbox.
    await waitFor('the result notifications', async () =>
      (await student.client.notifications.list()).items.some((n) => n.kind === 'institutions.grade_released'),
    );
    const seen = (await student.client.notifications.list()).items.find((n) => n.kind === 'institutions.grade_released');
    expect(seen).toMatchObject({ title: 'Amna: a new result', body: 'Term exam (Mathematics): 44 / 50' });

    const pdf = await student.client.grades.reportCard(id, amna.id, autumn.id);
    expect(pdf.type).toBe('application/pdf');
    const bytes = new Uint8Array(await pdf.arrayBuffer());
    expect(Buffer.from(bytes.slice(0, 5)).toString()).toBe('%PDF-');
    const text = pdfText(bytes);
    for (const expected of [
      'Report card',
      'Amna Zahid',
      'Mathematics',
      '88.0 %',
      'Term exam (test, weight 1)',
      '44 / 50',
      'Attendance this term: 50 %',
    ])
      expect(text).toContain(expected);
    expect((await problemOf(parent.client.grades.reportCard(id, amna.id, autumn.id))).status).toBe(404);
  });
});
