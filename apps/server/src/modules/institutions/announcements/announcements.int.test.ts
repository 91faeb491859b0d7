import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, createInstitution, problemOf, signedUpClient, waitFor } from '../../../testing/factories.ts';
import { dbLabel, startTestPlatform, type TestPlatform } from '../../../testing/test-platform.ts';

describe(`announcements on ${dbLabel()}`, () => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await startTestPlatform({ env: { ANNOUNCEMENT_POLL_MS: '100' } });
  });
  afterAll(() => t.close());

  const inboxTitles = async (client: Awaited<ReturnType<typeof signedUpClient>>['client']) =>
    (await client.notifications.list()).items.filter((n) => n.kind === 'institutions.announcement').map((n) => n.title);

  it('to the whole institution: every other member gets it in their inbox and list', async () => {
    const owner = await signedUpClient(t, 'Owner');
    const inst = await createInstitution(owner.client);
    const teacher = await addMember(t, owner.client, inst.id, 'teacher');
    const parent = await addMember(t, owner.client, inst.id, 'parent');
    const sent = await owner.client.announcements.create(inst.id, {
      title: 'School closed Friday',
      body: 'Snow day.',
      audience: { kind: 'institution' },
    });
    expect(sent).toMatchObject({ recipients: 2, audience: { kind: 'institution' } });
    expect(sent.publishedAt).not.toBeNull();
    for (const member of [teacher, parent]) {
      await waitFor('the inbox entry', async () => (await inboxTitles(member.client)).includes('School closed Friday'));
      expect((await member.client.announcements.list(inst.id)).items.map((a) => a.title)).toEqual(['School closed Friday']);
    }
    expect(await inboxTitles(owner.client)).toEqual([]);
  });

  it('to a class: its students, their guardians and its teachers; teachers only to their own classes', async () => {
    const owner = await signedUpClient(t, 'Owner');
    const inst = await createInstitution(owner.client);
    const api = owner.client;
    const teacher = await addMember(t, api, inst.id, 'teacher');
    const inClass = await addMember(t, api, inst.id, 'student');
    const notInClass = await addMember(t, api, inst.id, 'student');
    const parent = await addMember(t, api, inst.id, 'parent');
    const nineA = await api.structure.create(inst.id, 'classes', { name: '9A', code: '9A', homeroomTeacherId: teacher.id });
    const nineB = await api.structure.create(inst.id, 'classes', { name: '9B', code: '9B' });
    const record = await api.students.create(inst.id, { studentNumber: 'S1', firstName: 'In', lastName: 'Class', userId: inClass.id });
    await api.students.linkGuardian(inst.id, record.id, parent.id);
    await api.students.enrol(inst.id, nineA.id, [record.id]);

    const sent = await teacher.client.announcements.create(inst.id, {
      title: 'Field trip Monday',
      audience: { kind: 'class', id: nineA.id },
    });
    expect(sent.recipients).toBe(2);
    for (const member of [inClass, parent])
      await waitFor('the class announcement', async () => (await inboxTitles(member.client)).includes('Field trip Monday'));
    expect((await notInClass.client.announcements.list(inst.id)).items).toEqual([]);
    expect(
      (await problemOf(teacher.client.announcements.create(inst.id, { title: 'X', audience: { kind: 'class', id: nineB.id } }))).problem
        .code,
    ).toBe('announcements.not_your_audience');
    expect((await problemOf(teacher.client.announcements.create(inst.id, { title: 'X', audience: { kind: 'institution' } }))).status).toBe(
      403,
    );
    const bad = await problemOf(api.announcements.create(inst.id, { title: 'X', audience: { kind: 'department', id: nineA.id } }));
    expect({ status: bad.status, field: bad.problem.errors?.[0]?.field }).toEqual({ status: 400, field: 'audience.id' });
    expect((await problemOf(inClass.client.announcements.create(inst.id, { title: 'X', audience: { kind: 'institution' } }))).status).toBe(
      403,
    );
  });

  it('scheduled ones wait for their time; deleting one before then means it is never sent', async () => {
    const owner = await signedUpClient(t, 'Owner');
    const inst = await createInstitution(owner.client);
    const staff = await addMember(t, owner.client, inst.id, 'staff');
    const soon = new Date(Date.now() + 1500).toISOString();
    const later = await owner.client.announcements.create(inst.id, {
      title: 'Assembly at noon',
      audience: { kind: 'institution' },
      publishAt: soon,
    });
    const never = await owner.client.announcements.create(inst.id, {
      title: 'Cancelled',
      audience: { kind: 'institution' },
      publishAt: soon,
    });
    expect(later).toMatchObject({ publishedAt: null, recipients: null });
    expect((await owner.client.announcements.list(inst.id, { scheduled: 'true' })).items.map((a) => a.title).sort()).toEqual([
      'Assembly at noon',
      'Cancelled',
    ]);
    expect((await staff.client.announcements.list(inst.id)).items).toEqual([]);
    await owner.client.announcements.remove(inst.id, never.id);

    await waitFor('the scheduled announcement', async () => (await inboxTitles(staff.client)).includes('Assembly at noon'));
    expect((await staff.client.announcements.list(inst.id)).items.map((a) => a.title)).toEqual(['Assembly at noon']);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await inboxTitles(staff.client)).toEqual(['Assembly at noon']);
    expect((await owner.client.announcements.list(inst.id, { scheduled: 'true' })).items).toEqual([]);
  });
});
