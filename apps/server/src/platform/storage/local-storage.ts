// Local-disk adapter: the embedded default. Bytes live under `<root>/objects/<key>` and their content
// type under `<root>/types/<key>`, two trees so that no key can collide with another's metadata.
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { assertKey, type Storage } from './storage.ts';

const isMissing = (err: unknown) => (err as { code?: string }).code === 'ENOENT';

export function createLocalStorage(dir: string): Storage {
  const root = resolve(dir);

  function pathOf(tree: 'objects' | 'types', key: string) {
    assertKey(key);
    const path = join(root, tree, ...key.split('/'));
    // The key check already rules out traversal; this is the belt to its braces.
    if (!path.startsWith(root + sep)) throw new Error(`storage key escapes the storage folder: ${key}`);
    return path;
  }

  /** Write then rename, so a reader never sees half a file. */
  async function writeAtomically(path: string, data: Uint8Array | string) {
    await mkdir(dirname(path), { recursive: true });
    const temporary = `${path}.${randomUUID()}.tmp`;
    await writeFile(temporary, data);
    await rename(temporary, path);
  }

  return {
    async put(key, bytes, contentType) {
      await writeAtomically(pathOf('types', key), contentType);
      await writeAtomically(pathOf('objects', key), bytes);
    },
    async get(key) {
      try {
        const bytes = await readFile(pathOf('objects', key));
        const contentType = await readFile(pathOf('types', key), 'utf8').catch(() => 'application/octet-stream');
        return { bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), contentType };
      } catch (err) {
        if (isMissing(err)) return null;
        throw err;
      }
    },
    async delete(key) {
      await rm(pathOf('objects', key), { force: true });
      await rm(pathOf('types', key), { force: true });
    },
  };
}
