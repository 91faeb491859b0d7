// QTI 3.0 renamed QTI 2.x's elements and attributes to kebab case with a `qti-` prefix on elements
// (`choiceInteraction` → `qti-choice-interaction`, `responseIdentifier` → `response-identifier`);
// the structure is otherwise the same for what we read and write. The importer lifts 3.0 names to
// 2.x ones so that one reader serves both; the exporter lowers its 2.x tree for 3.0.
import type { XmlChild, XmlNode } from './xml.ts';

/** The QTI (not XHTML) elements we write; everything else in a body is XHTML and keeps its name. */
const QTI_ELEMENTS = new Set([
  'assessmentItem',
  'responseDeclaration',
  'outcomeDeclaration',
  'correctResponse',
  'defaultValue',
  'value',
  'mapping',
  'mapEntry',
  'itemBody',
  'prompt',
  'choiceInteraction',
  'simpleChoice',
  'textEntryInteraction',
  'extendedTextInteraction',
  'matchInteraction',
  'simpleMatchSet',
  'simpleAssociableChoice',
  'orderInteraction',
  'rubricBlock',
  'responseProcessing',
  'responseCondition',
  'responseIf',
  'responseElse',
  'setOutcomeValue',
  'variable',
  'correct',
  'baseValue',
  'sum',
  'gte',
  'mapResponse',
  'match',
  'equal',
  'patternMatch',
  'modalFeedback',
  'contentBody',
]);

const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
const camel = (name: string) => name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

/** A 2.x tree as QTI 3.0: prefixed kebab-case QTI elements and attributes. */
export function toQti3(node: XmlNode): XmlNode {
  const isQti = QTI_ELEMENTS.has(node.name);
  const attrs: Record<string, string> = {};
  for (const [k, v] of Object.entries(node.attrs)) attrs[isQti && !k.includes(':') ? kebab(k) : k] = v;
  return {
    name: isQti ? `qti-${kebab(node.name)}` : node.name,
    attrs,
    children: node.children.map((c: XmlChild) => (typeof c === 'string' ? c : toQti3(c))),
  };
}

/** A parsed QTI 2.x or 3.0 tree with 2.x names throughout. */
export function fromQti3(node: XmlNode): XmlNode {
  const isQti = node.name.startsWith('qti-');
  const attrs: Record<string, string> = {};
  for (const [k, v] of Object.entries(node.attrs)) attrs[isQti ? camel(k) : k] = v;
  return {
    name: isQti ? camel(node.name.slice(4)) : node.name,
    attrs,
    children: node.children.map((c) => (typeof c === 'string' ? c : fromQti3(c))),
  };
}
