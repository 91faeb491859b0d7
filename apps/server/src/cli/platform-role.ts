// npm run platform-role -- EMAIL [ROLE,ROLE]: sets a user's platform roles (operator, moderator).
// How the first operator of a deployment is made; after that, operators use the admin API.
import { PlatformRole } from '@edumatrix/contracts';
import { z } from 'zod';
import { loadConfig } from '../platform/config.ts';
import { createPlatform } from '../platform.ts';

async function main() {
  const [email, list = ''] = process.argv.slice(2);
  const roles = z.array(PlatformRole).safeParse(list.split(',').filter(Boolean));
  if (!email || !roles.success) {
    console.error('usage: npm run platform-role -- EMAIL [operator][,moderator]   (no roles: withdraw all)');
    process.exit(2);
  }
  const platform = await createPlatform({ config: loadConfig(), webDistDir: null });
  try {
    const user = await platform.identity.findUserByEmail(email);
    if (!user) throw new Error(`no account with email ${email}`);
    const updated = await platform.identity.setPlatformRoles(user.id, roles.data);
    console.log(`${updated.email}: platform roles ${updated.platformRoles.join(', ') || '(none)'}`);
  } finally {
    await platform.close();
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
