import { Jimp } from 'jimp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, createInstitution, problemSummary, signedUpClient, waitFor } from '../../../testing/factories.ts';
import { dbLabel, startTestPlatform, type TestPlatform } from '../../../testing/test-platform.ts';
import { logoKey } from './logo.service.ts';

const pngOf = async (width: number, height: number, color = 0x1c7ed6ff) => new Jimp({ width, height, color }).getBuffer('image/png');
const blob = (bytes: Uint8Array, type = 'image/png') => new Blob([new Uint8Array(bytes)], { type });

/** A PNG whose header claims `width`×`height` but whose pixels never follow. */
function pngHeaderOnly(width: number, height: number) {
  const bytes = new Uint8Array(33);
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  const view = new DataView(bytes.buffer);
  view.setUint32(16, width);
  view.setUint32(20, height);
  bytes.set([8, 6, 0, 0, 0], 24);
  return bytes;
}

describe(`logo and brand colour on ${dbLabel()}`, () => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await startTestPlatform();
  });
  afterAll(() => t.close());

  it('a manager uploads a logo; anyone may fetch its sizes, cached by version; replacing and removing clean up', async () => {
    const owner = await signedUpClient(t, 'Owner');
    const inst = await createInstitution(owner.client);
    const teacher = await addMember(t, owner.client, inst.id, 'teacher');
    expect(inst.logoUrl).toBeNull();

    const { logoUrl } = await owner.client.settings.uploadLogo(inst.id, blob(await pngOf(300, 120)));
    expect(logoUrl).toMatch(new RegExp(`^/api/v1/institutions/${inst.id}/logo/256\\?v=[0-9a-f]{16}$`));
    expect((await teacher.client.institutions.get(inst.id)).logoUrl).toBe(logoUrl);
    const version = new URL(logoUrl, t.url).searchParams.get('v') as string;

    // Served without a token (an <img> sends none), as PNG, every size square-fit except the original.
    const res = await fetch(`${t.url}${logoUrl}`);
    expect([res.status, res.headers.get('content-type'), res.headers.get('cache-control')]).toEqual([
      200,
      'image/png',
      'public, max-age=31536000, immutable',
    ]);
    const etag = res.headers.get('etag') as string;
    const sizeOf = async (r: Response) => {
      const image = await Jimp.read(Buffer.from(await r.arrayBuffer()));
      return `${image.width}x${image.height}`;
    };
    expect(await sizeOf(res)).toBe('256x256');
    expect(await sizeOf(await fetch(`${t.url}/api/v1/institutions/${inst.id}/logo/64`))).toBe('64x64');
    const original = await fetch(`${t.url}/api/v1/institutions/${inst.id}/logo/original`);
    expect(original.headers.get('cache-control')).toBe('public, no-cache');
    expect(await sizeOf(original)).toBe('300x120');
    expect((await fetch(`${t.url}${logoUrl}`, { headers: { 'if-none-match': etag } })).status).toBe(304);
    expect((await fetch(`${t.url}/api/v1/institutions/${inst.id}/logo/512`)).status).toBe(400);

    // A JPEG sent as "image/png" is taken for what its bytes say it is.
    const jpeg = await new Jimp({ width: 40, height: 80, color: 0x222222ff }).getBuffer('image/jpeg');
    const second = await owner.client.settings.uploadLogo(inst.id, blob(jpeg, 'image/png'));
    expect(second.logoUrl).not.toBe(logoUrl);
    await waitFor(
      'the old logo files to be removed',
      async () => (await t.platform.storage.get(logoKey(inst.id, version, '256'))) === null,
    );

    await owner.client.settings.removeLogo(inst.id);
    await owner.client.settings.removeLogo(inst.id);
    expect((await owner.client.institutions.get(inst.id)).logoUrl).toBeNull();
    const gone = await fetch(`${t.url}/api/v1/institutions/${inst.id}/logo/256`);
    expect([gone.status, ((await gone.json()) as { code: string }).code]).toEqual([404, 'settings.logo_not_found']);
    const audit = await owner.client.institutions.audit(inst.id);
    expect(audit.items.map((e) => e.action).filter((a) => a.startsWith('institution.logo'))).toEqual([
      'institution.logo_removed',
      'institution.logo_updated',
      'institution.logo_updated',
    ]);

    expect(await problemSummary(teacher.client.settings.uploadLogo(inst.id, blob(await pngOf(32, 32))))).toMatchObject({ status: 403 });
    expect((await fetch(`${t.url}/api/v1/institutions/01a20000-0000-7000-8000-000000000000/logo/64`)).status).toBe(404);
  });

  it('refuses what is not a usable PNG or JPEG, naming the logo field, and keeps the old logo', async () => {
    const owner = await signedUpClient(t, 'Owner');
    const inst = await createInstitution(owner.client);
    const { logoUrl } = await owner.client.settings.uploadLogo(inst.id, blob(await pngOf(64, 64)));
    const upload = (bytes: Uint8Array, type = 'image/png') => problemSummary(owner.client.settings.uploadLogo(inst.id, blob(bytes, type)));

    expect(await upload(new TextEncoder().encode('GIF89a pretending'), 'image/gif')).toEqual({
      status: 415,
      code: 'settings.logo_type',
      fields: ['logo'],
    });
    expect(await upload(new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>'), 'image/png')).toMatchObject({ status: 415 });
    const tooBig = new Uint8Array(2 * 1024 * 1024 + 1);
    tooBig.set(await pngOf(16, 16));
    expect(await upload(tooBig)).toEqual({ status: 413, code: 'settings.logo_too_large', fields: ['logo'] });
    // A header claiming 20000×20000 is refused before anything is decoded.
    expect(await upload(pngHeaderOnly(20_000, 20_000))).toEqual({ status: 400, code: 'settings.logo_dimensions', fields: ['logo'] });
    expect(await upload(pngHeaderOnly(8, 8))).toMatchObject({ code: 'settings.logo_dimensions' });
    expect(await upload(pngHeaderOnly(200, 200))).toEqual({ status: 400, code: 'settings.logo_undecodable', fields: ['logo'] });
    expect(await upload(new Uint8Array(0))).toMatchObject({ status: 400, fields: ['logo'] });
    expect(await problemSummary(owner.client.raw('PUT', `/api/v1/institutions/${inst.id}/settings/logo`, { logo: 'x' }))).toEqual({
      status: 415,
      code: 'settings.logo_type',
      fields: ['logo'],
    });
    // Other routes still take JSON only.
    const res = await fetch(`${t.url}/api/v1/institutions/${inst.id}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${owner.client.accessToken}`, 'content-type': 'image/png' },
      body: await pngOf(16, 16),
    });
    expect(res.status).toBe(415);

    expect((await owner.client.institutions.get(inst.id)).logoUrl).toBe(logoUrl);

    // Larger than the 1 MB JSON body limit, within the 2 MB logo limit: accepted.
    const noisy = new Jimp({ width: 620, height: 620 });
    noisy.bitmap.data.forEach((_, i) => {
      noisy.bitmap.data[i] = ((i * 7919) % 251) ^ (i >> 3);
    });
    const large = await noisy.getBuffer('image/png');
    expect(large.length).toBeGreaterThan(1_100_000);
    expect(large.length).toBeLessThan(2 * 1024 * 1024);
    expect((await owner.client.settings.uploadLogo(inst.id, blob(large))).logoUrl).not.toBe(logoUrl);
  });

  it('the brand colour is saved lower-cased, must contrast 3:1 with white, and is audited', async () => {
    const owner = await signedUpClient(t, 'Owner');
    const inst = await createInstitution(owner.client);
    const student = await addMember(t, owner.client, inst.id, 'student');
    expect(inst.brandColor).toBeNull();
    expect((await owner.client.institutions.update(inst.id, { brandColor: '#0B7285' })).brandColor).toBe('#0b7285');
    expect((await student.client.institutions.get(inst.id)).brandColor).toBe('#0b7285');

    const pale = await problemSummary(owner.client.institutions.update(inst.id, { brandColor: '#ffd43b' }));
    expect(pale).toEqual({ status: 400, code: 'institution.brand_color_low_contrast', fields: ['brandColor'] });
    expect(await problemSummary(owner.client.institutions.update(inst.id, { brandColor: 'teal' }))).toMatchObject({
      status: 400,
      fields: ['brandColor'],
    });
    expect(await problemSummary(student.client.institutions.update(inst.id, { brandColor: '#000000' }))).toMatchObject({ status: 403 });
    expect((await owner.client.institutions.get(inst.id)).brandColor).toBe('#0b7285');

    expect((await owner.client.institutions.update(inst.id, { brandColor: null })).brandColor).toBeNull();
    const changes = (await owner.client.institutions.audit(inst.id, { action: 'institution.updated' })).items.map((e) => [
      (e.before as { brandColor?: string | null } | null)?.brandColor,
      (e.after as { brandColor?: string | null } | null)?.brandColor,
    ]);
    expect(changes).toEqual([
      ['#0b7285', null],
      [null, '#0b7285'],
    ]);
  });
});
