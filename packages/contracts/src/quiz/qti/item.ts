// One question ↔ one QTI assessmentItem (2.1 or 3.0).
//
// Mapping: single choice, multiple response and true/false ↔ choiceInteraction (true/false is a
// single choice between the identifiers `true` and `false`); fill in the blanks ↔ textEntry-
// Interactions inline in the body, one string response per blank; numeric ↔ a float textEntry
// scored with <equal toleranceMode…>; short answer ↔ a string textEntry standing alone in its
// paragraph, scored by mapping (exact) or <patternMatch>; matching ↔ matchInteraction with two
// simpleMatchSets and directedPair answers; ordering ↔ orderInteraction; essay ↔
// extendedTextInteraction, the graders' guidance in a <rubricBlock view="scorer">.
// Points are MAXSCORE; feedback is modalFeedback `correct` / `incorrect` / `general`. Tags and
// difficulty live in the package manifest (see package.ts), so a bare item imports with none and
// difficulty 3.
//
// Our exports carry full response processing (scores out of MAXSCORE, partial credit by mapping),
// so other players score them too; on import only correct responses, mappings, tolerance and
// pattern are read; other response processing is ignored and our own grading rules apply.
import { shuffleFor } from '../draw.ts';
import { Question } from '../questions.ts';
import { blocksToMarkdown, type ElementHook, inlineToMarkdown, markdownToBlocks } from './markup.ts';
import { fromQti3, toQti3 } from './names.ts';
import {
  childNamed,
  childrenNamed,
  descendantsNamed,
  el,
  elementsOf,
  parseXml,
  QtiError,
  serializeXml,
  textOf,
  type XmlChild,
  type XmlNode,
} from './xml.ts';

export type QtiVersion = '2.1' | '3.0';

export const TOOL_NAME = 'EDU Matrix Interlinked';

const NAMESPACES: Record<QtiVersion, { ns: string; schema: string; templates: string }> = {
  '2.1': {
    ns: 'http://www.imsglobal.org/xsd/imsqti_v2p1',
    schema: 'http://www.imsglobal.org/xsd/imsqti_v2p1 http://www.imsglobal.org/xsd/qti/qtiv2p1/imsqti_v2p1.xsd',
    templates: 'http://www.imsglobal.org/question/qti_v2p1/rptemplates/',
  },
  '3.0': {
    ns: 'http://www.imsglobal.org/xsd/imsqtiasi_v3p0',
    schema: 'http://www.imsglobal.org/xsd/imsqtiasi_v3p0 https://purl.imsglobal.org/spec/qti/v3p0/schema/xsd/imsqti_asiv3p0_v1p0.xsd',
    templates: 'https://purl.imsglobal.org/spec/qti/v3p0/rptemplates/',
  },
};

const NC_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A question id as a QTI identifier (an XML name): kept when it is one, else prefixed `Q_`. */
export function qtiIdentifier(id: string): string {
  return NC_NAME.test(id) ? id : `Q_${id.replace(/[^A-Za-z0-9_.-]/g, '_')}`;
}
/** The question id behind an identifier; undoes the prefix for ids that were UUIDs. */
export function questionIdFrom(identifier: string): string {
  const rest = identifier.startsWith('Q_') ? identifier.slice(2) : '';
  return UUID.test(rest) ? rest : identifier;
}

const num = (n: number) => String(Number(n.toPrecision(12)));

// ---------------------------------------------------------------- export

const variable = (identifier: string) => el('variable', { identifier });
const setOutcome = (identifier: string, value: XmlNode) => el('setOutcomeValue', { identifier }, [value]);
const identifierValue = (v: string) => el('baseValue', { baseType: 'identifier' }, [v]);
const floatValue = (v: number) => el('baseValue', { baseType: 'float' }, [num(v)]);

function declaration(identifier: string, cardinality: string, baseType: string, correct: string[], mapping?: XmlNode): XmlNode {
  const children: XmlNode[] = [];
  if (correct.length)
    children.push(
      el(
        'correctResponse',
        {},
        correct.map((v) => el('value', {}, [v])),
      ),
    );
  if (mapping) children.push(mapping);
  return el('responseDeclaration', { identifier, cardinality, baseType }, children);
}

function mapping(
  entries: { key: string; value: number; caseSensitive?: boolean }[],
  bounds: { lower?: number; upper?: number } = {},
): XmlNode {
  return el(
    'mapping',
    {
      lowerBound: bounds.lower === undefined ? undefined : num(bounds.lower),
      upperBound: bounds.upper === undefined ? undefined : num(bounds.upper),
      defaultValue: '0',
    },
    entries.map((e) => el('mapEntry', { mapKey: e.key, mappedValue: num(e.value), caseSensitive: e.caseSensitive })),
  );
}

/** All or nothing: SCORE = MAXSCORE when the condition holds, and FEEDBACK says which. */
function allOrNothing(condition: XmlNode): XmlNode[] {
  return [
    el('responseCondition', {}, [
      el('responseIf', {}, [condition, setOutcome('SCORE', variable('MAXSCORE')), setOutcome('FEEDBACK', identifierValue('correct'))]),
      el('responseElse', {}, [setOutcome('SCORE', floatValue(0)), setOutcome('FEEDBACK', identifierValue('incorrect'))]),
    ]),
  ];
}

/** Partial credit from mappings: SCORE = the sum of the mapped responses. */
function mapped(responses: string[]): XmlNode[] {
  const score =
    responses.length === 1
      ? el('mapResponse', { identifier: responses[0] })
      : el(
          'sum',
          {},
          responses.map((r) => el('mapResponse', { identifier: r })),
        );
  return [
    setOutcome('SCORE', score),
    el('responseCondition', {}, [
      el('responseIf', {}, [el('gte', {}, [variable('SCORE'), variable('MAXSCORE')]), setOutcome('FEEDBACK', identifierValue('correct'))]),
      el('responseElse', {}, [setOutcome('FEEDBACK', identifierValue('incorrect'))]),
    ]),
  ];
}

const matchCorrect = () => el('match', {}, [variable('RESPONSE'), el('correct', { identifier: 'RESPONSE' })]);

function titleOf(prompt: string): string {
  const first = prompt.split('\n').find((l) => l.trim() !== '') ?? 'Question';
  const plain = first.replace(/\{\{[^{}]*\}\}/g, '…').trim();
  return plain.length > 100 ? `${plain.slice(0, 99)}…` : plain;
}

const paragraphWith = (node: XmlNode) => el('p', {}, [node]);

/** A question as a QTI assessmentItem document. */
export function exportQtiItem(question: Question, version: QtiVersion = '2.1'): string {
  const declarations: XmlNode[] = [];
  let body: XmlNode[] = markdownToBlocks(question.prompt);
  let processing: XmlNode[] = [];
  const p = question.points;

  switch (question.type) {
    case 'single_choice':
    case 'multiple_response':
    case 'true_false': {
      const options =
        question.type === 'true_false'
          ? [
              { id: 'true', text: 'True', correct: question.answer },
              { id: 'false', text: 'False', correct: !question.answer },
            ]
          : question.options;
      const correct = options.filter((o) => o.correct).map((o) => o.id);
      const single = question.type !== 'multiple_response';
      if (single) {
        declarations.push(declaration('RESPONSE', 'single', 'identifier', correct));
        processing = allOrNothing(matchCorrect());
      } else {
        const each = p / correct.length;
        const entries = options.map((o) => ({ key: o.id, value: o.correct ? each : -each }));
        declarations.push(declaration('RESPONSE', 'multiple', 'identifier', correct, mapping(entries, { lower: 0, upper: p })));
        processing = mapped(['RESPONSE']);
      }
      body.push(
        el(
          'choiceInteraction',
          { responseIdentifier: 'RESPONSE', shuffle: question.type !== 'true_false', maxChoices: single ? 1 : 0 },
          options.map((o) => el('simpleChoice', { identifier: o.id }, [o.text])),
        ),
      );
      break;
    }
    case 'fill_blanks': {
      const each = p / question.blanks.length;
      for (const b of question.blanks)
        declarations.push(
          declaration(
            b.id,
            'single',
            'string',
            [b.accepted[0] as string],
            mapping(b.accepted.map((a) => ({ key: a, value: each, caseSensitive: b.caseSensitive }))),
          ),
        );
      const expected = new Map(question.blanks.map((b) => [b.id, Math.max(...b.accepted.map((a) => a.length), 5)]));
      body = markdownToBlocks(question.prompt, (text) =>
        text.split(/(\{\{[^{}]*\}\})/).flatMap((piece): XmlChild[] => {
          const id = /^\{\{([^{}]*)\}\}$/.exec(piece)?.[1];
          if (id !== undefined && expected.has(id))
            return [el('textEntryInteraction', { responseIdentifier: id, expectedLength: expected.get(id) })];
          return piece === '' ? [] : [piece];
        }),
      );
      processing = mapped(question.blanks.map((b) => b.id));
      break;
    }
    case 'numeric': {
      declarations.push(declaration('RESPONSE', 'single', 'float', [num(question.answer)]));
      const t = num(question.tolerance);
      // Written with the question's kind even when the tolerance is 0, so the kind comes back.
      const equal = el(
        'equal',
        {
          toleranceMode: question.toleranceKind === 'percent' ? 'relative' : 'absolute',
          tolerance: `${t} ${t}`,
          includeLowerBound: true,
          includeUpperBound: true,
        },
        [variable('RESPONSE'), el('correct', { identifier: 'RESPONSE' })],
      );
      body.push(paragraphWith(el('textEntryInteraction', { responseIdentifier: 'RESPONSE', expectedLength: 10 })));
      processing = allOrNothing(equal);
      break;
    }
    case 'short_answer': {
      if (question.match === 'pattern') {
        declarations.push(declaration('RESPONSE', 'single', 'string', []));
        processing = allOrNothing(el('patternMatch', { pattern: question.pattern }, [variable('RESPONSE')]));
      } else {
        const entries = question.accepted.map((a) => ({ key: a, value: p, caseSensitive: question.caseSensitive }));
        declarations.push(declaration('RESPONSE', 'single', 'string', [question.accepted[0] as string], mapping(entries)));
        processing = mapped(['RESPONSE']);
      }
      body.push(paragraphWith(el('textEntryInteraction', { responseIdentifier: 'RESPONSE', expectedLength: 30 })));
      break;
    }
    case 'matching': {
      const each = p / question.left.length;
      const pairs = question.pairs.map((x) => `${x.left} ${x.right}`);
      declarations.push(
        declaration(
          'RESPONSE',
          'multiple',
          'directedPair',
          pairs,
          mapping(
            pairs.map((key) => ({ key, value: each })),
            { lower: 0, upper: p },
          ),
        ),
      );
      const uses = (id: string) => question.pairs.filter((x) => x.right === id).length;
      body.push(
        el('matchInteraction', { responseIdentifier: 'RESPONSE', shuffle: true, maxAssociations: question.left.length }, [
          el(
            'simpleMatchSet',
            {},
            question.left.map((l) => el('simpleAssociableChoice', { identifier: l.id, matchMax: 1 }, [l.text])),
          ),
          el(
            'simpleMatchSet',
            {},
            question.right.map((r) => el('simpleAssociableChoice', { identifier: r.id, matchMax: Math.max(1, uses(r.id)) }, [r.text])),
          ),
        ]),
      );
      processing = mapped(['RESPONSE']);
      break;
    }
    case 'ordering': {
      declarations.push(
        declaration(
          'RESPONSE',
          'ordered',
          'identifier',
          question.items.map((i) => i.id),
        ),
      );
      // Written in a shuffled order: the key is in the correct response, not in the list.
      body.push(
        el(
          'orderInteraction',
          { responseIdentifier: 'RESPONSE', shuffle: true },
          shuffleFor(question.id, question.items).map((i) => el('simpleChoice', { identifier: i.id }, [i.text])),
        ),
      );
      processing = allOrNothing(matchCorrect());
      break;
    }
    case 'essay': {
      declarations.push(declaration('RESPONSE', 'single', 'string', []));
      if (question.guidance) {
        const blocks = markdownToBlocks(question.guidance);
        body.push(el('rubricBlock', { view: 'scorer' }, version === '3.0' ? [el('contentBody', {}, blocks)] : blocks));
      }
      body.push(el('extendedTextInteraction', { responseIdentifier: 'RESPONSE' }));
      processing = [];
      break;
    }
    default:
      question satisfies never;
  }

  const feedback = (['correct', 'incorrect', 'general'] as const).filter((k) => question.feedback[k] !== '');
  if (feedback.includes('general')) processing.push(setOutcome('FEEDBACK_GENERAL', identifierValue('general')));
  const ns = NAMESPACES[version];
  const item = el(
    'assessmentItem',
    {
      xmlns: ns.ns,
      'xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
      'xsi:schemaLocation': ns.schema,
      identifier: qtiIdentifier(question.id),
      title: titleOf(question.prompt),
      adaptive: false,
      timeDependent: false,
      toolName: TOOL_NAME,
      toolVersion: '1',
    },
    [
      ...declarations,
      el('outcomeDeclaration', { identifier: 'SCORE', cardinality: 'single', baseType: 'float', normalMaximum: num(p) }, [
        el('defaultValue', {}, [el('value', {}, ['0'])]),
      ]),
      el('outcomeDeclaration', { identifier: 'MAXSCORE', cardinality: 'single', baseType: 'float' }, [
        el('defaultValue', {}, [el('value', {}, [num(p)])]),
      ]),
      el('outcomeDeclaration', { identifier: 'FEEDBACK', cardinality: 'single', baseType: 'identifier' }),
      ...(feedback.includes('general')
        ? [el('outcomeDeclaration', { identifier: 'FEEDBACK_GENERAL', cardinality: 'single', baseType: 'identifier' })]
        : []),
      el('itemBody', {}, body),
      ...(processing.length ? [el('responseProcessing', {}, processing)] : []),
      ...feedback.map((k) => {
        const blocks = markdownToBlocks(question.feedback[k]);
        return el(
          'modalFeedback',
          { outcomeIdentifier: k === 'general' ? 'FEEDBACK_GENERAL' : 'FEEDBACK', identifier: k, showHide: 'show' },
          version === '3.0' ? [el('contentBody', {}, blocks)] : blocks,
        );
      }),
    ],
  );
  return serializeXml(version === '3.0' ? toQti3(item) : item);
}

// ---------------------------------------------------------------- import

type Declaration = {
  cardinality: string;
  baseType: string;
  correct: string[];
  entries: { key: string; value: number; caseSensitive: string | undefined }[];
};

function readDeclarations(item: XmlNode): Map<string, Declaration> {
  const out = new Map<string, Declaration>();
  for (const d of childrenNamed(item, 'responseDeclaration')) {
    const correctNode = childNamed(d, 'correctResponse');
    const map = childNamed(d, 'mapping');
    out.set(d.attrs.identifier ?? '', {
      cardinality: d.attrs.cardinality ?? 'single',
      baseType: d.attrs.baseType ?? 'identifier',
      correct: correctNode ? childrenNamed(correctNode, 'value').map((v) => textOf(v).trim()) : [],
      entries: map
        ? childrenNamed(map, 'mapEntry').map((e) => ({
            key: (e.attrs.mapKey ?? '').trim(),
            value: Number(e.attrs.mappedValue),
            caseSensitive: e.attrs.caseSensitive,
          }))
        : [],
    });
  }
  return out;
}

function readPoints(item: XmlNode): number {
  for (const o of childrenNamed(item, 'outcomeDeclaration')) {
    const value = childNamed(o, 'defaultValue');
    if (o.attrs.identifier === 'MAXSCORE' && value) {
      const n = Number(textOf(childNamed(value, 'value') ?? value).trim());
      if (Number.isFinite(n) && n > 0) return n;
    }
  }
  for (const o of childrenNamed(item, 'outcomeDeclaration')) {
    const n = Number(o.attrs.normalMaximum);
    if (o.attrs.identifier === 'SCORE' && Number.isFinite(n) && n > 0) return n;
  }
  return upperBound(item) ?? 1;
}

/** A mapping's upper bound, when the item has exactly one mapping with one. */
function upperBound(item: XmlNode): number | undefined {
  const bounds = descendantsNamed(item, 'mapping')
    .map((m) => Number(m.attrs.upperBound))
    .filter((n) => Number.isFinite(n) && n > 0);
  return bounds.length === 1 ? bounds[0] : undefined;
}

const isBlockInteraction = (c: XmlChild): c is XmlNode =>
  typeof c !== 'string' && INTERACTIONS.includes(c.name) && c.name !== 'textEntryInteraction';

/** The body with each block interaction replaced by its prompt; untouched subtrees stay the same objects. */
function withPrompts(node: XmlNode): XmlNode {
  let changed = false;
  const children = node.children.flatMap((c): XmlChild[] => {
    if (typeof c === 'string') return [c];
    if (isBlockInteraction(c)) {
      changed = true;
      const prompt = childNamed(c, 'prompt');
      return prompt ? [prompt] : [];
    }
    const next = withPrompts(c);
    if (next !== c) changed = true;
    return [next];
  });
  return changed ? { ...node, children } : node;
}

const INTERACTIONS = ['choiceInteraction', 'textEntryInteraction', 'matchInteraction', 'orderInteraction', 'extendedTextInteraction'];
const UNSUPPORTED = [
  'associateInteraction',
  'gapMatchInteraction',
  'inlineChoiceInteraction',
  'hotspotInteraction',
  'hottextInteraction',
  'sliderInteraction',
  'uploadInteraction',
  'drawingInteraction',
  'graphicOrderInteraction',
  'graphicGapMatchInteraction',
  'graphicAssociateInteraction',
  'selectPointInteraction',
  'positionObjectInteraction',
  'mediaInteraction',
  'customInteraction',
  'portableCustomInteraction',
];

/** Accepted answers: the mapping's keys that earn points, else the correct response. */
function acceptedOf(d: Declaration): { accepted: string[]; caseSensitive: boolean } {
  const earning = d.entries.filter((e) => e.value > 0);
  return {
    accepted: earning.length ? earning.map((e) => e.key) : d.correct,
    caseSensitive: earning.length > 0 && earning.every((e) => e.caseSensitive === 'true'),
  };
}

/** A QTI 2.1/2.2/3.0 assessmentItem as a question. Throws `QtiError` for what we cannot read. */
export function importQtiItem(xml: string): Question {
  const item = fromQti3(parseXml(xml));
  if (item.name !== 'assessmentItem') throw new QtiError(`Expected an assessmentItem, found ${item.name}.`);
  const identifier = item.attrs.identifier;
  if (!identifier) throw new QtiError('The item has no identifier.');
  const verbatim = item.attrs.toolName === TOOL_NAME;
  const declarations = readDeclarations(item);
  const body = childNamed(item, 'itemBody');
  if (!body) throw new QtiError(`Item ${identifier} has no itemBody.`);
  for (const name of UNSUPPORTED)
    if (descendantsNamed(body, name).length) throw new QtiError(`Item ${identifier} uses a ${name}, which is not supported.`);
  const interactions = INTERACTIONS.flatMap((name) => descendantsNamed(body, name));
  if (interactions.length === 0) throw new QtiError(`Item ${identifier} has no interaction.`);
  const kinds = new Set(interactions.map((i) => i.name));
  if (kinds.size > 1 || (interactions.length > 1 && !kinds.has('textEntryInteraction')))
    throw new QtiError(`Item ${identifier} mixes several interactions, which is not supported.`);
  const interaction = interactions[0] as XmlNode;
  const declarationOf = (i: XmlNode) => {
    const d = declarations.get(i.attrs.responseIdentifier ?? '');
    if (!d) throw new QtiError(`Item ${identifier}: no responseDeclaration for ${i.attrs.responseIdentifier ?? 'an interaction'}.`);
    return d;
  };
  const processing = childNamed(item, 'responseProcessing');
  const markdownOptions = { verbatim };
  const inline = (node: XmlNode) => inlineToMarkdown(node.children, markdownOptions).trim();
  // Block interactions give way to their own <prompt>; graders' rubrics are not for students.
  const promptBody = withPrompts(body);
  const promptWith = (hook?: ElementHook) =>
    blocksToMarkdown(promptBody.children, { verbatim, hook: (node) => (node.name === 'rubricBlock' ? null : hook?.(node)) });

  const common = {
    id: questionIdFrom(identifier),
    points: readPoints(item),
    tags: [] as string[],
    difficulty: 3,
    feedback: readFeedback(item, verbatim),
  };
  let question: unknown;
  switch (interaction.name) {
    case 'choiceInteraction': {
      const d = declarationOf(interaction);
      const correct = d.correct.length ? d.correct : d.entries.filter((e) => e.value > 0).map((e) => e.key);
      const options = childrenNamed(interaction, 'simpleChoice').map((c) => ({
        id: c.attrs.identifier ?? '',
        text: inline(c),
        correct: correct.includes(c.attrs.identifier ?? ''),
      }));
      const prompt = promptWith();
      const ids = options.map((o) => o.id).join(',');
      if (d.cardinality === 'single' && (ids === 'true,false' || ids === 'false,true'))
        question = { ...common, type: 'true_false', prompt, answer: correct[0] === 'true' };
      else question = { ...common, type: d.cardinality === 'multiple' ? 'multiple_response' : 'single_choice', prompt, options };
      break;
    }
    case 'orderInteraction': {
      const d = declarationOf(interaction);
      const choices = new Map(childrenNamed(interaction, 'simpleChoice').map((c) => [c.attrs.identifier ?? '', c]));
      if (d.correct.length !== choices.size || d.correct.some((id) => !choices.has(id)))
        throw new QtiError(`Item ${identifier}: the correct order must list every choice once.`);
      const items = d.correct.map((id) => ({ id, text: inline(choices.get(id) as XmlNode) }));
      question = { ...common, type: 'ordering', prompt: promptWith(), items };
      break;
    }
    case 'matchInteraction': {
      const d = declarationOf(interaction);
      const sets = childrenNamed(interaction, 'simpleMatchSet');
      if (sets.length !== 2) throw new QtiError(`Item ${identifier}: a matchInteraction needs two simpleMatchSets.`);
      const [left, right] = sets.map((s) =>
        childrenNamed(s, 'simpleAssociableChoice').map((c) => ({ id: c.attrs.identifier ?? '', text: inline(c) })),
      ) as [{ id: string; text: string }[], { id: string; text: string }[]];
      const keys = d.correct.length ? d.correct : d.entries.filter((e) => e.value > 0).map((e) => e.key);
      const pairs = keys.map((v) => {
        const [l = '', r = ''] = v.split(/\s+/);
        return { left: l, right: r };
      });
      question = { ...common, type: 'matching', prompt: promptWith(), left, right, pairs };
      break;
    }
    case 'extendedTextInteraction': {
      const rubric = descendantsNamed(body, 'rubricBlock').find((r) => (r.attrs.view ?? '').split(/\s+/).includes('scorer'));
      const guidance = rubric ? blocksToMarkdown((childNamed(rubric, 'contentBody') ?? rubric).children, markdownOptions) : '';
      question = { ...common, type: 'essay', prompt: promptWith(), guidance };
      break;
    }
    case 'textEntryInteraction': {
      const standalone = interactions.length === 1 ? standaloneBlock(body, interaction) : null;
      const d = declarationOf(interaction);
      if (standalone) {
        const prompt = promptWith((node) => (node === standalone ? null : undefined));
        if (d.baseType === 'float' || d.baseType === 'integer') {
          const equal = processing ? descendantsNamed(processing, 'equal')[0] : undefined;
          const mode = equal?.attrs.toleranceMode ?? 'exact';
          const tolerance = mode === 'exact' ? 0 : Number((equal?.attrs.tolerance ?? '0').trim().split(/\s+/)[0]);
          question = {
            ...common,
            type: 'numeric',
            prompt,
            answer: Number(d.correct[0]),
            tolerance,
            toleranceKind: mode === 'relative' ? 'percent' : 'absolute',
          };
          break;
        }
        const pattern = processing ? descendantsNamed(processing, 'patternMatch')[0]?.attrs.pattern : undefined;
        if (pattern !== undefined)
          question = { ...common, type: 'short_answer', prompt, match: 'pattern', pattern, accepted: [], caseSensitive: false };
        else question = { ...common, type: 'short_answer', prompt, match: 'exact', pattern: '', ...acceptedOf(d) };
        break;
      }
      // Blanks in the order of their declarations (the order they were written in), not of the text.
      const order = [...declarations.keys()];
      const blanks = interactions
        .map((i) => ({ id: i.attrs.responseIdentifier ?? '', ...acceptedOf(declarationOf(i)) }))
        .sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id));
      const prompt = promptWith((node) =>
        node.name === 'textEntryInteraction' ? `{{${node.attrs.responseIdentifier ?? ''}}}` : undefined,
      );
      question = { ...common, type: 'fill_blanks', prompt, blanks };
      break;
    }
    default:
      throw new QtiError(`Item ${identifier}: ${interaction.name} is not supported.`);
  }
  const parsed = Question.safeParse(question);
  if (!parsed.success)
    throw new QtiError(
      `Item ${identifier} does not make a valid question: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'question'} ${i.message}`).join('; ')}.`,
    );
  return parsed.data;
}

/** The block holding nothing but this interaction (our short answers and numerics), if there is one. */
function standaloneBlock(root: XmlNode, interaction: XmlNode): XmlNode | null {
  for (const node of elementsOf(root)) {
    if (node.children.includes(interaction)) {
      const alone = node.children.every((c) => c === interaction || (typeof c === 'string' && c.trim() === ''));
      return alone && node.name !== 'itemBody' ? node : null;
    }
    const found = standaloneBlock(node, interaction);
    if (found) return found;
  }
  return null;
}

function readFeedback(item: XmlNode, verbatim: boolean): { correct: string; incorrect: string; general: string } {
  const out = { correct: '', incorrect: '', general: '' };
  for (const f of childrenNamed(item, 'modalFeedback')) {
    const key = (f.attrs.identifier ?? '').toLowerCase();
    if (key !== 'correct' && key !== 'incorrect' && key !== 'general') continue;
    const content = childNamed(f, 'contentBody') ?? f;
    out[key] = blocksToMarkdown(content.children, { verbatim });
  }
  return out;
}
