import type { CreateQuestionBody } from '@edumatrix/contracts';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { examples } from '../../../../../packages/contracts/src/quiz/question.factories.ts';
import { tenantSchemaName } from '../../platform/tenancy/tenancy.ts';
import { addMember, createInstitution, problemOf, signedUpClient, waitFor } from '../../testing/factories.ts';
import { dbLabel, startTestPlatform, type TestPlatform } from '../../testing/test-platform.ts';

describe(`quizzes on ${dbLabel()}`, () => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await startTestPlatform();
  });
  afterAll(() => t.close());

  it('attempts: no answers shown, graded on submit, essays by hand, the time limit held by the server, attempts limited', async () => {
    const owner = await signedUpClient(t, 'Owner');
    const { id } = await createInstitution(owner.client);
    const teacher = await addMember(t, owner.client, id, 'teacher');
    const student = await addMember(t, owner.client, id, 'student');
    const stranger = await addMember(t, owner.client, id, 'student');
    const c = teacher.client.courses;
    const course = await c.create(id, { title: 'Quizzed' });
    const mod = await c.addModule(id, course.id, { title: 'M' });
    await c.addLesson(id, course.id, mod.id, { title: 'L', published: true });
    await c.update(id, course.id, { status: 'published' });
    await c.enrol(id, course.id, { userIds: [student.id] });
    const add = async (make: () => { id: string }) => {
      const { id: _id, ...body } = make();
      return c.addQuestion(id, course.id, body as CreateQuestionBody);
    };
    const single = await add(examples.single_choice); // 2 points
    const truth = await add(examples.true_false); // 1
    const numeric = await add(examples.numeric); // 1
    const order = await add(examples.ordering); // 3
    const essay = await add(examples.essay); // 10

    const missing = await problemOf(c.createQuiz(id, course.id, { title: 'Empty' }));
    expect(missing.problem.errors?.[0]?.field).toBe('questionIds');
    const quiz = await c.createQuiz(id, course.id, {
      title: 'Unit check',
      questionIds: [single.id, truth.id, numeric.id, order.id, essay.id],
      timeLimitMinutes: 10,
      maxAttempts: 2,
      published: true,
    });
    expect((await problemOf(stranger.client.courses.startAttempt(id, course.id, quiz.id))).problem.code).toBe('courses.not_enrolled');

    const me = student.client.courses;
    const attempt = await me.startAttempt(id, course.id, quiz.id);
    expect(attempt.questions.map((q) => q.id)).toEqual([single.id, truth.id, numeric.id, order.id, essay.id]);
    // Nothing in what the learner gets gives the key away.
    expect(JSON.stringify(attempt.questions)).not.toMatch(/"correct"|"answer"|"accepted"|"pairs"|"guidance"|"feedback"/);
    expect(new Date(attempt.deadlineAt as string).getTime() - new Date(attempt.startedAt).getTime()).toBe(10 * 60_000);
    expect((await me.startAttempt(id, course.id, quiz.id)).id).toBe(attempt.id);
    // The server's clock travels with the attempt; the quiz says which attempt to resume.
    expect(Math.abs(new Date(attempt.serverNow).getTime() - Date.now())).toBeLessThan(60_000);
    expect((await me.quizzes(id, course.id)).find((q) => q.id === quiz.id)?.mine.openAttemptId).toBe(attempt.id);
    expect(attempt.displayName).toBeNull();

    const answer = (questionId: string, response: Parameters<typeof me.answer>[5]) =>
      me.answer(id, course.id, quiz.id, attempt.id, questionId, response);
    await answer(single.id, { type: 'single_choice', optionId: 'b' });
    await answer(truth.id, { type: 'true_false', value: true });
    await answer(numeric.id, { type: 'numeric', value: 9.8 });
    await answer(order.id, { type: 'ordering', order: ['one', 'two', 'three', 'four'] });
    const saved = await answer(essay.id, { type: 'essay', text: 'On the one hand…' });
    expect(saved.results).toBeNull(); // feedback after submitting
    const wrongType = await problemOf(answer(truth.id, { type: 'numeric', value: 1 }));
    expect(wrongType.problem.errors?.[0]?.field).toBe('response.type');

    const submitted = await me.submitAttempt(id, course.id, quiz.id, attempt.id);
    expect({ score: submitted.score, max: submitted.maxScore, review: submitted.needsReview }).toEqual({ score: 7, max: 17, review: true });
    expect(submitted.results?.[essay.id]).toMatchObject({ score: 0, needsReview: true });
    expect((await problemOf(answer(truth.id, { type: 'true_false', value: false }))).problem.code).toBe('quizzes.submitted');

    const graded = await c.gradeAnswer(id, course.id, quiz.id, attempt.id, essay.id, { points: 8, feedback: 'Good balance' });
    expect({ score: graded.score, review: graded.needsReview }).toEqual({ score: 15, review: false });
    expect((await problemOf(c.gradeAnswer(id, course.id, quiz.id, attempt.id, essay.id, { points: 11 }))).problem.errors?.[0]?.field).toBe(
      'points',
    );
    // Quiz points follow the best result: 7/17 gave 8, the graded essay (15/17) brings it to 18.
    await waitFor('quiz points', async () => (await me.achievements(id)).points === 18);
    const mine = (await me.quizzes(id, course.id)).find((q) => q.id === quiz.id);
    expect(mine?.mine).toEqual({ attempts: 1, score: 15, maxScore: 17, openAttemptId: null });

    // The second attempt runs out of time: the server refuses the answer, whatever the client thinks.
    const second = await me.startAttempt(id, course.id, quiz.id);
    expect(second.number).toBe(2);
    await me.answer(id, course.id, quiz.id, second.id, truth.id, { type: 'true_false', value: true });
    await sql`update ${sql.table(`${tenantSchemaName(id)}.quiz_attempts`)} set deadline_at = now() - interval '1 second'
      where id = ${second.id}`.execute(t.platform.database.db);
    const late = await problemOf(me.answer(id, course.id, quiz.id, second.id, single.id, { type: 'single_choice', optionId: 'b' }));
    expect({ status: late.status, code: late.problem.code }).toEqual({ status: 409, code: 'quizzes.time_up' });
    const closed = await me.attempt(id, course.id, quiz.id, second.id);
    expect({ submitted: closed.submittedAt !== null, score: closed.score, answered: Object.keys(closed.answers) }).toEqual({
      submitted: true,
      score: 1,
      answered: [truth.id],
    });
    expect((await problemOf(me.startAttempt(id, course.id, quiz.id))).problem.code).toBe('quizzes.no_attempts_left');
    // Best of 15 and 1; the weaker attempt takes no points away and adds none.
    expect((await me.quizzes(id, course.id)).find((q) => q.id === quiz.id)?.mine.score).toBe(15);
    const scoredEvents = await sql<{ n: number }>`select count(*)::int as n from events.outbox
      where type = 'courses.quiz_scored' and tenant_id = ${id}`.execute(t.platform.database.db);
    expect(scoredEvents.rows[0]?.n).toBe(3);
    await waitFor('the last quiz event to be applied', async () => {
      const ledger = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(`${tenantSchemaName(id)}.game_ledger`)}
        where user_id = ${student.id} and reason = 'quiz'`.execute(t.platform.database.db);
      return ledger.rows[0]?.n === 2;
    });
    expect((await me.achievements(id)).points).toBe(18);
    const listed = await c.attempts(id, course.id, quiz.id);
    expect(listed.map((a) => ({ number: a.number, name: a.displayName }))).toEqual([
      { number: 1, name: 'student person' },
      { number: 2, name: 'student person' },
    ]);
    expect((await me.quizzes(id, course.id)).find((q) => q.id === quiz.id)?.mine.openAttemptId).toBeNull();
    expect((await problemOf(stranger.client.courses.attempt(id, course.id, quiz.id, attempt.id))).status).toBe(404);

    // The teacher's analytics: the quiz's items over both submitted attempts.
    const stats = await c.analytics(id, course.id);
    expect({ enrolled: stats.enrolled, completionRate: stats.completionRate, lessons: stats.lessons.map((l) => l.title) }).toEqual({
      enrolled: 1,
      completionRate: 0,
      lessons: ['L'],
    });
    const items = stats.quizzes.find((q) => q.quizId === quiz.id);
    expect(items?.attempts).toBe(2);
    // True/false: right in the first attempt, right in the second (the only answer there).
    expect(items?.items.find((i) => i.questionId === truth.id)).toMatchObject({ answered: 2, difficulty: 1, discrimination: null });
    expect(items?.items.find((i) => i.questionId === single.id)).toMatchObject({ answered: 2, difficulty: 0.5, prompt: 'What is 2 + 2?' });
    expect((await problemOf(me.analytics(id, course.id))).status).toBe(403);
  });

  it('draws from tagged pools per attempt, and says when a pool is too small', async () => {
    const owner = await signedUpClient(t, 'Owner');
    const { id } = await createInstitution(owner.client);
    const student = await addMember(t, owner.client, id, 'student');
    const c = owner.client.courses;
    const course = await c.create(id, { title: 'Pools' });
    const mod = await c.addModule(id, course.id, { title: 'M' });
    await c.addLesson(id, course.id, mod.id, { title: 'L', published: true });
    await c.update(id, course.id, { status: 'published' });
    await c.enrol(id, course.id, { userIds: [student.id] });
    const tagged: { id: string }[] = [];
    for (let i = 0; i < 4; i++) {
      tagged.push(await c.addQuestion(id, course.id, { type: 'true_false', prompt: `Fact ${i}`, answer: true, tags: ['facts'] }));
    }
    const quiz = await c.createQuiz(id, course.id, { title: 'Draw', pools: [{ tags: ['facts'], count: 2 }], published: true });
    const attempt = await student.client.courses.startAttempt(id, course.id, quiz.id);
    expect(attempt.questions).toHaveLength(2);
    expect(attempt.questions.every((q) => tagged.some((x) => x.id === q.id))).toBe(true);
    expect(attempt.deadlineAt).toBeNull();

    const greedy = await c.createQuiz(id, course.id, { title: 'Too many', pools: [{ tags: ['facts'], count: 5 }], published: true });
    expect((await problemOf(student.client.courses.startAttempt(id, course.id, greedy.id))).problem.code).toBe('quizzes.pool_too_small');
  });

  it('adaptive mode: one question at a time, harder after a right answer, easier after a wrong one', async () => {
    const owner = await signedUpClient(t, 'Owner');
    const { id } = await createInstitution(owner.client);
    const student = await addMember(t, owner.client, id, 'student');
    const c = owner.client.courses;
    const course = await c.create(id, { title: 'Adaptive' });
    const mod = await c.addModule(id, course.id, { title: 'M' });
    await c.addLesson(id, course.id, mod.id, { title: 'L', published: true });
    await c.update(id, course.id, { status: 'published' });
    await c.enrol(id, course.id, { userIds: [student.id] });
    // One true/false question per difficulty; the answer is always "true".
    const byLevel = new Map<string, number>();
    for (const difficulty of [1, 2, 3, 4, 5]) {
      const q = await c.addQuestion(id, course.id, {
        type: 'true_false',
        prompt: `Level ${difficulty}`,
        answer: true,
        difficulty,
        tags: ['ladder'],
      });
      byLevel.set(q.id, difficulty);
    }
    const quiz = await c.createQuiz(id, course.id, {
      title: 'Ladder',
      pools: [{ tags: ['ladder'], count: 1 }],
      adaptiveCount: 3,
      published: true,
    });
    expect(quiz.adaptiveCount).toBe(3);
    const me = student.client.courses;
    let attempt = await me.startAttempt(id, course.id, quiz.id);
    const level = (n: number) => byLevel.get(attempt.questions[n]?.id as string);
    expect(attempt.questions).toHaveLength(1);
    expect(level(0)).toBe(3);
    attempt = await me.answer(id, course.id, quiz.id, attempt.id, attempt.questions[0]?.id as string, { type: 'true_false', value: true });
    expect({ asked: attempt.questions.length, next: level(1), max: attempt.maxScore }).toEqual({ asked: 2, next: 4, max: 2 });
    attempt = await me.answer(id, course.id, quiz.id, attempt.id, attempt.questions[1]?.id as string, { type: 'true_false', value: false });
    // Wrong at 4 asks for 3, already asked: the nearest left is 2.
    expect({ asked: attempt.questions.length, next: level(2) }).toEqual({ asked: 3, next: 2 });
    attempt = await me.answer(id, course.id, quiz.id, attempt.id, attempt.questions[2]?.id as string, { type: 'true_false', value: true });
    expect(attempt.questions).toHaveLength(3); // the count is reached: no more questions
    const done = await me.submitAttempt(id, course.id, quiz.id, attempt.id);
    expect({ score: done.score, max: done.maxScore }).toEqual({ score: 2, max: 3 });
  });
});
