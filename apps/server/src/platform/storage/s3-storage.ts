// S3-compatible adapter (AWS S3, MinIO, Ceph, R2...): path-style URLs signed with SigV4 by aws4fetch,
// so any endpoint works without DNS per bucket.
import { AwsClient } from 'aws4fetch';
import { assertKey, type Storage } from './storage.ts';

export type S3Settings = { endpoint: string; bucket: string; region: string; accessKeyId: string; secretAccessKey: string };

const TIMEOUT_MS = 15_000;

export function createS3Storage(settings: S3Settings): Storage {
  const aws = new AwsClient({
    accessKeyId: settings.accessKeyId,
    secretAccessKey: settings.secretAccessKey,
    region: settings.region,
    service: 's3',
  });
  const base = `${settings.endpoint.replace(/\/+$/, '')}/${encodeURIComponent(settings.bucket)}`;

  function urlOf(key: string) {
    assertKey(key);
    return `${base}/${key.split('/').map(encodeURIComponent).join('/')}`;
  }

  async function send(
    method: 'PUT' | 'GET' | 'DELETE',
    key: string,
    init: { body?: Uint8Array<ArrayBuffer>; headers?: Record<string, string> } = {},
  ) {
    return aws.fetch(urlOf(key), { method, ...init, signal: AbortSignal.timeout(TIMEOUT_MS) });
  }

  async function fail(res: Response, what: string): Promise<never> {
    const text = await res.text().catch(() => '');
    throw new Error(`S3 ${what} failed with ${res.status}: ${text.slice(0, 300)}`);
  }

  return {
    async put(key, bytes, contentType) {
      // A copy backed by a plain ArrayBuffer: what fetch's BodyInit accepts under every lib setting.
      const res = await send('PUT', key, { body: new Uint8Array(bytes), headers: { 'content-type': contentType } });
      if (!res.ok) await fail(res, `PUT ${key}`);
      await res.arrayBuffer();
    },
    async get(key) {
      const res = await send('GET', key);
      if (res.status === 404) {
        // A missing bucket is a broken configuration, not a missing object.
        const body = await res.text();
        if (body.includes('NoSuchBucket')) throw new Error(`S3 GET ${key} failed with 404: no bucket ${settings.bucket}`);
        return null;
      }
      if (!res.ok) await fail(res, `GET ${key}`);
      return {
        bytes: new Uint8Array(await res.arrayBuffer()),
        contentType: res.headers.get('content-type') ?? 'application/octet-stream',
      };
    },
    async delete(key) {
      const res = await send('DELETE', key);
      // S3 answers 204 whether or not the key existed; some compatible servers say 404.
      if (!res.ok && res.status !== 404) await fail(res, `DELETE ${key}`);
      await res.arrayBuffer();
    },
  };
}
