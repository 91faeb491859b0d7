// Nothing is lost on restart: a new platform over the same database sees every account, session and tenant.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@edumatrix/client';
import { afterAll, describe, expect, it } from 'vitest';
import { createInstitution, signedUpClient } from '../testing/factories.ts';
import { dbLabel, onPostgres, PASSWORD, startTestPlatform } from '../testing/test-platform.ts';

describe(`restart on ${dbLabel()}`, () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'edumatrix-restart-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('keeps users, sessions, institutions and the signing key across a restart', async () => {
    const first = await startTestPlatform({ dataDir });
    const { client, email } = await signedUpClient(first);
    const inst = await createInstitution(client);
    const refreshToken = client.refreshToken as string;
    await first.close({ keepDatabase: true });

    const second = await startTestPlatform(onPostgres() ? { reuse: { databaseName: first.databaseName as string } } : { dataDir });
    try {
      const again = createClient({ baseUrl: second.url });
      const auth = await again.auth.login({ email, password: PASSWORD });
      expect(auth.user.email).toBe(email);
      expect((await again.institutions.get(inst.id)).name).toBe(inst.name);
      // The refresh token issued before the restart still works: the session and the key survived.
      const res = await fetch(`${second.url}/api/v1/auth/refresh`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ refreshToken }),
      });
      expect(res.status).toBe(200);
    } finally {
      await second.close();
    }
  });
});
