// A small element tree over fast-xml-parser's ordered output, and a writer for it. QTI bodies are
// mixed content (text with inline interactions), so order must be kept: fast-xml-parser's
// `preserveOrder` gives it; this tree is easier to walk than its raw shape.
import { XMLParser } from 'fast-xml-parser';

export type XmlNode = { name: string; attrs: Record<string, string>; children: XmlChild[] };
export type XmlChild = XmlNode | string;

export class QtiError extends Error {
  readonly code = 'quiz.qti_invalid';
  constructor(message: string) {
    super(message);
    this.name = 'QtiError';
  }
}

export const MAX_XML_LENGTH = 2_000_000;

// Made on first use, so that a bundle importing the contracts but not QTI can drop the parser.
let parser: XMLParser | undefined;
const xmlParser = () =>
  (parser ??= new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: '',
    removeNSPrefix: true,
    trimValues: false,
    parseTagValue: false,
    parseAttributeValue: false,
    ignoreDeclaration: true,
    ignorePiTags: true,
    commentPropName: false,
    cdataPropName: false,
    processEntities: true,
    // Also turns on numeric character references (&#160;), which XML always allows.
    htmlEntities: true,
  }));

type Raw = Record<string, unknown>;

function toNode(raw: Raw): XmlChild | null {
  if ('#text' in raw) return String(raw['#text']);
  const name = Object.keys(raw).find((k) => k !== ':@');
  if (!name) return null;
  const attrs: Record<string, string> = {};
  const rawAttrs = (raw[':@'] ?? {}) as Record<string, unknown>;
  for (const [k, v] of Object.entries(rawAttrs)) attrs[k] = String(v);
  const kids = Array.isArray(raw[name]) ? (raw[name] as Raw[]) : [];
  const children: XmlChild[] = [];
  for (const kid of kids) {
    const node = toNode(kid);
    if (node === null) continue;
    // Adjacent text (split by a CDATA section or an entity) is joined.
    const prev = children.at(-1);
    if (typeof node === 'string' && typeof prev === 'string') children[children.length - 1] = prev + node;
    else children.push(node);
  }
  return { name, attrs, children };
}

/** The document element of an XML string. Throws `QtiError` when it is not well-formed XML. */
export function parseXml(xml: string): XmlNode {
  if (xml.length > MAX_XML_LENGTH) throw new QtiError('The XML file is too large.');
  // Entity declarations are how XML bombs are made; QTI never needs them.
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) throw new QtiError('XML with a document type declaration is not accepted.');
  let raw: unknown;
  try {
    raw = xmlParser().parse(xml, true);
  } catch (cause) {
    throw new QtiError(`The XML is not well-formed: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
  if (!Array.isArray(raw)) throw new QtiError('The XML has no document element.');
  for (const item of raw as Raw[]) {
    const node = toNode(item);
    if (node && typeof node !== 'string') return node;
  }
  throw new QtiError('The XML has no document element.');
}

export const elementsOf = (node: XmlNode): XmlNode[] => node.children.filter((c): c is XmlNode => typeof c !== 'string');
export const childrenNamed = (node: XmlNode, name: string): XmlNode[] => elementsOf(node).filter((c) => c.name === name);
export const childNamed = (node: XmlNode, name: string): XmlNode | undefined => elementsOf(node).find((c) => c.name === name);

/** Every element below `node` (depth first, document order) with this name. */
export function descendantsNamed(node: XmlNode, name: string): XmlNode[] {
  const out: XmlNode[] = [];
  for (const c of elementsOf(node)) {
    if (c.name === name) out.push(c);
    out.push(...descendantsNamed(c, name));
  }
  return out;
}

/** All the text below a node, as written. */
export function textOf(node: XmlChild): string {
  return typeof node === 'string' ? node : node.children.map(textOf).join('');
}

const escapeText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttr = (s: string) =>
  escapeText(s).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');

export function el(name: string, attrs: Record<string, string | number | boolean | undefined> = {}, children: XmlChild[] = []): XmlNode {
  const clean: Record<string, string> = {};
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined) clean[k] = String(v);
  return { name, attrs: clean, children };
}

/**
 * Writes a tree as XML. Elements that hold only elements are indented; an element with any text
 * is written inline, so that no whitespace is added to mixed content.
 */
export function serializeXml(root: XmlNode): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${write(root, '')}\n`;
}

function write(node: XmlChild, indent: string, inline = false): string {
  if (typeof node === 'string') return escapeText(node);
  const attrs = Object.entries(node.attrs)
    .map(([k, v]) => ` ${k}="${escapeAttr(v)}"`)
    .join('');
  const pad = inline ? '' : indent;
  if (node.children.length === 0) return `${pad}<${node.name}${attrs}/>`;
  if (inline || node.children.some((c) => typeof c === 'string'))
    return `${pad}<${node.name}${attrs}>${node.children.map((c) => write(c, '', true)).join('')}</${node.name}>`;
  const inner = node.children.map((c) => write(c, `${indent}  `)).join('\n');
  return `${indent}<${node.name}${attrs}>\n${inner}\n${indent}</${node.name}>`;
}
