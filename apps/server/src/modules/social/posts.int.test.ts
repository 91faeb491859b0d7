// Posts over HTTP: hashtags and mentions parsed by the server, visibility, edits with history,
// soft delete, reposts, and the events they publish.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, createInstitution, problemOf, problemSummary, waitFor } from '../../testing/factories.ts';
import { dbLabel, startTestPlatform, type TestPlatform } from '../../testing/test-platform.ts';
import { connect, person, published } from './social.testing.ts';

describe(`social posts on ${dbLabel()}`, () => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await startTestPlatform();
  });
  afterAll(() => t.close());

  it('a post parses its hashtags and mentions; a mention of someone who blocked the author is dropped', async () => {
    const ada = await person(t, 'Ada');
    const bob = await person(t, 'Bob');
    const cy = await person(t, 'Cy');
    await cy.client.social.block(ada.id);
    const post = await ada.client.social.createPost({
      body: `Finished the #Titration lab with @${bob.handle.toUpperCase()} and @${cy.handle}! #chemistry \`#notatag\` mail: x@${bob.handle}`,
    });
    expect(post).toMatchObject({
      author: { userId: ada.id, displayName: 'Ada', handle: ada.handle },
      visibility: 'public',
      hashtags: ['titration', 'chemistry'],
      mentions: [{ userId: bob.id, handle: bob.handle }],
      commentCount: 0,
      reactions: {},
      myReaction: null,
      editedAt: null,
    });
    expect(await published(t, 'social.post_created')).toContainEqual({
      postId: post.id,
      authorId: ada.id,
      visibility: 'public',
      institutionId: null,
      hashtags: ['titration', 'chemistry'],
      repostOf: null,
    });
    const mentioned = (await published(t, 'social.mentioned')).filter((e) => e.postId === post.id);
    expect(mentioned).toEqual([{ postId: post.id, commentId: null, authorId: ada.id, mentionedId: bob.id }]);
    await waitFor('the mention notification', async () =>
      (await bob.client.notifications.list()).items.some((n) => n.kind === 'social.mentioned' && n.link === `/posts/${post.id}`),
    );
    expect((await cy.client.notifications.list()).items.filter((n) => n.kind === 'social.mentioned')).toEqual([]);
  });

  it('bad input answers problem+json naming the field', async () => {
    const ada = await person(t, 'Ada');
    expect(await problemSummary(ada.client.social.createPost({ body: '   ' }))).toMatchObject({ status: 400, fields: ['body'] });
    expect(await problemSummary(ada.client.social.createPost({ body: 'x'.repeat(5001) }))).toMatchObject({ status: 400, fields: ['body'] });
    expect(await problemSummary(ada.client.social.createPost({ body: 'hi', visibility: 'friends' }))).toMatchObject({
      status: 400,
      fields: ['visibility'],
    });
    const other = await createInstitution((await person(t, 'Owner')).client);
    expect(await problemSummary(ada.client.social.createPost({ body: 'hi', visibility: `institution:${other.id}` }))).toMatchObject({
      status: 400,
      code: 'social.not_a_member',
      fields: ['visibility'],
    });
    expect(
      await problemSummary(ada.client.social.createPost({ body: '', repostOf: '01a20000-0000-7000-8000-000000000000' })),
    ).toMatchObject({
      status: 400,
      fields: ['repostOf'],
    });
    expect(await problemSummary(ada.client.social.post('nope'))).toMatchObject({ status: 400, fields: ['postId'] });
    expect((await problemOf(t.client().social.createPost({ body: 'anonymous' }))).status).toBe(401);
  });

  it('visibility: connections only for connections, institution only for its members', async () => {
    const owner = await person(t, 'Owner');
    const inst = await createInstitution(owner.client);
    const member = await addMember(t, owner.client, inst.id, 'student');
    const friend = await person(t, 'Friend');
    const stranger = await person(t, 'Stranger');
    await connect(owner, friend);
    const forFriends = await owner.client.social.createPost({ body: 'friends only', visibility: 'connections' });
    const forSchool = await owner.client.social.createPost({ body: 'school only', visibility: `institution:${inst.id}` });
    expect(forSchool.visibility).toBe(`institution:${inst.id}`);
    expect((await friend.client.social.post(forFriends.id)).body).toBe('friends only');
    expect((await problemOf(stranger.client.social.post(forFriends.id))).status).toBe(404);
    expect((await problemOf(member.client.social.post(forFriends.id))).status).toBe(404);
    expect((await member.client.social.post(forSchool.id)).body).toBe('school only');
    expect((await problemOf(friend.client.social.post(forSchool.id))).status).toBe(404);
    expect((await stranger.client.social.timeline(owner.id)).items).toEqual([]);
    expect((await friend.client.social.timeline(owner.id)).items.map((p) => p.id)).toEqual([forFriends.id]);
  });

  it('edits keep the history; only the author edits or deletes; deleted posts are gone', async () => {
    const ada = await person(t, 'Ada');
    const bob = await person(t, 'Bob');
    const post = await ada.client.social.createPost({ body: 'First #draft' });
    expect((await problemOf(bob.client.social.updatePost(post.id, { body: 'hijacked' }))).status).toBe(403);
    expect(await problemSummary(ada.client.social.updatePost(post.id, { body: '' }))).toMatchObject({ status: 400, fields: ['body'] });
    const edited = await ada.client.social.updatePost(post.id, { body: `Second #final with @${bob.handle}` });
    expect(edited).toMatchObject({ body: `Second #final with @${bob.handle}`, hashtags: ['final'], mentions: [{ userId: bob.id }] });
    expect(edited.editedAt).not.toBeNull();
    await ada.client.social.updatePost(post.id, { body: 'Third' });
    const history = await bob.client.social.history(post.id);
    expect(history.items.map((v) => v.body)).toEqual(['Third', `Second #final with @${bob.handle}`, 'First #draft']);
    expect((await published(t, 'social.mentioned')).filter((e) => e.postId === post.id)).toHaveLength(1);

    expect((await problemOf(bob.client.social.deletePost(post.id))).status).toBe(403);
    await ada.client.social.deletePost(post.id);
    expect((await problemOf(ada.client.social.post(post.id))).status).toBe(404);
    expect((await problemOf(bob.client.social.history(post.id))).status).toBe(404);
    expect((await problemOf(ada.client.social.deletePost(post.id))).status).toBe(404);
  });

  it('reposts share the original (a repost of a repost shares the original), with an optional comment', async () => {
    const ada = await person(t, 'Ada');
    const bob = await person(t, 'Bob');
    const cy = await person(t, 'Cy');
    const original = await ada.client.social.createPost({ body: 'Original thought' });
    const repost = await bob.client.social.createPost({ body: 'So true', repostOf: original.id });
    expect(repost).toMatchObject({
      body: 'So true',
      repostOf: original.id,
      original: { id: original.id, body: 'Original thought', author: { userId: ada.id } },
    });
    const again = await cy.client.social.createPost({ repostOf: repost.id });
    expect(again).toMatchObject({ body: '', repostOf: original.id });
    expect((await ada.client.social.post(original.id)).repostCount).toBe(2);

    // Hidden from a viewer: the original is left out of the repost they see.
    const secret = await ada.client.social.createPost({ body: 'for connections', visibility: 'connections' });
    expect(await problemSummary(bob.client.social.createPost({ repostOf: secret.id }))).toMatchObject({ fields: ['repostOf'] });
    await connect(ada, bob);
    const shared = await bob.client.social.createPost({ body: 'look', repostOf: secret.id });
    expect(shared.original?.id).toBe(secret.id);
    expect((await cy.client.social.post(shared.id)).original).toBeNull();
  });

  it('a post carries its author’s headline when the viewer may see it', async () => {
    const author = await person(t, 'Headliner');
    const friend = await person(t, 'Friend');
    const stranger = await person(t, 'Stranger');
    await connect(author, friend);
    await author.client.social.updateProfile({ headline: 'Physics teacher', privacy: { headline: 'connections' } });
    const post = await author.client.social.createPost({ body: 'Public post' });
    const headlineFor = async (who: typeof author) => (await who.client.social.post(post.id)).authorHeadline;
    expect(await headlineFor(author)).toBe('Physics teacher');
    expect(await headlineFor(friend)).toBe('Physics teacher');
    expect(await headlineFor(stranger)).toBeNull();
    await author.client.social.updateProfile({ privacy: { headline: 'public' } });
    expect(await headlineFor(stranger)).toBe('Physics teacher');
  });
});
