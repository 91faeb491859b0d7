// npm run seed:demo: a demo institution with one user per role, so a newcomer can look around at once.
// Idempotent: running it twice changes nothing. Goes through the services, like real users would.

import { loadConfig } from '../platform/config.ts';
import { createPlatform } from '../platform.ts';
import { DEMO_INSTITUTION, DEMO_PASSWORD, DEMO_USERS, seedDemo } from './demo-data.ts';

async function main() {
  const config = loadConfig();
  const platform = await createPlatform({ config, webDistDir: null });
  try {
    const result = await seedDemo(platform);
    console.log(result.created ? 'Demo data created.' : 'Demo data was already there; nothing changed.');
    console.log(`\nInstitution: ${DEMO_INSTITUTION.name} (/${DEMO_INSTITUTION.slug})`);
    console.log(`Password for every demo account: ${DEMO_PASSWORD}\n`);
    for (const u of DEMO_USERS) console.log(`  ${u.role.padEnd(9)} ${u.email}`);
  } finally {
    await platform.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
