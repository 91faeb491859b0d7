import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_HASHTAGS, parseHashtags, parseMentions } from './text.ts';

describe('hashtags', () => {
  it('finds tags, lower-cased, unique, in order', () => {
    expect(parseHashtags('Loving #Chemistry and #physics! #chemistry again, #2024 is not one, but #año is')).toEqual([
      'chemistry',
      'physics',
      'año',
    ]);
  });
  it('ignores code, URL fragments, entities and doubled signs', () => {
    expect(parseHashtags('`#notatag` and\n```\n#nope\n```\nhttps://x.org/page#section &#39; ##double #yes')).toEqual(['yes']);
  });
  it('never returns more than the cap, and every tag is lower case and appears in the text', () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[a-zA-Z][a-zA-Z0-9_]{0,10}$/), { maxLength: 40 }), (words) => {
        const text = words.map((w) => `#${w}`).join(' ');
        const tags = parseHashtags(text);
        expect(tags.length).toBeLessThanOrEqual(MAX_HASHTAGS);
        expect(new Set(tags).size).toBe(tags.length);
        for (const t of tags) {
          expect(t).toBe(t.toLowerCase());
          expect(text.toLowerCase()).toContain(`#${t}`);
        }
        if (words.length > 0) expect(tags[0]).toBe(words[0]?.toLowerCase());
      }),
    );
  });
});

describe('mentions', () => {
  it('finds handles but not e-mail addresses or code', () => {
    expect(parseMentions('Thanks @Ada_L and @bob, mail me at me@example.org; `@code` @ab is too short (@carol).')).toEqual([
      'ada_l',
      'bob',
      'carol',
    ]);
  });
  it('a handle embedded in a word or e-mail is never a mention', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z]{1,8}$/), fc.stringMatching(/^[a-z0-9_]{3,20}$/), (local, handle) => {
        expect(parseMentions(`${local}@${handle}`)).toEqual([]);
        expect(parseMentions(`hi @${handle}`)).toEqual([handle]);
      }),
    );
  });
});
