import { readFileSync } from 'node:fs';
import type { CreateQuestionBody, Question } from '@edumatrix/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { examples } from '../../../../../packages/contracts/src/quiz/question.factories.ts';
import { addMember, createInstitution, problemOf, signedUpClient } from '../../testing/factories.ts';
import { dbLabel, startTestPlatform, type TestPlatform } from '../../testing/test-platform.ts';

const FIXTURES = new URL('../../../../../packages/contracts/src/quiz/qti/fixtures/', import.meta.url);
/** The bank's questions without the ids a platform gives them. */
const withoutIds = (qs: Question[]) => qs.map(({ id: _id, ...rest }) => rest);

describe(`question banks on ${dbLabel()}`, () => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await startTestPlatform();
  });
  afterAll(() => t.close());

  it('every type is kept; bad questions are refused by field; QTI out and back in changes nothing', async () => {
    const owner = await signedUpClient(t, 'Owner');
    const { id } = await createInstitution(owner.client);
    const teacher = await addMember(t, owner.client, id, 'teacher');
    const student = await addMember(t, owner.client, id, 'student');
    const c = teacher.client.courses;
    const course = await c.create(id, { title: 'Quizzes' });

    for (const make of Object.values(examples)) {
      const { id: _id, ...body } = make();
      await c.addQuestion(id, course.id, body as CreateQuestionBody);
    }
    const bank = await c.questions(id, course.id);
    expect(bank.map((q) => q.type)).toEqual([
      'single_choice',
      'multiple_response',
      'true_false',
      'fill_blanks',
      'numeric',
      'short_answer',
      'short_answer',
      'matching',
      'ordering',
      'essay',
    ]);
    const twoRight = await problemOf(
      c.addQuestion(id, course.id, {
        type: 'single_choice',
        prompt: 'Pick one',
        options: [
          { id: 'a', text: 'A', correct: true },
          { id: 'b', text: 'B', correct: true },
        ],
      }),
    );
    expect({ status: twoRight.status, field: twoRight.problem.errors?.[0]?.field }).toEqual({ status: 400, field: 'options' });

    const first = bank[0] as Question;
    const { id: _firstId, ...firstBody } = first;
    const changed = await c.updateQuestion(id, course.id, first.id, {
      ...firstBody,
      tags: ['arithmetic'],
      difficulty: 1,
    } as CreateQuestionBody);
    expect(changed).toMatchObject({ id: first.id, tags: ['arithmetic'], difficulty: 1 });
    expect((await c.questions(id, course.id, 'arithmetic')).map((q) => q.id)).toEqual([first.id]);
    expect((await problemOf(student.client.courses.questions(id, course.id))).status).toBe(403);

    // Exported as QTI 2.1 and imported into another course: the same questions.
    const zip = await c.exportQuestions(id, course.id, '2.1');
    expect(zip.type).toBe('application/zip');
    const other = await c.create(id, { title: 'Copy' });
    // As a browser may label a zip.
    const copied = await c.importQuestions(id, other.id, new Blob([await zip.arrayBuffer()], { type: 'application/x-zip-compressed' }));
    expect(copied.errors).toEqual([]);
    const now = await c.questions(id, course.id);
    expect({ created: copied.created, updated: copied.updated }).toEqual({ created: now.length, updated: 0 });
    expect(withoutIds(copied.imported)).toEqual(withoutIds(now));
    // Into the same course, it lands on the same rows: nothing changes.
    const again = await c.importQuestions(id, course.id, new Blob([await zip.arrayBuffer()], { type: 'application/zip' }));
    expect(again.imported.map((q) => q.id)).toEqual(now.map((q) => q.id));
    expect({ created: again.created, updated: again.updated }).toEqual({ created: 0, updated: now.length });
    expect(await c.questions(id, course.id)).toEqual(now);
    // QTI 3.0 too.
    const zip3 = await c.exportQuestions(id, course.id, '3.0');
    const third = await c.create(id, { title: 'Third' });
    expect(withoutIds((await c.importQuestions(id, third.id, zip3)).imported)).toEqual(withoutIds(now));

    await c.removeQuestion(id, course.id, first.id);
    expect((await c.questions(id, course.id)).length).toBe(now.length - 1);
    expect((await problemOf(c.removeQuestion(id, course.id, first.id))).status).toBe(404);
  });

  it('imports a QTI 2.1 item written by another tool, and names a file it cannot read', async () => {
    const owner = await signedUpClient(t, 'Owner');
    const { id } = await createInstitution(owner.client);
    const course = await owner.client.courses.create(id, { title: 'Imported' });
    // From the ONYX Editor, kept in the quiz engine's fixtures (see their README for the source).
    const xml = readFileSync(new URL('match_onyx.xml', FIXTURES), 'utf8');
    const result = await owner.client.courses.importQuestions(id, course.id, new Blob([xml], { type: 'application/xml' }));
    expect(result.imported).toHaveLength(1);
    expect(result.imported[0]?.type).toBe('matching');
    const broken = await problemOf(
      owner.client.courses.importQuestions(id, course.id, new Blob(['<not-qti/>'], { type: 'application/xml' })),
    );
    expect({ status: broken.status, field: broken.problem.errors?.[0]?.field }).toEqual({ status: 400, field: 'file' });
    const json = await problemOf(owner.client.raw('POST', `/api/v1/institutions/${id}/courses/${course.id}/questions/import`, { xml }));
    expect({ status: json.status, field: json.problem.errors?.[0]?.field }).toEqual({ status: 415, field: 'file' });
  });
});
