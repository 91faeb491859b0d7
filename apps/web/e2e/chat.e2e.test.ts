// Chat in two browsers at once: a direct conversation opened from `/chat?with=`, messages sent over
// the socket and seen live on the other side, typing, read receipts, edits, deletes, reactions,
// threads, files and search; a group of three, a failed send retried under its clientId, and a
// member who drops off the network and, back online, gets each missed message once and in order
// (caught up by sequence number, and recovered by Socket.IO); older history on scrolling up.
import { crc32, deflateSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  liveConnected as connected,
  DESKTOP,
  PHONE,
  verifiedPerson as person,
  screenshotsAtWidths,
  signedInTab,
  useE2E,
  WEB_DIST,
} from './browser.ts';

/** Where to save screenshots for a look at the pages (CHAT_SHOTS=/tmp/chat-shots); none without it. */
const SHOTS = process.env.CHAT_SHOTS;

/** A small gradient PNG, drawn here: the server checks the bytes, the browser previews it. */
function png(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bits per channel
  header[9] = 2; // RGB
  const stride = width * 3 + 1;
  const pixels = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * stride + 1 + x * 3;
      pixels[i] = 40 + Math.round((x / width) * 180);
      pixels[i + 1] = 110;
      pixels[i + 2] = 220 - Math.round((y / height) * 120);
    }
  }
  const signature = Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]);
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', deflateSync(pixels)), chunk('IEND', Buffer.alloc(0))]);
}

describe('chat in Chromium', () => {
  const e2e = useE2E(WEB_DIST);
  const shot = (page: Page, name: string) => screenshotsAtWidths(page, SHOTS, name);

  async function tab(email: string, viewport: { width: number; height: number }, name: string) {
    const watched = await signedInTab(e2e, email, viewport, `chat-${name}`);
    await connected(watched.page);
    return watched;
  }

  const composer = (page: Page) => page.getByRole('textbox', { name: 'Message', exact: true });
  const message = (page: Page, text: string | RegExp) => page.getByTestId('message').filter({ hasText: text });
  const bubbles = (page: Page) => page.getByTestId('bubble').allTextContents();
  const shows = (page: Page, text: string | RegExp, count = 1) =>
    expect.poll(() => message(page, text).count(), { timeout: 15_000 }).toBe(count);

  async function send(page: Page, text: string) {
    await composer(page).fill(text);
    await composer(page).press('Enter');
    await shows(page, text);
  }

  async function act(page: Page, text: string, action: string) {
    const m = message(page, text).last();
    await m.hover();
    await m.getByRole('button', { name: 'Message actions' }).click();
    await page.getByRole('menuitem', { name: action }).click();
  }

  it('a direct conversation: live messages, typing, receipts, edit, delete, reactions, a thread, files and search', async () => {
    const t = e2e.t();
    const ana = await person(t, 'Ana Archer');
    const bo = await person(t, 'Bo Baker');
    const a = await tab(ana.email, DESKTOP, 'ana');
    const b = await tab(bo.email, PHONE, 'bo');
    const [pa, pb] = [a.page, b.page];

    // Ana opens the conversation from a profile's "Message" link.
    await pa.goto(`${t.url}/chat?with=${bo.id}`);
    await pa.waitForURL(/\/chat\/[0-9a-f-]{36}$/);
    await expect.poll(() => pa.getByRole('heading', { name: 'Bo Baker' }).count()).toBe(1);
    await send(pa, 'Hello Bo');
    await expect.poll(() => pa.getByText('Sending…').count(), { timeout: 15_000 }).toBe(0);

    // Bo's list (his phone shows the list alone) has it, unread.
    await pb.goto(`${t.url}/chat`);
    const item = pb.locator('[data-conversation="Ana Archer"]');
    await expect.poll(() => item.textContent(), { timeout: 15_000 }).toContain('Hello Bo');
    expect(await item.getByLabel('1 unread').count()).toBe(1);

    // A second message reaches the open list live, and is counted.
    await send(pa, 'Are you there?');
    await expect.poll(() => item.textContent(), { timeout: 15_000 }).toContain('Are you there?');
    expect(await item.getByLabel('2 unread').count()).toBe(1);

    // Bo opens it and reads: Ana sees "Seen" under her latest message, live.
    expect(await pa.getByTestId('seen').count()).toBe(0);
    await item.click();
    await shows(pb, 'Are you there?');
    await expect.poll(() => message(pa, 'Are you there?').getByTestId('seen').textContent(), { timeout: 15_000 }).toBe('Seen');
    await expect.poll(() => item.getByLabel(/unread/).count()).toBe(0);

    // Bo types: Ana sees it; his message replaces the indicator.
    await composer(pb).pressSequentially('Hi Ana', { delay: 30 });
    await expect.poll(() => pa.getByTestId('typing').textContent(), { timeout: 15_000 }).toBe('Bo Baker is typing…');
    await composer(pb).press('Shift+Enter');
    await composer(pb).pressSequentially('second line');
    await composer(pb).press('Enter');
    await shows(pa, 'second line');
    expect(await bubbles(pa)).toContain('Hi Ana\nsecond line');
    await expect.poll(() => pa.getByTestId('typing').count(), { timeout: 10_000 }).toBe(0);

    // Ana edits her first message; Bo sees the new text, marked edited.
    await act(pa, 'Hello Bo', 'Edit');
    const editor = pa.getByRole('textbox', { name: 'Edit message' });
    await editor.fill('Hello Bo, welcome!');
    await editor.press('Enter');
    await shows(pb, 'Hello Bo, welcome!');
    expect(await message(pb, 'Hello Bo, welcome!').textContent()).toContain('edited');

    // Bo reacts; Ana sees the reaction.
    await act(pb, 'Hello Bo, welcome!', 'React with 👍');
    await expect.poll(() => message(pa, 'Hello Bo, welcome!').getByRole('button', { name: /👍 1/ }).count(), { timeout: 15_000 }).toBe(1);

    // Ana deletes a message sent by mistake; Bo sees only that it was deleted.
    await send(pa, 'wrong chat, sorry');
    await shows(pb, 'wrong chat, sorry');
    await act(pa, 'wrong chat, sorry', 'Delete');
    await pa.getByRole('dialog', { name: 'Delete this message?' }).getByRole('button', { name: 'Delete' }).click();
    await shows(pb, 'wrong chat, sorry', 0);
    await shows(pb, 'This message was deleted');

    // Bo replies in a thread; Ana sees the reply count and opens the thread.
    await act(pb, 'Hi Ana', 'Reply in thread');
    const thread = pb.getByRole('dialog', { name: 'Thread' });
    await thread.getByRole('textbox', { name: 'Reply' }).fill('In a thread');
    await thread.getByRole('textbox', { name: 'Reply' }).press('Enter');
    await expect.poll(() => thread.getByText('In a thread').count(), { timeout: 15_000 }).toBe(1);
    await shot(pb, 'chat-thread-bo');
    await pb.getByRole('button', { name: 'Close thread' }).click();
    const replies = message(pa, 'Hi Ana').getByRole('button', { name: '1 reply' });
    await expect.poll(() => replies.count(), { timeout: 15_000 }).toBe(1);
    await replies.click();
    await expect.poll(() => pa.getByRole('dialog', { name: 'Thread' }).getByText('In a thread').count()).toBe(1);
    await pa.getByRole('button', { name: 'Close thread' }).click();

    // Files: an image is previewed, a text file is offered for download.
    await pa.locator('input[type="file"]').setInputFiles([
      { name: 'diagram.png', mimeType: 'image/png', buffer: png(160, 100) },
      { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('Bring a calculator.\n') },
    ]);
    await expect.poll(() => pa.getByLabel(/^Uploading/).count(), { timeout: 15_000 }).toBe(0);
    await send(pa, 'Files for Friday');
    await expect.poll(() => pb.getByRole('img', { name: 'diagram.png' }).count(), { timeout: 15_000 }).toBe(1);
    const download = pb.getByRole('button', { name: /^Download notes\.txt/ });
    await expect.poll(() => download.count()).toBe(1);
    const [file] = await Promise.all([pb.waitForEvent('download'), download.click()]);
    expect(file.suggestedFilename()).toBe('notes.txt');

    // Search within the conversation.
    await pa.getByRole('button', { name: 'Search this conversation' }).click();
    await pa.getByRole('textbox', { name: 'Search messages' }).fill('welcome');
    const result = pa.getByRole('list', { name: 'Search results' }).getByRole('listitem');
    await expect.poll(() => result.count(), { timeout: 15_000 }).toBe(1);
    await result.click();
    await expect.poll(() => pa.locator('[data-highlight]').count()).toBe(1);

    // Elsewhere in the app, the nav counts what is unread.
    await shot(pa, 'chat-direct-ana');
    await pa.getByRole('link', { name: 'Home', exact: true }).click();
    await send(pb, 'Ping');
    await expect.poll(() => pa.getByRole('link', { name: 'Messages, 1 unread' }).count(), { timeout: 15_000 }).toBe(1);
    await shot(pb, 'chat-direct-bo');
    await shot(pa, 'chat-nav-badge');
    // The server counts over all her conversations, more than the list loads (50): 51 groups more, one unread each.
    const di = await person(t, 'Di Many');
    const groups = await Promise.all(
      Array.from({ length: 51 }, (_, i) => di.client.chat.createGroup({ title: `Group ${i}`, memberIds: [ana.id] })),
    );
    await Promise.all(groups.map((g, i) => di.client.chat.send(g.id, { clientId: `di-${i}`, body: 'Hi Ana' })));
    await expect.poll(() => pa.getByRole('link', { name: 'Messages, 52 unread' }).count(), { timeout: 30_000 }).toBe(1);
    expect(a.consoleErrors).toEqual([]);
    expect(b.consoleErrors).toEqual([]);
  }, 240_000);

  it('a group of three; a failed send retried once; a member back online gets each missed message once, in order', async () => {
    const t = e2e.t();
    const ana = await person(t, 'Ana Admin');
    const bo = await person(t, 'Bo Member');
    const cy = await person(t, 'Cy Member');
    for (const other of [bo, cy]) {
      const request = await ana.client.social.requestConnection({ userId: other.id });
      await other.client.social.acceptRequest(request.id);
    }
    const a = await tab(ana.email, DESKTOP, 'group-ana');
    const b = await tab(bo.email, DESKTOP, 'group-bo');
    const [pa, pb] = [a.page, b.page];

    // Ana starts the group from her connections.
    await pa.goto(`${t.url}/chat`);
    await pa.getByRole('button', { name: 'New group' }).click();
    const dialog = pa.getByRole('dialog', { name: 'New group' });
    await dialog.getByLabel('Group name').fill('Study group');
    for (const name of ['Bo Member', 'Cy Member']) {
      await dialog.getByLabel('Members', { exact: true }).click();
      await pa.getByRole('option', { name }).click();
    }
    // Away from the picker, which stays open while it has the focus.
    await dialog.getByLabel('Group name').click();
    await shot(pa, 'chat-new-group');
    await dialog.getByRole('button', { name: 'Create group' }).click();
    await pa.waitForURL(/\/chat\/[0-9a-f-]{36}$/);
    const groupId = new URL(pa.url()).pathname.split('/').at(-1) as string;
    await expect.poll(() => pa.getByText('Group · 3 members').count(), { timeout: 15_000 }).toBe(1);
    await send(pa, 'Welcome, both');

    await pb.goto(`${t.url}/chat/${groupId}`);
    await shows(pb, 'Welcome, both');
    // Cy writes from elsewhere: both see it under his name.
    const fromCy = await cy.client.chat.send(groupId, { clientId: 'cy-1', body: 'Hello from Cy' });
    await shows(pa, 'Hello from Cy');
    await shows(pb, 'Hello from Cy');
    expect(await message(pb, 'Hello from Cy').textContent()).toContain('Cy Member');

    // Ana's network drops while she sends: the message fails, and Retry sends it once.
    await a.page.context().setOffline(true);
    await composer(pa).fill('Sent on a bad line');
    await composer(pa).press('Enter');
    await expect.poll(() => pa.getByRole('alert').filter({ hasText: 'Not sent' }).count(), { timeout: 30_000 }).toBe(1);
    await a.page.context().setOffline(false);
    await connected(pa);
    await pa.getByRole('button', { name: 'Retry' }).click();
    await shows(pa, 'Sent on a bad line');
    await shows(pb, 'Sent on a bad line');
    await expect.poll(() => pa.getByText('Sending…').count(), { timeout: 15_000 }).toBe(0);

    // Bo goes offline as the server ends his session (as after a long absence); three messages are
    // sent meanwhile, and Cy edits his. Back online he has each once, in order: the page caught up by
    // sequence number; and the edit, which catch-up does not replay, shows as the held messages reload.
    const frames: string[] = [];
    pb.on('websocket', (ws) => ws.on('framesent', (f) => frames.push(String(f.payload))));
    const expected = ['Welcome, both', 'Hello from Cy', 'Sent on a bad line'];
    const awayAndBack = async (texts: string[], leaving?: () => void, meanwhile?: () => Promise<void>) => {
      leaving?.();
      await b.page.context().setOffline(true);
      await expect.poll(() => pb.getByText('Live updates: connected').count(), { timeout: 15_000 }).toBe(0);
      for (const text of texts) await send(pa, text);
      await meanwhile?.();
      await pb.waitForTimeout(500);
      expect(await message(pb, texts[0] as string).count()).toBe(0);
      await b.page.context().setOffline(false);
      await connected(pb);
      await shows(pb, texts.at(-1) as string);
      expected.push(...texts);
      await expect.poll(() => bubbles(pb), { timeout: 15_000 }).toEqual(expected);
      await pb.waitForTimeout(500);
      expect(await bubbles(pb)).toEqual(expected);
    };
    await awayAndBack(
      ['missed one', 'missed two', 'missed three'],
      () => t.platform.gateway()?.disconnect(`user:${bo.id}`),
      async () => {
        await cy.client.chat.edit(groupId, fromCy.id, { body: 'Hello from Cy, edited' });
        await shows(pa, 'Hello from Cy, edited');
        expected[1] = 'Hello from Cy, edited';
      },
    );
    expect(frames.some((f) => f.includes('"catchup"') && f.includes(`conversation:${groupId}`))).toBe(true);
    // A short drop: Socket.IO recovers the session and replays what was missed, once.
    await awayAndBack(['later one', 'later two']);
    // Receipts in a group name who has read.
    await expect.poll(() => pa.getByTestId('seen').allTextContents(), { timeout: 15_000 }).toContain('Seen by Bo Member');

    // Ana makes Bo an admin and renames the group; Bo's page follows.
    await pa.getByRole('button', { name: 'Group settings' }).click();
    const settings = pa.getByRole('dialog', { name: 'Group settings' });
    await settings.getByRole('button', { name: 'Manage Bo Member' }).click();
    await pa.getByRole('menuitem', { name: 'Make admin' }).click();
    await expect.poll(() => settings.locator('[data-member="Bo Member"]').getByText('Admin').count(), { timeout: 15_000 }).toBe(1);
    await shot(pa, 'chat-group-settings');
    await settings.getByLabel('Group name').fill('Exam study group');
    await settings.getByRole('button', { name: 'Rename' }).click();
    await expect.poll(() => pb.getByRole('heading', { name: 'Exam study group' }).count(), { timeout: 15_000 }).toBe(1);
    await pa.getByRole('button', { name: 'Close settings' }).click();

    await shot(pb, 'chat-group-bo');
    await pb.goto(`${t.url}/chat`);
    await shot(pb, 'chat-list-bo');
    // Offline, the browser itself logs the requests and sockets that could not get out.
    const ours = (errors: string[]) => errors.filter((e) => !/ERR_INTERNET_DISCONNECTED|WebSocket connection/.test(e));
    expect(ours(a.consoleErrors)).toEqual([]);
    expect(ours(b.consoleErrors)).toEqual([]);
  }, 240_000);
  it('history loads older pages on scrolling up, each message once and in order', async () => {
    const t = e2e.t();
    const ana = await person(t, 'Ana Archive');
    const bo = await person(t, 'Bo Browser');
    const { id } = await ana.client.chat.direct(bo.id);
    const texts = Array.from({ length: 75 }, (_, i) => `history ${i + 1}`);
    for (const [i, body] of texts.entries()) await ana.client.chat.send(id, { clientId: `h-${i}`, body });
    const b = await tab(bo.email, PHONE, 'history');
    const page = b.page;
    await page.goto(`${t.url}/chat/${id}`);
    await shows(page, /^history 75/);
    // The newest page only (50), with the view at its end.
    expect((await bubbles(page)).length).toBe(50);
    const log = page.getByRole('log', { name: 'Messages' });
    await log.evaluate((el) => el.scrollTo({ top: 0 }));
    await expect.poll(() => bubbles(page).then((b) => b.length), { timeout: 15_000 }).toBe(75);
    expect(await bubbles(page)).toEqual(texts);
    // The view stayed on what was read, below the page that came in above it.
    expect(await log.evaluate((el) => el.scrollTop)).toBeGreaterThan(300);
    expect(await page.getByRole('button', { name: 'Load older messages' }).count()).toBe(0);
    expect(b.consoleErrors).toEqual([]);
  });
});
