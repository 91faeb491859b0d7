import type { FieldPrivacy } from '@edumatrix/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mayViewField, mayViewPost, parseVisibility, type Relation } from './privacy.ts';

const LEVELS: FieldPrivacy[] = ['public', 'connections', 'institution', 'only_me'];
const relation = fc.record({ self: fc.boolean(), connected: fc.boolean(), sharesInstitution: fc.boolean(), blocked: fc.boolean() });
const level = fc.constantFrom(...LEVELS);

describe('profile field privacy', () => {
  it('by level and relationship', () => {
    const stranger: Relation = { self: false, connected: false, sharesInstitution: false, blocked: false };
    const table: [FieldPrivacy, Partial<Relation>, boolean][] = [
      ['public', {}, true],
      ['connections', {}, false],
      ['connections', { connected: true }, true],
      ['connections', { sharesInstitution: true }, false],
      ['institution', { sharesInstitution: true }, true],
      ['institution', { connected: true }, false],
      ['only_me', { connected: true, sharesInstitution: true }, false],
      ['only_me', { self: true }, true],
      ['public', { blocked: true }, false],
    ];
    for (const [lvl, rel, expected] of table)
      expect(mayViewField(lvl, { ...stranger, ...rel }), `${lvl} ${JSON.stringify(rel)}`).toBe(expected);
  });

  it('the owner sees every field; a blocked viewer none; public is seen by everyone else', () => {
    fc.assert(
      fc.property(level, relation, (lvl, rel) => {
        if (rel.self) expect(mayViewField(lvl, rel)).toBe(true);
        else if (rel.blocked) expect(mayViewField(lvl, rel)).toBe(false);
        else if (lvl === 'public') expect(mayViewField(lvl, rel)).toBe(true);
      }),
    );
  });

  it('more ties never show less', () => {
    fc.assert(
      fc.property(level, relation, (lvl, rel) => {
        if (!mayViewField(lvl, rel)) return;
        expect(mayViewField(lvl, { ...rel, connected: true })).toBe(true);
        expect(mayViewField(lvl, { ...rel, sharesInstitution: true })).toBe(true);
      }),
    );
  });
});

describe('post visibility', () => {
  const inst = '01a20000-0000-7000-8000-000000000001';
  const viewer = fc.record({
    isAuthor: fc.boolean(),
    blocked: fc.boolean(),
    connected: fc.boolean(),
    institutionIds: fc.boolean().map((member) => new Set(member ? [inst] : [])),
  });
  const post = fc.record({
    visibility: fc.constantFrom('public' as const, 'connections' as const, 'institution' as const),
    deleted: fc.boolean(),
  });

  it('deleted posts are seen by nobody; authors see the rest; blocks hide everything', () => {
    fc.assert(
      fc.property(post, viewer, (p, v) => {
        const audience = { ...p, institutionId: p.visibility === 'institution' ? inst : null };
        const seen = mayViewPost(audience, v);
        if (p.deleted) expect(seen).toBe(false);
        else if (v.isAuthor) expect(seen).toBe(true);
        else if (v.blocked) expect(seen).toBe(false);
        else if (p.visibility === 'public') expect(seen).toBe(true);
        else if (p.visibility === 'connections') expect(seen).toBe(v.connected);
        else expect(seen).toBe(v.institutionIds.has(inst));
      }),
    );
  });

  it('parses visibility labels', () => {
    expect(parseVisibility('public')).toEqual({ visibility: 'public', institutionId: null });
    expect(parseVisibility('connections')).toEqual({ visibility: 'connections', institutionId: null });
    expect(parseVisibility(`institution:${inst}`)).toEqual({ visibility: 'institution', institutionId: inst });
  });
});
