// Link previews: the server fetches the page a post links to (never the viewer's browser, which
// would tell the site who reads the post) and reads its title, description and image from the
// Open Graph tags or the <title>. Guarded like webhooks: public addresses only (checked at
// connect time, so DNS rebinding cannot reach the private network), every redirect checked
// again, 5 seconds, the first 512 KB. Previews are cached for a day.
import type { LinkPreview } from '@edumatrix/contracts';
import { sql } from 'kysely';
import { type Db, rowsOf } from '../../platform/db/database.ts';
import { invalidField } from '../../platform/http/app-error.ts';
import { BlockedAddressError, guardedRequest } from '../../platform/outbound/guarded-http.ts';

const MAX_BYTES = 512 * 1024;
const TIMEOUT_MS = 5000;
const MAX_REDIRECTS = 3;
const CACHE_MS = 24 * 3_600_000;

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };
const decode = (text: string) =>
  text
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(Number.parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&([a-z]+);/gi, (whole, name: string) => ENTITIES[name.toLowerCase()] ?? whole)
    .replace(/\s+/g, ' ')
    .trim();

/** A meta tag's content by its property or name, whatever the attribute order. */
function meta(html: string, key: string): string | null {
  for (const tag of html.match(/<meta\b[^>]*>/gi) ?? []) {
    const name = /\b(?:property|name)\s*=\s*["']([^"']+)["']/i.exec(tag)?.[1];
    if (name?.toLowerCase() !== key) continue;
    const content = /\bcontent\s*=\s*"([^"]*)"|\bcontent\s*=\s*'([^']*)'/i.exec(tag);
    const value = content?.[1] ?? content?.[2];
    if (value) return decode(value);
  }
  return null;
}

/** What a page says about itself; relative image URLs resolved against the page. */
export function parsePreview(html: string, pageUrl: string): LinkPreview {
  const titleTag = /<title[^>]*>([^<]*)<\/title>/i.exec(html)?.[1];
  const title = meta(html, 'og:title') ?? (titleTag ? decode(titleTag) : null);
  const image = meta(html, 'og:image');
  let imageUrl: string | null = null;
  try {
    imageUrl = image ? new URL(image, pageUrl).toString() : null;
  } catch {
    imageUrl = null;
  }
  if (imageUrl && !/^https?:/.test(imageUrl)) imageUrl = null;
  return {
    url: pageUrl,
    title: title?.slice(0, 300) || new URL(pageUrl).hostname,
    description: (meta(html, 'og:description') ?? meta(html, 'description'))?.slice(0, 500) ?? null,
    imageUrl,
    siteName: meta(html, 'og:site_name')?.slice(0, 100) ?? new URL(pageUrl).hostname,
  };
}

const refuse = (code: string, message: string) => invalidField(`social.link_${code}`, 'url', message);

async function fetchPage(url: string, allowPrivate: boolean): Promise<LinkPreview> {
  let current = new URL(url);
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    if (current.protocol !== 'http:' && current.protocol !== 'https:') throw refuse('not_web', 'must be an http or https address');
    let res: Awaited<ReturnType<typeof guardedRequest>>;
    try {
      res = await guardedRequest(current, {
        method: 'GET',
        headers: { accept: 'text/html,application/xhtml+xml', 'user-agent': 'EduMatrixBot/1.0 (link preview)' },
        signal: AbortSignal.timeout(TIMEOUT_MS),
        allowPrivate,
        maxResponseBytes: MAX_BYTES,
      });
    } catch (err) {
      if (err instanceof BlockedAddressError || (err as { code?: string }).code === 'EBLOCKED')
        throw refuse('private', 'points to a private, loopback or link-local address');
      if ((err as Error).name === 'AbortError' || (err as Error).name === 'TimeoutError')
        throw refuse('timeout', `did not answer within ${TIMEOUT_MS / 1000} seconds`);
      throw refuse('unreachable', 'could not be reached');
    }
    const location = res.headers.location;
    if (res.status >= 300 && res.status < 400 && typeof location === 'string') {
      current = new URL(location, current);
      continue;
    }
    if (res.status < 200 || res.status >= 300) throw refuse('unreachable', `answered ${res.status}`);
    const type = String(res.headers['content-type'] ?? '');
    if (!/html/i.test(type))
      return { url: current.toString(), title: current.hostname, description: null, imageUrl: null, siteName: current.hostname };
    return parsePreview(res.body, current.toString());
  }
  throw refuse('unreachable', `redirects more than ${MAX_REDIRECTS} times`);
}

/** The cached previews of `urls` (any age: a card may show what a page said yesterday). */
export async function cachedPreviews(db: Db, urls: string[]): Promise<Map<string, LinkPreview>> {
  if (urls.length === 0) return new Map();
  const rows = await rowsOf<{ url: string; data: LinkPreview | string }>(
    db,
    sql`select url, data from social.link_previews where url = any(${[...new Set(urls)]}::text[])`,
  );
  return new Map(rows.map((r) => [r.url, typeof r.data === 'string' ? (JSON.parse(r.data) as LinkPreview) : r.data]));
}

export function createLinkPreviews(deps: { db: Db; allowPrivate: boolean }) {
  return {
    async get(url: string): Promise<LinkPreview> {
      const [cached] = await rowsOf<{ data: LinkPreview; fetched_at: Date | string }>(
        deps.db,
        sql`select data, fetched_at from social.link_previews where url = ${url}`,
      );
      if (cached && Date.now() - new Date(cached.fetched_at).getTime() < CACHE_MS) return cached.data;
      const preview = await fetchPage(url, deps.allowPrivate);
      await sql`insert into social.link_previews (url, data) values (${url}, ${JSON.stringify(preview)}::jsonb)
        on conflict (url) do update set data = excluded.data, fetched_at = now()`.execute(deps.db);
      return preview;
    },
  };
}
