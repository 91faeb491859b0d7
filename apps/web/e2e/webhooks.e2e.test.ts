// Webhooks in a real browser against a real receiver on loopback: an admin adds an endpoint, copies
// the secret shown once, sends a test and reads the delivery; the receiver checks the signature.
import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, createInstitution, signedUpClient } from '../../server/src/testing/factories.ts';
import { openPage, screenshotOnFailure, signInAs, useE2E, type WatchedPage, WEB_DIST } from './browser.ts';

type Received = { headers: IncomingHttpHeaders; body: string };

/** A receiver that records every request and answers 200, as a healthy integration would. */
function startReceiver(): Promise<{ url: string; received: Received[]; close(): Promise<void> }> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}/hooks`,
        received,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}

/** What a receiver does per the Standard Webhooks spec, written out rather than taken from our server. */
function signatureVerifies(secret: string, request: Received): boolean {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const { headers, body } = request;
  const expected = createHmac('sha256', key).update(`${headers['webhook-id']}.${headers['webhook-timestamp']}.${body}`).digest('base64');
  return String(headers['webhook-signature'] ?? '')
    .split(' ')
    .includes(`v1,${expected}`);
}

const ofType = (received: Received[], type: string) => received.filter((r) => r.headers['x-edumatrix-event'] === type);

describe('webhooks in Chromium', () => {
  const e2e = useE2E(WEB_DIST, { WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true', WEBHOOK_RETRY_BASE_MS: '50', WEBHOOK_MAX_ATTEMPTS: '2' });
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  beforeAll(async () => {
    receiver = await startReceiver();
  });
  afterAll(() => receiver?.close());

  const signIn = (page: Page, email: string) => signInAs(page, e2e.t().url, email);

  const onFailure = (name: string, watched: WatchedPage) => screenshotOnFailure(`webhooks-${name}`, watched);

  /** The error Mantine shows under the URL input, inside the same field wrapper. */
  const urlFieldText = (page: Page) =>
    page
      .locator('.mantine-TextInput-root')
      .filter({ has: page.getByLabel(/^URL/) })
      .textContent();

  it('add an endpoint, copy its secret, send a test and read the signed delivery', async () => {
    const t = e2e.t();
    const owner = await signedUpClient(t, 'Wanda Webhooks');
    const institution = await createInstitution(owner.client, { name: 'Hook Academy' });
    const desktop = await openPage(await e2e.browser().newContext({ viewport: { width: 1280, height: 800 } }));
    onFailure('desktop', desktop);
    const { page } = desktop;
    await signIn(page, owner.email);

    await page.goto(`${t.url}/institutions/${institution.id}`);
    await page.getByRole('link', { name: 'Webhooks' }).click();
    await page.waitForURL(/\/webhooks$/);
    await expect.poll(() => page.getByText('No endpoints yet.').count(), { timeout: 15_000 }).toBe(1);
    expect(await page.getByText('webhook-signature').count()).toBe(1);

    const url = page.getByLabel(/^URL/);
    const add = page.getByRole('button', { name: 'Add endpoint' });
    await page.getByLabel('Member joined').check();

    // The contract's rule, checked in the browser: only http and https.
    await url.fill('ftp://example.org/hook');
    await add.click();
    await expect.poll(() => url.getAttribute('aria-invalid')).toBe('true');
    expect(await urlFieldText(page)).toContain('Must be an http or https URL');

    // A rule only the server knows comes back as problem+json and lands on the same field.
    await url.fill(receiver.url.replace('http://', 'http://someone:pw@'));
    await add.click();
    await expect.poll(() => urlFieldText(page), { timeout: 10_000 }).toContain('Must not contain a user name or password');

    await url.fill(receiver.url);
    await page.getByLabel('Description').fill('Timetable sync');
    await add.click();
    const secretBox = page.locator('[data-secret]');
    await expect.poll(() => secretBox.count(), { timeout: 10_000 }).toBe(1);
    const secret = ((await secretBox.textContent()) ?? '').trim();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/=]+$/);
    expect(await page.getByText('It will not be shown again', { exact: false }).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Copy secret' }).count()).toBe(1);

    const endpointLink = page.getByRole('link', { name: receiver.url });
    await expect.poll(() => endpointLink.count()).toBe(1);
    await endpointLink.click();
    await page.waitForURL(/\/webhooks\/[0-9a-f-]{36}$/);
    await expect.poll(() => page.getByText('Nothing was sent yet', { exact: false }).count(), { timeout: 10_000 }).toBe(1);
    await page.evaluate(() => Object.assign(window, { notReloaded: true }));

    await page.getByRole('button', { name: /^Send test/ }).click();
    const pingRow = page.getByRole('row').filter({ hasText: 'Test ping' });
    await expect.poll(() => pingRow.filter({ hasText: 'Succeeded' }).count(), { timeout: 15_000 }).toBe(1);
    expect(await pingRow.textContent()).toContain('200');
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);

    await pingRow.getByRole('button', { name: 'Test ping' }).click();
    const dialog = page.getByRole('dialog');
    const shownBody = dialog.getByLabel('Delivery body');
    await expect.poll(() => shownBody.count(), { timeout: 10_000 }).toBe(1);
    expect(await dialog.textContent()).toContain('HTTP 200');
    const bodyText = (await shownBody.textContent()) ?? '';
    expect(bodyText).toContain('"type": "webhooks.ping"');

    const [ping] = ofType(receiver.received, 'webhooks.ping');
    if (!ping) throw new Error('the receiver got no ping');
    expect(signatureVerifies(secret, ping)).toBe(true);
    expect(JSON.parse(ping.body)).toEqual(JSON.parse(bodyText));
    expect(await dialog.textContent()).toContain(String(ping.headers['webhook-id']));
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);

    // A real event the endpoint subscribed to reaches the receiver and, on the slow poll, the log.
    await addMember(t, owner.client, institution.id, 'teacher');
    await expect.poll(() => ofType(receiver.received, 'institutions.member_joined').length, { timeout: 15_000 }).toBe(1);
    const joined = ofType(receiver.received, 'institutions.member_joined')[0] as Received;
    expect(signatureVerifies(secret, joined)).toBe(true);
    await expect
      .poll(() => page.getByRole('row').filter({ hasText: 'Member joined' }).filter({ hasText: 'Succeeded' }).count(), { timeout: 25_000 })
      .toBe(1);

    // The phone layout: nothing wider than the screen.
    const phone = await openPage(await e2e.browser().newContext({ viewport: { width: 390, height: 844 } }));
    onFailure('phone', phone);
    await signIn(phone.page, owner.email);
    for (const path of ['webhooks', page.url().replace(/.*\/institutions\/[0-9a-f-]{36}\//, '')]) {
      await phone.page.goto(`${t.url}/institutions/${institution.id}/${path}`);
      await expect.poll(() => phone.page.getByText(receiver.url).count(), { timeout: 10_000 }).toBeGreaterThan(0);
      expect(await phone.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    }

    // Rotating shows the new secret once; later deliveries verify with it and not the old one.
    await page.getByRole('button', { name: /^Rotate secret/ }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Rotate secret' }).click();
    await expect.poll(() => page.getByRole('dialog').locator('[data-secret]').count(), { timeout: 10_000 }).toBe(1);
    const rotated = ((await page.getByRole('dialog').locator('[data-secret]').textContent()) ?? '').trim();
    expect(rotated).toMatch(/^whsec_/);
    expect(rotated).not.toBe(secret);
    await page.getByRole('button', { name: 'Done' }).click();
    await page.getByRole('button', { name: /^Send test/ }).click();
    await expect.poll(() => ofType(receiver.received, 'webhooks.ping').length, { timeout: 15_000 }).toBe(2);
    const second = ofType(receiver.received, 'webhooks.ping')[1] as Received;
    expect(signatureVerifies(rotated, second)).toBe(true);
    expect(signatureVerifies(secret, second)).toBe(false);

    // Disabling pauses the endpoint; enabling brings it back.
    await page.getByRole('button', { name: /^Disable/ }).click();
    await expect.poll(() => page.getByText('Disabled by an administrator', { exact: false }).count(), { timeout: 10_000 }).toBe(1);
    expect(await page.getByRole('button', { name: /^Send test/ }).isDisabled()).toBe(true);
    await page.getByRole('button', { name: /^Enable/ }).click();
    await expect.poll(() => page.getByRole('button', { name: /^Send test/ }).isDisabled(), { timeout: 10_000 }).toBe(false);

    await page.getByRole('button', { name: /^Delete/ }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete endpoint' }).click();
    await page.waitForURL(/\/webhooks$/);
    await expect.poll(() => page.getByText('No endpoints yet.').count(), { timeout: 10_000 }).toBe(1);

    await page.getByRole('link', { name: 'Audit log' }).click();
    await expect.poll(() => page.getByText('webhook.secret_rotated').count(), { timeout: 10_000 }).toBe(1);

    // The server's refusal above is a 400 the browser reports; nothing else may be logged.
    expect(desktop.consoleErrors).toEqual([expect.stringContaining('status of 400')]);
    expect(phone.consoleErrors).toEqual([]);
  });
});
