// One contract, two adapters: local disk, and the S3 adapter against s3rver on a loopback port.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config.ts';
import { createLocalStorage } from './local-storage.ts';
import { createS3Storage } from './s3-storage.ts';
import { createStorage, type Storage } from './storage.ts';

const bytes = (text: string) => new TextEncoder().encode(text);
const text = (b: Uint8Array | undefined) => new TextDecoder().decode(b);

function storageContract(name: string, open: () => Storage) {
  describe(name, () => {
    it('puts, gets, replaces and deletes objects with their content type', async () => {
      const storage = open();
      expect(await storage.get('contract/missing.png')).toBeNull();
      await storage.put('contract/a/logo.png', bytes('first'), 'image/png');
      expect(await storage.get('contract/a/logo.png')).toEqual({ bytes: bytes('first'), contentType: 'image/png' });
      await storage.put('contract/a/logo.png', bytes('second'), 'image/jpeg');
      const replaced = await storage.get('contract/a/logo.png');
      expect([text(replaced?.bytes), replaced?.contentType]).toEqual(['second', 'image/jpeg']);
      await storage.put('contract/a/other.bin', new Uint8Array([0, 255, 1, 254]), 'application/octet-stream');
      expect([...((await storage.get('contract/a/other.bin'))?.bytes ?? [])]).toEqual([0, 255, 1, 254]);
      await storage.delete('contract/a/logo.png');
      expect(await storage.get('contract/a/logo.png')).toBeNull();
      expect(await storage.get('contract/a/other.bin')).not.toBeNull();
      // Deleting what is not there is fine.
      await storage.delete('contract/a/logo.png');
    });

    it('keeps a megabyte intact', async () => {
      const storage = open();
      const big = new Uint8Array(1_048_576).map((_, i) => (i * 31) % 256);
      await storage.put('contract/big.bin', big, 'application/octet-stream');
      expect(Buffer.from((await storage.get('contract/big.bin'))?.bytes ?? []).equals(Buffer.from(big))).toBe(true);
    });

    it('refuses keys that could escape or be read two ways', async () => {
      const storage = open();
      for (const key of ['../etc/passwd', 'a/../../b', '/abs', 'a//b', 'a/./b', '', 'a\\b', 'a/b/', '.hidden', 'sp ace']) {
        await expect(storage.put(key, bytes('x'), 'text/plain'), key).rejects.toThrow(/invalid storage key/);
        await expect(storage.get(key), key).rejects.toThrow(/invalid storage key/);
      }
    });
  });
}

describe('storage port', () => {
  let dir: string;
  let s3: S3rver;
  let endpoint: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'edumatrix-storage-'));
    s3 = new S3rver({
      address: '127.0.0.1',
      port: 0,
      silent: true,
      directory: join(dir, 's3rver'),
      configureBuckets: [{ name: 'edumatrix-test', configs: [] }],
    });
    const address = (await s3.run()) as AddressInfo;
    endpoint = `http://127.0.0.1:${address.port}`;
  });
  afterAll(async () => {
    await s3?.close();
    await rm(dir, { recursive: true, force: true });
  });

  storageContract('local disk adapter', () => createLocalStorage(join(dir, 'files')));
  storageContract('S3 adapter against s3rver (a fake S3: AWS cannot run here)', () =>
    createS3Storage({ endpoint, bucket: 'edumatrix-test', region: 'us-east-1', accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' }),
  );

  it('local disk keeps bytes and types in separate trees under its folder', async () => {
    const root = join(dir, 'layout');
    await createLocalStorage(root).put('institutions/x/logo.png', bytes('png'), 'image/png');
    expect((await readdir(root)).sort()).toEqual(['objects', 'types']);
    expect(await readdir(join(root, 'objects', 'institutions', 'x'))).toEqual(['logo.png']);
  });

  it('S3 errors (unknown key id, missing bucket) fail loudly instead of reading as "not found"', async () => {
    const settings = { endpoint, bucket: 'edumatrix-test', region: 'us-east-1', accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
    const stranger = createS3Storage({ ...settings, accessKeyId: 'NOBODY' });
    await expect(stranger.put('contract/x.txt', bytes('x'), 'text/plain')).rejects.toThrow(/S3 PUT contract\/x.txt failed with 403/);
    const nowhere = createS3Storage({ ...settings, bucket: 'no-such-bucket' });
    await expect(nowhere.put('contract/x.txt', bytes('x'), 'text/plain')).rejects.toThrow(/failed with 404/);
    await expect(nowhere.get('contract/x.txt')).rejects.toThrow(/no bucket no-such-bucket/);
  });

  it('configuration picks the adapter; the S3 driver names what is missing', async () => {
    expect(() => loadConfig({ STORAGE_DRIVER: 's3', S3_BUCKET: 'bucket' })).toThrow(ConfigError);
    expect(() => loadConfig({ STORAGE_DRIVER: 's3', S3_BUCKET: 'bucket' })).toThrow(/S3_ENDPOINT: is required when STORAGE_DRIVER=s3/);
    const viaConfig = createStorage(
      loadConfig({
        STORAGE_DRIVER: 's3',
        S3_ENDPOINT: endpoint,
        S3_BUCKET: 'edumatrix-test',
        S3_ACCESS_KEY_ID: 'S3RVER',
        S3_SECRET_ACCESS_KEY: 'S3RVER',
      }),
    );
    await viaConfig.put('config/one.txt', bytes('via config'), 'text/plain');
    const local = createStorage(loadConfig({ DATA_DIR: join(dir, 'data') }));
    expect(await local.get('config/one.txt')).toBeNull();
    expect(text((await viaConfig.get('config/one.txt'))?.bytes)).toBe('via config');
    await local.put('config/one.txt', bytes('on disk'), 'text/plain');
    expect(await readdir(join(dir, 'data', 'files', 'objects', 'config'))).toEqual(['one.txt']);
  });
});
