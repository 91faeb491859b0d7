import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { gradeResponse } from '../grading.ts';
import { arbQuestion, examples, keyResponse, makeQuestion } from '../question.factories.ts';
import type { Question } from '../questions.ts';
import { exportQtiItem, exportQtiPackage, importQtiItem, importQtiPackage, QtiError, qtiIdentifier, questionIdFrom } from './index.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const bare = (q: Question): Question => ({ ...q, tags: [], difficulty: 3 });

describe('QTI import of items written by other tools (fixtures/README.md)', () => {
  it('reads a single choice (IMS example "Unattended Luggage")', () => {
    const q = importQtiItem(fixture('choice.xml'));
    expect(q).toEqual({
      id: 'choice',
      type: 'single_choice',
      prompt: 'Look at the text in the picture.\n\n![NEVER LEAVE LUGGAGE UNATTENDED](images/sign.png)\n\nWhat does it say?',
      points: 1,
      tags: [],
      difficulty: 3,
      feedback: { correct: '', incorrect: '', general: '' },
      options: [
        { id: 'ChoiceA', text: 'You must stay with your luggage at all times.', correct: true },
        { id: 'ChoiceB', text: 'Do not let someone else look after your luggage.', correct: false },
        { id: 'ChoiceC', text: 'Remember your luggage when you leave.', correct: false },
      ],
    });
    expect(gradeResponse(q, { type: 'single_choice', optionId: 'ChoiceA' }).correct).toBe(true);
  });

  it('reads a multiple response with its mapping bound as points ("Composition of Water")', () => {
    const q = importQtiItem(fixture('choice_multiple.xml'));
    expect(q).toMatchObject({
      id: 'choiceMultiple',
      type: 'multiple_response',
      points: 2,
      prompt: 'Which of the following elements are used to form water?',
    });
    if (q.type !== 'multiple_response') throw new Error('type');
    expect(q.options.filter((o) => o.correct).map((o) => o.id)).toEqual(['H', 'O']);
    expect(q.options).toHaveLength(6);
    expect(gradeResponse(q, { type: 'multiple_response', optionIds: ['H', 'O'] }).score).toBe(2);
  });

  it('reads an order interaction ("Grand Prix of Bahrain")', () => {
    const q = importQtiItem(fixture('order.xml'));
    expect(q).toMatchObject({
      id: 'order',
      type: 'ordering',
      prompt:
        'The following F1 drivers finished on the podium in the first ever Grand Prix of Bahrain. Can you rearrange them into the correct finishing order?',
      items: [
        { id: 'DriverC', text: 'Michael Schumacher' },
        { id: 'DriverA', text: 'Rubens Barrichello' },
        { id: 'DriverB', text: 'Jenson Button' },
      ],
    });
  });

  it('reads a text entry inline in a quote as a fill in the blank ("Richard III")', () => {
    const q = importQtiItem(fixture('text_entry.xml'));
    expect(q).toMatchObject({
      id: 'textEntry',
      type: 'fill_blanks',
      prompt: [
        "Identify the missing word in this famous quote from Shakespeare's Richard III.",
        '',
        '> Now is the winter of our discontent',
        '> Made glorious summer by this sun of {{RESPONSE}};',
        "> And all the clouds that lour'd upon our house",
        '> In the deep bosom of the ocean buried.',
      ].join('\n'),
      blanks: [{ id: 'RESPONSE', accepted: ['York', 'york'], caseSensitive: false }],
    });
    expect(gradeResponse(q, { type: 'fill_blanks', answers: { RESPONSE: ' YORK ' } }).correct).toBe(true);
  });

  it('reads a match interaction exported by the Onyx Editor', () => {
    const q = importQtiItem(fixture('match_onyx.xml'));
    if (q.type !== 'matching') throw new Error(`type ${q.type}`);
    expect(q.id).toBe('Matchsingle_143114773');
    expect(q.prompt).toBe(
      'Der wichtigste, größte und einzig schiffbare Fluss des Bundeslandes Sachsens ist die Elbe. Die verschiedene Quellflüsse der Elbe durchziehen die sächsischen Städte.\nOrdne anhand des Flusslaufs die Quellflüsse den gegebenen Städten zu.',
    );
    expect(q.left.map((l) => l.text)).toEqual(['Weißeritz', 'Mulde', 'Saale', 'Spree']);
    expect(q.right.map((r) => r.text)).toEqual(['Dresden', 'Leipzig', 'Halle', 'Bautzen']);
    expect(q.pairs).toEqual([
      { left: 'Match28433682', right: 'Match2675678' },
      { left: 'Match7191791', right: 'Match9372581' },
      { left: 'Match20473010', right: 'Match22744006' },
      { left: 'Match6429655', right: 'Match17943221' },
    ]);
    expect(q.points).toBe(1);
    expect(q.feedback).toEqual({ correct: '', incorrect: '', general: '' });
    expect(gradeResponse(q, keyResponse(q)).score).toBe(1);
  });

  it('reads QTI 3.0 names (a hand-written 3.0 text entry)', () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<qti-assessment-item xmlns="http://www.imsglobal.org/xsd/imsqtiasi_v3p0" identifier="te3" title="Capital" adaptive="false" time-dependent="false">
  <qti-response-declaration identifier="RESPONSE" cardinality="single" base-type="string">
    <qti-correct-response><qti-value>Paris</qti-value></qti-correct-response>
    <qti-mapping default-value="0">
      <qti-map-entry map-key="Paris" mapped-value="2" case-sensitive="true"/>
    </qti-mapping>
  </qti-response-declaration>
  <qti-outcome-declaration identifier="SCORE" cardinality="single" base-type="float" normal-maximum="2"/>
  <qti-item-body>
    <p>The capital of France is <qti-text-entry-interaction response-identifier="RESPONSE" expected-length="10"/>&#160;.</p>
  </qti-item-body>
</qti-assessment-item>`;
    expect(importQtiItem(xml)).toMatchObject({
      id: 'te3',
      type: 'fill_blanks',
      points: 2,
      prompt: 'The capital of France is {{RESPONSE}}\u00a0.',
      blanks: [{ id: 'RESPONSE', accepted: ['Paris'], caseSensitive: true }],
    });
  });
});

describe('QTI round trip', () => {
  it('exports and imports every example type unchanged, in 2.1 and 3.0', () => {
    for (const make of Object.values(examples)) {
      const q = {
        ...make(),
        feedback: { correct: 'Well done.', incorrect: 'Not quite:\n\nsee *chapter 2*.', general: 'Ask if unsure & curious.' },
      };
      for (const version of ['2.1', '3.0'] as const)
        expect(importQtiItem(exportQtiItem(q, version)), `${q.type} ${version}`).toEqual(bare(q));
    }
  });

  it('writes QTI 3.0 names for 3.0', () => {
    const xml = exportQtiItem(examples.single_choice(), '3.0');
    expect(xml).toContain('<qti-assessment-item xmlns="http://www.imsglobal.org/xsd/imsqtiasi_v3p0"');
    expect(xml).toContain('<qti-choice-interaction response-identifier="RESPONSE" shuffle="true" max-choices="1">');
    expect(xml).not.toContain('choiceInteraction');
    expect(exportQtiItem(examples.single_choice())).toContain('<choiceInteraction responseIdentifier="RESPONSE"');
  });

  it('gives back any valid question, item by item', () => {
    fc.assert(
      fc.property(arbQuestion(), fc.constantFrom('2.1' as const, '3.0' as const), (q, version) => {
        expect(importQtiItem(exportQtiItem(q, version))).toEqual(bare(q));
      }),
      { numRuns: 300 },
    );
  });

  it('gives back whole banks through a package, tags and difficulty included', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(arbQuestion(), { selector: (q) => qtiIdentifier(q.id), maxLength: 6 }),
        fc.constantFrom('2.1' as const, '3.0' as const),
        (questions, version) => {
          const zip = exportQtiPackage(questions, version);
          expect(importQtiPackage(zip)).toEqual({ questions, errors: [] });
        },
      ),
      { numRuns: 60 },
    );
  });

  it('keeps UUID ids through the Q_ prefix', () => {
    const id = '3f2a9c4e-1b2d-4e5f-8a9b-0c1d2e3f4a5b';
    expect(qtiIdentifier(id)).toBe(`Q_${id}`);
    expect(questionIdFrom(`Q_${id}`)).toBe(id);
    expect(questionIdFrom('Q_other')).toBe('Q_other');
    const q = makeQuestion({ ...examples.true_false(), id });
    expect(importQtiItem(exportQtiItem(q)).id).toBe(id);
  });

  it('writes the same bytes for the same questions', () => {
    const questions = Object.values(examples).map((make, i) => ({ ...make(), id: `q${i}`, tags: ['unit-1'], difficulty: (i % 5) + 1 }));
    const a = exportQtiPackage(questions);
    expect(exportQtiPackage(questions)).toEqual(a);
    const files = unzipSync(a);
    expect(Object.keys(files).sort()).toEqual(['imsmanifest.xml', ...questions.map((q) => `items/${q.id}.xml`)].sort());
    const manifest = strFromU8(files['imsmanifest.xml'] as Uint8Array);
    expect(manifest).toContain('type="imsqti_item_xmlv2p1" href="items/q0.xml"');
    expect(manifest).toContain('<value>very easy</value>');
  });
});

describe('QTI import failures', () => {
  it('refuses what is not a readable item', () => {
    expect(() => importQtiItem('<assessmentItem')).toThrow(QtiError);
    expect(() => importQtiItem('<foo/>')).toThrow(/Expected an assessmentItem/);
    expect(() => importQtiItem('<!DOCTYPE x [<!ENTITY a "aaaa">]><assessmentItem identifier="x"/>')).toThrow(/document type/);
    expect(() => importQtiItem('<assessmentItem identifier="x"><itemBody><p>Hi</p></itemBody></assessmentItem>')).toThrow(/no interaction/);
    const associate = fixture('choice.xml').replace(/choiceInteraction/g, 'associateInteraction');
    expect(() => importQtiItem(associate)).toThrow(/associateInteraction, which is not supported/);
    const noCorrect = fixture('choice.xml').replace('<value>ChoiceA</value>', '');
    expect(() => importQtiItem(noCorrect)).toThrow(/options mark exactly one option correct/);
  });

  it('imports what it can from a package and lists the rest', () => {
    const manifest = `<?xml version="1.0"?>
<manifest xmlns="http://www.imsglobal.org/xsd/imscp_v1p1" identifier="M">
  <resources>
    <resource identifier="R1" type="imsqti_item_xmlv2p1" href="q/choice.xml"><file href="q/choice.xml"/></resource>
    <resource identifier="R2" type="imsqti_item_xmlv2p1" href="q/broken.xml"/>
    <resource identifier="R3" type="imsqti_item_xmlv2p1" href="q/missing.xml"/>
    <resource identifier="R4" type="webcontent" href="q/page.html"/>
  </resources>
</manifest>`;
    const zip = zipSync({
      'pkg/imsmanifest.xml': strToU8(manifest),
      'pkg/q/choice.xml': strToU8(fixture('choice.xml')),
      'pkg/q/broken.xml': strToU8('<assessmentItem identifier="b"><itemBody>'),
    });
    const result = importQtiPackage(zip);
    expect(result.questions.map((q) => q.id)).toEqual(['choice']);
    expect(result.errors.map((e) => e.file)).toEqual(['pkg/q/broken.xml', 'pkg/q/missing.xml']);
    expect(() => importQtiPackage(strToU8('not a zip'))).toThrow(/not a readable zip/);
    expect(() => importQtiPackage(zipSync({ 'a.xml': strToU8('<a/>') }))).toThrow(/no imsmanifest/);
  });
});
