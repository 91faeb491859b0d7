import { Typography } from '@mantine/core';
import DOMPurify from 'dompurify';
import { Marked } from 'marked';
import { useMemo } from 'react';

// Links in lessons lead away from the platform: a new tab, and no window.opener or referrer for them.
DOMPurify.addHook('afterSanitizeAttributes', (node) => {
  if (node.tagName === 'A' && node.getAttribute('href')) {
    node.setAttribute('target', '_blank');
    node.setAttribute('rel', 'noopener noreferrer nofollow');
  }
});

/**
 * Event-handler attributes in raw HTML are renamed before anything parses them: the browser reports
 * every `onerror=` it parses as a Content-Security-Policy violation, even in DOMPurify's inert
 * document. Not the defence (DOMPurify is, and the CSP behind it); it only keeps consoles quiet.
 */
const neutralise = (html: string) => html.replace(/(\s|\/|"|')on([a-z]+\s*=)/gi, '$1data-x-on$2');

const markdown = new Marked({
  gfm: true,
  renderer: {
    html: ({ text }) => neutralise(text),
    // The page has its own h1 and h2: a lesson's "# Speed" is a section of it, an h3.
    heading({ tokens, depth }) {
      const level = Math.min(depth + 2, 6);
      return `<h${level}>${this.parser.parseInline(tokens)}</h${level}>\n`;
    },
  },
});

/**
 * Markdown written by teachers, as HTML that is safe to insert: marked passes raw HTML through,
 * so DOMPurify strips scripts, event handlers, javascript: links, frames and forms afterwards.
 */
export function renderMarkdown(text: string): string {
  const html = markdown.parse(text, { async: false });
  return DOMPurify.sanitize(html, {
    USE_PROFILES: { html: true },
    FORBID_TAGS: ['style', 'form', 'input', 'button', 'textarea', 'select', 'iframe', 'object', 'embed'],
    FORBID_ATTR: ['style'],
    ALLOW_DATA_ATTR: false,
  });
}

type Props = { text: string };

/** Rendered Markdown in the app's typography. */
export function Markdown({ text }: Props) {
  const html = useMemo(() => renderMarkdown(text), [text]);
  return (
    <Typography style={{ overflowWrap: 'break-word' }}>
      {/* A wide table scrolls inside the text rather than the page sideways. */}
      {/* biome-ignore lint/security/noDangerouslySetInnerHtml: sanitised by DOMPurify in renderMarkdown */}
      <div data-markdown style={{ overflowX: 'auto' }} dangerouslySetInnerHTML={{ __html: html }} />
    </Typography>
  );
}
