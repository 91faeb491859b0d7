import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, createInstitution, institutionBody, latestToken, problemOf, signedUpClient } from '../../testing/factories.ts';
import { dbLabel, newEmail, PASSWORD, startTestPlatform, type TestPlatform } from '../../testing/test-platform.ts';

async function schemaExists(t: TestPlatform, schema: string): Promise<boolean> {
  const { rows } = await sql<{
    n: number;
  }>`select count(*)::int as n from information_schema.schemata where schema_name = ${schema}`.execute(t.platform.database.db);
  return rows[0]?.n === 1;
}

describe(`institutions on ${dbLabel()}`, () => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await startTestPlatform();
  });
  afterAll(() => t.close());

  it('registers an institution: the creator is owner and a tenant schema is provisioned', async () => {
    const { client } = await signedUpClient(t);
    const inst = await createInstitution(client, { name: 'Riverside College', type: 'college', country: 'GB', timezone: 'Europe/London' });
    expect(inst).toMatchObject({ name: 'Riverside College', type: 'college', country: 'GB', myRole: 'owner', description: null });
    expect(await schemaExists(t, `tenant_${inst.id.replaceAll('-', '')}`)).toBe(true);
    expect((await client.institutions.list()).items.map((i) => i.id)).toContain(inst.id);
    expect(await client.institutions.get(inst.id)).toMatchObject({ id: inst.id, myRole: 'owner' });
  });

  it('refuses a taken slug with 409 and bad fields with 400 naming them', async () => {
    const { client } = await signedUpClient(t);
    const first = await createInstitution(client);
    const dup = await problemOf(client.institutions.create(institutionBody({ slug: first.slug })));
    expect(dup.status).toBe(409);
    expect(dup.problem.errors).toEqual([{ field: 'slug', message: 'is already taken' }]);

    const bad = await problemOf(
      client.raw('POST', '/api/v1/institutions', {
        name: 'X',
        slug: 'Bad Slug',
        type: 'castle',
        country: 'Pakistan',
        timezone: 'Mars/Base',
        extra: 1,
      }),
    );
    expect(bad.status).toBe(400);
    expect(bad.problem.errors?.map((e) => e.field).sort()).toEqual(['country', 'extra', 'name', 'slug', 'timezone', 'type']);
  });

  it('updates settings and profile, recording before and after in the audit trail', async () => {
    const { client } = await signedUpClient(t);
    const inst = await createInstitution(client);
    const updated = await client.institutions.update(inst.id, {
      name: 'Greenfield Academy',
      timezone: 'Europe/Berlin',
      description: 'A small school',
      website: 'https://greenfield.example.org',
    });
    expect(updated).toMatchObject({ name: 'Greenfield Academy', timezone: 'Europe/Berlin', description: 'A small school' });
    const cleared = await client.institutions.update(inst.id, { description: null });
    expect(cleared.description).toBeNull();

    const audit = await client.institutions.audit(inst.id, { action: 'institution.updated' });
    expect(audit.items).toHaveLength(2);
    expect(audit.items[1]).toMatchObject({
      before: { name: inst.name, timezone: 'Asia/Karachi', description: null },
      after: { name: 'Greenfield Academy', timezone: 'Europe/Berlin', description: 'A small school' },
    });
    expect(audit.items[1]?.requestId).toBeTruthy();
    expect(audit.items[1]?.ip).toBeTruthy();
  });

  it('invites by email: a new person accepts by creating an account and appears with the role', async () => {
    const { client: owner } = await signedUpClient(t);
    const inst = await createInstitution(owner);
    const email = newEmail();
    const invitation = await owner.institutions.invite(inst.id, { email, role: 'teacher' });
    expect(invitation).toMatchObject({ email, role: 'teacher', status: 'pending' });

    const token = latestToken(t, email, 'invitations/accept');
    const guest = t.client();
    expect(await guest.invitations.preview(token)).toMatchObject({
      email,
      role: 'teacher',
      accountExists: false,
      institution: { id: inst.id },
    });
    const missing = await problemOf(guest.invitations.accept({ token }));
    expect(missing.problem.errors?.map((e) => e.field).sort()).toEqual(['displayName', 'password']);

    const accepted = await guest.invitations.accept({ token, password: PASSWORD, displayName: 'Tariq Teacher' });
    expect(accepted).toMatchObject({ institutionId: inst.id, role: 'teacher' });
    expect(accepted.auth?.user.emailVerified).toBe(true);
    expect((await guest.institutions.get(inst.id)).myRole).toBe('teacher');

    const members = await owner.institutions.members(inst.id);
    expect(members.items.find((m) => m.email === email)).toMatchObject({ displayName: 'Tariq Teacher', role: 'teacher' });
    expect((await problemOf(t.client().invitations.accept({ token, password: PASSWORD, displayName: 'Again' }))).status).toBe(410);
    expect((await owner.institutions.invitations(inst.id)).items[0]?.status).toBe('accepted');
  });

  it('an existing user accepts signed in, only with the invited address', async () => {
    const { client: owner } = await signedUpClient(t);
    const inst = await createInstitution(owner);
    const invitee = await signedUpClient(t, 'Existing Person');
    await owner.institutions.invite(inst.id, { email: invitee.email, role: 'student' });
    const token = latestToken(t, invitee.email, 'invitations/accept');

    const signedOut = await problemOf(t.client().invitations.accept({ token, password: PASSWORD, displayName: 'Impostor' }));
    expect(signedOut.status).toBe(401);
    const wrongPerson = await signedUpClient(t);
    expect((await problemOf(wrongPerson.client.invitations.accept({ token }))).status).toBe(403);

    expect(await invitee.client.invitations.accept({ token })).toMatchObject({ institutionId: inst.id, role: 'student' });
    expect((await invitee.client.institutions.list()).items.map((i) => i.id)).toEqual([inst.id]);
  });

  it('revokes a pending invitation so its token stops working', async () => {
    const { client: owner } = await signedUpClient(t);
    const inst = await createInstitution(owner);
    const email = newEmail();
    const invitation = await owner.institutions.invite(inst.id, { email, role: 'staff' });
    const token = latestToken(t, email, 'invitations/accept');
    await owner.institutions.revokeInvitation(inst.id, invitation.id);
    expect((await problemOf(t.client().invitations.accept({ token, password: PASSWORD, displayName: 'Late' }))).status).toBe(410);
  });

  it('changes roles and removes members, keeping owner-only rules and at least one owner', async () => {
    const { client: owner, id: ownerId } = await signedUpClient(t);
    const inst = await createInstitution(owner);
    const admin = await addMember(t, owner, inst.id, 'admin');
    const teacher = await addMember(t, owner, inst.id, 'teacher');

    expect(await admin.client.institutions.updateMember(inst.id, teacher.id, { role: 'staff' })).toMatchObject({ role: 'staff' });
    expect((await problemOf(admin.client.institutions.updateMember(inst.id, teacher.id, { role: 'owner' }))).problem.code).toBe(
      'institution.owner_only',
    );
    expect((await problemOf(admin.client.institutions.removeMember(inst.id, ownerId))).problem.code).toBe('institution.owner_only');
    expect((await problemOf(admin.client.institutions.invite(inst.id, { email: newEmail(), role: 'owner' }))).status).toBe(403);

    const lastOwner = await problemOf(owner.institutions.removeMember(inst.id, ownerId));
    expect(lastOwner.status).toBe(409);
    expect(lastOwner.problem.code).toBe('institution.last_owner');
    expect((await problemOf(owner.institutions.updateMember(inst.id, ownerId, { role: 'admin' }))).status).toBe(409);

    // With a second owner, the first may step down.
    await owner.institutions.updateMember(inst.id, admin.id, { role: 'owner' });
    await owner.institutions.updateMember(inst.id, ownerId, { role: 'admin' });
    await admin.client.institutions.removeMember(inst.id, teacher.id);
    expect((await problemOf(teacher.client.institutions.get(inst.id))).status).toBe(404);

    const actions = (await admin.client.institutions.audit(inst.id)).items.map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['member.role_changed', 'member.removed', 'invitation.created', 'invitation.accepted']));
  });

  it('a failed provisioning leaves neither schema nor registry row', async () => {
    const failing = await startTestPlatform({
      extraMigrations: [
        {
          name: '29991231T0000_test_failing_tenant_migration',
          scope: 'tenant',
          async up(db) {
            await sql`create table will_not_survive (id int)`.execute(db);
            throw new Error('injected failure');
          },
        },
      ],
    });
    try {
      const { client } = await signedUpClient(failing);
      const body = institutionBody();
      const err = await problemOf(client.institutions.create(body));
      expect(err.status).toBe(500);
      expect(err.problem.detail).not.toMatch(/injected|will_not_survive/);
      const db = failing.platform.database.db;
      expect(await db.selectFrom('institutions.institutions').select('id').where('slug', '=', body.slug).execute()).toEqual([]);
      expect(await db.selectFrom('platform.tenant_schemas').select('schema_name').execute()).toEqual([]);
      const { rows } = await sql<{
        n: number;
      }>`select count(*)::int as n from information_schema.schemata where schema_name like 'tenant_%'`.execute(db);
      expect(rows[0]?.n).toBe(0);
      expect((await client.institutions.list()).items).toEqual([]);
    } finally {
      await failing.close();
    }
  });

  it('the audit trail is append-only, filterable and cursor-paginated', async () => {
    const { client } = await signedUpClient(t);
    const inst = await createInstitution(client);
    for (const role of ['teacher', 'student', 'parent'] as const) await client.institutions.invite(inst.id, { email: newEmail(), role });
    const page1 = await client.institutions.audit(inst.id, { limit: 2 });
    expect(page1.items).toHaveLength(2);
    expect(page1.nextCursor).toBeTruthy();
    const page2 = await client.institutions.audit(inst.id, { limit: 2, cursor: page1.nextCursor as string });
    expect(page2.items.map((e) => e.id)).not.toContain(page1.items[0]?.id);
    const all = [...page1.items, ...page2.items];
    expect(all.map((e) => e.action)).toEqual(['invitation.created', 'invitation.created', 'invitation.created', 'institution.created']);
    expect(page2.nextCursor).toBeNull();

    const db = t.platform.database.db;
    const id = page1.items[0]?.id as string;
    await expect(db.updateTable('platform.audit_log').set({ action: 'tampered' }).where('id', '=', id).execute()).rejects.toThrow(
      /append-only/,
    );
    await expect(db.deleteFrom('platform.audit_log').where('id', '=', id).execute()).rejects.toThrow(/append-only/);
    const bad = await problemOf(client.institutions.audit(inst.id, { cursor: 'not-a-cursor' }));
    expect(bad.status).toBe(400);
  });
});

describe(`the per-institution request limit on ${dbLabel()}`, () => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await startTestPlatform({ env: { INSTITUTION_REQUESTS_PER_MINUTE: '6' } });
  });
  afterAll(() => t.close());

  it('counts all members of an institution together, answers 429 with Retry-After, and leaves other institutions alone', async () => {
    const owner = await signedUpClient(t, 'Busy Owner');
    const busy = await createInstitution(owner.client);
    const teacher = await addMember(t, owner.client, busy.id, 'teacher');
    const other = await signedUpClient(t, 'Calm Owner');
    const calm = await createInstitution(other.client, { name: 'Calm School' });

    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      const who = i % 2 === 0 ? owner.client : teacher.client;
      statuses.push(
        await who.institutions.get(busy.id).then(
          () => 200,
          (err: { status: number }) => err.status,
        ),
      );
    }
    // The invitation was one request already; both members' requests count against the same budget.
    expect(statuses.filter((s) => s === 200).length).toBe(5);
    expect(statuses.slice(5)).toEqual([429, 429, 429]);
    const res = await fetch(`${t.url}/api/v1/institutions/${busy.id}`, {
      headers: { authorization: `Bearer ${owner.client.accessToken}` },
    });
    expect({ status: res.status, code: ((await res.json()) as { code: string }).code }).toEqual({
      status: 429,
      code: 'request.institution_rate_limited',
    });
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await other.client.institutions.get(calm.id)).name).toBe('Calm School');
  });
});
