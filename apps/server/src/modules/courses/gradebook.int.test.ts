import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, createInstitution, problemOf, signedUpClient } from '../../testing/factories.ts';
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
