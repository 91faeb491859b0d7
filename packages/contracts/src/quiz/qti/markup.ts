// Between our Markdown and QTI's XHTML bodies.
//
// Export keeps the Markdown as written: each paragraph (split on blank lines) becomes a <p> with
// the Markdown text inside, so other tools show it as plain text (inline syntax such as **bold**
// shows literally) and our importer gets it back character for character.
//
// Import of our own items (marked with our toolName) reads that text verbatim. Items from other
// tools are turned into Markdown: paragraphs, line breaks, emphasis, links, images, lists, quotes,
// headings and preformatted text; whitespace is folded as a browser would; anything else gives its
// text. Images keep their relative paths; the media files themselves are not imported.
import { el, elementsOf, textOf, type XmlChild, type XmlNode } from './xml.ts';

/** The blocks of a Markdown text; `inline` may split a paragraph's text into text and elements. */
export function markdownToBlocks(markdown: string, inline: (text: string) => XmlChild[] = (t) => [t]): XmlNode[] {
  if (markdown === '') return [];
  // Split on exactly two newlines so that longer runs survive as leading newlines or empty paragraphs.
  return markdown.split('\n\n').map((para) => el('p', {}, para === '' ? [] : inline(para)));
}

const BLOCKS = new Set([
  'p',
  'div',
  'blockquote',
  'ul',
  'ol',
  'li',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'pre',
  'table',
  'thead',
  'tbody',
  'tr',
  'hr',
  'contentBody',
  'prompt',
  'rubricBlock',
  'feedbackBlock',
]);

/** How the walker treats one element: replace it with inline text, skip it, or leave it to the walker. */
export type ElementHook = (node: XmlNode) => string | null | undefined;

type Options = { verbatim: boolean; hook?: ElementHook };

/** The Markdown of a sequence of block and inline content (an itemBody, a prompt, a feedback). */
export function blocksToMarkdown(children: XmlChild[], options: Options): string {
  const blocks: string[] = [];
  let run: XmlChild[] = [];
  const flush = () => {
    const text = inlineToMarkdown(run, options);
    if (options.verbatim ? run.some((c) => typeof c !== 'string' || c.trim() !== '') : text !== '') blocks.push(text);
    run = [];
  };
  for (const child of children) {
    if (typeof child !== 'string') {
      const hooked = options.hook?.(child);
      if (hooked === null) continue;
      if (hooked === undefined && BLOCKS.has(child.name)) {
        flush();
        const block = blockToMarkdown(child, options);
        if (block !== null) blocks.push(block);
        continue;
      }
    }
    run.push(child);
  }
  flush();
  return blocks.join('\n\n');
}

function blockToMarkdown(node: XmlNode, options: Options): string | null {
  const inner = () => blocksToMarkdown(node.children, options);
  switch (node.name) {
    case 'p':
      // Our own paragraphs come back exactly, empty ones included.
      return options.verbatim ? inlineToMarkdown(node.children, options) : emptyToNull(inlineToMarkdown(node.children, options));
    case 'h1':
    case 'h2':
    case 'h3':
    case 'h4':
    case 'h5':
    case 'h6':
      return emptyToNull(`${'#'.repeat(Number(node.name[1]))} ${inlineToMarkdown(node.children, options)}`.trim());
    case 'blockquote':
      return emptyToNull(
        inner()
          .split('\n')
          .map((line) => (line === '' ? '>' : `> ${line}`))
          .join('\n'),
      );
    case 'ul':
    case 'ol':
      return emptyToNull(
        elementsOf(node)
          .filter((li) => li.name === 'li')
          .map((li, i) => `${node.name === 'ol' ? `${i + 1}.` : '-'} ${blocksToMarkdown(li.children, options).replace(/\n/g, '\n   ')}`)
          .join('\n'),
      );
    case 'pre':
      return `\`\`\`\n${textOf(node).replace(/^\n/, '').replace(/\s+$/, '')}\n\`\`\``;
    case 'hr':
      return '---';
    case 'tr':
      return emptyToNull(
        elementsOf(node)
          .map((cell) => inlineToMarkdown(cell.children, options))
          .join(' | '),
      );
    default:
      return emptyToNull(inner());
  }
}

const emptyToNull = (s: string) => (s.trim() === '' ? null : s);

/** The Markdown of inline content; in verbatim mode, the text exactly as written. */
export function inlineToMarkdown(children: XmlChild[], options: Options): string {
  const raw = children.map((c) => inlinePiece(c, options)).join('');
  if (options.verbatim) return raw;
  return raw
    .split('\n')
    .map((line) => line.replace(/[ \t\r\f]+/g, ' ').replace(/^ | $/g, ''))
    .join('\n')
    .replace(/^\n+|\n+$/g, '');
}

function inlinePiece(child: XmlChild, options: Options): string {
  // HTML folds ASCII whitespace only: a no-break space stays.
  if (typeof child === 'string') return options.verbatim ? child : child.replace(/[ \t\n\r\f]+/g, ' ');
  const hooked = options.hook?.(child);
  if (hooked === null) return '';
  if (typeof hooked === 'string') return hooked;
  const inner = () => child.children.map((c) => inlinePiece(c, options)).join('');
  switch (child.name) {
    case 'br':
      return '\n';
    case 'em':
    case 'i':
      return wrap('*', inner());
    case 'strong':
    case 'b':
      return wrap('**', inner());
    case 'code':
      return `\`${textOf(child)}\``;
    case 'a':
      return child.attrs.href ? `[${inner().trim()}](${child.attrs.href})` : inner();
    case 'img':
      return `![${child.attrs.alt ?? ''}](${child.attrs.src ?? ''})`;
    default:
      return BLOCKS.has(child.name) ? `\n${inner()}\n` : inner();
  }
}

function wrap(mark: string, text: string): string {
  const trimmed = text.trim();
  if (trimmed === '') return text;
  const lead = text.slice(0, text.length - text.trimStart().length);
  const tail = text.slice(text.trimEnd().length);
  return `${lead}${mark}${trimmed}${mark}${tail}`;
}
