// The moderation queue: reports carry their target, and one decision (dismiss or remove) resolves
// every open report on that target; removing tells the author and is audited.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { problemOf, problemSummary, waitFor } from '../../testing/factories.ts';
import { dbLabel, startTestPlatform, type TestPlatform } from '../../testing/test-platform.ts';
import { type Person, person } from './social.testing.ts';

describe(`social moderation queue on ${dbLabel()}`, () => {
  let t: TestPlatform;
  let mod: Person;
  beforeAll(async () => {
    t = await startTestPlatform();
    mod = await person(t, 'Mod');
    await t.platform.identity.setPlatformRoles(mod.id, ['moderator']);
    await mod.client.auth.refresh();
  });
  afterAll(() => t.close());

  const queued = async (targetId: string) => (await mod.client.social.reports({ limit: 100 })).items.filter((r) => r.targetId === targetId);
  const audit = async (targetId: string) =>
    (
      await sql<{ action: string; actor_id: string }>`select action, actor_id from platform.audit_log
        where target_id = ${targetId} order by id`.execute(t.platform.database.db)
    ).rows;

  it('only platform moderators see the queue or decide; they see what was reported past its audience', async () => {
    const ada = await person(t, 'Ada');
    const post = await ada.client.social.createPost({ body: 'Hello', visibility: 'connections' });
    const report = await ada.client.social.reportPost(post.id, { reason: 'spam' });
    expect(report).toMatchObject({ status: 'open', resolution: null, resolvedAt: null });
    expect((await problemOf(ada.client.social.reports())).status).toBe(403);
    const refused = await problemOf(ada.client.social.resolveReport(report.id, { action: 'remove' }));
    expect(refused.status).toBe(403);
    expect((await ada.client.social.post(post.id)).id).toBe(post.id);
    // Moderators read what was reported even where its audience leaves them out.
    expect((await queued(post.id))[0]?.target.text).toBe('Hello');
  });

  it('each report carries its target, author, link and how many open reports it has; dismiss resolves them all', async () => {
    const ada = await person(t, 'Ada');
    const [bob, cy] = [await person(t, 'Bob'), await person(t, 'Cy')];
    const post = await ada.client.social.createPost({ body: 'Is **this** spam?' });
    const first = await bob.client.social.reportPost(post.id, { reason: 'spam', details: 'looks like an advert' });
    const sibling = await cy.client.social.reportPost(post.id, { reason: 'misinformation' });

    const items = await queued(post.id);
    expect(items).toHaveLength(2);
    expect(items[0]?.target).toEqual({
      text: 'Is **this** spam?',
      author: expect.objectContaining({ userId: ada.id, handle: ada.handle }),
      deleted: false,
      link: `/posts/${post.id}`,
      openReports: 2,
    });

    const resolved = await mod.client.social.resolveReport(first.id, { action: 'dismiss' });
    expect(resolved).toMatchObject({ id: first.id, status: 'resolved', resolution: 'dismissed' });
    expect(resolved.resolvedAt).toEqual(expect.any(String));
    expect(await queued(post.id)).toEqual([]);
    expect((await ada.client.social.post(post.id)).id).toBe(post.id);
    expect(await audit(post.id)).toEqual([{ action: 'social.report_dismissed', actor_id: mod.id }]);

    // Resolved once: a second decision on it (or on its sibling) is refused.
    for (const id of [first.id, sibling.id]) {
      expect(await problemSummary(mod.client.social.resolveReport(id, { action: 'remove' }))).toMatchObject({
        status: 409,
        code: 'social.report_resolved',
      });
    }
    expect((await ada.client.social.post(post.id)).id).toBe(post.id);
    // Once resolved, the same person may report it again, into a fresh queue entry.
    await bob.client.social.reportPost(post.id, { reason: 'spam' });
    expect((await queued(post.id)).map((r) => r.target.openReports)).toEqual([1]);
  });

  it('remove takes the post down for everyone and tells its author', async () => {
    const ada = await person(t, 'Ada');
    const bob = await person(t, 'Bob');
    const post = await ada.client.social.createPost({ body: 'Buy cheap pills #deals' });
    const report = await bob.client.social.reportPost(post.id, { reason: 'spam' });
    const comment = await ada.client.social.comment(post.id, { body: 'DM me for prices' });
    await bob.client.social.reportComment(comment.id, { reason: 'spam' });
    expect(await queued(comment.id)).toHaveLength(1);

    const resolved = await mod.client.social.resolveReport(report.id, { action: 'remove', note: 'Advertising is not allowed.' });
    expect(resolved).toMatchObject({ status: 'resolved', resolution: 'removed' });
    expect((await problemOf(bob.client.social.post(post.id))).status).toBe(404);
    expect((await problemOf(ada.client.social.post(post.id))).status).toBe(404);
    expect(await queued(post.id)).toEqual([]);
    // Reports on its comments went with it.
    expect(await queued(comment.id)).toEqual([]);
    expect(await audit(post.id)).toEqual([{ action: 'social.report_removed', actor_id: mod.id }]);

    await waitFor('the author is told', async () =>
      (await ada.client.notifications.list()).items.some((n) => n.kind === 'social.content_removed'),
    );
    const notice = (await ada.client.notifications.list()).items.find((n) => n.kind === 'social.content_removed');
    // Moderators stay anonymous: the notice has no actor.
    expect(notice).toMatchObject({ title: 'A moderator removed your post', body: 'Advertising is not allowed.', link: null, actor: null });
    expect((await problemOf(mod.client.social.resolveReport(report.id, { action: 'dismiss' }))).status).toBe(409);
  });

  it('remove takes a comment down; the post stays and the author is pointed at it', async () => {
    const ada = await person(t, 'Ada');
    const bob = await person(t, 'Bob');
    const post = await ada.client.social.createPost({ body: 'A calm post' });
    const comment = await bob.client.social.comment(post.id, { body: 'A rude comment' });
    const report = await ada.client.social.reportComment(comment.id, { reason: 'harassment' });
    const [entry] = await queued(comment.id);
    expect(entry?.target).toMatchObject({ text: 'A rude comment', author: { userId: bob.id }, link: `/posts/${post.id}` });

    await mod.client.social.resolveReport(report.id, { action: 'remove' });
    const comments = (await ada.client.social.comments(post.id)).items;
    expect(comments.find((c) => c.id === comment.id)?.deleted ?? true).toBe(true);
    expect((await ada.client.social.post(post.id)).id).toBe(post.id);
    await waitFor('the commenter is told', async () =>
      (await bob.client.notifications.list()).items.some(
        (n) => n.kind === 'social.content_removed' && n.link === `/posts/${post.id}` && n.title === 'A moderator removed your comment',
      ),
    );
  });

  it('bad input is refused with a problem naming the field', async () => {
    const ada = await person(t, 'Ada');
    const post = await ada.client.social.createPost({ body: 'Fine' });
    const report = await ada.client.social.reportPost(post.id, { reason: 'other' });
    const resolve = mod.client.social.resolveReport;
    expect(await problemSummary(resolve(report.id, { action: 'ban' as never }))).toMatchObject({ status: 400, fields: ['action'] });
    expect(await problemSummary(resolve(report.id, { action: 'remove', note: 'x'.repeat(501) }))).toMatchObject({
      status: 400,
      fields: ['note'],
    });
    expect(await problemSummary(resolve('not-a-uuid', { action: 'dismiss' }))).toMatchObject({ status: 400, fields: ['reportId'] });
    expect((await problemOf(resolve('01a20000-0000-7000-8000-000000000000', { action: 'dismiss' }))).status).toBe(404);
    expect(await queued(post.id)).toHaveLength(1);
  });

  it('two moderators deciding on the same post at once: one decision stands, the other gets 409', async () => {
    const ada = await person(t, 'Ada');
    const [bob, cy] = [await person(t, 'Bob'), await person(t, 'Cy')];
    const other = await person(t, 'Mod2');
    await t.platform.identity.setPlatformRoles(other.id, ['moderator']);
    await other.client.auth.refresh();
    const post = await ada.client.social.createPost({ body: 'Contested' });
    const [r1, r2] = [
      await bob.client.social.reportPost(post.id, { reason: 'spam' }),
      await cy.client.social.reportPost(post.id, { reason: 'hate' }),
    ];
    const outcomes = await Promise.all([
      mod.client.social.resolveReport(r1.id, { action: 'remove' }).then(
        () => 'done',
        (e: { status: number }) => e.status,
      ),
      other.client.social.resolveReport(r2.id, { action: 'dismiss' }).then(
        () => 'done',
        (e: { status: number }) => e.status,
      ),
    ]);
    expect(outcomes.sort()).toEqual([409, 'done'].sort());
    expect(await queued(post.id)).toEqual([]);
    // One decision, audited once.
    const decisions = (await audit(post.id)).filter((a) => a.action === 'social.report_dismissed' || a.action === 'social.report_removed');
    expect(decisions).toHaveLength(1);
  });
});
