// Comments (two levels deep), reactions (one per person, changeable) and reports (moderation queue).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { problemOf, problemSummary, waitFor } from '../../testing/factories.ts';
import { dbLabel, startTestPlatform, type TestPlatform } from '../../testing/test-platform.ts';
import { AVATAR_PNG, connect, person, published } from './social.testing.ts';

describe(`social comments, reactions and reports on ${dbLabel()}`, () => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await startTestPlatform();
  });
  afterAll(() => t.close());

  it('threads are two levels deep: a reply to a reply attaches to its top-level comment', async () => {
    const ada = await person(t, 'Ada');
    const bob = await person(t, 'Bob');
    const cy = await person(t, 'Cy');
    const post = await ada.client.social.createPost({ body: 'Question of the day' });
    const top = await bob.client.social.comment(post.id, { body: 'An answer' });
    const reply = await cy.client.social.comment(post.id, { body: `Reply, @${ada.handle}`, parentId: top.id });
    const deeper = await ada.client.social.comment(post.id, { body: 'Reply to the reply', parentId: reply.id });
    expect(reply.parentId).toBe(top.id);
    expect(deeper.parentId).toBe(top.id);
    const page = await cy.client.social.comments(post.id);
    expect(page.items.map((c) => [c.body, c.parentId])).toEqual([
      ['An answer', null],
      [`Reply, @${ada.handle}`, top.id],
      ['Reply to the reply', top.id],
    ]);
    expect((await ada.client.social.post(post.id)).commentCount).toBe(3);

    const paged = await cy.client.social.comments(post.id, { limit: 2 });
    expect(paged.items).toHaveLength(2);
    const rest = await cy.client.social.comments(post.id, { limit: 2, cursor: paged.nextCursor ?? '' });
    expect(rest.items.map((c) => c.id)).toEqual([deeper.id]);

    const commented = (await published(t, 'social.commented')).filter((e) => e.postId === post.id);
    expect(commented.map((e) => [e.authorId, e.parentId])).toEqual([
      [bob.id, null],
      [cy.id, top.id],
      [ada.id, top.id],
    ]);
    // The post's author hears of comments; the replied-to author of replies; Ada was mentioned by Cy.
    await waitFor('comment notifications', async () => {
      const adas = (await ada.client.notifications.list()).items.map((n) => n.kind);
      const bobs = (await bob.client.notifications.list()).items.map((n) => n.title);
      return adas.includes('social.commented') && adas.includes('social.mentioned') && bobs.some((title) => title.includes('replied'));
    });

    expect(await problemSummary(bob.client.social.comment(post.id, { body: '' }))).toMatchObject({ status: 400, fields: ['body'] });
    expect(await problemSummary(bob.client.social.comment(post.id, { body: 'x'.repeat(2001) }))).toMatchObject({ fields: ['body'] });
    const otherPost = await ada.client.social.createPost({ body: 'Other' });
    expect(await problemSummary(bob.client.social.comment(otherPost.id, { body: 'x', parentId: top.id }))).toMatchObject({
      status: 400,
      fields: ['parentId'],
    });

    // Its author or the post's author may delete a comment; it keeps its place, without its words.
    expect((await problemOf(cy.client.social.deleteComment(top.id))).status).toBe(403);
    await ada.client.social.deleteComment(top.id);
    expect((await cy.client.social.comments(post.id)).items[0]).toMatchObject({ id: top.id, deleted: true, body: '' });
    await cy.client.social.deleteComment(reply.id);
    expect((await ada.client.social.post(post.id)).commentCount).toBe(1);
  });

  it('blocked people cannot comment on, react to or see each other’s posts and comments', async () => {
    const ada = await person(t, 'Ada');
    const bob = await person(t, 'Bob');
    const cy = await person(t, 'Cy');
    const post = await ada.client.social.createPost({ body: 'Hello' });
    const byBob = await bob.client.social.comment(post.id, { body: 'Hi Ada' });
    await cy.client.social.comment(post.id, { body: 'Hi all' });
    await ada.client.social.block(bob.id);
    expect((await problemOf(bob.client.social.comment(post.id, { body: 'still here?' }))).status).toBe(404);
    expect((await problemOf(bob.client.social.reactToPost(post.id, 'like'))).status).toBe(404);
    expect((await problemOf(bob.client.social.post(post.id))).status).toBe(404);
    // Bob's comment is hidden from Ada, and Ada cannot react to it.
    expect((await ada.client.social.comments(post.id)).items.map((c) => c.body)).toEqual(['Hi all']);
    expect((await problemOf(ada.client.social.reactToComment(byBob.id, 'like'))).status).toBe(404);
  });

  it('a comment names the people its @handles mention, drops blocked ones and tells those who may see the post', async () => {
    const ada = await person(t, 'Ada');
    const bob = await person(t, 'Bob');
    const cy = await person(t, 'Cy');
    const dee = await person(t, 'Dee');
    const eve = await person(t, 'Eve');
    await cy.client.social.block(bob.id);
    await connect(ada, bob);
    await connect(ada, dee);
    const post = await ada.client.social.createPost({ body: 'Lab partners wanted', visibility: 'connections' });
    // Dee may see the post; Eve may not (not Ada's connection); Cy blocked Bob; nobody owns @nosuchhandle.
    const comment = await bob.client.social.comment(post.id, {
      body: `Ask @${dee.handle.toUpperCase()}, @${eve.handle}, @${cy.handle} and @nosuchhandle_x`,
    });
    const named = [
      { userId: dee.id, displayName: 'Dee', handle: dee.handle },
      { userId: eve.id, displayName: 'Eve', handle: eve.handle },
    ];
    expect(comment.mentions).toMatchObject(named);
    expect(comment.mentions).toHaveLength(2);
    expect((await ada.client.social.comments(post.id)).items[0]?.mentions).toMatchObject(named);

    const mentioned = (await published(t, 'social.mentioned')).filter((e) => e.commentId === comment.id);
    expect(mentioned).toEqual([{ postId: post.id, commentId: comment.id, authorId: bob.id, mentionedId: dee.id }]);
    await waitFor('the mention notification', async () =>
      (await dee.client.notifications.list()).items.some(
        (n) => n.kind === 'social.mentioned' && n.title === 'Bob mentioned you in a comment' && n.link === `/posts/${post.id}`,
      ),
    );
    for (const other of [eve, cy]) {
      expect((await other.client.notifications.list()).items.filter((n) => n.kind === 'social.mentioned')).toEqual([]);
    }

    // Blocking later hides the mentioned person from the blocker, as on posts; deleting drops them all.
    await ada.client.social.block(eve.id);
    expect((await ada.client.social.comments(post.id)).items[0]?.mentions.map((m) => m.userId)).toEqual([dee.id]);
    await bob.client.social.deleteComment(comment.id);
    expect((await dee.client.social.comments(post.id)).items[0]).toMatchObject({ deleted: true, mentions: [] });
  });

  it('one reaction per person, changeable and removable; the owner is told once', async () => {
    const ada = await person(t, 'Ada');
    const bob = await person(t, 'Bob');
    const cy = await person(t, 'Cy');
    const post = await ada.client.social.createPost({ body: 'React to me' });
    await bob.client.social.reactToPost(post.id, 'like');
    await bob.client.social.reactToPost(post.id, 'like');
    await cy.client.social.reactToPost(post.id, 'like');
    await bob.client.social.reactToPost(post.id, 'insightful');
    expect(await bob.client.social.post(post.id)).toMatchObject({ reactions: { like: 1, insightful: 1 }, myReaction: 'insightful' });
    await bob.client.social.unreactToPost(post.id);
    expect(await bob.client.social.post(post.id)).toMatchObject({ reactions: { like: 1 }, myReaction: null });
    expect(await problemSummary(bob.client.social.reactToPost(post.id, 'love' as never))).toMatchObject({ status: 400, fields: ['kind'] });

    const comment = await ada.client.social.comment(post.id, { body: 'Thanks' });
    await bob.client.social.reactToComment(comment.id, 'celebrate');
    expect((await ada.client.social.comments(post.id)).items[0]).toMatchObject({ reactions: { celebrate: 1 }, myReaction: null });
    expect((await bob.client.social.comments(post.id)).items[0]?.myReaction).toBe('celebrate');

    const reacted = (await published(t, 'social.reacted')).filter((e) => e.postId === post.id);
    expect(reacted.map((e) => [e.userId, e.targetType, e.kind])).toEqual([
      [bob.id, 'post', 'like'],
      [cy.id, 'post', 'like'],
      [bob.id, 'post', 'insightful'],
      [bob.id, 'comment', 'celebrate'],
    ]);
    // Bob and Cy on the post fold into one entry; Bob on the comment is another.
    await waitFor('reaction notifications', async () => {
      const told = (await ada.client.notifications.list()).items.filter((n) => n.kind === 'social.reacted');
      return (
        told
          .map((n) => n.count)
          .sort()
          .join() === '1,2'
      );
    });
  });

  it('reports land in the moderation queue, once per person; only platform moderators list it', async () => {
    const ada = await person(t, 'Ada');
    const bob = await person(t, 'Bob');
    const post = await ada.client.social.createPost({ body: 'Buy cheap pills' });
    const comment = await ada.client.social.comment(post.id, { body: 'Really cheap' });
    const report = await bob.client.social.reportPost(post.id, { reason: 'spam', details: 'advert' });
    expect(report).toMatchObject({ targetType: 'post', targetId: post.id, reporterId: bob.id, reason: 'spam', status: 'open' });
    expect((await problemOf(bob.client.social.reportPost(post.id, { reason: 'spam' }))).status).toBe(409);
    await bob.client.social.reportComment(comment.id, { reason: 'other' });
    expect(await problemSummary(bob.client.social.reportPost(post.id, { reason: 'boring' as never }))).toMatchObject({
      fields: ['reason'],
    });

    expect((await problemOf(bob.client.social.reports())).status).toBe(403);
    const moderator = await person(t, 'Mod');
    await t.platform.identity.setPlatformRoles(moderator.id, ['moderator']);
    await moderator.client.auth.refresh();
    const queue = await moderator.client.social.reports();
    expect(queue.items.slice(0, 2).map((r) => [r.targetType, r.targetId])).toEqual([
      ['comment', comment.id],
      ['post', post.id],
    ]);
  });

  it('reactions and follows from several people fold into one inbox entry that names them and shows the latest face', async () => {
    const star = await person(t, 'Star');
    const fans = [await person(t, 'Ann'), await person(t, 'Ben'), await person(t, 'Cat')];
    const cat = fans[2] as (typeof fans)[number];
    const { avatarUrl } = await cat.client.social.setAvatar(new Blob([AVATAR_PNG], { type: 'image/png' }));
    const post = await star.client.social.createPost({ body: 'Liked by many' });
    for (const fan of fans) {
      await fan.client.social.reactToPost(post.id, 'like');
      await fan.client.social.follow(star.id);
    }
    const entries = async () => (await star.client.notifications.list()).items;
    await waitFor('three of each folded', async () => {
      const all = await entries();
      return (
        all.filter((n) => n.kind === 'social.reacted' && n.count === 3).length === 1 &&
        all.some((n) => n.kind === 'social.followed' && n.count === 3)
      );
    });
    const all = await entries();
    expect(all.filter((n) => n.kind === 'social.reacted').map((n) => ({ title: n.title, count: n.count }))).toEqual([
      { title: 'Cat and 2 others liked your post', count: 3 },
    ]);
    expect(all.filter((n) => n.kind === 'social.followed').map((n) => n.title)).toEqual(['Cat and 2 others started following you']);
    // Cat acted last on both entries; the picture is read when listed, so a new one shows at once.
    const catActor = { userId: cat.id, displayName: 'Cat', avatarUrl };
    expect(all.filter((n) => n.kind.startsWith('social.')).map((n) => n.actor)).toEqual([catActor, catActor]);
    await cat.client.social.removeAvatar();
    expect((await entries()).map((n) => n.actor?.avatarUrl)).toEqual([null, null]);
    // Each entry says its settings category, and the inbox filters by it.
    const reactions = await star.client.notifications.list({ category: 'social_reactions' });
    expect(reactions.items.map((n) => [n.kind, n.category])).toEqual([['social.reacted', 'social_reactions']]);
    expect((await star.client.notifications.list({ category: 'social_connections' })).items.map((n) => n.kind)).toEqual([
      'social.followed',
    ]);
  });
});
