import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cycleThrough } from './paths.service.ts';

describe('prerequisite cycles', () => {
  it('finds the circle an edge would close, and none where there is none', () => {
    const edges = [
      { from: 'a', to: 'b' },
      { from: 'b', to: 'c' },
    ];
    expect(cycleThrough(edges, 'c', 'a')).toEqual(['a', 'b', 'c']);
    expect(cycleThrough(edges, 'a', 'c')).toBeNull();
    expect(cycleThrough(edges, 'c', 'd')).toBeNull();
  });

  it('adding only edges it accepts always leaves a graph with a topological order', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 7 }), fc.integer({ min: 0, max: 7 })), { maxLength: 40 }), (pairs) => {
        const edges: { from: string; to: string }[] = [];
        for (const [a, b] of pairs) {
          if (a === b) continue;
          if (!cycleThrough(edges, `n${a}`, `n${b}`)) edges.push({ from: `n${a}`, to: `n${b}` });
        }
        // Kahn's algorithm consumes every node of an acyclic graph.
        const nodes = new Set(edges.flatMap((e) => [e.from, e.to]));
        const incoming = new Map([...nodes].map((n) => [n, edges.filter((e) => e.to === n).length]));
        const ready = [...nodes].filter((n) => incoming.get(n) === 0);
        let seen = 0;
        while (ready.length) {
          const n = ready.pop() as string;
          seen++;
          for (const e of edges.filter((x) => x.from === n)) {
            incoming.set(e.to, (incoming.get(e.to) ?? 0) - 1);
            if (incoming.get(e.to) === 0) ready.push(e.to);
          }
        }
        return seen === nodes.size;
      }),
    );
  });
});
