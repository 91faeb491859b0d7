// Students Interlinked end to end: two people in two browsers follow, post live, react, comment,
// edit, connect, hide a profile field and block, each step through the pages people use.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { addMember, createInstitution, signedUpClient } from '../../server/src/testing/factories.ts';
import { openPage, screenshotOnFailure, screenshotsAtWidths, signInAs, useE2E, type WatchedPage, WEB_DIST } from './browser.ts';

/** Where to save screenshots for a look at the pages (SOCIAL_SHOTS=/tmp/social-shots); none without it. */
const SHOTS = process.env.SOCIAL_SHOTS;

type Marked = Window & { socialMarker?: string };

describe('Students Interlinked in Chromium', () => {
  const e2e = useE2E(WEB_DIST);

  const signIn = (page: Page, email: string) => signInAs(page, e2e.t().url, email);
  const onFailure = (name: string, watched: WatchedPage) => screenshotOnFailure(`social-${name}`, watched);
  const shot = (page: Page, name: string) => screenshotsAtWidths(page, SHOTS, name);
  const connected = (page: Page) => expect.poll(() => page.getByText('Live updates: connected').count(), { timeout: 15_000 }).toBe(1);
  /** A value on window survives everything but a reload. */
  const markPage = (page: Page) => page.evaluate(() => ((window as Marked).socialMarker = 'not reloaded'));
  const stillSamePage = (page: Page) => page.evaluate(() => (window as Marked).socialMarker);

  it('follow, a live post with a tag and a mention, reactions, threads, edits, connecting, privacy and blocking', async () => {
    const t = e2e.t();
    const ada = await signedUpClient(t, 'Ada Author');
    const ben = await signedUpClient(t, 'Ben Reader');
    await ada.client.social.updateProfile({ handle: 'ada_author', skills: ['Physics', 'Teaching'] });
    await ben.client.social.updateProfile({ handle: 'ben_reader' });
    // Ada's school: a verified affiliation, a visibility choice for posts, and someone to suggest.
    const school = await createInstitution(ada.client, { name: 'Quay School' });
    await addMember(t, ada.client, school.id, 'student');

    const aTab = await openPage(await e2e.browser().newContext({ viewport: { width: 1280, height: 800 } }));
    onFailure('ada', aTab);
    const bTab = await openPage(await e2e.browser().newContext({ viewport: { width: 1280, height: 800 } }));
    onFailure('ben', bTab);
    const a = aTab.page;
    const b = bTab.page;
    await signIn(a, ada.email);
    await signIn(b, ben.email);

    // Ben follows Ada from her profile.
    await b.goto(`${t.url}/people/${ada.id}`);
    await b.getByRole('button', { name: 'Follow', exact: true }).click();
    await expect.poll(() => b.getByRole('button', { name: 'Following', exact: true }).count(), { timeout: 10_000 }).toBe(1);
    expect((await ada.client.social.profile(ada.id)).followers).toBe(1);

    // Ben opens his feed (through the navigation, no reload) and waits there, live.
    await b.getByRole('link', { name: 'Feed', exact: true }).click();
    await expect.poll(() => b.getByText('Your feed is empty', { exact: false }).count(), { timeout: 10_000 }).toBe(1);
    await connected(b);
    await markPage(b);

    // Ada posts with a hashtag and a mention of Ben.
    await a.goto(`${t.url}/feed`);
    await a.getByRole('textbox', { name: 'Post', exact: true }).fill('Hello **class**: the #physics club meets today, @ben_reader!');
    await a.getByRole('button', { name: 'Post', exact: true }).click();
    const aCard = a.locator('article[data-post]').filter({ hasText: 'club meets today' });
    await expect.poll(() => aCard.count(), { timeout: 10_000 }).toBe(1);
    const postId = (await aCard.getAttribute('data-post')) as string;

    // Ben is told live, without a reload, and the post comes in when he asks.
    const pill = b.getByRole('button', { name: /1 new post$/ });
    await expect.poll(() => pill.count(), { timeout: 15_000 }).toBe(1);
    expect(await b.locator('article[data-post]').count()).toBe(0);
    await shot(b, 'feed-pill');
    await pill.click();
    const bCard = b.locator(`article[data-post="${postId}"]`);
    await expect.poll(() => bCard.count(), { timeout: 10_000 }).toBe(1);
    expect(await stillSamePage(b)).toBe('not reloaded');
    await expect.poll(() => pill.count()).toBe(0);
    expect(await bCard.locator('strong').textContent()).toBe('class');
    expect(await bCard.getByRole('link', { name: '#physics' }).getAttribute('href')).toBe('/hashtags/physics');
    expect(await bCard.getByRole('link', { name: '@ben_reader' }).getAttribute('href')).toBe(`/people/${ben.id}`);

    // He reacts and comments.
    await bCard.getByRole('button', { name: 'Celebrate', exact: true }).click();
    await expect
      .poll(() => bCard.getByRole('button', { name: 'Celebrate, 1' }).getAttribute('aria-pressed'), { timeout: 10_000 })
      .toBe('true');
    await expect.poll(async () => (await ada.client.social.post(postId)).reactions, { timeout: 10_000 }).toEqual({ celebrate: 1 });
    await bCard.getByRole('button', { name: 'Comment', exact: true }).click();
    await bCard.getByRole('textbox', { name: 'Write a comment' }).fill('Count me in!');
    await bCard.getByRole('button', { name: 'Post comment' }).click();
    await expect.poll(() => bCard.getByRole('article', { name: 'Comment by Ben Reader' }).count(), { timeout: 10_000 }).toBe(1);
    await shot(b, 'feed');

    // The hashtag link opens the tag's page, inside the app: everyone's posts with it that Ben may
    // see, Cal's too though Ben does not follow him, but not Cal's post for his connections only.
    const cal = await signedUpClient(t, 'Cal Stranger');
    const calPost = await cal.client.social.createPost({ body: 'Lab notes from the #physics room' });
    await cal.client.social.createPost({ body: 'Only for my connections: #physics answers', visibility: 'connections' });
    await bCard.getByRole('link', { name: '#physics' }).click();
    await expect.poll(() => new URL(b.url()).pathname).toBe('/hashtags/physics');
    await expect.poll(() => b.getByRole('heading', { name: '#physics', level: 1 }).count(), { timeout: 10_000 }).toBe(1);
    const tagged = b.locator('article[data-post]');
    await expect.poll(() => tagged.count(), { timeout: 10_000 }).toBe(2);
    expect(await tagged.evaluateAll((cards) => cards.map((c) => c.getAttribute('data-post')))).toEqual([calPost.id, postId]);
    expect(await b.getByText('2 posts', { exact: false }).count()).toBe(1);
    expect(await stillSamePage(b)).toBe('not reloaded');
    await shot(b, 'hashtag');
    // Old links to the feed narrowed to a tag land on the tag's page; a tag nobody used says so.
    await b.goto(`${t.url}/feed?tag=Physics`);
    await expect.poll(() => new URL(b.url()).pathname).toBe('/hashtags/physics');
    await expect.poll(() => tagged.count(), { timeout: 10_000 }).toBe(2);
    await b.goto(`${t.url}/hashtags/nobodyusesthis`);
    await expect.poll(() => b.getByText('No posts tagged #nobodyusesthis', { exact: false }).count(), { timeout: 10_000 }).toBe(1);

    // Ada answers on the post's page; Ben answers her reply, which joins the same thread.
    await a.goto(`${t.url}/posts/${postId}`);
    const benComment = a.getByRole('article', { name: 'Comment by Ben Reader' });
    await expect.poll(() => benComment.count(), { timeout: 10_000 }).toBe(1);
    await benComment.getByRole('button', { name: 'Reply' }).click();
    await a.getByRole('textbox', { name: 'Reply to Ben Reader' }).fill('See you at four.');
    await a.getByRole('button', { name: 'Post reply' }).click();
    await expect.poll(() => a.getByRole('article', { name: 'Comment by Ada Author' }).count(), { timeout: 10_000 }).toBe(1);

    await b.goto(`${t.url}/posts/${postId}`);
    const adaReply = b.getByRole('article', { name: 'Comment by Ada Author' });
    await expect.poll(() => adaReply.count(), { timeout: 10_000 }).toBe(1);
    await adaReply.getByRole('button', { name: 'Reply' }).click();
    const replyBox = b.getByRole('textbox', { name: 'Reply to Ada Author' });
    expect(await replyBox.inputValue()).toBe('@ada_author ');
    await replyBox.fill('@ada_author I will bring the magnets.');
    await b.getByRole('button', { name: 'Post reply' }).click();
    await expect.poll(() => b.getByRole('article', { name: 'Comment by Ben Reader' }).count(), { timeout: 10_000 }).toBe(2);
    // The mention in his comment links to Ada's profile, as mentions in posts do.
    const mention = b.getByRole('article', { name: 'Comment by Ben Reader' }).getByRole('link', { name: '@ada_author' });
    expect(await mention.getAttribute('href')).toBe(`/people/${ada.id}`);
    const thread = (await ada.client.social.comments(postId)).items;
    expect(thread.map((c) => c.body)).toEqual(['Count me in!', 'See you at four.', '@ada_author I will bring the magnets.']);
    const top = thread[0]?.id;
    expect(thread.map((c) => c.parentId)).toEqual([null, top, top]);

    // Ada edits the post; Ben sees it marked and reads the history.
    await a.reload();
    await a.getByRole('button', { name: 'Post actions' }).click();
    await a.getByRole('menuitem', { name: 'Edit post' }).click();
    const edit = a.getByRole('dialog', { name: 'Edit post' });
    await edit.getByRole('textbox', { name: 'Post', exact: true }).fill('Hello class: the #physics club meets **tomorrow**, @ben_reader!');
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => edit.count(), { timeout: 10_000 }).toBe(0);
    await expect.poll(() => a.getByRole('button', { name: 'Edited' }).count()).toBe(1);

    await b.reload();
    await expect.poll(() => b.locator('[data-post] strong', { hasText: 'tomorrow' }).count(), { timeout: 10_000 }).toBe(1);
    await b.getByRole('button', { name: 'Edited' }).click();
    const history = b.getByRole('dialog', { name: 'Edit history' });
    await expect.poll(() => history.locator('[data-version]').count(), { timeout: 10_000 }).toBe(2);
    expect(await history.locator('[data-version]').nth(1).textContent()).toContain('club meets today');
    await shot(b, 'post-history');
    await b.keyboard.press('Escape');
    await expect.poll(() => history.count()).toBe(0);
    await shot(b, 'post');

    // Ben asks to connect; Ada accepts on her Network page.
    await b.goto(`${t.url}/people/${ada.id}`);
    await b.getByRole('button', { name: 'Connect', exact: true }).click();
    const ask = b.getByRole('dialog', { name: 'Connect with Ada Author' });
    await ask.getByLabel('Note (optional)').fill('From the physics club');
    await ask.getByRole('button', { name: 'Send request' }).click();
    await expect.poll(() => b.getByRole('button', { name: 'Withdraw request' }).count(), { timeout: 10_000 }).toBe(1);

    await a.getByRole('link', { name: 'Network', exact: true }).click();
    const incoming = a.getByRole('region', { name: 'Requests to you' });
    await expect.poll(() => incoming.getByText('From the physics club', { exact: false }).count(), { timeout: 10_000 }).toBe(1);
    const suggested = a.getByRole('region', { name: 'People you may know' });
    await expect.poll(() => suggested.getByText('1 shared institution').count(), { timeout: 10_000 }).toBe(1);
    await shot(a, 'network-request');
    await incoming.getByRole('button', { name: 'Accept' }).click();
    const connections = a.getByRole('region', { name: 'Connections' });
    await expect.poll(() => connections.getByText('Ben Reader').count(), { timeout: 10_000 }).toBe(1);
    expect((await ada.client.social.profile(ben.id)).relationship?.connected).toBe(true);
    await shot(a, 'network');

    // Privacy: Ada keeps her headline to herself; her skills stay public.
    await a.goto(`${t.url}/me/profile`);
    await a.getByLabel('Headline', { exact: true }).fill('Teaches physics at Quay School');
    await a.getByRole('combobox', { name: 'Who can see your headline' }).click();
    await a.getByRole('option', { name: 'Only me' }).click();
    await a.getByRole('button', { name: 'Save profile' }).click();
    await expect.poll(async () => (await ada.client.social.myProfile()).privacy?.headline, { timeout: 10_000 }).toBe('only_me');
    await shot(a, 'my-profile');

    await b.reload();
    await expect.poll(() => b.getByText('Connected', { exact: true }).count(), { timeout: 10_000 }).toBe(1);
    expect(await b.locator('[data-field="skills"]').textContent()).toContain('Physics');
    expect(await b.getByText('Teaches physics at Quay School').count()).toBe(0);
    expect(await b.locator('[data-field="headline"]').count()).toBe(0);
    // Institutions are shown to people who share one, by default: Ben does not.
    expect(await b.locator('[data-field="affiliations"]').count()).toBe(0);
    await shot(b, 'profile');

    // A block: Ada blocks Ben, and her profile is gone for him.
    await a.goto(`${t.url}/people/${ben.id}`);
    await a.getByRole('button', { name: 'More actions for Ben Reader' }).click();
    await a.getByRole('menuitem', { name: 'Block' }).click();
    const block = a.getByRole('dialog', { name: 'Block Ben Reader?' });
    await block.getByRole('button', { name: 'Block', exact: true }).click();
    await expect.poll(() => a.getByText('You blocked Ben Reader').count(), { timeout: 10_000 }).toBe(1);

    await b.reload();
    await expect.poll(() => b.getByText('This profile is not available', { exact: false }).count(), { timeout: 10_000 }).toBe(1);
    expect(await b.getByText('Ada Author').count()).toBe(0);

    // The block is listed on Ada's Network page, with its undo.
    await a.goto(`${t.url}/network`);
    const blocked = a.getByRole('region', { name: 'Blocked' });
    await expect.poll(() => blocked.getByText('Ben Reader').count(), { timeout: 10_000 }).toBe(1);
    await blocked.getByRole('button', { name: 'Unblock' }).click();
    await expect.poll(() => blocked.getByText('You have not blocked anyone.').count(), { timeout: 10_000 }).toBe(1);
    expect((await ben.client.social.profile(ada.id)).displayName).toBe('Ada Author');

    expect(aTab.consoleErrors).toEqual([]);
    // The one refusal: Ada's profile, asked for by Ben while she blocked him.
    expect(bTab.consoleErrors).toEqual([expect.stringContaining('status of 404')]);
  });
});
