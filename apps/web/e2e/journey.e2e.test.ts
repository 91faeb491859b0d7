// The foundation's end-to-end journey in a real browser: sign up, verify the email, create an
// institution, invite a second person, who accepts and appears in the members list with the role.
import { mkdirSync } from 'node:fs';
import { describe, expect, it, onTestFailed } from 'vitest';
import { latestToken } from '../../server/src/testing/factories.ts';
import { newEmail, PASSWORD } from '../../server/src/testing/test-platform.ts';
import { openPage, useE2E, WEB_DIST } from './browser.ts';

describe('first journey in Chromium', () => {
  const e2e = useE2E(WEB_DIST);

  it('sign up → verify → create institution → invite → accept → listed with role', async () => {
    const t = e2e.t();
    const browser = e2e.browser();
    const ownerEmail = newEmail();
    const inviteeEmail = newEmail();
    const owner = await openPage(await browser.newContext({ viewport: { width: 1280, height: 800 } }));
    const { page } = owner;
    onTestFailed(async () => {
      mkdirSync('test-results', { recursive: true });
      await page.screenshot({ path: 'test-results/journey-owner.png', fullPage: true });
      console.error(`owner page at failure: ${page.url()}\n${owner.consoleErrors.join('\n')}`);
    });

    await page.goto(`${t.url}/signup`);
    await page.getByLabel('Display name').fill('Olivia Owner');
    await page.getByLabel('Email').fill(ownerEmail);
    await page.getByLabel('Password', { exact: false }).first().fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign up' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/signup'));

    await page.goto(`${t.url}/verify-email?token=${latestToken(t, ownerEmail, 'verify-email')}`);
    await expect
      .poll(
        () =>
          page
            .getByText(/verified/i)
            .first()
            .isVisible(),
        { timeout: 15_000 },
      )
      .toBe(true);

    await page.goto(`${t.url}/institutions/new`);
    await page.getByLabel('Name').first().fill('Journey High School');
    await expect.poll(() => page.getByLabel('Slug').inputValue()).toBe('journey-high-school');
    for (const [label, value] of [
      ['Type', 'School'],
      ['Country', 'PK'],
      ['Time zone', 'Asia/Karachi'],
    ] as const) {
      await page.getByLabel(label).first().fill(value);
      await page.keyboard.press('Tab');
    }
    await page.getByRole('button', { name: 'Create institution' }).click();
    await page.waitForURL(/\/institutions\/[0-9a-f-]{36}/);
    const institutionId = page.url().match(/institutions\/([0-9a-f-]{36})/)?.[1] as string;

    await page.goto(`${t.url}/institutions/${institutionId}/members`);
    await page.getByLabel('Email').first().fill(inviteeEmail);
    await page.getByLabel('Role').first().fill('Teacher');
    await page.keyboard.press('Tab');
    await page.getByRole('button', { name: 'Send invitation' }).click();
    await expect.poll(() => page.getByText(inviteeEmail).first().isVisible(), { timeout: 15_000 }).toBe(true);

    const invitee = await openPage(await browser.newContext({ viewport: { width: 390, height: 844 } }));
    await invitee.page.goto(`${t.url}/invitations/accept?token=${latestToken(t, inviteeEmail, 'invitations/accept')}`);
    await invitee.page.getByLabel('Display name').fill('Tariq Teacher');
    await invitee.page.getByLabel('Password', { exact: false }).first().fill(PASSWORD);
    await invitee.page.getByRole('button', { name: 'Accept invitation' }).click();
    await invitee.page.waitForURL(new RegExp(`/institutions/${institutionId}`));

    await page.reload();
    const row = page.getByRole('row').filter({ hasText: 'Tariq Teacher' });
    await expect.poll(() => row.count(), { timeout: 15_000 }).toBe(1);
    expect(((await row.textContent()) ?? '').toLowerCase()).toContain('teacher');
    expect(((await row.textContent()) ?? '').toLowerCase()).toContain(inviteeEmail);

    expect(owner.consoleErrors).toEqual([]);
    expect(invitee.consoleErrors).toEqual([]);
  });
});
