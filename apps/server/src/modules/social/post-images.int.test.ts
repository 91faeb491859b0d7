// Post images: checked by their bytes and size, re-encoded at most 1600 px a side, attached to the
// uploader's new post only, and readable exactly by whoever may see that post.
import { Jimp } from 'jimp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { problemOf } from '../../testing/factories.ts';
import { dbLabel, startTestPlatform, type TestPlatform } from '../../testing/test-platform.ts';
import { connect, person } from './social.testing.ts';

const png = async (w: number, h: number) =>
  new Blob([await new Jimp({ width: w, height: h, color: 0x3366ccff }).getBuffer('image/png')], { type: 'image/png' });

describe(`post images on ${dbLabel()}`, () => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await startTestPlatform();
  });
  afterAll(() => t.close());

  it('uploads, resizes, attaches to a post and shows it to those who may see the post', async () => {
    const author = await person(t, 'Painter');
    const friend = await person(t, 'Friend');
    const stranger = await person(t, 'Stranger');
    await connect(author, friend);
    const s = author.client.social;

    const big = await s.uploadPostImage(await png(3200, 1600));
    expect({ width: big.width, height: big.height }).toEqual({ width: 1600, height: 800 });
    const small = await s.uploadPostImage(await png(40, 30));
    // Before posting, only the uploader sees it.
    expect((await problemOf(friend.client.social.postImage(small.id))).status).toBe(404);

    const fake = await problemOf(s.uploadPostImage(new Blob(['not an image'], { type: 'image/png' })));
    expect({ status: fake.status, field: fake.problem.errors?.[0]?.field }).toEqual({ status: 415, field: 'file' });
    const theirs = await friend.client.social.uploadPostImage(await png(10, 10));
    const stolen = await problemOf(s.createPost({ body: 'Mine?', imageIds: [theirs.id] }));
    expect(stolen.problem.errors?.[0]?.field).toBe('imageIds.0');
    expect((await problemOf(s.createPost({ body: 'x', imageIds: Array(5).fill(big.id) }))).problem.errors?.[0]?.field).toBe('imageIds');

    const post = await s.createPost({ body: '', imageIds: [small.id, big.id], visibility: 'connections' });
    expect(post.images.map((i) => i.id)).toEqual([small.id, big.id]);
    expect(post.images[0]?.url).toBe(`/api/v1/post-images/${small.id}`);
    const got = await friend.client.social.postImage(big.id);
    expect(got.type).toBe('image/png');
    const decoded = await Jimp.read(Buffer.from(await got.arrayBuffer()));
    expect({ w: decoded.width, h: decoded.height }).toEqual({ w: 1600, h: 800 });
    expect((await problemOf(stranger.client.social.postImage(big.id))).status).toBe(404);
    // An image goes with one post only.
    expect((await problemOf(s.createPost({ body: 'Again', imageIds: [small.id] }))).problem.errors?.[0]?.field).toBe('imageIds.0');
    expect((await friend.client.social.feed()).items.find((p) => p.id === post.id)?.images).toHaveLength(2);
  });
});
