// Headless Debian Chromium driven by playwright-core (no browser download), with the flags this
// machine's closed network needs, and a guard that fails the test on any console error.
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../../server/src/testing/test-platform.ts';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export type WatchedPage = { page: Page; consoleErrors: string[] };

export async function openPage(context: BrowserContext): Promise<WatchedPage> {
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error' || msg.type() === 'warning') consoleErrors.push(`${msg.type()}: ${msg.text()}`);
  });
  page.on('pageerror', (err) => consoleErrors.push(`pageerror: ${err.message}`));
  page.on('response', (res) => {
    if (res.status() >= 500) consoleErrors.push(`http ${res.status()}: ${res.request().method()} ${new URL(res.url()).pathname}`);
  });
  return { page, consoleErrors };
}

/** For an end-to-end describe block: the platform serving the web build (with extra `env`), and a browser. */
export function useE2E(webDistDir: string, env: Record<string, string> = {}): { t(): TestPlatform; browser(): Browser } {
  let t: TestPlatform | null = null;
  let browser: Browser | null = null;
  beforeAll(async () => {
    // Server errors are printed, so a failing run shows the cause and not only the symptom.
    t = await startTestPlatform({ webDistDir, env: { LOG_LEVEL: 'error', ...env } });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });
  return {
    t: () => t as TestPlatform,
    browser: () => browser as Browser,
  };
}
