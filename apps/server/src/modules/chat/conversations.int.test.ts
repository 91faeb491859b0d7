// Conversations over HTTP: direct (one per pair), groups and their admin rules, the member limit,
// read receipts and unread counts, the conversation list, and the block rule.
import { GROUP_MAX_MEMBERS } from '@edumatrix/contracts';
import { sql } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../platform/http/app-error.ts';
import { createMemoryPresence } from '../../platform/realtime/presence.ts';
import { problemSummary } from '../../testing/factories.ts';
import { dbLabel, startTestPlatform, type TestPlatform } from '../../testing/test-platform.ts';
import { createChatServices } from './index.ts';
import { clientId, people } from './testing.ts';

describe(`chat conversations on ${dbLabel()}`, () => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await startTestPlatform();
  });
  afterAll(() => t.close());

  it('one direct conversation per pair, whoever opens it; not with yourself or nobody', async () => {
    const [ana, bo] = await people(t, 'Ana', 'Bo');
    const first = await ana.client.raw('POST', '/api/v1/conversations/direct', { userId: bo.id });
    const again = await bo.client.chat.direct(ana.id);
    expect(again.id).toBe((first as { id: string }).id);
    expect(again).toMatchObject({ kind: 'direct', title: 'Ana', myRole: 'member', memberCount: 2 });
    expect((await ana.client.chat.get(again.id)).title).toBe('Bo');
    const res = await fetch(`${t.url}/api/v1/conversations/direct`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ana.client.accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ userId: bo.id }),
    });
    expect(res.status).toBe(200);
    expect(await problemSummary(ana.client.chat.direct(ana.id))).toEqual({
      status: 400,
      code: 'chat.self_conversation',
      fields: ['userId'],
    });
    expect(await problemSummary(ana.client.chat.direct(uuidv7()))).toEqual({ status: 400, code: 'chat.unknown_user', fields: ['userId'] });
    expect(await problemSummary(ana.client.chat.direct('nope'))).toMatchObject({ status: 400, fields: ['userId'] });
  });

  it('strangers see nothing of a conversation: 404, as if it did not exist', async () => {
    const [ana, bo, eve] = await people(t, 'Ana', 'Bo', 'Eve');
    const c = await ana.client.chat.direct(bo.id);
    expect(await problemSummary(eve.client.chat.get(c.id))).toMatchObject({ status: 404, code: 'chat.conversation_not_found' });
    expect(await problemSummary(eve.client.chat.messages(c.id))).toMatchObject({ status: 404, code: 'chat.conversation_not_found' });
    expect(await problemSummary(eve.client.chat.send(c.id, { clientId: clientId(), body: 'hi' }))).toMatchObject({ status: 404 });
    expect(await problemSummary(eve.client.chat.markRead(c.id, 1))).toMatchObject({ status: 404 });
    expect((await eve.client.chat.list()).items).toEqual([]);
  });

  it('groups: admins rename, add, promote and remove; members cannot; bad input names the field', async () => {
    const [admin, bo, cy, di] = await people(t, 'Admin', 'Bo', 'Cy', 'Di');
    const g = await admin.client.chat.createGroup({ title: 'Study group', memberIds: [bo.id, bo.id, admin.id] });
    expect(g).toMatchObject({ kind: 'group', title: 'Study group', myRole: 'admin', memberCount: 2 });
    expect(g.members.map((m) => [m.displayName, m.role])).toEqual([
      ['Admin', 'admin'],
      ['Bo', 'member'],
    ]);
    expect(await problemSummary(bo.client.chat.rename(g.id, 'Mine'))).toMatchObject({ status: 403, code: 'chat.admin_required' });
    expect(await problemSummary(bo.client.chat.addMembers(g.id, { userIds: [cy.id] }))).toMatchObject({ status: 403 });
    expect(await problemSummary(bo.client.chat.setRole(g.id, bo.id, 'admin'))).toMatchObject({ status: 403 });
    expect(await problemSummary(bo.client.chat.removeMember(g.id, admin.id))).toMatchObject({ status: 403 });

    expect((await admin.client.chat.rename(g.id, 'Finals')).title).toBe('Finals');
    const grown = await admin.client.chat.addMembers(g.id, { userIds: [cy.id, di.id, bo.id] });
    expect(grown.memberCount).toBe(4);
    expect((await admin.client.chat.setRole(g.id, cy.id, 'admin')).members.find((m) => m.userId === cy.id)?.role).toBe('admin');
    await cy.client.chat.removeMember(g.id, di.id);
    expect(await problemSummary(di.client.chat.get(g.id))).toMatchObject({ status: 404 });
    expect(await problemSummary(admin.client.chat.removeMember(g.id, di.id))).toMatchObject({ status: 404, code: 'chat.member_not_found' });

    expect(await problemSummary(admin.client.chat.createGroup({ title: ' ', memberIds: [] }))).toMatchObject({
      status: 400,
      fields: ['title'],
    });
    expect(await problemSummary(admin.client.chat.createGroup({ title: 'X', memberIds: [uuidv7()] }))).toEqual({
      status: 400,
      code: 'chat.unknown_user',
      fields: ['memberIds'],
    });
    expect(await problemSummary(admin.client.chat.addMembers(g.id, { userIds: [] }))).toMatchObject({ status: 400, fields: ['userIds'] });
    expect(await problemSummary(admin.client.chat.setRole(g.id, bo.id, 'owner' as 'admin'))).toMatchObject({
      status: 400,
      fields: ['role'],
    });
    const direct = await admin.client.chat.direct(bo.id);
    expect(await problemSummary(admin.client.chat.addMembers(direct.id, { userIds: [cy.id] }))).toMatchObject({
      status: 409,
      code: 'chat.not_a_group',
    });
    expect(await problemSummary(admin.client.chat.leave(direct.id))).toMatchObject({ status: 409, code: 'chat.not_a_group' });
  });

  it('the last admin cannot step down; when they leave the oldest member takes over', async () => {
    const [admin, bo, cy] = await people(t, 'Admin', 'Bo', 'Cy');
    const g = await admin.client.chat.createGroup({ title: 'Club', memberIds: [bo.id] });
    await admin.client.chat.addMembers(g.id, { userIds: [cy.id] });
    expect(await problemSummary(admin.client.chat.setRole(g.id, admin.id, 'member'))).toMatchObject({
      status: 409,
      code: 'chat.last_admin',
    });
    await admin.client.chat.leave(g.id);
    const after = await bo.client.chat.get(g.id);
    expect(after.members.map((m) => [m.displayName, m.role])).toEqual([
      ['Bo', 'admin'],
      ['Cy', 'member'],
    ]);
    await cy.client.chat.leave(g.id);
    expect((await bo.client.chat.get(g.id)).memberCount).toBe(1);
    expect(await problemSummary(admin.client.chat.get(g.id))).toMatchObject({ status: 404 });
  });

  it(`a group holds at most ${GROUP_MAX_MEMBERS} members`, async () => {
    const [admin] = await people(t, 'Admin');
    // Accounts straight in the database: 256 sign-ups through argon2 would take minutes.
    const ids = Array.from({ length: GROUP_MAX_MEMBERS }, () => uuidv7());
    await sql`insert into identity.users (id, email, display_name, password_hash)
      select id, id::text || '@example.org', 'Member', 'x' from unnest(${ids}::uuid[]) as id`.execute(t.platform.database.db);
    const g = await admin.client.chat.createGroup({ title: 'Big', memberIds: ids.slice(0, 200) });
    expect(g.memberCount).toBe(201);
    expect(await problemSummary(admin.client.chat.addMembers(g.id, { userIds: ids.slice(200, 256) }))).toEqual({
      status: 409,
      code: 'chat.group_full',
      fields: ['userIds'],
    });
    expect((await admin.client.chat.addMembers(g.id, { userIds: ids.slice(200, 255) })).memberCount).toBe(GROUP_MAX_MEMBERS);
    expect(await problemSummary(admin.client.chat.createGroup({ title: 'Too big', memberIds: ids }))).toMatchObject({
      status: 400,
      fields: ['memberIds'],
    });
  });

  it('read receipts move forward only; unread counts and the list follow', async () => {
    const [ana, bo] = await people(t, 'Ana', 'Bo');
    const c = await ana.client.chat.direct(bo.id);
    for (const body of ['one', 'two', 'three']) await ana.client.chat.send(c.id, { clientId: clientId(), body });
    const listed = (await bo.client.chat.list()).items.find((x) => x.id === c.id);
    expect(listed).toMatchObject({ unreadCount: 3, lastSeq: 3, lastMessage: { body: 'three', seq: 3 } });
    expect((await ana.client.chat.list()).items.find((x) => x.id === c.id)?.unreadCount).toBe(0);
    expect(await bo.client.chat.markRead(c.id, 2)).toEqual({ lastReadSeq: 2, unreadCount: 1 });
    expect(await bo.client.chat.markRead(c.id, 1)).toEqual({ lastReadSeq: 2, unreadCount: 1 });
    expect(await bo.client.chat.markRead(c.id, 99)).toEqual({ lastReadSeq: 3, unreadCount: 0 });
    expect((await ana.client.chat.get(c.id)).members.map((m) => m.lastReadSeq)).toEqual([3, 3]);
    // Bo answering reads everything before his own message.
    await ana.client.chat.send(c.id, { clientId: clientId(), body: 'four' });
    await bo.client.chat.send(c.id, { clientId: clientId(), body: 'five' });
    expect((await bo.client.chat.get(c.id)).unreadCount).toBe(0);
    expect((await ana.client.chat.get(c.id)).unreadCount).toBe(1);
    expect(await problemSummary(bo.client.chat.markRead(c.id, -1))).toMatchObject({ status: 400, fields: ['seq'] });
  });

  it('counts unread over every conversation, not only the first page of the list', async () => {
    const [me, bo] = await people(t, 'Me', 'Bo');
    expect(await me.client.chat.unread()).toEqual({ conversations: 0, messages: 0 });
    const direct = await me.client.chat.direct(bo.id);
    for (const body of ['one', 'two', 'three']) await bo.client.chat.send(direct.id, { clientId: clientId(), body });
    // More conversations than a page of the list, each with one unread message.
    const groups = await Promise.all(
      Array.from({ length: 51 }, (_, i) => me.client.chat.createGroup({ title: `G${i}`, memberIds: [bo.id] })),
    );
    await Promise.all(groups.map((g) => bo.client.chat.send(g.id, { clientId: clientId(), body: 'hi' })));
    // Neither one's own messages nor deleted ones are unread.
    const gone = await bo.client.chat.send(direct.id, { clientId: clientId(), body: 'oops' });
    await bo.client.chat.remove(direct.id, gone.id);
    await me.client.chat.send(direct.id, { clientId: clientId(), body: 'mine' });
    await bo.client.chat.send(direct.id, { clientId: clientId(), body: 'after mine' });
    const firstPage = await me.client.chat.list({ limit: 50 });
    expect(firstPage.items.reduce((sum, c) => sum + c.unreadCount, 0)).toBe(50);
    expect(await me.client.chat.unread()).toEqual({ conversations: 52, messages: 52 });
    expect(await bo.client.chat.unread()).toEqual({ conversations: 0, messages: 0 });
    await me.client.chat.markRead(direct.id, 99);
    expect(await me.client.chat.unread()).toEqual({ conversations: 51, messages: 51 });
  });

  it('lists conversations by latest activity, a page at a time', async () => {
    const [me, a, b, c] = await people(t, 'Me', 'A', 'B', 'C');
    const ca = await me.client.chat.direct(a.id);
    const cb = await me.client.chat.direct(b.id);
    const cc = await me.client.chat.direct(c.id);
    await a.client.chat.send(ca.id, { clientId: clientId(), body: 'latest' });
    const first = await me.client.chat.list({ limit: 2 });
    expect(first.items.map((x) => x.id)).toEqual([ca.id, cc.id]);
    const second = await me.client.chat.list({ limit: 2, cursor: first.nextCursor as string });
    expect(second.items.map((x) => x.id)).toEqual([cb.id]);
    expect(second.nextCursor).toBeNull();
    expect(await problemSummary(me.client.chat.list({ cursor: 'garbage' }))).toMatchObject({ status: 400, fields: ['cursor'] });
  });

  it('blocking (the social module) closes the pair’s direct conversation both ways; the blocked side is told the blocker does not exist', async () => {
    const [ana, bo, cy] = await people(t, 'Ana', 'Bo', 'Cy');
    const open = await ana.client.chat.direct(bo.id);
    await bo.client.raw('PUT', `/api/v1/people/${ana.id}/block`, {});
    const blocked = { status: 403, code: 'chat.blocked', fields: [] };
    expect(await problemSummary(ana.client.chat.send(open.id, { clientId: clientId(), body: 'hi' }))).toEqual(blocked);
    expect(await problemSummary(bo.client.chat.send(open.id, { clientId: clientId(), body: 'hi' }))).toEqual(blocked);
    expect(await problemSummary(bo.client.chat.direct(ana.id))).toEqual(blocked);
    // Ana, the blocked side, is answered as if Bo did not exist.
    const unknown = (field: string) => ({ status: 400, code: 'chat.unknown_user', fields: [field] });
    expect(await problemSummary(ana.client.chat.direct(bo.id))).toEqual(unknown('userId'));
    expect(await problemSummary(ana.client.chat.createGroup({ title: 'G', memberIds: [bo.id, cy.id] }))).toEqual(unknown('memberIds'));
    await bo.client.raw('DELETE', `/api/v1/people/${ana.id}/block`);
    expect((await ana.client.chat.send(open.id, { clientId: clientId(), body: 'hi again' })).seq).toBe(1);
  });

  it('a blocked pair cannot open a direct conversation or message each other; the blocked side is told the person does not exist', async () => {
    const [ana, bo, cy] = await people(t, 'Ana', 'Bo', 'Cy');
    const open = await ana.client.chat.direct(bo.id);
    const blocks = new Set<string>();
    const chat = createChatServices({
      db: t.platform.database.db,
      events: t.platform.events.publisher,
      storage: t.platform.storage,
      presence: createMemoryPresence(60_000),
      blockState: async (a, b) => ({ aBlockedB: blocks.has(`${a}>${b}`), bBlockedA: blocks.has(`${b}>${a}`) }),
      avatarUrls: async () => new Map(),
      displayNames: async (ids) => new Map([...(await t.platform.identity.getUsers(ids))].map(([id, u]) => [id, u.displayName])),
      live: () => null,
    });
    // Ana blocked both.
    blocks.add(`${ana.id}>${cy.id}`);
    blocks.add(`${ana.id}>${bo.id}`);
    const refusal = (p: Promise<unknown>) =>
      p.then(
        () => null,
        (e: unknown) => e as AppError,
      );
    const cases = [
      await refusal(chat.conversations.createDirect(ana.id, cy.id)),
      await refusal(chat.messages.send(bo.id, open.id, { clientId: clientId(), body: 'hi', attachmentIds: [] })),
      await refusal(chat.messages.send(ana.id, open.id, { clientId: clientId(), body: 'hi', attachmentIds: [] })),
      await refusal(chat.conversations.createGroup(ana.id, { title: 'G', memberIds: [cy.id] })),
    ];
    for (const err of cases) expect(err).toMatchObject({ kind: 'forbidden', code: 'chat.blocked' });
    expect(cases[0]).toBeInstanceOf(AppError);
    // Cy, whom Ana blocked, gets the answer for someone who does not exist.
    expect(await refusal(chat.conversations.createDirect(cy.id, ana.id))).toMatchObject({ code: 'chat.unknown_user' });
    expect(await refusal(chat.conversations.createGroup(cy.id, { title: 'G', memberIds: [ana.id] }))).toMatchObject({
      code: 'chat.unknown_user',
    });
    // Not blocked: fine through the same service.
    expect((await chat.conversations.createDirect(bo.id, cy.id)).created).toBe(true);
  });
});
