// Profile pictures over HTTP: checked by their bytes, cropped to a square, served without a session
// at a versioned URL that every person summary carries, replaced and removed cleanly.
import { Jimp } from 'jimp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { problemSummary } from '../../testing/factories.ts';
import { dbLabel, startTestPlatform, type TestPlatform } from '../../testing/test-platform.ts';
import { AVATAR_SIDE } from './avatars.ts';
import { person } from './social.testing.ts';

async function png(width: number, height: number): Promise<Blob> {
  const image = new Jimp({ width, height, color: 0x3366ccff });
  return new Blob([new Uint8Array(await image.getBuffer('image/png'))], { type: 'image/png' });
}

describe(`profile pictures on ${dbLabel()}`, () => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await startTestPlatform();
  });
  afterAll(() => t.close());

  /** Fetched like an <img> would: no token. */
  const fetchPicture = (url: string) => fetch(`${t.url}${url}`);

  it('an upload is cropped to a square, served without a session, and shown wherever the person is', async () => {
    const ada = await person(t, 'Ada');
    const ben = await person(t, 'Ben');
    const { avatarUrl } = await ada.client.social.setAvatar(await png(300, 200));
    expect(avatarUrl).toMatch(new RegExp(`^/api/v1/avatars/${ada.id}/[0-9a-f]{24}$`));

    const res = await fetchPicture(avatarUrl);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('cache-control')).toBe('private, max-age=31536000, immutable');
    const served = await Jimp.read(Buffer.from(await res.arrayBuffer()));
    expect([served.width, served.height]).toEqual([AVATAR_SIDE, AVATAR_SIDE]);

    expect((await ada.client.social.myProfile()).avatarUrl).toBe(avatarUrl);
    expect((await ben.client.social.profile(ada.id)).avatarUrl).toBe(avatarUrl);
    const post = await ada.client.social.createPost({ body: 'With a face now' });
    expect((await ben.client.social.post(post.id)).author.avatarUrl).toBe(avatarUrl);
    expect((await ben.client.social.profile(ben.id)).avatarUrl).toBeNull();
    // Chat shows it too: the direct conversation's picture is the other person's, and members carry theirs.
    const direct = await ben.client.chat.direct(ada.id);
    expect((await ben.client.chat.list()).items.find((c) => c.id === direct.id)?.avatarUrl).toBe(avatarUrl);
    expect((await ada.client.chat.list()).items.find((c) => c.id === direct.id)?.avatarUrl).toBeNull();
    const members = new Map((await ben.client.chat.get(direct.id)).members.map((m) => [m.userId, m.avatarUrl]));
    expect([members.get(ada.id), members.get(ben.id)]).toEqual([avatarUrl, null]);
    // Editing the rest of the profile keeps the picture.
    await ada.client.social.updateProfile({ headline: 'Physics' });
    expect((await ada.client.social.myProfile()).avatarUrl).toBe(avatarUrl);
  });

  it('a new picture gets a new URL and the old one is gone; removing is idempotent', async () => {
    const ada = await person(t, 'Ada');
    const first = (await ada.client.social.setAvatar(await png(64, 64))).avatarUrl;
    const second = (await ada.client.social.setAvatar(await png(80, 120))).avatarUrl;
    expect(second).not.toBe(first);
    expect((await fetchPicture(first)).status).toBe(404);
    expect((await fetchPicture(second)).status).toBe(200);
    await ada.client.social.removeAvatar();
    await ada.client.social.removeAvatar();
    expect((await ada.client.social.myProfile()).avatarUrl).toBeNull();
    expect((await fetchPicture(second)).status).toBe(404);
    expect((await fetchPicture(`/api/v1/avatars/${ada.id}/made-up`)).status).toBe(404);
  });

  it('bad uploads answer problem+json naming the avatar, and change nothing', async () => {
    const ada = await person(t, 'Ada');
    const kept = (await ada.client.social.setAvatar(await png(64, 64))).avatarUrl;
    const send = (bytes: Uint8Array, type = 'image/png') => problemSummary(ada.client.social.setAvatar(new Blob([bytes], { type })));
    expect(await send(new Uint8Array(0))).toMatchObject({ status: 400, fields: ['avatar'] });
    expect(await send(new TextEncoder().encode('not an image at all'))).toMatchObject({ status: 415, fields: ['avatar'] });
    const tiny = new Uint8Array(await (await png(8, 8)).arrayBuffer());
    expect(await send(tiny)).toMatchObject({ status: 400, code: 'social.avatar_dimensions', fields: ['avatar'] });
    expect(await send(new Uint8Array(5 * 1024 * 1024 + 1))).toMatchObject({ status: 413, fields: ['avatar'] });
    expect((await ada.client.social.myProfile()).avatarUrl).toBe(kept);
    expect((await problemSummary(t.client().social.setAvatar(await png(64, 64)))).status).toBe(401);
  });
});
