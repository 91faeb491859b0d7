import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { boostOf, MAX_BOOST, rankPage, type Signals } from './ranking.ts';

const signals = fc.record({ fromConnection: fc.boolean(), reactions: fc.nat(1000), comments: fc.nat(1000) });
const page = fc.array(signals, { maxLength: 50 }).map((items) => items.map((s, i) => ({ ...s, id: i })));

describe('feed ranking within a page', () => {
  it('keeps time order when nothing is boosted', () => {
    const items = [0, 1, 2, 3].map((id) => ({ id, fromConnection: false, reactions: 0, comments: 0 }));
    expect(rankPage(items, (x) => x).map((x) => x.id)).toEqual([0, 1, 2, 3]);
  });

  it('lifts a connection’s post and an engaged post a few places', () => {
    const items = [0, 1, 2, 3].map((id) => ({ id, fromConnection: id === 3, reactions: id === 3 ? 1 : 0, comments: 0 }));
    expect(rankPage(items, (x) => x).map((x) => x.id)).toEqual([0, 3, 1, 2]);
  });

  it('is a permutation, and moves no post up by more than MAX_BOOST places', () => {
    fc.assert(
      fc.property(page, (items) => {
        const ranked = rankPage(items, (x: Signals) => x);
        expect(ranked.map((x) => x.id).sort((a, b) => a - b)).toEqual(items.map((x) => x.id));
        ranked.forEach((item, position) => {
          expect(item.id - position).toBeLessThanOrEqual(MAX_BOOST);
        });
      }),
    );
  });

  it('bounds the boost', () => {
    fc.assert(
      fc.property(signals, (s) => {
        expect(boostOf(s)).toBeLessThanOrEqual(MAX_BOOST);
      }),
    );
  });
});
