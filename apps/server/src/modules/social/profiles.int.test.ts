// Profiles over HTTP: editing, bad input naming the field, and what each kind of viewer may see.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, createInstitution, problemOf, problemSummary, signedUpClient } from '../../testing/factories.ts';
import { dbLabel, startTestPlatform, type TestPlatform, unique } from '../../testing/test-platform.ts';

describe(`social profiles on ${dbLabel()}`, () => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await startTestPlatform();
  });
  afterAll(() => t.close());

  async function connect(a: Awaited<ReturnType<typeof signedUpClient>>, b: Awaited<ReturnType<typeof signedUpClient>>) {
    const request = await a.client.social.requestConnection({ userId: b.id });
    await b.client.social.acceptRequest(request.id);
  }

  it('an empty profile at first; edits keep what is left out; bounded lists; handles unique', async () => {
    const ada = await signedUpClient(t, 'Ada');
    const mine = await ada.client.social.myProfile();
    expect(mine).toMatchObject({ userId: ada.id, displayName: 'Ada', handle: null, headline: '', skills: [], followers: 0 });
    expect(mine.privacy).toEqual({
      headline: 'public',
      bio: 'public',
      skills: 'public',
      interests: 'public',
      affiliations: 'institution',
      presence: 'connections',
    });

    const handle = unique('ada_').toLowerCase().slice(0, 30);
    const edited = await ada.client.social.updateProfile({
      handle: handle.toUpperCase(),
      headline: 'Chemistry student',
      bio: '# Hi\n<script>alert(1)</script>',
      skills: ['Python', 'python', 'Titration'],
      privacy: { bio: 'connections' },
    });
    // Stored as written (the web sanitises on render), handles lower-cased, duplicates dropped.
    expect(edited).toMatchObject({ handle, bio: '# Hi\n<script>alert(1)</script>', skills: ['python', 'Titration'] });
    expect(edited.privacy?.bio).toBe('connections');
    const again = await ada.client.social.updateProfile({ interests: ['Music'] });
    expect(again).toMatchObject({ headline: 'Chemistry student', interests: ['Music'], privacy: { bio: 'connections' } });

    const bob = await signedUpClient(t, 'Bob');
    const taken = await problemOf(bob.client.social.updateProfile({ handle }));
    expect(taken.status).toBe(409);
    expect(taken.problem.errors?.[0]?.field).toBe('handle');

    expect(await problemSummary(bob.client.social.updateProfile({ handle: 'no spaces!' }))).toMatchObject({
      status: 400,
      fields: ['handle'],
    });
    expect(await problemSummary(bob.client.social.updateProfile({ skills: Array.from({ length: 31 }, (_, i) => `s${i}`) }))).toMatchObject({
      status: 400,
      fields: ['skills'],
    });
    expect(await problemSummary(bob.client.social.updateProfile({ headline: 'x'.repeat(201) }))).toMatchObject({ fields: ['headline'] });
    expect(await problemSummary(bob.client.social.updateProfile({ privacy: { bio: 'friends' as never } }))).toMatchObject({
      status: 400,
      fields: ['privacy.bio'],
    });
    expect(await problemSummary(bob.client.social.updateProfile({ colour: 'red' } as never))).toMatchObject({ status: 400 });
    expect((await problemOf(bob.client.social.profile('01a20000-0000-7000-8000-000000000000'))).status).toBe(404);
    expect(await problemSummary(bob.client.social.profile('not-a-uuid'))).toMatchObject({ status: 400, fields: ['userId'] });
    expect((await problemOf(t.client().social.myProfile())).status).toBe(401);
  });

  it('each field is shown only to the viewers its privacy allows; affiliations come from membership', async () => {
    const owner = await signedUpClient(t, 'Owner');
    const inst = await createInstitution(owner.client, { name: 'Lakeside College' });
    const subject = await addMember(t, owner.client, inst.id, 'student');
    const classmate = await addMember(t, owner.client, inst.id, 'student');
    const friend = await signedUpClient(t, 'Friend');
    const stranger = await signedUpClient(t, 'Stranger');
    await connect(subject as never, friend);
    await subject.client.social.updateProfile({
      headline: 'H',
      bio: 'B',
      skills: ['S'],
      interests: ['I'],
      privacy: { headline: 'public', bio: 'connections', skills: 'institution', interests: 'only_me', affiliations: 'institution' },
    });

    const fields = (p: object) =>
      ['headline', 'bio', 'skills', 'interests', 'affiliations'].filter((f) => (p as Record<string, unknown>)[f] !== undefined);
    expect(fields(await stranger.client.social.profile(subject.id))).toEqual(['headline']);
    expect(fields(await friend.client.social.profile(subject.id))).toEqual(['headline', 'bio']);
    const seenByClassmate = await classmate.client.social.profile(subject.id);
    expect(fields(seenByClassmate)).toEqual(['headline', 'skills', 'affiliations']);
    expect(seenByClassmate.affiliations).toEqual([{ institutionId: inst.id, name: 'Lakeside College', role: 'student' }]);
    expect(seenByClassmate.privacy).toBeUndefined();
    expect(fields(await subject.client.social.myProfile())).toEqual(['headline', 'bio', 'skills', 'interests', 'affiliations']);
    expect((await friend.client.social.profile(subject.id)).relationship).toMatchObject({ connected: true, following: false });

    await subject.client.social.updateProfile({ privacy: { headline: 'only_me' } });
    expect(fields(await friend.client.social.profile(subject.id))).toEqual(['bio']);
  });
});
