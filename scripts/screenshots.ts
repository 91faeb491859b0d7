// npm run screenshots: serves the built web app on a fresh embedded database with the demo data,
// and saves every main page at phone and desktop widths into screenshots/ (not committed).
// SCREENSHOTS_WEB_DIST and SCREENSHOTS_OUT point it at another build and folder (a helper's).
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient } from '@edumatrix/client';
import { DEMO_PASSWORD, seedDemo } from '../apps/server/src/cli/demo-data.ts';
import { loadConfig } from '../apps/server/src/platform/config.ts';
import { createPlatform } from '../apps/server/src/platform.ts';
import { launchBrowser } from '../apps/web/e2e/browser.ts';

const OUT = process.env.SCREENSHOTS_OUT ?? 'screenshots';
const dataDir = mkdtempSync(join(tmpdir(), 'edumatrix-shots-'));
// Webhook receivers on this machine. On /ok the second delivery always fails and the fourth needs a
// retry, so the log shows every outcome; anything else always answers 500.
const seen: string[] = [];
const receiver = createServer((req, res) => {
  req.resume();
  const id = String(req.headers['webhook-id']);
  const first = !seen.includes(id);
  if (first && req.url === '/ok') seen.push(id);
  const nth = seen.indexOf(id) + 1;
  const healthy = req.url === '/ok' && nth !== 2 && !(nth === 4 && first);
  req.on('end', () => res.writeHead(healthy ? 200 : 500).end());
});
await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
const receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
const platform = await createPlatform({
  config: loadConfig({
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
    WEBHOOK_MAX_ATTEMPTS: '2',
    WEBHOOK_RETRY_BASE_MS: '50',
  }),
  webDistDir: process.env.SCREENSHOTS_WEB_DIST ?? fileURLToPath(new URL('../apps/web/dist', import.meta.url)),
});
await seedDemo(platform);
const address = platform.app.server.address();
const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
const institutionId = (await platform.database.db.selectFrom('institutions.institutions').select('id').executeTakeFirstOrThrow())
  .id as string;
const webhookId = await seedWebhooks();

/** Two endpoints with a few finished deliveries: one healthy receiver, one that answers 500. */
async function seedWebhooks(): Promise<string> {
  const owner = createClient({ baseUrl: base });
  await owner.auth.login({ email: 'owner@demo.edumatrix.local', password: DEMO_PASSWORD });
  const healthy = await owner.webhooks.create(institutionId, {
    url: `${receiverUrl}/ok`,
    description: 'Timetable and roster sync',
    eventTypes: ['institutions.member_joined', 'institutions.member_removed', 'institutions.member_role_changed'],
  });
  const broken = await owner.webhooks.create(institutionId, {
    url: `${receiverUrl}/broken/a-rather-long-path/that-has-to-wrap-on-a-phone?token=0123456789abcdef`,
    description: '',
    eventTypes: ['institutions.member_invited'],
  });
  for (let i = 0; i < 6; i++) await owner.webhooks.ping(institutionId, healthy.id);
  await owner.webhooks.ping(institutionId, broken.id);
  for (const id of [healthy.id, broken.id]) {
    while ((await owner.webhooks.deliveries(institutionId, id, { status: 'pending' })).items.length > 0) {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return healthy.id;
}

const signedOut = ['/', '/signin', '/signup', '/forgot-password'];
const signedIn = [
  '/',
  '/profile',
  '/sessions',
  '/institutions/new',
  `/institutions/${institutionId}`,
  `/institutions/${institutionId}/members`,
  `/institutions/${institutionId}/audit`,
  `/institutions/${institutionId}/webhooks`,
  `/institutions/${institutionId}/webhooks/${webhookId}`,
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
      `${OUT}/${device}-${prefix}${
        path === '/'
          ? '_home'
          : path
              .replace(/\/[0-9a-f-]{36}/, '')
              .replace(/[0-9a-f-]{36}/g, 'detail')
              .replaceAll('/', '_')
      }.png`;
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
  receiver.close();
  rmSync(dataDir, { recursive: true, force: true });
}
