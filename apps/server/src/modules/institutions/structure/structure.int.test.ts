import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, createInstitution, problemOf, problemSummary, signedUpClient } from '../../../testing/factories.ts';
import { dbLabel, startTestPlatform, type TestPlatform } from '../../../testing/test-platform.ts';

describe(`institution structure on ${dbLabel()}`, () => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await startTestPlatform();
  });
  afterAll(() => t.close());

  async function setUp() {
    const owner = await signedUpClient(t, 'Owner');
    const inst = await createInstitution(owner.client);
    return { api: owner.client, id: inst.id, owner };
  }

  it('academic years hold non-overlapping terms inside them; one year is current', async () => {
    const { api, id } = await setUp();
    const year = await api.academicYears.create(id, {
      name: '2026/27',
      startsOn: '2026-09-01',
      endsOn: '2027-06-30',
      current: true,
      terms: [
        { name: 'Autumn', startsOn: '2026-09-01', endsOn: '2026-12-18' },
        { name: 'Spring', startsOn: '2027-01-05', endsOn: '2027-06-30' },
      ],
    });
    expect(year).toMatchObject({ current: true, startsOn: '2026-09-01', terms: [{ name: 'Autumn' }, { name: 'Spring' }] });

    expect(await problemSummary(api.academicYears.create(id, { name: 'Bad', startsOn: '2027-09-01', endsOn: '2027-01-01' }))).toEqual({
      status: 400,
      code: 'structure.bad_dates',
      fields: ['endsOn'],
    });
    expect(
      await problemSummary(
        api.academicYears.create(id, {
          name: '2027/28',
          startsOn: '2027-09-01',
          endsOn: '2028-06-30',
          terms: [
            { name: 'One', startsOn: '2027-09-01', endsOn: '2028-01-10' },
            { name: 'Two', startsOn: '2028-01-05', endsOn: '2028-06-30' },
          ],
        }),
      ),
    ).toEqual({ status: 400, code: 'structure.terms_overlap', fields: ['terms.1.startsOn'] });
    expect(
      await problemSummary(api.academicYears.addTerm(id, year.id, { name: 'Summer', startsOn: '2027-07-01', endsOn: '2027-08-01' })),
    ).toEqual({
      status: 400,
      code: 'structure.term_outside_year',
      fields: ['startsOn'],
    });
    expect(await problemSummary(api.academicYears.create(id, { name: '2026/27', startsOn: '2028-09-01', endsOn: '2029-06-30' }))).toEqual({
      status: 409,
      code: 'structure.name_taken',
      fields: ['name'],
    });

    const next = await api.academicYears.create(id, { name: '2027/28', startsOn: '2027-09-01', endsOn: '2028-06-30' });
    await api.academicYears.update(id, next.id, { current: true });
    const listed = (await api.academicYears.list(id)).items;
    expect(listed.map((y) => [y.name, y.current])).toEqual([
      ['2027/28', true],
      ['2026/27', false],
    ]);
    const renamed = await api.academicYears.updateTerm(id, year.id, year.terms[0]?.id as string, { name: 'Michaelmas' });
    expect(renamed.terms.map((term) => term.name)).toEqual(['Michaelmas', 'Spring']);
  });

  it('creates units that reference each other, checking every reference belongs here', async () => {
    const { api, id, owner } = await setUp();
    const teacher = await addMember(t, owner.client, id, 'teacher');
    const student = await addMember(t, owner.client, id, 'student');
    const year = await api.academicYears.create(id, {
      name: '2026/27',
      startsOn: '2026-09-01',
      endsOn: '2027-06-30',
      terms: [{ name: 'Autumn', startsOn: '2026-09-01', endsOn: '2026-12-18' }],
    });
    const otherYear = await api.academicYears.create(id, { name: '2025/26', startsOn: '2025-09-01', endsOn: '2026-06-30' });
    const science = await api.structure.create(id, 'departments', {
      name: 'Science',
      code: 'SCI',
      description: 'Physics, chemistry, biology',
    });
    const program = await api.structure.create(id, 'programs', { name: 'Pre-medical', code: 'PREMED', departmentId: science.id });
    const subject = await api.structure.create(id, 'subjects', { name: 'Biology', code: 'BIO', departmentId: science.id });
    expect(subject).toMatchObject({ departmentId: science.id, archivedAt: null, description: '' });

    const term = year.terms[0]?.id as string;
    const klass = await api.structure.create(id, 'classes', {
      name: 'Grade 9 – A',
      code: '9A',
      departmentId: science.id,
      programId: program.id,
      termId: term,
      homeroomTeacherId: teacher.id,
      room: 'B-12',
      capacity: 30,
    });
    // The term decides the year.
    expect(klass).toMatchObject({ academicYearId: year.id, termId: term, homeroomTeacherId: teacher.id, room: 'B-12', capacity: 30 });

    const other = await setUp();
    const foreign = await other.api.structure.create(other.id, 'departments', { name: 'Arts', code: 'ART' });
    expect(await problemSummary(api.structure.create(id, 'programs', { name: 'X', code: 'X', departmentId: foreign.id }))).toEqual({
      status: 400,
      code: 'structure.reference_not_found',
      fields: ['departmentId'],
    });
    expect(
      await problemSummary(api.structure.create(id, 'classes', { name: 'B', code: '9B', academicYearId: otherYear.id, termId: term })),
    ).toEqual({ status: 400, code: 'structure.term_of_other_year', fields: ['termId'] });
    expect(await problemSummary(api.structure.create(id, 'classes', { name: 'C', code: '9C', homeroomTeacherId: student.id }))).toEqual({
      status: 400,
      code: 'structure.not_a_teacher',
      fields: ['homeroomTeacherId'],
    });
    expect(await problemSummary(api.structure.create(id, 'departments', { name: 'Sciences', code: 'sci' }))).toEqual({
      status: 409,
      code: 'structure.code_taken',
      fields: ['code'],
    });
    expect(await problemSummary(api.structure.create(id, 'departments', { name: '', code: 'has space' }))).toMatchObject({
      status: 400,
      fields: expect.arrayContaining(['name', 'code']),
    });
    // The same code is free in another institution.
    expect((await other.api.structure.create(other.id, 'departments', { name: 'Science', code: 'SCI' })).code).toBe('SCI');
  });

  it('lists by name with search, filters, archive state and a cursor', async () => {
    const { api, id } = await setUp();
    const science = await api.structure.create(id, 'departments', { name: 'Science', code: 'SCI' });
    const humanities = await api.structure.create(id, 'departments', { name: 'Humanities', code: 'HUM' });
    for (const [name, code, dept] of [
      ['Physics', 'PHY', science.id],
      ['chemistry', 'CHE', science.id],
      ['History', 'HIS', humanities.id],
      ['Biology', 'BIO', science.id],
      ['Art history', 'AHI', humanities.id],
    ] as const) {
      await api.structure.create(id, 'subjects', { name, code, departmentId: dept });
    }
    const first = await api.structure.list(id, 'subjects', { limit: 2 });
    expect(first.items.map((s) => s.name)).toEqual(['Art history', 'Biology']);
    const second = await api.structure.list(id, 'subjects', { limit: 2, cursor: first.nextCursor as string });
    expect(second.items.map((s) => s.name)).toEqual(['chemistry', 'History']);
    const third = await api.structure.list(id, 'subjects', { limit: 2, cursor: second.nextCursor as string });
    expect({ names: third.items.map((s) => s.name), next: third.nextCursor }).toEqual({ names: ['Physics'], next: null });

    expect((await api.structure.list(id, 'subjects', { q: 'HIST' })).items.map((s) => s.code)).toEqual(['AHI', 'HIS']);
    expect((await api.structure.list(id, 'subjects', { q: '%' })).items).toEqual([]);
    expect((await api.structure.list(id, 'subjects', { departmentId: humanities.id })).items.map((s) => s.code)).toEqual(['AHI', 'HIS']);

    const physics = (await api.structure.list(id, 'subjects', { q: 'phy' })).items[0]?.id as string;
    const archived = await api.structure.update(id, 'subjects', physics, { archived: true });
    expect(archived.archivedAt).not.toBeNull();
    expect((await api.structure.list(id, 'subjects')).items.map((s) => s.code)).not.toContain('PHY');
    expect((await api.structure.list(id, 'subjects', { archived: 'true' })).items.map((s) => s.code)).toEqual(['PHY']);
    expect((await api.structure.list(id, 'subjects', { archived: 'all' })).items).toHaveLength(5);
    expect((await api.structure.update(id, 'subjects', physics, { archived: false })).archivedAt).toBeNull();

    // Archived units cannot be newly assigned.
    await api.structure.update(id, 'departments', humanities.id, { archived: true });
    expect(
      (await problemSummary(api.structure.create(id, 'subjects', { name: 'Latin', code: 'LAT', departmentId: humanities.id }))).code,
    ).toBe('structure.reference_archived');
    expect((await problemOf(api.structure.list(id, 'subjects', { cursor: 'garbage' }))).problem.errors?.[0]?.field).toBe('cursor');
  });

  it('refuses to delete what is still used, naming what holds it; deletes once free', async () => {
    const { api, id } = await setUp();
    const year = await api.academicYears.create(id, {
      name: '2026/27',
      startsOn: '2026-09-01',
      endsOn: '2027-06-30',
      terms: [{ name: 'Autumn', startsOn: '2026-09-01', endsOn: '2026-12-18' }],
    });
    const dept = await api.structure.create(id, 'departments', { name: 'Science', code: 'SCI' });
    const program = await api.structure.create(id, 'programs', { name: 'Pre-medical', code: 'PM', departmentId: dept.id });
    await api.structure.create(id, 'subjects', { name: 'Biology', code: 'BIO', departmentId: dept.id });
    await api.structure.create(id, 'subjects', { name: 'Physics', code: 'PHY', departmentId: dept.id });
    const klass = await api.structure.create(id, 'classes', { name: '9A', code: '9A', departmentId: dept.id, termId: year.terms[0]?.id });

    const held = await problemOf(api.structure.remove(id, 'departments', dept.id));
    expect({ status: held.status, code: held.problem.code, detail: held.problem.detail }).toEqual({
      status: 409,
      code: 'structure.in_use',
      detail: 'This department is still used by 1 program, 2 subjects and 1 class. Archive it instead, or move those first.',
    });
    expect((await problemOf(api.academicYears.remove(id, year.id))).problem.detail).toMatch(/still used by 1 class/);
    expect((await problemOf(api.academicYears.removeTerm(id, year.id, year.terms[0]?.id as string))).status).toBe(409);
    // Nothing was half-deleted.
    expect((await api.structure.get(id, 'departments', dept.id)).name).toBe('Science');
    expect((await api.academicYears.get(id, year.id)).terms).toHaveLength(1);

    await api.structure.remove(id, 'classes', klass.id);
    await api.structure.update(id, 'programs', program.id, { departmentId: null });
    for (const s of (await api.structure.list(id, 'subjects')).items) await api.structure.remove(id, 'subjects', s.id);
    await api.structure.remove(id, 'departments', dept.id);
    expect((await problemOf(api.structure.get(id, 'departments', dept.id))).status).toBe(404);
    await api.academicYears.remove(id, year.id);
    expect((await api.academicYears.list(id)).items).toEqual([]);
  });

  it('every change is audited and published as institutions.structure_changed', async () => {
    const { api, id } = await setUp();
    const dept = await api.structure.create(id, 'departments', { name: 'Science', code: 'SCI' });
    await api.structure.update(id, 'departments', dept.id, { name: 'Sciences' });
    await api.structure.update(id, 'departments', dept.id, { archived: true });
    await api.structure.update(id, 'departments', dept.id, { archived: false });
    await api.structure.remove(id, 'departments', dept.id);
    const { rows } = await sql<{ action: string; name: string }>`select payload->>'action' as action, payload->>'name' as name
      from events.outbox where type = 'institutions.structure_changed' and tenant_id = ${id} order by seq`.execute(t.platform.database.db);
    expect(rows.map((r) => `${r.action}:${r.name}`)).toEqual([
      'created:Science',
      'updated:Sciences',
      'archived:Sciences',
      'restored:Sciences',
      'deleted:Sciences',
    ]);
    const audit = await api.institutions.audit(id, { targetType: 'department' });
    expect(audit.items.map((e) => e.action)).toEqual([
      'department.deleted',
      'department.restored',
      'department.archived',
      'department.updated',
      'department.created',
    ]);
    expect(audit.items[3]).toMatchObject({ before: { name: 'Science' }, after: { name: 'Sciences' } });
  });
});
