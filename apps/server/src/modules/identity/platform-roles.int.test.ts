import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { problemOf, signedUpClient } from '../../testing/factories.ts';
import { dbLabel, startTestPlatform, type TestPlatform } from '../../testing/test-platform.ts';

describe(`platform roles on ${dbLabel()}`, () => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await startTestPlatform();
  });
  afterAll(() => t.close());

  it('an operator grants and withdraws platform roles; others cannot; every change is audited', async () => {
    const operator = await signedUpClient(t, 'Operator');
    await t.platform.identity.setPlatformRoles(operator.id, ['operator']);
    await operator.client.auth.refresh(); // the new role rides in the next access token
    const member = await signedUpClient(t, 'Future Moderator');

    expect((await problemOf(member.client.admin.setPlatformRoles(member.id, ['operator']))).status).toBe(403);
    const granted = await operator.client.admin.setPlatformRoles(member.id, ['moderator']);
    expect(granted.platformRoles).toEqual(['moderator']);
    await member.client.auth.refresh();
    expect((await member.client.me.get()).platformRoles).toEqual(['moderator']);

    const bad = await problemOf(operator.client.admin.setPlatformRoles(member.id, ['moderator', 'moderator']));
    expect(bad.status).toBe(400);
    expect(bad.problem.errors?.[0]?.field).toBe('roles');
    expect((await problemOf(operator.client.admin.setPlatformRoles('01a20000-0000-7000-8000-000000000000', []))).status).toBe(404);

    await operator.client.admin.setPlatformRoles(member.id, []);
    const { rows } = await sql<{ actor_id: string; before: unknown; after: unknown }>`
      select actor_id, before, after from platform.audit_log
      where action = 'user.platform_roles_changed' and target_id = ${member.id} order by id`.execute(t.platform.database.db);
    expect(rows.map((r) => [r.actor_id, r.before, r.after])).toEqual([
      [operator.id, { roles: [] }, { roles: ['moderator'] }],
      [operator.id, { roles: ['moderator'] }, { roles: [] }],
    ]);
  });
});
