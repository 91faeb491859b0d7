// The one search box end to end: typing in the header lists people, posts, hashtags and public
// courses in groups; arrows and Enter or a click open one; Enter with none chosen, or the phone's
// search button, opens the search page, which finds names without their accents and with a typo.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createInstitution, signedUpClient, waitFor } from '../../server/src/testing/factories.ts';
import { openPage, screenshotOnFailure, screenshotsAtWidths, signInAs, useE2E, type WatchedPage, WEB_DIST } from './browser.ts';

/** Where to save screenshots for a look at the pages (SEARCH_SHOTS=/tmp/search-shots); none without it. */
const SHOTS = process.env.SEARCH_SHOTS;

describe('Search in Chromium', () => {
  const e2e = useE2E(WEB_DIST);

  const onFailure = (name: string, watched: WatchedPage) => screenshotOnFailure(`search-${name}`, watched);
  const shot = (page: Page, name: string) => screenshotsAtWidths(page, SHOTS, name);
  /** The open dropdown exists at desktop widths only (a phone gets the search page instead). */
  const desktopShot = async (page: Page, name: string) => {
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}-desktop.png` });
  };

  it('groups results while typing, opens one by keyboard or click, and the search page forgives accents and typos', async () => {
    const t = e2e.t();
    const me = await signedUpClient(t, 'Sam Searcher');
    const jose = await signedUpClient(t, 'José Ramírez');
    const rita = await signedUpClient(t, 'Rita Okafor');
    // The searcher belongs somewhere, so the header also carries the institution switcher.
    await createInstitution(me.client, { name: 'Searchers Academy' });
    await jose.client.social.updateProfile({ handle: 'jose_ramirez', headline: 'Builds rovers' });
    // Found by her handle: "robo" is not in her name.
    await rita.client.social.updateProfile({ handle: 'robo_rita' });
    const post = await jose.client.social.createPost({
      body: 'Our **#robotics** team meets after school to build a rover. Everyone welcome!',
    });
    // A public, published course in some institution's catalogue.
    const owner = await signedUpClient(t, 'Course Owner');
    const school = await createInstitution(owner.client, { name: 'Harbour College' });
    const courses = owner.client.courses;
    const course = await courses.create(school.id, { title: 'Robotics for Beginners', visibility: 'public' });
    const mod = await courses.addModule(school.id, course.id, { title: 'Motors' });
    await courses.addLesson(school.id, course.id, mod.id, { title: 'Wheels', published: true });
    await courses.update(school.id, course.id, { status: 'published' });
    // Names and the catalogue are indexed from events, so they may take a moment.
    await waitFor('the search indexes', async () => {
      const r = await me.client.social.search('robo');
      const people = await me.client.social.search('jose');
      return (
        r.people.length === 1 && r.posts.length === 1 && r.hashtags.length === 1 && r.courses.length === 1 && people.people.length === 1
      );
    });

    const tab = await openPage(await e2e.browser().newContext({ viewport: { width: 1280, height: 800 } }));
    onFailure('desktop', tab);
    const page = tab.page;
    await signInAs(page, t.url, me.email);
    await page.goto(`${t.url}/feed`);

    // Typing in the header lists each kind in its own group.
    const box = page.getByRole('combobox', { name: 'Search' });
    const list = page.getByRole('listbox', { name: 'Search results' });
    const group = (name: string) => list.getByRole('group', { name, exact: true });
    expect(await box.getAttribute('aria-expanded')).toBe('false');
    await box.pressSequentially('robo', { delay: 40 });
    await expect.poll(() => group('Courses').count(), { timeout: 10_000 }).toBe(1);
    expect(await box.getAttribute('aria-expanded')).toBe('true');
    expect(await box.getAttribute('aria-controls')).toBe(await list.getAttribute('id'));
    // (An avatar's initials are in the text, hidden from assistive technology.)
    const [rita1] = await group('People').getByRole('option').allTextContents();
    expect(rita1).toMatch(/Rita Okafor@robo_rita$/);
    expect(await group('People').getByRole('option').count()).toBe(1);
    expect(await group('Posts').getByRole('option').textContent()).toContain('team meets after school to build a rover');
    expect(await group('Posts').getByRole('option').textContent()).not.toContain('**');
    expect(await group('Hashtags').getByRole('option').textContent()).toBe('#robotics1 post');
    expect(await group('Courses').getByRole('option').textContent()).toBe('Robotics for BeginnersHarbour College');
    expect(await list.getByRole('option').last().textContent()).toBe('See all results for “robo”');
    // The typed letters are marked, without the accent-blind matching losing the original text.
    expect(await group('Courses').locator('mark').textContent()).toBe('Robo');
    await desktopShot(page, 'search-typeahead');

    // Arrows move through the options (wrapping round), and Enter opens the chosen one: the course.
    const selected = list.locator('[role="option"][aria-selected="true"]');
    await box.press('ArrowDown');
    expect(await selected.textContent()).toMatch(/Rita Okafor@robo_rita$/);
    expect(await box.getAttribute('aria-activedescendant')).toBe(await selected.getAttribute('id'));
    await box.press('ArrowUp');
    expect(await selected.textContent()).toBe('See all results for “robo”');
    await box.press('ArrowUp');
    expect(await selected.textContent()).toBe('Robotics for BeginnersHarbour College');
    await box.press('Enter');
    await expect.poll(() => new URL(page.url()).pathname).toBe(`/catalogue/${course.id}`);
    await expect.poll(() => page.getByRole('heading', { name: 'Robotics for Beginners' }).count(), { timeout: 10_000 }).toBe(1);
    expect(await box.inputValue()).toBe('');
    await expect.poll(() => list.count()).toBe(0);

    // A click opens a post; a hashtag opens its page, with José's post though Sam does not follow him.
    await box.fill('rover');
    await group('Posts').getByRole('option').click();
    await expect.poll(() => new URL(page.url()).pathname).toBe(`/posts/${post.id}`);
    await expect.poll(() => page.locator(`article[data-post="${post.id}"]`).count(), { timeout: 10_000 }).toBe(1);
    await box.fill('#robot');
    await group('Hashtags').getByRole('option', { name: '#robotics' }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/hashtags/robotics');
    await expect.poll(() => page.locator(`article[data-post="${post.id}"]`).count(), { timeout: 10_000 }).toBe(1);
    expect(await page.getByRole('heading', { name: '#robotics', level: 1 }).count()).toBe(1);

    // Escape closes the list; Enter with nothing chosen opens the search page. "jose" finds José.
    await box.fill('jose');
    await expect
      .poll(
        () =>
          group('People')
            .getByRole('option', { name: /José Ramírez/ })
            .count(),
        { timeout: 10_000 },
      )
      .toBe(1);
    expect(await group('People').locator('mark').textContent()).toBe('José');
    await box.press('Escape');
    await expect.poll(() => list.count()).toBe(0);
    expect(await box.getAttribute('aria-expanded')).toBe('false');
    await box.press('Enter');
    await expect.poll(() => new URL(page.url()).pathname + new URL(page.url()).search).toBe('/search?q=jose');
    const people = page.getByRole('region', { name: 'People' });
    await expect.poll(() => people.getByRole('link', { name: 'José Ramírez' }).count(), { timeout: 10_000 }).toBe(1);
    expect(await page.getByRole('status').filter({ hasText: 'for “jose”' }).textContent()).toBe('1 result for “jose”');
    expect(await page.getByRole('region', { name: 'Posts' }).count()).toBe(0);
    // The header's box makes way for the page's own.
    expect(await box.count()).toBe(0);
    await shot(page, 'search-page-people');

    // A typo still finds him; a query with words finds posts, tags and courses in their sections, counted.
    const pageBox = page.getByRole('searchbox', { name: 'Search' });
    await pageBox.fill('Ramirrez');
    await expect.poll(() => new URL(page.url()).search, { timeout: 10_000 }).toBe('?q=Ramirrez');
    await expect.poll(() => people.getByRole('link', { name: 'José Ramírez' }).count(), { timeout: 10_000 }).toBe(1);
    await pageBox.fill('robo');
    const courseSection = page.getByRole('region', { name: 'Courses' });
    await expect.poll(() => courseSection.getByRole('link', { name: 'Robotics for Beginners' }).count(), { timeout: 10_000 }).toBe(1);
    expect(await page.getByRole('main').getByRole('heading', { level: 2 }).allTextContents()).toEqual([
      'People',
      'Posts',
      'Hashtags',
      'Courses',
    ]);
    expect(await courseSection.textContent()).toContain('Harbour College');
    expect(await page.getByRole('region', { name: 'Hashtags' }).getByRole('link').textContent()).toBe('#robotics 1 post');
    expect(await page.getByRole('region', { name: 'Hashtags' }).getByRole('link').getAttribute('href')).toBe('/hashtags/robotics');
    expect(await page.getByRole('status').filter({ hasText: 'for “robo”' }).textContent()).toBe('4 results for “robo”');
    await shot(page, 'search-page');

    // Nothing found says so; a person found opens their profile.
    await pageBox.fill('zzqxw');
    await expect.poll(() => page.getByText('Nothing found for “zzqxw”', { exact: false }).count(), { timeout: 10_000 }).toBe(1);
    await shot(page, 'search-page-empty');
    await pageBox.fill('jose');
    await people.getByRole('link', { name: 'José Ramírez' }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe(`/people/${jose.id}`);
    await expect.poll(() => page.getByText('Builds rovers').first().isVisible(), { timeout: 10_000 }).toBe(true);
    expect(tab.consoleErrors).toEqual([]);

    // On a phone the header has a search button, not a box; it opens the search page, ready to type.
    const phoneTab = await openPage(await e2e.browser().newContext({ viewport: { width: 390, height: 844 } }));
    onFailure('phone', phoneTab);
    const phone = phoneTab.page;
    await signInAs(phone, t.url, me.email);
    await phone.goto(`${t.url}/feed`);
    await phone.getByRole('link', { name: 'Search', exact: true }).waitFor();
    await shot(phone, 'search-header');
    if (SHOTS) {
      // Between phone and desktop, the box shares the header with the switcher.
      await phone.setViewportSize({ width: 820, height: 600 });
      await phone.getByRole('combobox', { name: 'Search' }).fill('jose');
      await phone.getByRole('option', { name: /José Ramírez/ }).waitFor();
      await phone.screenshot({ path: `${SHOTS}/search-typeahead-tablet.png` });
      await phone.getByRole('combobox', { name: 'Search' }).press('Escape');
      await phone.setViewportSize({ width: 390, height: 844 });
    }
    await phone.getByRole('link', { name: 'Search', exact: true }).click();
    expect(await phone.getByRole('combobox', { name: 'Search' }).count()).toBe(0);
    await expect.poll(() => new URL(phone.url()).pathname).toBe('/search');
    const phoneBox = phone.getByRole('searchbox', { name: 'Search' });
    await expect.poll(() => phoneBox.evaluate((el) => el === document.activeElement)).toBe(true);
    await phone.keyboard.type('ramir');
    await expect
      .poll(() => phone.getByRole('region', { name: 'People' }).getByRole('link', { name: 'José Ramírez' }).count(), { timeout: 10_000 })
      .toBe(1);
    expect(phoneTab.consoleErrors).toEqual([]);
  });
});
