import { describe, expect, it } from 'vitest';
import { firstLink, withoutPreview } from './links.ts';

describe('the first previewable link of a post', () => {
  it('is the first finished http(s) address, without sentence punctuation or a Markdown bracket', () => {
    expect(firstLink('See https://example.org/notes. And http://other.example')).toBe('https://example.org/notes');
    expect(firstLink('[the notes](https://example.org/a_(b)) today')).toBe('https://example.org/a_(b)');
    expect(firstLink('at http://localhost:3000/x!')).toBe('http://localhost:3000/x');
    expect(firstLink('half-typed https://exam and done')).toBeNull();
    expect(firstLink('no links here')).toBeNull();
  });

  it('skips addresses in code and in angle brackets', () => {
    expect(firstLink('`https://code.example/x` then https://real.example/y')).toBe('https://real.example/y');
    expect(firstLink('```\nhttps://block.example\n``` and <https://kept.example/z>')).toBeNull();
  });

  it('withoutPreview brackets the first one, so it is no longer the one previewed', () => {
    const text = 'Read https://a.example/one and https://b.example/two';
    const changed = withoutPreview(text);
    expect(changed).toBe('Read <https://a.example/one> and https://b.example/two');
    expect(firstLink(changed)).toBe('https://b.example/two');
    expect(withoutPreview('nothing')).toBe('nothing');
  });
});
