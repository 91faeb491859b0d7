// The storage port: named blobs (logos now; course attachments and post images later) kept outside
// the database, on local disk by default or in an S3-compatible bucket when configured.
import type { Config } from '../config.ts';
import { createLocalStorage } from './local-storage.ts';
import { createS3Storage } from './s3-storage.ts';

export type StoredObject = { bytes: Uint8Array; contentType: string };

export type Storage = {
  /** Writes (or replaces) the object at `key`. */
  put(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  /** The object, or null when there is none. */
  get(key: string): Promise<StoredObject | null>;
  /** Removes the object; removing one that is not there is not an error. */
  delete(key: string): Promise<void>;
};

/**
 * Keys are slash-separated segments of letters, digits, `.`, `_` and `-`, each starting with a letter
 * or digit: no `..`, no absolute paths, nothing a disk path or an S3 URL would read differently.
 */
const SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

export function assertKey(key: string): void {
  if (key.length > 512 || !key.split('/').every((s) => SEGMENT.test(s))) throw new Error(`invalid storage key: ${JSON.stringify(key)}`);
}

export function createStorage(config: Config): Storage {
  if (config.STORAGE_DRIVER === 's3') {
    const { S3_ENDPOINT, S3_BUCKET, S3_REGION, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY } = config;
    if (!S3_ENDPOINT || !S3_BUCKET || !S3_ACCESS_KEY_ID || !S3_SECRET_ACCESS_KEY) throw new Error('S3 storage is not configured');
    return createS3Storage({
      endpoint: S3_ENDPOINT,
      bucket: S3_BUCKET,
      region: S3_REGION,
      accessKeyId: S3_ACCESS_KEY_ID,
      secretAccessKey: S3_SECRET_ACCESS_KEY,
    });
  }
  return createLocalStorage(config.LOCAL_STORAGE_DIR ?? `${config.DATA_DIR}/files`);
}
