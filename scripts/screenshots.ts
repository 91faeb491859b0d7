// npm run screenshots: serves the built web app on a fresh embedded database with the demo data,
// and saves every main page at phone and desktop widths into screenshots/ (not committed).
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO_PASSWORD, seedDemo } from '../apps/server/src/cli/demo-data.ts';
import { loadConfig } from '../apps/server/src/platform/config.ts';
import { createPlatform } from '../apps/server/src/platform.ts';
import { launchBrowser } from '../apps/web/e2e/browser.ts';

const OUT = 'screenshots';
const dataDir = mkdtempSync(join(tmpdir(), 'edumatrix-shots-'));
const platform = await createPlatform({
  config: loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'warn' }),
  webDistDir: fileURLToPath(new URL('../apps/web/dist', import.meta.url)),
});
await seedDemo(platform);
const address = platform.app.server.address();
const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
const institutionId = (await platform.database.db.selectFrom('institutions.institutions').select('id').executeTakeFirstOrThrow())
  .id as string;

const signedOut = ['/', '/signin', '/signup', '/forgot-password'];
const signedIn = [
  '/',
  '/profile',
  '/sessions',
  '/institutions/new',
  `/institutions/${institutionId}`,
  `/institutions/${institutionId}/members`,
  `/institutions/${institutionId}/audit`,
];

mkdirSync(OUT, { recursive: true });
const browser = await launchBrowser();
try {
  for (const [device, viewport] of [
    ['phone', { width: 390, height: 844 }],
    ['desktop', { width: 1280, height: 800 }],
  ] as const) {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    const name = (path: string, prefix: string) =>
      `${OUT}/${device}-${prefix}${path === '/' ? '_home' : path.replace(/\/[0-9a-f-]{36}/, '').replaceAll('/', '_')}.png`;
    for (const path of signedOut) {
      await page.goto(base + path);
      await page.waitForLoadState('networkidle');
      await page.screenshot({ path: name(path, 'out'), fullPage: true });
    }
    await page.goto(`${base}/signin`);
    await page.getByLabel('Email').fill('owner@demo.edumatrix.local');
    await page.getByLabel('Password').first().fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/signin'));
    for (const path of signedIn) {
      await page.goto(base + path);
      await page.waitForLoadState('networkidle');
      await page.screenshot({ path: name(path, 'in'), fullPage: true });
    }
    await context.close();
  }
  console.log(`screenshots saved in ${OUT}/`);
} finally {
  await browser.close();
  await platform.close();
  rmSync(dataDir, { recursive: true, force: true });
}
