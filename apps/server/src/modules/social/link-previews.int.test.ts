// Link previews: parsed from a real page served on loopback (allowed for that test platform only),
// redirects followed and checked, and private, loopback and link-local addresses refused by default.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { problemOf, signedUpClient, waitFor } from '../../testing/factories.ts';
import { dbLabel, startTestPlatform, type TestPlatform } from '../../testing/test-platform.ts';
import { parsePreview } from './link-previews.ts';

const PAGE = `<!doctype html><html><head><title>Fallback &amp; title</title>
<meta content="The Cell, explained" property="og:title">
<meta property="og:description" content="Organelles &#8211; and what they do">
<meta property='og:image' content='/img/cell.png'><meta property="og:site_name" content="Bio Notes">
</head><body>Hello</body></html>`;

describe(`link previews on ${dbLabel()}`, () => {
  let strict: TestPlatform;
  let open: TestPlatform;
  let site: Server;
  let base = '';
  let hits = 0;
  beforeAll(async () => {
    site = createServer((req, res) => {
      hits += 1;
      if (req.url === '/moved') return res.writeHead(301, { location: '/cell' }).end();
      if (req.url === '/cell') return res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE);
      if (req.url === '/file.pdf') return res.writeHead(200, { 'content-type': 'application/pdf' }).end('%PDF');
      res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
    strict = await startTestPlatform();
    open = await startTestPlatform({ env: { LINK_PREVIEW_ALLOW_PRIVATE_NETWORKS: 'true' } });
  });
  afterAll(async () => {
    await Promise.all([strict.close(), open.close()]);
    await new Promise((resolve) => site.close(resolve));
  });

  it('reads Open Graph tags in any attribute order, decodes entities and resolves the image', () => {
    expect(parsePreview(PAGE, 'https://bio.example/cell')).toEqual({
      url: 'https://bio.example/cell',
      title: 'The Cell, explained',
      description: 'Organelles – and what they do',
      imageUrl: 'https://bio.example/img/cell.png',
      siteName: 'Bio Notes',
    });
    expect(parsePreview('<title> Just a &lt;title&gt; </title>', 'https://x.example/')).toMatchObject({
      title: 'Just a <title>',
      description: null,
      imageUrl: null,
      siteName: 'x.example',
    });
  });

  it('refuses loopback, private and link-local addresses, and what is not http(s)', async () => {
    const me = (await signedUpClient(strict, 'Previewer')).client;
    for (const url of [
      `${base}/cell`,
      'http://localhost/',
      'http://10.0.0.7/',
      'http://169.254.169.254/latest/meta-data',
      'http://[::1]/',
    ]) {
      const refused = await problemOf(me.social.linkPreview(url));
      expect({ url, status: refused.status, field: refused.problem.errors?.[0]?.field, code: refused.problem.code }).toEqual({
        url,
        status: 400,
        field: 'url',
        code: 'social.link_private',
      });
    }
    expect((await problemOf(me.social.linkPreview('ftp://example.org/file'))).problem.errors?.[0]?.field).toBe('url');
    expect(hits).toBe(0);
  });

  it('follows a redirect, reads the page once and serves it from the cache after', async () => {
    const me = (await signedUpClient(open, 'Previewer')).client;
    const preview = await me.social.linkPreview(`${base}/moved`);
    expect(preview).toEqual({
      url: `${base}/cell`,
      title: 'The Cell, explained',
      description: 'Organelles – and what they do',
      imageUrl: `${base}/img/cell.png`,
      siteName: 'Bio Notes',
    });
    const before = hits;
    expect(await me.social.linkPreview(`${base}/moved`)).toEqual(preview);
    expect(hits).toBe(before);
    expect((await me.social.linkPreview(`${base}/file.pdf`)).title).toBe('127.0.0.1');
    expect((await problemOf(me.social.linkPreview(`${base}/missing`))).problem.code).toBe('social.link_unreachable');
  });

  it('a post carries the preview of its first link, read once by the server for every reader', async () => {
    const author = await signedUpClient(open, 'Author');
    const reader = await signedUpClient(open, 'Reader');
    await reader.client.social.follow(author.id);
    const before = hits;
    // Nobody asked for this page before: posting reads it in the background.
    const post = await author.client.social.createPost({ body: `Read \`${base}/ignored\` and ${base}/cell, then <${base}/moved>.` });
    await waitFor('the preview under the post', async () => (await reader.client.social.post(post.id)).linkPreview !== null);
    expect((await reader.client.social.post(post.id)).linkPreview).toMatchObject({ url: `${base}/cell`, title: 'The Cell, explained' });
    expect((await reader.client.social.feed()).items[0]?.linkPreview?.title).toBe('The Cell, explained');
    expect(hits - before).toBe(1);
    // A page that cannot be read leaves the post without a card, and the post is made all the same.
    const broken = await author.client.social.createPost({ body: `Gone: ${base}/missing` });
    await waitFor('the failed read', async () => hits - before === 2);
    expect((await reader.client.social.post(broken.id)).linkPreview).toBeNull();
  });
});
