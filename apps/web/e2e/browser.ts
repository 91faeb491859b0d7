// Headless Debian Chromium driven by playwright-core (no browser download), with the flags this
// machine's closed network needs, and a guard that fails the test on any console error.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, onTestFailed } from 'vitest';
import { latestToken, signedUpClient } from '../../server/src/testing/factories.ts';
import { PASSWORD, startTestPlatform, type TestPlatform } from '../../server/src/testing/test-platform.ts';

/** The web build under test; E2E_WEB_DIST lets a second build (a helper's) be tested without touching apps/web/dist. */
export const WEB_DIST = process.env.E2E_WEB_DIST ?? fileURLToPath(new URL('../dist', import.meta.url));

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

/**
 * For an end-to-end describe block: the platform serving the web build (with extra `env`, or a
 * function giving it once earlier `beforeAll` hooks have run — say, a test SMTP server's URL), and a browser.
 */
export type E2E = { t(): TestPlatform; browser(): Browser };

export function useE2E(webDistDir: string, env: Record<string, string> | (() => Record<string, string>) = {}): E2E {
  let t: TestPlatform | null = null;
  let browser: Browser | null = null;
  beforeAll(async () => {
    // Server errors are printed, so a failing run shows the cause and not only the symptom.
    t = await startTestPlatform({ webDistDir, env: { LOG_LEVEL: 'error', ...(typeof env === 'function' ? env() : env) } });
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

/** Signs in through the sign-in page and waits to leave it. */
export async function signInAs(page: Page, baseUrl: string, email: string) {
  await page.goto(`${baseUrl}/signin`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').first().fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/signin'));
}

export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1280, height: 800 };

/**
 * A tab signed in as `email`, in a browser context of its own (its own cookies, as another person's
 * browser), screenshotted as `name` if the test fails.
 */
export async function signedInTab(e2e: E2E, email: string, viewport: { width: number; height: number }, name: string) {
  const watched = await openPage(await e2e.browser().newContext({ viewport }));
  screenshotOnFailure(name, watched);
  await signInAs(watched.page, e2e.t().url, email);
  return watched;
}

/** Waits for the page's socket: the status line the shell shows once live updates flow. */
export const liveConnected = (page: Page) =>
  expect.poll(() => page.getByText('Live updates: connected').count(), { timeout: 15_000 }).toBe(1);

/** A person with a confirmed address, so no banner covers the pages. */
export async function verifiedPerson(t: TestPlatform, name: string) {
  const p = await signedUpClient(t, name);
  await p.client.auth.verifyEmail(latestToken(t, p.email, 'verify-email'));
  return p;
}

/** On failure: a full-page screenshot in test-results/<name>.png and the page's console errors. */
export function screenshotOnFailure(name: string, watched: WatchedPage) {
  onTestFailed(async () => {
    mkdirSync('test-results', { recursive: true });
    await watched.page.screenshot({ path: `test-results/${name}.png`, fullPage: true });
    console.error(`${name} page at failure: ${watched.page.url()}\n${watched.consoleErrors.join('\n')}`);
  });
}

/**
 * Screenshots of `page` at phone and desktop widths into `dir` as `<name>-phone.png` and
 * `<name>-desktop.png`, for a person to look at; nothing when `dir` is unset.
 */
export async function screenshotsAtWidths(page: Page, dir: string | undefined, name: string) {
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  const before = page.viewportSize();
  for (const [label, width, height] of [
    ['phone', 390, 844],
    ['desktop', 1280, 800],
  ] as const) {
    await page.setViewportSize({ width, height });
    await page.waitForTimeout(300);
    await page.screenshot({ path: `${dir}/${name}-${label}.png`, fullPage: true });
  }
  if (before) await page.setViewportSize(before);
}
