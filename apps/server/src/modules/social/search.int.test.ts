// The search box: prefix, accent- and typo-tolerant people search, posts the viewer may see,
// hashtags with counts, public courses, and nothing from people blocked either way.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInstitution, problemOf, signedUpClient, waitFor } from '../../testing/factories.ts';
import { dbLabel, startTestPlatform, type TestPlatform } from '../../testing/test-platform.ts';
import { prefixQuery } from './search.service.ts';
import { connect, person } from './social.testing.ts';

describe(`social search on ${dbLabel()}`, () => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await startTestPlatform();
  });
  afterAll(() => t.close());

  it('builds a prefix query from the words alone', () => {
    expect(prefixQuery("Zoë O'Brien-Müller 2nd")).toBe('zoë:* & o:* & brien:* & müller:* & 2nd:*');
    expect(prefixQuery(' :*&| ')).toBeNull();
  });

  it('finds people by name prefix without accents or with a typo, and by handle; posts by word as the viewer may see them', async () => {
    const me = await person(t, 'Searcher');
    // Handles are made from these names; the names searched for come with a rename.
    const zoe = await person(t, 'Zoe');
    const friend = await person(t, 'Friend');
    const blocker = await person(t, 'Blocker');
    await zoe.client.me.update({ displayName: 'Zoë Müllerova' });
    await blocker.client.me.update({ displayName: 'Blocking Müllerova' });
    await connect(me, friend);
    await blocker.client.social.block(me.id);
    const names = async (q: string) => (await me.client.social.search(q)).people.map((p) => p.displayName);
    // Wait for the new name itself: results show identity's current name, so a match on the old
    // indexed name ("Zoe") would look the same.
    await waitFor('the people index', async () => (await names('muller')).includes('Zoë Müllerova'));
    expect(await names('zoe')).toEqual(['Zoë Müllerova']);
    expect(await names('MULLER')).toEqual(['Zoë Müllerova']);
    expect(await names('Mulerova')).toEqual(['Zoë Müllerova']);
    expect(await names(`@${zoe.handle.slice(0, 8)}`)).toEqual(['Zoë Müllerova']);
    // A new name is found once identity's event has been applied.
    await zoe.client.me.update({ displayName: 'Zoë Nováková' });
    await waitFor('the new name', async () => (await names('novak')).includes('Zoë Nováková'));
    expect(await names('Müllerova')).toEqual([]);

    await friend.client.social.createPost({ body: 'Photosynthesis notes for #Biology101 revision', visibility: 'connections' });
    await zoe.client.social.createPost({ body: 'Public thoughts on photosynthèse and #biology101' });
    await blocker.client.social.createPost({ body: 'Photosynthesis by someone who blocked you #biology101' });
    const stranger = (await signedUpClient(t, 'Stranger')).client;
    const bodies = async (who: typeof stranger, q: string) => (await who.social.search(q)).posts.map((p) => p.body).sort();
    expect(await bodies(me.client, 'photosynth')).toEqual([
      'Photosynthesis notes for #Biology101 revision',
      'Public thoughts on photosynthèse and #biology101',
    ]);
    // A connections-only post stays with connections.
    expect(await bodies(stranger, 'photosynth')).toEqual([
      'Photosynthesis by someone who blocked you #biology101',
      'Public thoughts on photosynthèse and #biology101',
    ]);
    const tags = (await me.client.social.search('#bio')).hashtags;
    expect(tags).toEqual([{ tag: 'biology101', posts: 3 }]);
    // The tag's page: the same visibility rules, newest first, in pages.
    const first = await stranger.social.tagged('Biology101', { limit: 1 });
    const second = await stranger.social.tagged('biology101', { limit: 1, cursor: first.nextCursor ?? '' });
    expect([...first.items, ...second.items].map((p) => p.body)).toEqual([
      'Photosynthesis by someone who blocked you #biology101',
      'Public thoughts on photosynthèse and #biology101',
    ]);
    expect(second.nextCursor).toBeNull();
    expect((await me.client.social.tagged('biology101')).items.map((p) => p.author.userId)).toEqual([zoe.id, friend.id]);

    const bad = await problemOf(me.client.social.search(''));
    expect(bad.problem.errors?.[0]?.field).toBe('q');
  });

  it('lists public, published courses of every institution', async () => {
    const owner = await signedUpClient(t, 'Course Owner');
    const { id } = await createInstitution(owner.client, { name: 'Searchable College' });
    const c = owner.client.courses;
    const course = await c.create(id, { title: 'Astrophysics for Everyone', visibility: 'public' });
    const mod = await c.addModule(id, course.id, { title: 'M' });
    await c.addLesson(id, course.id, mod.id, { title: 'L', published: true });
    await c.update(id, course.id, { status: 'published' });
    const reader = (await signedUpClient(t, 'Reader')).client;
    await waitFor('the catalogue', async () => (await reader.social.search('astrophysics')).courses.length === 1);
    expect((await reader.social.search('astrophysics')).courses).toEqual([
      { courseId: course.id, title: 'Astrophysics for Everyone', summary: '', institutionName: 'Searchable College' },
    ]);
  });
});
