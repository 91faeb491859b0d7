import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, createInstitution, problemOf, signedUpClient, waitFor } from '../../testing/factories.ts';
import { dbLabel, startTestPlatform, type TestPlatform } from '../../testing/test-platform.ts';
import { weightedTotal } from './gradebook.service.ts';

describe(`the course gradebook on ${dbLabel()}`, () => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await startTestPlatform();
  });
  afterAll(() => t.close());

  it('results per quiz, weighted categories, overrides with reasons, and CSV', async () => {
    const owner = await signedUpClient(t, 'Owner');
    const { id } = await createInstitution(owner.client);
    const ada = await addMember(t, owner.client, id, 'student');
    const ben = await addMember(t, owner.client, id, 'student');
    const c = owner.client.courses;
    const course = await c.create(id, { title: 'Graded' });
    const mod = await c.addModule(id, course.id, { title: 'M' });
    await c.addLesson(id, course.id, mod.id, { title: 'L', published: true });
    await c.update(id, course.id, { status: 'published' });
    await c.enrol(id, course.id, { userIds: [ada.id, ben.id] });
    const q = await c.addQuestion(id, course.id, { type: 'true_false', prompt: 'True?', answer: true });

    let book = await c.setGradebookCategories(id, course.id, {
      categories: [
        { name: 'Quizzes', weight: 1 },
        { name: 'Exams', weight: 3 },
      ],
    });
    const [quizzesCat, examsCat] = book.categories;
    const quiz = await c.createQuiz(id, course.id, {
      title: 'Weekly quiz',
      questionIds: [q.id],
      published: true,
      categoryId: quizzesCat?.id,
    });
    const exam = await c.createQuiz(id, course.id, {
      title: 'Exam, final',
      questionIds: [q.id],
      published: true,
      categoryId: examsCat?.id,
    });
    const take = async (quizId: string, value: boolean) => {
      const a = await ada.client.courses.startAttempt(id, course.id, quizId);
      await ada.client.courses.answer(id, course.id, quizId, a.id, q.id, { type: 'true_false', value });
      await ada.client.courses.submitAttempt(id, course.id, quizId, a.id);
    };
    await take(quiz.id, true);
    await take(exam.id, false);

    book = await c.gradebook(id, course.id);
    const row = (userId: string) => book.rows.find((r) => r.userId === userId);
    expect(row(ada.id)?.items).toEqual({
      [quiz.id]: { percent: 100, overridden: false, reason: null },
      [exam.id]: { percent: 0, overridden: false, reason: null },
    });
    // (1 × 100 + 3 × 0) ÷ 4
    expect(row(ada.id)?.total).toEqual({ percent: 25, overridden: false, reason: null });
    expect(row(ben.id)?.total.percent).toBeNull();

    const noReason = await problemOf(c.overrideGrade(id, course.id, ben.id, { item: exam.id, percent: 50 }));
    expect(noReason.problem.errors?.[0]?.field).toBe('reason');
    book = await c.overrideGrade(id, course.id, ben.id, { item: exam.id, percent: 50, reason: 'Sat the exam on paper' });
    expect(row(ben.id)?.items[exam.id]).toEqual({ percent: 50, overridden: true, reason: 'Sat the exam on paper' });
    expect(row(ben.id)?.total.percent).toBe(50);
    book = await c.overrideGrade(id, course.id, ada.id, { item: 'course', percent: 30, reason: 'Moderated' });
    expect(row(ada.id)?.total).toEqual({ percent: 30, overridden: true, reason: 'Moderated' });

    const csv = await c.gradebookCsv(id, course.id);
    expect(csv.split('\r\n')).toEqual([
      'Learner,Weekly quiz,"Exam, final",Course total',
      'student person,100,0,30',
      'student person,,50,50',
      '',
    ]);

    book = await c.overrideGrade(id, course.id, ada.id, { item: 'course', percent: null });
    expect(row(ada.id)?.total.percent).toBe(25);
    const audit = await owner.client.institutions.audit(id, { action: 'course.grade_overridden' });
    expect(audit.items).toHaveLength(2);
    const unknown = await problemOf(c.setGradebookCategories(id, course.id, { categories: [{ id: quiz.id, name: 'X', weight: 1 }] }));
    expect(unknown.problem.errors?.[0]?.field).toBe('categories.0.id');
    expect((await problemOf(ada.client.courses.gradebook(id, course.id))).status).toBe(403);
  });

  it('assignments count in the book; released totals become the Hub grades of each class, and follow re-releases', async () => {
    const owner = await signedUpClient(t, 'Owner');
    const api = owner.client;
    const { id } = await createInstitution(api);
    const teacher = await addMember(t, api, id, 'teacher');
    const ada = await addMember(t, api, id, 'student');
    const ben = await addMember(t, api, id, 'student');
    const year = await api.academicYears.create(id, {
      name: '2026/27',
      startsOn: '2026-09-01',
      endsOn: '2027-07-15',
      terms: [{ name: 'Autumn', startsOn: '2026-09-01', endsOn: '2026-12-18' }],
    });
    const autumn = year.terms[0] as (typeof year.terms)[0];
    const physics = await api.structure.create(id, 'subjects', { name: 'Physics', code: 'PHY' });
    const klass = await api.structure.create(id, 'classes', { name: '11C', code: '11C', academicYearId: year.id });
    const adaRecord = await api.students.create(id, { studentNumber: 'P1', firstName: 'Ada', lastName: 'Lovelace', userId: ada.id });
    const benRecord = await api.students.create(id, { studentNumber: 'P2', firstName: 'Ben', lastName: 'Okri', userId: ben.id });
    await api.students.enrol(id, klass.id, [adaRecord.id, benRecord.id]);

    const c = teacher.client.courses;
    const course = await c.create(id, { title: 'Mechanics', visibility: 'class', classIds: [klass.id] });
    const mod = await c.addModule(id, course.id, { title: 'M' });
    await c.addLesson(id, course.id, mod.id, { title: 'L', published: true });
    await c.update(id, course.id, { status: 'published' });
    await c.enrol(id, course.id, { classIds: [klass.id] });
    await waitFor('the roster enrolment', async () => (await c.enrolments(id, course.id)).length === 2);
    const lab = await teacher.client.assignments.create(id, course.id, { title: 'Lab report', maxPoints: 50, published: true });
    await ada.client.assignments.submitText(id, course.id, lab.id, 'Measured g = 9.7');
    await teacher.client.assignments.grade(id, course.id, lab.id, ada.id, { points: 40 });

    let book = await c.gradebook(id, course.id);
    expect(book.items).toEqual([{ id: lab.id, title: 'Lab report', kind: 'assignment', categoryId: null }]);
    expect(book.rows.find((r) => r.userId === ada.id)?.total.percent).toBe(80);
    expect(book.rows.find((r) => r.userId === ben.id)?.total.percent).toBeNull();
    expect(book.lastRelease).toBeNull();

    const noSubject = await problemOf(c.releaseGrades(id, course.id, { termId: autumn.id }));
    expect(noSubject.problem.errors?.[0]?.field).toBe('subjectId');
    await c.update(id, course.id, { subjectId: physics.id });
    const noTerm = await problemOf(c.releaseGrades(id, course.id, { termId: physics.id }));
    expect(noTerm.problem.errors?.[0]?.field).toBe('termId');
    expect((await problemOf(ada.client.courses.releaseGrades(id, course.id, { termId: autumn.id }))).status).toBe(403);
    const released = await c.releaseGrades(id, course.id, { termId: autumn.id, weight: 2 });
    expect(released).toMatchObject({ termId: autumn.id, weight: 2, learners: 1, classIds: [klass.id] });

    const hubMarks = async () => {
      const hub = await api.grades.gradebook(id, klass.id, { subjectId: physics.id, termId: autumn.id });
      const assessment = hub.assessments.find((a) => a.title === 'Mechanics');
      if (!assessment) return null;
      return {
        assessment: { maxPoints: assessment.maxPoints, weight: assessment.weight },
        ada: hub.rows.find((r) => r.studentId === adaRecord.id)?.marks[assessment.id]?.points ?? null,
        ben: hub.rows.find((r) => r.studentId === benRecord.id)?.marks[assessment.id]?.points ?? null,
      };
    };
    await waitFor('the Hub marks', async () => (await hubMarks())?.ada === 80);
    expect(await hubMarks()).toEqual({ assessment: { maxPoints: 100, weight: 2 }, ada: 80, ben: null });
    await waitFor('the result in Ada’s inbox', async () =>
      (await ada.client.notifications.list()).items.some((n) => n.kind === 'institutions.grade_released'),
    );

    // A re-release updates the same assessment: Ben now has an overridden total.
    await c.overrideGrade(id, course.id, ben.id, { item: 'course', percent: 65, reason: 'Practical assessed in class' });
    await c.releaseGrades(id, course.id, { termId: autumn.id });
    await waitFor('Ben’s Hub mark', async () => (await hubMarks())?.ben === 65);
    expect(await hubMarks()).toEqual({ assessment: { maxPoints: 100, weight: 1 }, ada: 80, ben: 65 });
    book = await c.gradebook(id, course.id);
    expect(book.lastRelease).toMatchObject({ termId: autumn.id, weight: 1, learners: 2 });
  });

  it('weights only the categories that have results; uncategorised items count as one category', () => {
    const cats = [
      { id: 'a', weight: 2 },
      { id: 'b', weight: 1 },
    ];
    expect(weightedTotal(cats, [{ categoryId: 'a', percent: 80 }])).toBe(80);
    expect(
      weightedTotal(cats, [
        { categoryId: 'a', percent: 80 },
        { categoryId: 'a', percent: 60 },
        { categoryId: 'b', percent: 40 },
        { categoryId: null, percent: 100 },
      ]),
    ).toBe(70); // (2 × 70 + 1 × 40 + 1 × 100) ÷ 4
    expect(weightedTotal(cats, [{ categoryId: 'b', percent: null }])).toBeNull();
  });
});
