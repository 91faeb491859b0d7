// A QTI package: a zip with imsmanifest.xml (IMS Content Packaging) listing one resource per item.
// Tags and difficulty travel in each resource's LOM metadata: tags as <keyword>s, difficulty as
// LOM's five-step <difficulty> vocabulary (very easy … very difficult ↔ 1 … 5).
//
// Import guards against hostile zips: at most 2000 entries and 50 MB unpacked in all, each XML at
// most 2 MB (sizes as the zip declares them, checked before anything is inflated); paths are only
// looked up, never written anywhere.
import { strFromU8, strToU8, type UnzipFileInfo, unzipSync, zipSync } from 'fflate';
import type { Question } from '../questions.ts';
import { exportQtiItem, importQtiItem, type QtiVersion, qtiIdentifier } from './item.ts';
import {
  childNamed,
  childrenNamed,
  descendantsNamed,
  el,
  MAX_XML_LENGTH,
  parseXml,
  QtiError,
  serializeXml,
  textOf,
  type XmlNode,
} from './xml.ts';

const MAX_ENTRIES = 2000;
const MAX_TOTAL_BYTES = 50_000_000;

const LOM_DIFFICULTY = ['very easy', 'easy', 'medium', 'difficult', 'very difficult'] as const;

const MANIFEST: Record<QtiVersion, { ns: string; schema: string; itemType: string }> = {
  '2.1': {
    ns: 'http://www.imsglobal.org/xsd/imscp_v1p1',
    schema: 'http://www.imsglobal.org/xsd/imscp_v1p1 http://www.imsglobal.org/xsd/qti/qtiv2p1/qtiv2p1_imscpv1p2_v1p0.xsd',
    itemType: 'imsqti_item_xmlv2p1',
  },
  '3.0': {
    ns: 'http://www.imsglobal.org/xsd/qti/qtiv3p0/imscp_v1p1',
    schema:
      'http://www.imsglobal.org/xsd/qti/qtiv3p0/imscp_v1p1 https://purl.imsglobal.org/spec/qti/v3p0/schema/xsd/imsqtiv3p0_imscpv1p2_v1p0.xsd',
    itemType: 'imsqti_item_xmlv3p0',
  },
};

const langString = (text: string) => el('string', {}, [text]);

function resourceMetadata(q: Question): XmlNode {
  return el('metadata', {}, [
    el('lom', { xmlns: 'http://ltsc.ieee.org/xsd/LOM' }, [
      el(
        'general',
        {},
        q.tags.map((t) => el('keyword', {}, [langString(t)])),
      ),
      el('educational', {}, [
        el('difficulty', {}, [el('source', {}, ['LOMv1.0']), el('value', {}, [LOM_DIFFICULTY[q.difficulty - 1] as string])]),
      ]),
    ]),
  ]);
}

/** The manifest for a set of questions, each in items/<identifier>.xml. */
export function qtiManifest(questions: readonly Question[], version: QtiVersion = '2.1'): string {
  const m = MANIFEST[version];
  return serializeXml(
    el(
      'manifest',
      { xmlns: m.ns, 'xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance', 'xsi:schemaLocation': m.schema, identifier: 'MANIFEST' },
      [
        el('metadata', {}, [
          el('schema', {}, [version === '2.1' ? 'QTIv2.1 Package' : 'QTIv3.0 Package']),
          el('schemaversion', {}, ['1.0.0']),
        ]),
        el('organizations'),
        el(
          'resources',
          {},
          questions.map((q) => {
            const id = qtiIdentifier(q.id);
            const href = `items/${id}.xml`;
            return el('resource', { identifier: `RES-${id}`, type: m.itemType, href }, [resourceMetadata(q), el('file', { href })]);
          }),
        ),
      ],
    ),
  );
}

/** A zip of the questions as QTI items with their manifest. Deterministic: same questions, same bytes. */
export function exportQtiPackage(questions: readonly Question[], version: QtiVersion = '2.1'): Uint8Array {
  const ids = new Set<string>();
  const files: Record<string, [Uint8Array, { mtime: Date }]> = {};
  const mtime = new Date('2000-01-01T00:00:00Z');
  files['imsmanifest.xml'] = [strToU8(qtiManifest(questions, version)), { mtime }];
  for (const q of questions) {
    const id = qtiIdentifier(q.id);
    if (ids.has(id)) throw new QtiError(`Two questions export as ${id}.`);
    ids.add(id);
    files[`items/${id}.xml`] = [strToU8(exportQtiItem(q, version)), { mtime }];
  }
  return zipSync(files, { level: 6 });
}

export type QtiImportResult = {
  questions: Question[];
  /** Items that could not be read, by their path in the package; the rest are imported. */
  errors: { file: string; message: string }[];
};

function joinPath(base: string, href: string): string {
  const parts = `${base}${href}`.split('/');
  const out: string[] = [];
  for (const part of parts) {
    if (part === '..') out.pop();
    else if (part !== '.' && part !== '') out.push(part);
  }
  return out.join('/');
}

function readMetadata(resource: XmlNode): { tags: string[]; difficulty: number | null } {
  const metadata = childNamed(resource, 'metadata');
  if (!metadata) return { tags: [], difficulty: null };
  const tags = descendantsNamed(metadata, 'keyword')
    .flatMap((k) => {
      const strings = childrenNamed(k, 'string');
      return strings.length ? strings.map((s) => textOf(s).trim()) : [textOf(k).trim()];
    })
    .filter((t) => t !== '' && t.length <= 50);
  const difficultyNode = descendantsNamed(metadata, 'difficulty')[0];
  const value = difficultyNode
    ? textOf(childNamed(difficultyNode, 'value') ?? difficultyNode)
        .trim()
        .toLowerCase()
    : '';
  const index = LOM_DIFFICULTY.indexOf(value as (typeof LOM_DIFFICULTY)[number]);
  return { tags: [...new Set(tags)].slice(0, 30), difficulty: index < 0 ? null : index + 1 };
}

/** The questions of a QTI 2.1/2.2/3.0 package (a zip with imsmanifest.xml). Throws `QtiError` for an unreadable package. */
export function importQtiPackage(zip: Uint8Array): QtiImportResult {
  let entries = 0;
  let total = 0;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(zip, {
      filter: (file: UnzipFileInfo) => {
        entries++;
        total += file.originalSize;
        if (entries > MAX_ENTRIES || total > MAX_TOTAL_BYTES) throw new QtiError('The package is too large.');
        return /\.xml$/i.test(file.name) && file.originalSize <= MAX_XML_LENGTH * 4;
      },
    });
  } catch (cause) {
    if (cause instanceof QtiError) throw cause;
    throw new QtiError('The package is not a readable zip file.');
  }
  const manifestPath = Object.keys(files)
    .filter((name) => /(^|\/)imsmanifest\.xml$/i.test(name))
    .sort((a, b) => a.length - b.length)[0];
  if (!manifestPath) throw new QtiError('The package has no imsmanifest.xml.');
  const base = manifestPath.slice(0, manifestPath.length - 'imsmanifest.xml'.length);
  const manifest = parseXml(strFromU8(files[manifestPath] as Uint8Array));
  const resources = descendantsNamed(manifest, 'resource').filter((r) => (r.attrs.type ?? '').startsWith('imsqti_item'));
  const questions: Question[] = [];
  const errors: QtiImportResult['errors'] = [];
  for (const resource of resources) {
    const href = resource.attrs.href ?? childNamed(resource, 'file')?.attrs.href;
    if (!href) {
      errors.push({ file: resource.attrs.identifier ?? '?', message: 'The resource names no file.' });
      continue;
    }
    const path = joinPath(base, href);
    const bytes = files[path];
    if (!bytes) {
      errors.push({ file: path, message: 'The file is missing from the package.' });
      continue;
    }
    try {
      const question = importQtiItem(strFromU8(bytes));
      const meta = readMetadata(resource);
      questions.push({ ...question, tags: meta.tags, difficulty: meta.difficulty ?? question.difficulty });
    } catch (cause) {
      errors.push({ file: path, message: cause instanceof Error ? cause.message : String(cause) });
    }
  }
  return { questions, errors };
}
