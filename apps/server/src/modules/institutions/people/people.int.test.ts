import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, createInstitution, problemOf, problemSummary, signedUpClient } from '../../../testing/factories.ts';
import { dbLabel, startTestPlatform, type TestPlatform } from '../../../testing/test-platform.ts';

describe(`people records on ${dbLabel()}`, () => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await startTestPlatform();
  });
  afterAll(() => t.close());

  async function setUp() {
    const owner = await signedUpClient(t, 'Owner');
    const inst = await createInstitution(owner.client);
    return { api: owner.client, id: inst.id };
  }

  it('keeps student records with unique numbers and checked fields', async () => {
    const { api, id } = await setUp();
    const amna = await api.students.create(id, { studentNumber: 'S-001', firstName: 'Amna', lastName: 'Khan', dateOfBirth: '2012-04-30' });
    expect(amna).toMatchObject({
      studentNumber: 'S-001',
      dateOfBirth: '2012-04-30',
      status: 'active',
      guardians: [],
      classIds: [],
      userId: null,
    });
    expect(await problemSummary(api.students.create(id, { studentNumber: 's-001', firstName: 'B', lastName: 'C' }))).toEqual({
      status: 409,
      code: 'people.already_used',
      fields: ['studentNumber'],
    });
    expect(
      (await problemSummary(api.students.create(id, { studentNumber: 'S-2', firstName: 'B', lastName: 'C', dateOfBirth: '2999-01-01' })))
        .fields,
    ).toEqual(['dateOfBirth']);
    expect(
      await problemSummary(api.students.create(id, { studentNumber: 'S-3', firstName: 'B', lastName: 'C', userId: (await setUp()).id })),
    ).toEqual({
      status: 400,
      code: 'people.not_a_student',
      fields: ['userId'],
    });
    const updated = await api.students.update(id, amna.id, { status: 'withdrawn', email: 'amna@example.org' });
    expect(updated).toMatchObject({ status: 'withdrawn', email: 'amna@example.org', dateOfBirth: '2012-04-30' });

    for (const [n, first, last] of [
      ['S-010', 'Zara', 'Ahmed'],
      ['S-011', 'bilal', 'ahmed'],
      ['S-012', 'Omar', 'Farooq'],
    ] as const) {
      await api.students.create(id, { studentNumber: n, firstName: first, lastName: last });
    }
    const first = await api.students.list(id, { limit: 2 });
    expect(first.items.map((s) => `${s.lastName} ${s.firstName}`)).toEqual(['ahmed bilal', 'Ahmed Zara']);
    const rest = await api.students.list(id, { limit: 2, cursor: first.nextCursor as string });
    expect(rest.items.map((s) => s.lastName)).toEqual(['Farooq', 'Khan']);
    expect((await api.students.list(id, { q: 's-01' })).items).toHaveLength(3);
    expect((await api.students.list(id, { status: 'withdrawn' })).items.map((s) => s.firstName)).toEqual(['Amna']);
  });

  it('a student sees only their own record, a parent only their children, teachers every student', async () => {
    const { api, id } = await setUp();
    const studentMember = await addMember(t, api, id, 'student');
    const parent = await addMember(t, api, id, 'parent');
    const otherParent = await addMember(t, api, id, 'parent');
    const teacher = await addMember(t, api, id, 'teacher');
    const own = await api.students.create(id, { studentNumber: 'A1', firstName: 'Sara', lastName: 'Ali', userId: studentMember.id });
    const sibling = await api.students.create(id, { studentNumber: 'A2', firstName: 'Hamza', lastName: 'Ali' });
    const stranger = await api.students.create(id, { studentNumber: 'A3', firstName: 'Noor', lastName: 'Shah' });
    expect(await problemSummary(api.students.linkGuardian(id, own.id, teacher.id))).toEqual({
      status: 400,
      code: 'people.not_a_parent',
      fields: ['userId'],
    });
    const linked = await api.students.linkGuardian(id, own.id, parent.id, { relationship: 'mother' });
    expect(linked.guardians).toEqual([{ userId: parent.id, displayName: 'parent person', email: parent.email, relationship: 'mother' }]);
    await api.students.linkGuardian(id, sibling.id, parent.id);

    const names = async (client: typeof api) => (await client.students.list(id)).items.map((s) => s.firstName).sort();
    expect(await names(studentMember.client)).toEqual(['Sara']);
    expect(await names(parent.client)).toEqual(['Hamza', 'Sara']);
    expect(await names(otherParent.client)).toEqual([]);
    expect(await names(teacher.client)).toEqual(['Hamza', 'Noor', 'Sara']);
    expect((await parent.client.students.get(id, own.id)).guardians[0]?.relationship).toBe('mother');
    for (const [client, target] of [
      [studentMember.client, sibling.id],
      [parent.client, stranger.id],
      [otherParent.client, own.id],
    ] as const) {
      expect((await problemOf(client.students.get(id, target))).status).toBe(404);
    }
    await api.students.unlinkGuardian(id, sibling.id, parent.id);
    expect(await names(parent.client)).toEqual(['Sara']);
    expect((await problemOf(api.students.unlinkGuardian(id, sibling.id, parent.id))).status).toBe(404);
  });

  it('enrols students in a class within its capacity, all or nothing, and publishes it', async () => {
    const { api, id } = await setUp();
    const klass = await api.structure.create(id, 'classes', { name: '9A', code: '9A', capacity: 2 });
    const [a, b, c] = await Promise.all(
      ['1', '2', '3'].map((n) => api.students.create(id, { studentNumber: `E${n}`, firstName: `Kid${n}`, lastName: 'Test' })),
    );
    if (!a || !b || !c) throw new Error('setup');
    expect((await problemOf(api.students.enrol(id, klass.id, [a.id, b.id, c.id]))).problem).toMatchObject({
      code: 'people.class_full',
      detail: '9A has 2 places; this would make 3',
    });
    expect((await api.students.list(id, { classId: klass.id })).items).toEqual([]);
    expect(await api.students.enrol(id, klass.id, [a.id, b.id])).toEqual({ enrolled: [a.id, b.id] });
    expect(await api.students.enrol(id, klass.id, [a.id])).toEqual({ enrolled: [] });
    expect((await api.students.get(id, a.id)).classIds).toEqual([klass.id]);
    expect(await problemSummary(api.students.enrol(id, klass.id, [c.id, (await setUp()).id]))).toMatchObject({
      status: 400,
      fields: ['studentIds.1'],
    });
    await api.students.unenrol(id, klass.id, b.id);
    expect((await api.students.list(id, { classId: klass.id })).items.map((s) => s.id)).toEqual([a.id]);
    // A class with students cannot be deleted; a student can, taking the enrolment along.
    expect((await problemOf(api.structure.remove(id, 'classes', klass.id))).problem.detail).toMatch(/still used by 1 enrolments?/);
    await api.students.remove(id, a.id);
    await api.structure.remove(id, 'classes', klass.id);

    const { rows } = await sql<{
      action: string;
      n: number;
    }>`select payload->>'action' as action, jsonb_array_length(payload->'studentIds')::int as n
      from events.outbox where type = 'institutions.enrolment_changed' and tenant_id = ${id} order by seq`.execute(t.platform.database.db);
    expect(rows.map((r) => `${r.action}:${r.n}`)).toEqual(['enrolled:2', 'unenrolled:1']);
  });

  it('keeps staff and teacher records, by department, archivable', async () => {
    const { api, id } = await setUp();
    const teacher = await addMember(t, api, id, 'teacher');
    const student = await addMember(t, api, id, 'student');
    const science = await api.structure.create(id, 'departments', { name: 'Science', code: 'SCI' });
    const rec = await api.staff.create(id, {
      staffNumber: 'T-01',
      firstName: 'Usman',
      lastName: 'Raza',
      kind: 'teacher',
      title: 'Physics teacher',
      departmentId: science.id,
      userId: teacher.id,
    });
    expect(rec).toMatchObject({ kind: 'teacher', departmentId: science.id, userId: teacher.id, archivedAt: null });
    await api.staff.create(id, { staffNumber: 'S-01', firstName: 'Hina', lastName: 'Malik', kind: 'staff', title: 'Registrar' });
    expect(await problemSummary(api.staff.create(id, { staffNumber: 't-01', firstName: 'X', lastName: 'Y', kind: 'staff' }))).toMatchObject(
      {
        status: 409,
        fields: ['staffNumber'],
      },
    );
    expect(
      await problemSummary(
        api.staff.create(id, { staffNumber: 'T-02', firstName: 'X', lastName: 'Y', kind: 'teacher', userId: student.id }),
      ),
    ).toEqual({
      status: 400,
      code: 'people.not_staff',
      fields: ['userId'],
    });
    expect(
      (
        await problemSummary(
          api.staff.create(id, { staffNumber: 'T-03', firstName: 'X', lastName: 'Y', kind: 'teacher', departmentId: teacher.id }),
        )
      ).fields,
    ).toEqual(['departmentId']);
    expect((await api.staff.list(id, { kind: 'teacher' })).items.map((s) => s.staffNumber)).toEqual(['T-01']);
    expect((await api.staff.list(id, { departmentId: science.id })).items).toHaveLength(1);
    await api.staff.update(id, rec.id, { archived: true });
    expect((await api.staff.list(id)).items.map((s) => s.staffNumber)).toEqual(['S-01']);
    expect((await api.staff.list(id, { archived: 'true' })).items.map((s) => s.staffNumber)).toEqual(['T-01']);
    expect((await problemOf(teacher.client.staff.update(id, rec.id, { title: 'Head' }))).status).toBe(403);
    expect((await teacher.client.staff.list(id, { archived: 'all' })).items).toHaveLength(2);
    expect((await problemOf(student.client.staff.list(id))).status).toBe(403);
  });
});
