// Table-driven, like the institution access test: every Students Interlinked route (social, chat,
// notifications, search, presence) has a sample request and the rule it is checked against:
//   aimed-at-person — aimed at Ana or what she made: a stranger may; someone she blocked gets 404
//                     (or, where the body names her, the answer for someone who does not exist);
//   member          — a conversation: a member may, anyone else gets 404;
//   owner           — changes what only its maker (or a request's other side) may: anyone else is refused;
//   self            — the caller's own data: any signed-in person may.
// (Every signed-in route answering 401 without a token is checked in institutions/access.int.test.ts.)
import { createECDH, randomBytes, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type ApiClient, ApiError } from '@edumatrix/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import webpush from 'web-push';
import { waitFor } from '../../testing/factories.ts';
import { dbLabel, startTestPlatform, type TestPlatform } from '../../testing/test-platform.ts';
import { AVATAR_PNG, type Person, person } from './social.testing.ts';

type Request = { method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'; path: string; body?: unknown };
type Rule = 'aimed-at-person' | 'member' | 'owner' | 'self';
type Cast = { t: TestPlatform; ana: Person; dee: Person; pageUrl: string };
/** `blockedStatus`: what someone Ana blocked gets, when not 404. */
type Sample = { rule: Rule; make(cast: Cast): Promise<Request>; blockedStatus?: number };

const SCOPE =
  /^\/api\/v1\/(notifications|me\/(notification-settings|push-subscriptions|profile|avatar|blocked|muted)|conversations|people|connections|feed|hashtags|posts|comments|search|post-images|link-preview|presence)\b/;

/** A tiny valid PNG (1×1). */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGNg+M8AAAICAQB7CYF4AAAAAElFTkSuQmCC', 'base64');

const get = (path: string): Request => ({ method: 'GET', path });
const post = (path: string, body: unknown = {}): Request => ({ method: 'POST', path, body });
const put = (path: string, body: unknown = {}): Request => ({ method: 'PUT', path, body });
const patch = (path: string, body: unknown): Request => ({ method: 'PATCH', path, body });
const del = (path: string, body?: unknown): Request => ({ method: 'DELETE', path, body });

const freshPost = async ({ ana }: Cast) => (await ana.client.social.createPost({ body: `Hello #access ${randomUUID()}` })).id;
const freshComment = async (cast: Cast) => {
  const postId = await freshPost(cast);
  return { postId, commentId: (await cast.ana.client.social.comment(postId, { body: 'A comment' })).id };
};
/** A group Ana runs, with Dee in it, and a message from Ana. */
async function freshGroup({ ana, dee }: Cast) {
  const group = await ana.client.chat.createGroup({ title: 'Study group', memberIds: [dee.id] });
  const message = await ana.client.chat.send(group.id, { clientId: randomUUID(), body: 'Welcome' });
  return { id: group.id, messageId: message.id, path: `/api/v1/conversations/${group.id}` };
}
/** A connection request between Ana and someone new, in either direction. */
async function freshRequest(cast: Cast, from: 'ana' | 'other') {
  const other = await person(cast.t, 'Requester');
  const [sender, receiver] = from === 'ana' ? [cast.ana, other] : [other, cast.ana];
  return (await sender.client.social.requestConnection({ userId: receiver.id })).id;
}
function pushKeys() {
  const ecdh = createECDH('prime256v1');
  return { p256dh: ecdh.generateKeys().toString('base64url'), auth: randomBytes(16).toString('base64url') };
}

const undo = { rule: 'aimed-at-person', blockedStatus: 200 } as const;

const samples: Record<string, Sample> = {
  // Notifications.
  'GET /api/v1/notifications': { rule: 'self', make: async () => get('/api/v1/notifications') },
  'GET /api/v1/notifications/unread-count': { rule: 'self', make: async () => get('/api/v1/notifications/unread-count') },
  'POST /api/v1/notifications/:id/read': {
    rule: 'owner',
    make: async ({ t, ana }) => {
      const follower = await person(t, 'Follower');
      await follower.client.social.follow(ana.id);
      let id = '';
      await waitFor('the follow notification', async () => {
        id = (await ana.client.notifications.list({ limit: 1 })).items[0]?.id ?? '';
        return id !== '';
      });
      return post(`/api/v1/notifications/${id}/read`);
    },
  },
  'POST /api/v1/notifications/read-all': { rule: 'self', make: async () => post('/api/v1/notifications/read-all') },
  'GET /api/v1/me/notification-settings': { rule: 'self', make: async () => get('/api/v1/me/notification-settings') },
  'PUT /api/v1/me/notification-settings': { rule: 'self', make: async () => put('/api/v1/me/notification-settings', { digest: 'weekly' }) },
  'POST /api/v1/me/push-subscriptions': {
    rule: 'self',
    make: async () => post('/api/v1/me/push-subscriptions', { endpoint: `https://push.example.org/${randomUUID()}`, keys: pushKeys() }),
  },
  'DELETE /api/v1/me/push-subscriptions': {
    rule: 'self',
    make: async () => del('/api/v1/me/push-subscriptions', { endpoint: 'https://push.example.org/none' }),
  },

  // Conversations.
  'POST /api/v1/conversations/direct': {
    rule: 'aimed-at-person',
    make: async ({ ana }) => post('/api/v1/conversations/direct', { userId: ana.id }),
    blockedStatus: 400,
  },
  'POST /api/v1/conversations/group': {
    rule: 'aimed-at-person',
    blockedStatus: 400,
    make: async ({ ana }) => post('/api/v1/conversations/group', { title: 'With Ana', memberIds: [ana.id] }),
  },
  'GET /api/v1/conversations': { rule: 'self', make: async () => get('/api/v1/conversations') },
  'GET /api/v1/conversations/unread': { rule: 'self', make: async () => get('/api/v1/conversations/unread') },
  'GET /api/v1/conversations/:id': { rule: 'member', make: async (c) => get((await freshGroup(c)).path) },
  'PATCH /api/v1/conversations/:id': { rule: 'member', make: async (c) => patch((await freshGroup(c)).path, { title: 'Renamed' }) },
  'POST /api/v1/conversations/:id/members': {
    rule: 'member',
    make: async (c) => post(`${(await freshGroup(c)).path}/members`, { userIds: [(await person(c.t, 'Newcomer')).id] }),
  },
  'PATCH /api/v1/conversations/:id/members/:userId': {
    rule: 'member',
    make: async (c) => patch(`${(await freshGroup(c)).path}/members/${c.dee.id}`, { role: 'admin' }),
  },
  'DELETE /api/v1/conversations/:id/members/:userId': {
    rule: 'member',
    make: async (c) => del(`${(await freshGroup(c)).path}/members/${c.dee.id}`),
  },
  'POST /api/v1/conversations/:id/leave': { rule: 'member', make: async (c) => post(`${(await freshGroup(c)).path}/leave`) },
  'POST /api/v1/conversations/:id/read': { rule: 'member', make: async (c) => post(`${(await freshGroup(c)).path}/read`, { seq: 1 }) },
  'POST /api/v1/conversations/:id/messages': {
    rule: 'member',
    make: async (c) => post(`${(await freshGroup(c)).path}/messages`, { clientId: randomUUID(), body: 'Hi' }),
  },
  'GET /api/v1/conversations/:id/messages': { rule: 'member', make: async (c) => get(`${(await freshGroup(c)).path}/messages`) },
  'GET /api/v1/conversations/:id/messages/search': {
    rule: 'member',
    make: async (c) => get(`${(await freshGroup(c)).path}/messages/search?q=welcome`),
  },
  'GET /api/v1/conversations/:id/messages/:messageId/thread': {
    rule: 'member',
    make: async (c) => {
      const g = await freshGroup(c);
      return get(`${g.path}/messages/${g.messageId}/thread`);
    },
  },
  'PATCH /api/v1/conversations/:id/messages/:messageId': {
    rule: 'member',
    make: async (c) => {
      const g = await freshGroup(c);
      return patch(`${g.path}/messages/${g.messageId}`, { body: 'Welcome, all' });
    },
  },
  'DELETE /api/v1/conversations/:id/messages/:messageId': {
    rule: 'member',
    make: async (c) => {
      const g = await freshGroup(c);
      return del(`${g.path}/messages/${g.messageId}`);
    },
  },
  'PUT /api/v1/conversations/:id/messages/:messageId/reactions/:emoji': {
    rule: 'member',
    make: async (c) => {
      const g = await freshGroup(c);
      return put(`${g.path}/messages/${g.messageId}/reactions/${encodeURIComponent('👍')}`);
    },
  },
  'DELETE /api/v1/conversations/:id/messages/:messageId/reactions/:emoji': {
    rule: 'member',
    make: async (c) => {
      const g = await freshGroup(c);
      return del(`${g.path}/messages/${g.messageId}/reactions/${encodeURIComponent('👍')}`);
    },
  },
  'POST /api/v1/conversations/:id/attachments': {
    rule: 'member',
    make: async (c) => post(`${(await freshGroup(c)).path}/attachments?name=dot.png`, new Blob([PNG], { type: 'image/png' })),
  },
  'GET /api/v1/conversations/:id/attachments/:attachmentId': {
    rule: 'member',
    make: async (c) => {
      const g = await freshGroup(c);
      const file = await c.ana.client.chat.upload(g.id, new Blob([PNG], { type: 'image/png' }), 'dot.png');
      return get(`${g.path}/attachments/${file.id}`);
    },
  },

  // Profiles and the graph.
  'GET /api/v1/me/profile': { rule: 'self', make: async () => get('/api/v1/me/profile') },
  'PUT /api/v1/me/profile': { rule: 'self', make: async () => put('/api/v1/me/profile', { headline: 'Learner' }) },
  'PUT /api/v1/me/avatar': { rule: 'self', make: async () => put('/api/v1/me/avatar', new Blob([AVATAR_PNG], { type: 'image/png' })) },
  'DELETE /api/v1/me/avatar': { rule: 'self', make: async () => del('/api/v1/me/avatar') },
  'GET /api/v1/people/:userId': { rule: 'aimed-at-person', make: async ({ ana }) => get(`/api/v1/people/${ana.id}`) },
  'PUT /api/v1/people/:userId/follow': { rule: 'aimed-at-person', make: async ({ ana }) => put(`/api/v1/people/${ana.id}/follow`) },
  // Undoing (unfollow, unblock, unmute, disconnect) is idempotent: 204 whether or not there was
  // anything to undo, or anyone, so it tells the blocked side nothing either.
  'DELETE /api/v1/people/:userId/follow': { ...undo, make: async ({ ana }) => del(`/api/v1/people/${ana.id}/follow`) },
  // Blocking back is allowed: it keeps protecting Bo if Ana later unblocks him.
  'PUT /api/v1/people/:userId/block': { ...undo, make: async ({ ana }) => put(`/api/v1/people/${ana.id}/block`) },
  'DELETE /api/v1/people/:userId/block': { ...undo, make: async ({ ana }) => del(`/api/v1/people/${ana.id}/block`) },
  'PUT /api/v1/people/:userId/mute': { rule: 'aimed-at-person', make: async ({ ana }) => put(`/api/v1/people/${ana.id}/mute`) },
  'DELETE /api/v1/people/:userId/mute': { ...undo, make: async ({ ana }) => del(`/api/v1/people/${ana.id}/mute`) },
  'GET /api/v1/people/:userId/posts': { rule: 'aimed-at-person', make: async ({ ana }) => get(`/api/v1/people/${ana.id}/posts`) },
  'GET /api/v1/me/blocked': { rule: 'self', make: async () => get('/api/v1/me/blocked') },
  'GET /api/v1/me/muted': { rule: 'self', make: async () => get('/api/v1/me/muted') },
  'POST /api/v1/connections/requests': {
    rule: 'aimed-at-person',
    make: async ({ ana }) => post('/api/v1/connections/requests', { userId: ana.id }),
  },
  'GET /api/v1/connections/requests': { rule: 'self', make: async () => get('/api/v1/connections/requests') },
  'POST /api/v1/connections/requests/:requestId/accept': {
    rule: 'owner',
    make: async (c) => post(`/api/v1/connections/requests/${await freshRequest(c, 'other')}/accept`),
  },
  'POST /api/v1/connections/requests/:requestId/decline': {
    rule: 'owner',
    make: async (c) => post(`/api/v1/connections/requests/${await freshRequest(c, 'other')}/decline`),
  },
  'POST /api/v1/connections/requests/:requestId/withdraw': {
    rule: 'owner',
    make: async (c) => post(`/api/v1/connections/requests/${await freshRequest(c, 'ana')}/withdraw`),
  },
  'GET /api/v1/connections': { rule: 'self', make: async () => get('/api/v1/connections') },
  'GET /api/v1/connections/online': { rule: 'self', make: async () => get('/api/v1/connections/online') },
  'DELETE /api/v1/connections/:userId': { ...undo, make: async ({ ana }) => del(`/api/v1/connections/${ana.id}`) },
  'GET /api/v1/connections/suggestions': { rule: 'self', make: async () => get('/api/v1/connections/suggestions') },

  // Posts, comments, reactions, reports.
  'GET /api/v1/feed': { rule: 'self', make: async () => get('/api/v1/feed') },
  'GET /api/v1/hashtags/:tag/posts': { rule: 'self', make: async () => get('/api/v1/hashtags/access/posts') },
  'POST /api/v1/posts': { rule: 'self', make: async () => post('/api/v1/posts', { body: 'My own post' }) },
  'POST /api/v1/posts/images': { rule: 'self', make: async () => post('/api/v1/posts/images', new Blob([PNG], { type: 'image/png' })) },
  'GET /api/v1/posts/:postId': { rule: 'aimed-at-person', make: async (c) => get(`/api/v1/posts/${await freshPost(c)}`) },
  'PATCH /api/v1/posts/:postId': { rule: 'owner', make: async (c) => patch(`/api/v1/posts/${await freshPost(c)}`, { body: 'Edited' }) },
  'DELETE /api/v1/posts/:postId': { rule: 'owner', make: async (c) => del(`/api/v1/posts/${await freshPost(c)}`) },
  'GET /api/v1/posts/:postId/history': { rule: 'aimed-at-person', make: async (c) => get(`/api/v1/posts/${await freshPost(c)}/history`) },
  'GET /api/v1/posts/:postId/comments': { rule: 'aimed-at-person', make: async (c) => get(`/api/v1/posts/${await freshPost(c)}/comments`) },
  'POST /api/v1/posts/:postId/comments': {
    rule: 'aimed-at-person',
    make: async (c) => post(`/api/v1/posts/${await freshPost(c)}/comments`, { body: 'Nice' }),
  },
  'PUT /api/v1/posts/:postId/reaction': {
    rule: 'aimed-at-person',
    make: async (c) => put(`/api/v1/posts/${await freshPost(c)}/reaction`, { kind: 'like' }),
  },
  'DELETE /api/v1/posts/:postId/reaction': {
    rule: 'aimed-at-person',
    make: async (c) => del(`/api/v1/posts/${await freshPost(c)}/reaction`),
  },
  'POST /api/v1/posts/:postId/reports': {
    rule: 'aimed-at-person',
    make: async (c) => post(`/api/v1/posts/${await freshPost(c)}/reports`, { reason: 'spam' }),
  },
  'DELETE /api/v1/comments/:commentId': { rule: 'owner', make: async (c) => del(`/api/v1/comments/${(await freshComment(c)).commentId}`) },
  'PUT /api/v1/comments/:commentId/reaction': {
    rule: 'aimed-at-person',
    make: async (c) => put(`/api/v1/comments/${(await freshComment(c)).commentId}/reaction`, { kind: 'like' }),
  },
  'DELETE /api/v1/comments/:commentId/reaction': {
    rule: 'aimed-at-person',
    make: async (c) => del(`/api/v1/comments/${(await freshComment(c)).commentId}/reaction`),
  },
  'POST /api/v1/comments/:commentId/reports': {
    rule: 'aimed-at-person',
    make: async (c) => post(`/api/v1/comments/${(await freshComment(c)).commentId}/reports`, { reason: 'harassment' }),
  },
  'GET /api/v1/post-images/:imageId': {
    rule: 'aimed-at-person',
    make: async ({ ana }) => {
      const image = await ana.client.social.uploadPostImage(new Blob([PNG], { type: 'image/png' }));
      await ana.client.social.createPost({ body: 'A picture', imageIds: [image.id] });
      return get(`/api/v1/post-images/${image.id}`);
    },
  },

  // One box, previews, presence.
  'GET /api/v1/search': { rule: 'self', make: async () => get('/api/v1/search?q=ana') },
  'GET /api/v1/link-preview': { rule: 'self', make: async (c) => get(`/api/v1/link-preview?url=${encodeURIComponent(c.pageUrl)}`) },
  'GET /api/v1/presence': { rule: 'self', make: async ({ ana }) => get(`/api/v1/presence?userIds=${ana.id}`) },
};

/** Routes whose every input is optional: nothing in a malformed request can be wrong for them. */
const NOTHING_TO_BREAK = new Set([
  'GET /api/v1/notifications',
  'GET /api/v1/notifications/unread-count',
  'POST /api/v1/notifications/read-all',
  'GET /api/v1/me/notification-settings',
  'GET /api/v1/conversations',
  'GET /api/v1/conversations/unread',
  'GET /api/v1/me/profile',
  'GET /api/v1/me/blocked',
  'GET /api/v1/me/muted',
  'GET /api/v1/connections/requests',
  'GET /api/v1/connections',
  'GET /api/v1/connections/online',
  'GET /api/v1/connections/suggestions',
  'GET /api/v1/feed',
  // Any text is a tag: an unknown one simply has no posts.
  'GET /api/v1/hashtags/:tag/posts',
  'DELETE /api/v1/me/avatar',
]);

/** The problem a request failed with (null when it succeeded). */
async function problemOfRequest(client: ApiClient, req: Request): Promise<ApiError | null> {
  try {
    await client.raw(req.method, req.path, req.body);
    return null;
  } catch (err) {
    if (err instanceof ApiError) return err;
    throw err;
  }
}

async function statusOf(client: ApiClient, req: Request): Promise<number> {
  try {
    await client.raw(req.method, req.path, req.body);
    return 200;
  } catch (err) {
    if (err instanceof ApiError) return err.status;
    throw err;
  }
}

/** Every route, each with freshly made samples, several times over: minutes on a loaded 2-core machine. */
const SLOW_TEST_MS = 300_000;

describe(`Students Interlinked access on ${dbLabel()}`, () => {
  let t: TestPlatform;
  let cast: Cast;
  /** Someone Ana has blocked. */
  let bo: Person;
  /** Someone who is neither Ana's connection nor blocked, nor in her conversations. */
  let cy: Person;
  let page: Server;

  const routes = () => t.platform.routes.filter((r) => r.access.kind === 'user' && SCOPE.test(r.url));
  const sampleOf = (route: { method: string; url: string }) => {
    const sample = samples[`${route.method} ${route.url}`];
    if (!sample) throw new Error(`no sample for ${route.method} ${route.url}`);
    return sample;
  };

  beforeAll(async () => {
    // A page to preview: served on loopback, which these tests allow (production refuses it).
    page = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<title>Class notes</title>'));
    await new Promise<void>((resolve) => page.listen(0, '127.0.0.1', resolve));
    const vapid = webpush.generateVAPIDKeys();
    t = await startTestPlatform({
      env: {
        LINK_PREVIEW_ALLOW_PRIVATE_NETWORKS: 'true',
        VAPID_PUBLIC_KEY: vapid.publicKey,
        VAPID_PRIVATE_KEY: vapid.privateKey,
        VAPID_SUBJECT: 'mailto:ops@edu.example',
      },
    });
    const ana = await person(t, 'Ana');
    const dee = await person(t, 'Dee');
    bo = await person(t, 'Bo');
    cy = await person(t, 'Cy');
    await ana.client.social.block(bo.id);
    cast = { t, ana, dee, pageUrl: `http://127.0.0.1:${(page.address() as AddressInfo).port}/notes` };
  });
  afterAll(async () => {
    await t.close();
    await new Promise((resolve) => page.close(resolve));
  });

  it('every Interlinked route has a sample request', () => {
    expect(
      routes()
        .map((r) => `${r.method} ${r.url}`)
        .sort(),
    ).toEqual(Object.keys(samples).sort());
  });

  it('malformed input (ids that are not ids, unknown body fields, missing queries) answers problem+json naming the field', async () => {
    for (const route of routes()) {
      const name = `${route.method} ${route.url}`;
      const problem = await problemOfRequest(cy.client, {
        method: route.method as Request['method'],
        path: route.url.replace(/:(\w+)/g, 'not-an-id'),
        body: route.method === 'GET' || route.method === 'DELETE' ? undefined : { unexpected: true },
      });
      if (NOTHING_TO_BREAK.has(name)) {
        expect({ name, problem: problem?.problem.code ?? null }).toEqual({ name, problem: null });
        continue;
      }
      const fields = problem?.problem.errors?.map((e) => e.field) ?? [];
      const ids = [...route.url.matchAll(/:(\w+)/g)].map((m) => m[1] as string);
      expect({ name, status: problem?.status, named: fields.length > 0, ids: ids.filter((id) => !fields.includes(id)) }).toEqual({
        name,
        status: problem?.status === 415 ? 415 : 400,
        named: true,
        ids: [],
      });
    }
  });

  it(
    'aimed at a person or what they made: a stranger may, someone they blocked gets 404',
    async () => {
      for (const route of routes().filter((r) => sampleOf(r).rule === 'aimed-at-person')) {
        const name = `${route.method} ${route.url}`;
        const stranger = await statusOf(cy.client, await sampleOf(route).make(cast));
        const blocked = await statusOf(bo.client, await sampleOf(route).make(cast));
        const expected = sampleOf(route).blockedStatus ?? 404;
        expect({ name, stranger: stranger < 400, blocked }).toEqual({ name, stranger: true, blocked: expected });
      }
    },
    SLOW_TEST_MS,
  );

  it(
    'a conversation: its members may, anyone else gets 404',
    async () => {
      for (const route of routes().filter((r) => sampleOf(r).rule === 'member')) {
        const name = `${route.method} ${route.url}`;
        const member = await statusOf(cast.ana.client, await sampleOf(route).make(cast));
        const outsider = await statusOf(cy.client, await sampleOf(route).make(cast));
        expect({ name, member: member < 400, outsider }).toEqual({ name, member: true, outsider: 404 });
      }
    },
    SLOW_TEST_MS,
  );

  it(
    'what only its owner may change: the owner may, anyone else is refused',
    async () => {
      for (const route of routes().filter((r) => sampleOf(r).rule === 'owner')) {
        const name = `${route.method} ${route.url}`;
        const owner = await statusOf(cast.ana.client, await sampleOf(route).make(cast));
        const other = await statusOf(cy.client, await sampleOf(route).make(cast));
        expect({ name, owner: owner < 400, other: [403, 404].includes(other) }).toEqual({ name, owner: true, other: true });
      }
    },
    SLOW_TEST_MS,
  );

  it(
    "the caller's own data: any signed-in person may",
    async () => {
      for (const route of routes().filter((r) => sampleOf(r).rule === 'self')) {
        const name = `${route.method} ${route.url}`;
        expect({ name, status: await statusOf(cy.client, await sampleOf(route).make(cast)) }).toEqual({ name, status: 200 });
      }
    },
    SLOW_TEST_MS,
  );
});
