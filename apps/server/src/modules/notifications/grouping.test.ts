import { describe, expect, it } from 'vitest';
import { groupTitle, MAX_GROUP_ACTORS, withActor } from './grouping.ts';

const fold = (requests: { title: string; actorName: string | null }[]) => {
  let g = { actors: [] as string[], actorCount: 0 };
  let title = '';
  requests.forEach((r, i) => {
    g = withActor(g, r.actorName);
    title = groupTitle({ title: r.title, actorName: r.actorName, ...g, count: i + 1 });
  });
  return title;
};

describe('grouped titles', () => {
  it('one request keeps its title', () => {
    expect(fold([{ title: 'Ana liked your post', actorName: 'Ana' }])).toBe('Ana liked your post');
  });

  it('two people are named, more are counted, the latest first', () => {
    expect(
      fold([
        { title: 'Bo liked your post', actorName: 'Bo' },
        { title: 'Ana liked your post', actorName: 'Ana' },
      ]),
    ).toBe('Ana and Bo liked your post');
    const five = ['Cy', 'Di', 'Ed', 'Bo', 'Ana'].map((n) => ({ title: `${n} liked your post`, actorName: n }));
    expect(fold(five)).toBe('Ana and 4 others liked your post');
  });

  it('chat titles as the chat module writes them', () => {
    const from = (n: string) => ({ title: `${n}: new message`, actorName: n });
    expect(fold([from('Ana Sender'), from('Bo Writer')])).toBe('Bo Writer and Ana Sender: new message');
    expect(fold([from('Ana Sender'), from('Ana Sender')])).toBe('Ana Sender: new message (2)');
  });

  it('the same person again is not another person; without an actor the count goes in brackets', () => {
    expect(
      fold([
        { title: 'New message from Ana', actorName: 'Ana' },
        { title: 'New message from Ana', actorName: 'Ana' },
        { title: 'New message from Ana', actorName: 'Ana' },
      ]),
    ).toBe('New message from Ana (3)');
    expect(
      fold([
        { title: 'Grades updated', actorName: null },
        { title: 'Grades updated', actorName: null },
      ]),
    ).toBe('Grades updated (2)');
  });

  it('keeps a bounded list of names but counts every new person', () => {
    let g = { actors: [] as string[], actorCount: 0 };
    for (let i = 0; i < MAX_GROUP_ACTORS + 10; i++) g = withActor(g, `P${i}`);
    expect(g.actors).toHaveLength(MAX_GROUP_ACTORS);
    expect(g.actorCount).toBe(MAX_GROUP_ACTORS + 10);
    expect(groupTitle({ title: 'P29 liked your post', actorName: 'P29', ...g, count: 30 })).toBe('P29 and 29 others liked your post');
  });
});
