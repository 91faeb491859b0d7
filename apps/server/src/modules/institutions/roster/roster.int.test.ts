import type { ApiClient } from '@edumatrix/client';
import type { ImportProgressPush, RosterImport } from '@edumatrix/contracts';
import { io as connect } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInstitution, signedUpClient, waitFor } from '../../../testing/factories.ts';
import { dbLabel, startTestPlatform, type TestPlatform } from '../../../testing/test-platform.ts';

const HEADER = 'student_number,first_name,last_name,date_of_birth,email,external_id';
const studentLine = (n: number, overrides: Partial<Record<'number' | 'first' | 'last' | 'dob' | 'email', string>> = {}) =>
  [
    overrides.number ?? `S-${String(n).padStart(3, '0')}`,
    overrides.first ?? `First${n}`,
    overrides.last ?? `Last${n}`,
    overrides.dob ?? '2012-05-01',
    overrides.email ?? '',
    `sis-${n}`,
  ].join(',');

/** 50 students; lines 5, 20 and 41 (file lines, header = 1) are bad when `broken`. */
function studentsCsv(broken: boolean): string {
  const lines = [HEADER];
  for (let n = 1; n <= 50; n++) {
    if (broken && n === 4) lines.push(studentLine(n, { dob: '2012-13-45' }));
    else if (broken && n === 19) lines.push(studentLine(n, { last: '' }));
    else if (broken && n === 40) lines.push(studentLine(n, { number: 'S-001' }));
    else lines.push(studentLine(n));
  }
  return `${lines.join('\n')}\n`;
}

describe(`roster imports on ${dbLabel()}`, () => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await startTestPlatform();
  });
  afterAll(() => t.close());

  async function finished(api: ApiClient, institutionId: string, started: RosterImport): Promise<RosterImport> {
    let current = started;
    await waitFor(`import ${started.id}`, async () => {
      current = await api.imports.get(institutionId, started.id);
      return current.status === 'succeeded' || current.status === 'failed';
    });
    return current;
  }

  it('a dry run lists every bad row and writes nothing; the commit of a bad file writes nothing either', async () => {
    const owner = await signedUpClient(t, 'Owner');
    const inst = await createInstitution(owner.client);
    const files = { 'students.csv': studentsCsv(true) };
    const dry = await finished(
      owner.client,
      inst.id,
      await owner.client.imports.create(inst.id, { format: 'students', mode: 'dry_run', files }),
    );
    expect(dry.status).toBe('succeeded');
    expect(dry.report?.problems).toEqual([
      { file: 'students.csv', line: 5, field: 'date_of_birth', message: 'must be a date such as 2012-04-30' },
      { file: 'students.csv', line: 20, field: 'last_name', message: 'is required' },
      { file: 'students.csv', line: 41, field: 'student_number', message: 'S-001 appears again; first on line 2' },
    ]);
    // 50 rows, 2 unreadable and 1 duplicate: a commit would create 47.
    expect(dry.report).toMatchObject({ rows: 50, problemCount: 3, created: { students: 47 } });
    const commit = await finished(
      owner.client,
      inst.id,
      await owner.client.imports.create(inst.id, { format: 'students', mode: 'commit', files }),
    );
    expect(commit).toMatchObject({ status: 'failed', error: '3 rows need fixing; nothing was written' });
    expect((await owner.client.students.list(inst.id)).items).toEqual([]);
  });

  it('commits a good file in one go with live progress, and a re-import changes nothing', async () => {
    const owner = await signedUpClient(t, 'Owner');
    const inst = await createInstitution(owner.client);
    const socket = connect(t.url, {
      path: '/socket.io',
      auth: { token: owner.client.accessToken },
      transports: ['websocket'],
      reconnection: false,
    });
    const pushes: ImportProgressPush[] = [];
    socket.on('imports:progress', (p: ImportProgressPush) => pushes.push(p));
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    try {
      const files = { 'students.csv': studentsCsv(false) };
      const first = await finished(
        owner.client,
        inst.id,
        await owner.client.imports.create(inst.id, { format: 'students', mode: 'commit', files }),
      );
      expect(first).toMatchObject({ status: 'succeeded', error: null, report: { rows: 50, problemCount: 0, created: { students: 50 } } });
      await waitFor('the final push', async () => pushes.some((p) => p.importId === first.id && p.status === 'succeeded'));
      expect(pushes.map((p) => p.progress.phase)).toEqual(expect.arrayContaining(['checking', 'writing', 'done']));
      const students = await owner.client.students.list(inst.id, { q: 'S-007' });
      expect(students.items[0]).toMatchObject({ firstName: 'First7', externalId: 'sis-7', dateOfBirth: '2012-05-01' });

      const again = await finished(
        owner.client,
        inst.id,
        await owner.client.imports.create(inst.id, { format: 'students', mode: 'commit', files }),
      );
      expect(again.report).toMatchObject({ created: { students: 0 }, updated: { students: 0 }, unchanged: { students: 50 } });
      // The source renamed one student: matched by external id, updated in place.
      const renamed = files['students.csv'].replace('S-010,First10,', 'S-010,Tenth,');
      const third = await finished(
        owner.client,
        inst.id,
        await owner.client.imports.create(inst.id, { format: 'students', mode: 'commit', files: { 'students.csv': renamed } }),
      );
      expect(third.report).toMatchObject({ created: { students: 0 }, updated: { students: 1 }, unchanged: { students: 49 } });
      expect((await owner.client.students.list(inst.id, { q: 'S-010' })).items[0]?.firstName).toBe('Tenth');
      expect((await owner.client.students.list(inst.id, { limit: 100 })).items).toHaveLength(50);
    } finally {
      socket.disconnect();
    }
  });

  it('imports a OneRoster 1.1 bundle: users by role, classes and student enrollments', async () => {
    const owner = await signedUpClient(t, 'Owner');
    const inst = await createInstitution(owner.client);
    const files = {
      'orgs.csv': 'sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId\norg-1,active,,Riverside School,school,RS,\n',
      'users.csv': [
        'sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password',
        'u-t1,active,,true,org-1,teacher,tfarah,,Farah,Naz,,T100,farah@example.org,,,,,',
        'u-s1,active,,true,org-1,student,ali1,,Ali,Raza,,1001,,,,,09,',
        'u-s2,active,,true,org-1,student,sana2,,Sana,Iqbal,,1002,,,,,09,',
        'u-s3,tobedeleted,,true,org-1,student,gone3,,Gone,Away,,1003,,,,,09,',
        'u-p1,active,,true,org-1,parent,parent1,,Pia,Raza,,,,,,u-s1,,',
      ].join('\n'),
      'classes.csv':
        'sourcedId,status,dateLastModified,title,grades,courseSourcedId,classCode,classType,location,schoolSourcedId,termSourcedIds,subjects,subjectCodes,periods\n' +
        'c-1,active,,Biology 9,09,course-1,BIO9,scheduled,Lab 2,org-1,term-1,,,\n',
      'enrollments.csv':
        'sourcedId,status,dateLastModified,classSourcedId,schoolSourcedId,userSourcedId,role,primary,beginDate,endDate\n' +
        'e-1,active,,c-1,org-1,u-t1,teacher,true,,\n' +
        'e-2,active,,c-1,org-1,u-s1,student,false,,\n' +
        'e-3,active,,c-1,org-1,u-s2,student,false,,\n',
    };
    const result = await finished(
      owner.client,
      inst.id,
      await owner.client.imports.create(inst.id, { format: 'oneroster', mode: 'commit', files }),
    );
    expect(result.report).toMatchObject({
      problemCount: 0,
      created: { students: 2, staff: 1, classes: 1, enrolments: 2 },
    });
    const [biology] = (await owner.client.structure.list(inst.id, 'classes')).items;
    expect(biology).toMatchObject({ name: 'Biology 9', code: 'BIO9', room: 'Lab 2' });
    expect((await owner.client.students.list(inst.id, { classId: biology?.id })).items.map((s) => s.studentNumber)).toEqual([
      '1002',
      '1001',
    ]);
    expect((await owner.client.staff.list(inst.id)).items[0]).toMatchObject({
      staffNumber: 'T100',
      kind: 'teacher',
      email: 'farah@example.org',
    });

    const again = await finished(
      owner.client,
      inst.id,
      await owner.client.imports.create(inst.id, { format: 'oneroster', mode: 'commit', files }),
    );
    expect(again.report).toMatchObject({
      created: { students: 0, staff: 0, classes: 0, enrolments: 0 },
      unchanged: { students: 2, staff: 1, classes: 1, enrolments: 2 },
    });

    const broken = { ...files, 'enrollments.csv': `${files['enrollments.csv']}e-4,active,,c-404,org-1,u-s2,student,false,,\n` };
    const bad = await finished(
      owner.client,
      inst.id,
      await owner.client.imports.create(inst.id, { format: 'oneroster', mode: 'dry_run', files: broken }),
    );
    expect(bad.report?.problems).toEqual([
      { file: 'enrollments.csv', line: 5, field: 'classSourcedId', message: 'No class c-404 in this upload or the institution' },
    ]);
    const missing = await finished(
      owner.client,
      inst.id,
      await owner.client.imports.create(inst.id, { format: 'oneroster', mode: 'dry_run', files: { 'users.csv': files['users.csv'] } }),
    );
    expect(missing.report?.problems.map((p) => p.message)).toEqual([
      'classes.csv is missing from the upload',
      'enrollments.csv is missing from the upload',
      'orgs.csv is missing from the upload',
    ]);
  });

  it('enrolments by class code and student number, against what the institution has', async () => {
    const owner = await signedUpClient(t, 'Owner');
    const inst = await createInstitution(owner.client);
    await owner.client.structure.create(inst.id, 'classes', { name: '9A', code: '9A' });
    await owner.client.students.create(inst.id, { studentNumber: 'A1', firstName: 'Ayesha', lastName: 'Noor' });
    const files = { 'enrolments.csv': 'class_code,student_number\n9a,A1\n9A,ZZ9\n' };
    const dry = await finished(
      owner.client,
      inst.id,
      await owner.client.imports.create(inst.id, { format: 'enrolments', mode: 'commit', files }),
    );
    expect(dry.report?.problems).toEqual([
      { file: 'enrolments.csv', line: 3, field: 'student_number', message: 'No student ZZ9 in this upload or the institution' },
    ]);
    const ok = await finished(
      owner.client,
      inst.id,
      await owner.client.imports.create(inst.id, {
        format: 'enrolments',
        mode: 'commit',
        files: { 'enrolments.csv': 'class_code,student_number\n9a,A1\n' },
      }),
    );
    expect(ok.report?.created.enrolments).toBe(1);
    // A class's capacity holds for imports too.
    const small = await owner.client.structure.create(inst.id, 'classes', { name: 'Lab group', code: 'LAB1', capacity: 1 });
    await owner.client.students.create(inst.id, { studentNumber: 'A2', firstName: 'Bilal', lastName: 'Noor' });
    const full = await finished(
      owner.client,
      inst.id,
      await owner.client.imports.create(inst.id, {
        format: 'enrolments',
        mode: 'commit',
        files: { 'enrolments.csv': 'class_code,student_number\nLAB1,A1\nLAB1,A2\n' },
      }),
    );
    expect(full.report?.problems).toEqual([
      { file: 'enrolments.csv', line: 3, field: null, message: 'Class LAB1 has 1 place; this row is one too many' },
    ]);
    expect((await owner.client.students.list(inst.id, { classId: small.id })).items).toEqual([]);
    const headerless = await finished(
      owner.client,
      inst.id,
      await owner.client.imports.create(inst.id, { format: 'staff', mode: 'dry_run', files: { 'staff.csv': 'number,name\nT1,X\n' } }),
    );
    expect(headerless.report?.problems[0]?.message).toBe('The header lacks staff_number, first_name, last_name, kind');
    expect((await owner.client.imports.list(inst.id)).items.map((i) => i.id)).toContain(ok.id);
  });
});
