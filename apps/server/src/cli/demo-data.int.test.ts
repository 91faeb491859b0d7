import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbLabel, startTestPlatform, type TestPlatform } from '../testing/test-platform.ts';
import { DEMO_INSTITUTION, DEMO_PASSWORD, DEMO_USERS, seedDemo } from './demo-data.ts';

describe(`demo data on ${dbLabel()}`, () => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await startTestPlatform();
  });
  afterAll(() => t.close());

  it('creates the demo institution with one verified user per role, and a second run changes nothing', async () => {
    expect(await seedDemo(t.platform)).toEqual({ created: true });
    expect(await seedDemo(t.platform)).toEqual({ created: false });

    const owner = t.client();
    await owner.auth.login({ email: DEMO_USERS[0]?.email as string, password: DEMO_PASSWORD });
    const [institution] = (await owner.institutions.list()).items;
    expect(institution).toMatchObject({ slug: DEMO_INSTITUTION.slug, myRole: 'owner' });
    const members = (await owner.institutions.members(institution?.id as string)).items;
    const expected = DEMO_USERS.filter((u) => u.role !== 'operator').map((u) => ({ email: u.email, role: u.role }));
    expect(members.map((m) => ({ email: m.email, role: m.role })).sort((a, b) => a.email.localeCompare(b.email))).toEqual(
      expected.sort((a, b) => a.email.localeCompare(b.email)),
    );

    for (const user of DEMO_USERS) {
      const client = t.client();
      const auth = await client.auth.login({ email: user.email, password: DEMO_PASSWORD });
      expect(auth.user.emailVerified).toBe(true);
      expect(auth.user.platformRoles).toEqual(user.role === 'operator' ? ['operator'] : []);
    }
  });
});
