/**
 * Plain text from article HTML (block elements become line breaks), and plain text as HTML.
 */
import type { AnyNode } from 'domhandler';
import { parseHtml } from './parse.ts';
import { collapseSpace, trimInvisible, withoutBom, withoutWordMarks, wordCount } from '../utils/text.ts';

/** Elements after which text continues on a new line. */
const BLOCK = new Set([
  'p', 'div', 'section', 'article', 'main', 'header', 'footer', 'aside', 'nav', 'address',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'blockquote',
  'figure', 'figcaption', 'table', 'caption', 'thead', 'tbody', 'tfoot', 'tr', 'pre', 'hr',
  'details', 'summary', 'form', 'fieldset', 'center',
]);
/** Whether an element of this name starts a new line of text (a block, not phrasing content). */
export function isBlockTag(name: string): boolean {
  return BLOCK.has(name);
}
/** The names `isBlockTag` accepts. */
export function blockTags(): string[] {
  return [...BLOCK];
}

/** Phrasing content (HTML's term): inline markup that runs on within a line of text. */
const PHRASING = new Set([
  'a', 'abbr', 'b', 'bdi', 'bdo', 'br', 'cite', 'code', 'data', 'del', 'dfn', 'em', 'font', 'i',
  'ins', 'kbd', 'label', 'mark', 'q', 's', 'samp', 'small', 'span', 'strike', 'strong', 'sub',
  'sup', 'time', 'tt', 'u', 'var', 'wbr',
]);
/** Whether an element of this name is phrasing content (text-level markup, not a block or a box). */
export function isPhrasingTag(name: string): boolean {
  return PHRASING.has(name);
}

/** Blocks separated from their neighbours by a blank line (paragraph-like). */
const PARAGRAPH = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'figure', 'table', 'pre', 'ul', 'ol', 'dl']);
/**
 * Never text: what sanitizeContent drops with its content, and ruby annotations (the reading
 * printed above a word, `<rt>`, and its fallback parentheses, `<rp>`), which are not the text.
 */
const SKIP = new Set(['script', 'style', 'noscript', 'template', 'head', 'title', 'svg', 'math', 'textarea', 'option', 'select', 'button', 'img', 'iframe', 'rt', 'rp']);

/** Spaces, tabs and NBSPs to make one space: a run of two or more, or one that is not a space. */
const LINE_SPACE_RUN = /[ \t\u00a0]{2,}|[\t\u00a0]/g;
/**
 * A `<pre>`'s spaces and tabs (a code line's indent) stand in as two noncharacters, which no text
 * holds, while lines are trimmed and spaces collapsed, and are put back at the end.
 */
const PRE_SPACE = /[ \t]/g;
const KEPT_SPACE = /[\ufdd0\ufdd1]/g;
const keepSpace = (c: string): string => (c === ' ' ? '\ufdd0' : '\ufdd1');
const putBackSpace = (c: string): string => (c === '\ufdd0' ? ' ' : '\t');

/** Plain text as HTML: escaped, one `<p>` per paragraph (blank-line separated). */
export function textToHtml(text: string): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return text.split(/\n\s*\n/).map((p) => p.trim()).filter((p) => p !== '').map((p) => `<p>${esc(p)}</p>`).join('');
}

/**
 * The blockquote Instagram's embed code leaves for its script to replace ("View this post on
 * Instagram", "A post shared by …"): a link to the post in HTML, the embed's chrome as text.
 */
const EMBED_PLACEHOLDER = /(?:^|\s)instagram-media(?:\s|$)/;
function isEmbedPlaceholder(el: { name: string; attribs: Record<string, string> }): boolean {
  return el.name === 'blockquote' && !!el.attribs.class && EMBED_PLACEHOLDER.test(el.attribs.class);
}

/**
 * A picture's caption or credit written without <figcaption>, in an element named so: a class token
 * ending in "caption" or "credit(s)" (`wp-caption-text`, `imageCaption`, `photo-credit`), not one
 * that only contains it (`caption-s5-fx` is a type size).
 */
const CAPTION_NAME = /(?:^|\s)[\w-]*(?:caption|credits?|bildunterschrift)(?:[-_]?text)?(?=\s|$)/i;
function namedCaption(el: { attribs: Record<string, string> }): boolean {
  return !!el.attribs.class && CAPTION_NAME.test(el.attribs.class);
}
/**
 * The most of the text named captions may hold and still be left out. Beside an article's
 * pictures they are a small part of it; where they hold most of it, they are the content (the
 * names of a shop's product tiles, a video page's description).
 */
const CAPTIONS_AT_MOST = 0.25;

/**
 * A <figcaption> of this many words or more may be a slide's text, not a picture's caption: when
 * MIN_SLIDES of them or more are (a slideshow's figures; one is a wire photo's long caption).
 */
const SLIDE_WORDS = 25;
const MIN_SLIDES = 3;


export interface HtmlToTextOptions {
  /**
   * Include <figcaption> text and Instagram embeds' placeholders (default true). Article `text`
   * leaves them out: not prose. So it does captions and credits in elements named for them
   * (`namedCaption`), unless they hold more than a quarter of the text; so too a slideshow's
   * slides (long <figcaption>s, SLIDE_WORDS).
   */
  captions?: boolean;
  /**
   * Keep soft hyphens (default false: the plain text leaves them out, `withoutWordMarks`). Text
   * shown as written keeps them, as Reader View does: the excerpt.
   */
  softHyphens?: boolean;
}

/**
 * Plain text of an HTML fragment: block elements become line breaks (paragraphs a blank line),
 * table cells are space-separated, runs of whitespace collapse, `<pre>` keeps its line breaks and indents.
 */
export function htmlToText(html: string, options: HtmlToTextOptions = {}): string {
  return nodesToText(parseHtml(html).children, options);
}

/** `htmlToText` over already-parsed nodes (saves a parse when the caller holds the tree). */
export function nodesToText(nodes: AnyNode[], options: HtmlToTextOptions = {}): string {
  const captions = options.captions ?? true;
  const unmark = options.softHyphens ? withoutBom : withoutWordMarks;
  const parts: string[] = [];
  // Named captions are walked as any element, their parts remembered ([start, end) of `parts`)
  // and blanked at the end if they are few enough.
  const named: [number, number][] = [];
  // Long <figcaption>s, kept as named captions are when they are a slideshow's.
  const slides: [number, number][] = [];
  const walk = (list: AnyNode[], pre: boolean): void => {
    for (const node of list) {
      if (node.type === 'text') {
        const data = unmark(node.data);
        parts.push(pre ? data.replace(PRE_SPACE, keepSpace) : collapseSpace(data));
      } else if (node.type === 'tag' || node.type === 'script' || node.type === 'style') {
        const name = node.name.toLowerCase();
        if (SKIP.has(name) || (!captions && isEmbedPlaceholder(node))) continue;
        if (name === 'br') {
          parts.push('\n');
          continue;
        }
        const block = BLOCK.has(name);
        const before = parts.length;
        // Markers, resolved at the end: a run of breaks is a blank line if any is a paragraph's.
        const sep = PARAGRAPH.has(name) ? '\u0002' : '\u0001';
        if (block) parts.push(sep);
        if (name === 'td' || name === 'th') parts.push(' ');
        const start = parts.length;
        const inner = named.length;
        walk(node.children, pre || name === 'pre');
        if (!captions && name === 'figcaption') {
          // A picture's caption is left out; a slide's text (a slideshow's figures) is counted as
          // captions named so are.
          if (wordCount(parts.slice(start).join(' ')) < SLIDE_WORDS) {
            parts.length = before;
            named.length = inner;
            continue;
          }
          slides.push([before, parts.length + (block ? 1 : 0)]);
        } else if (!captions && namedCaption(node)) named.push([start, parts.length]);
        if (block) parts.push(sep);
      }
    }
  };
  walk(nodes, false);
  // One long caption is a wire photo's; a slideshow's slides come several in a row.
  if (slides.length >= MIN_SLIDES) named.push(...slides);
  else for (const [from, to] of slides) parts.fill('', from, to);
  if (named.length) leaveOutCaptions(parts, named);
  return parts
    .join('')
    .replace(/[\u0001\u0002][\u0001\u0002\s]*/g, (run) => (run.includes('\u0002') ? '\n\n' : run.includes('\n\n') ? '\n\n' : '\n'))
    .split('\n')
    .map((line) => trimInvisible(line.replace(LINE_SPACE_RUN, ' ')))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
    .replace(KEPT_SPACE, putBackSpace);
}

/** Blanks the parts of named captions (a space for each: no words joined), if they are a small part of the text. */
function leaveOutCaptions(parts: string[], named: [number, number][]): void {
  const length = (from: number, to: number): number => {
    let n = 0;
    for (let i = from; i < to; i++) n += parts[i].trim().length;
    return n;
  };
  // Outermost only: a credit inside a caption is counted, and blanked, with it. (Each range is
  // recorded after its children's: sorted by start, the outer one comes first.)
  const outer: [number, number][] = [];
  for (const range of named.sort((a, b) => a[0] - b[0] || b[1] - a[1])) {
    if (outer.length === 0 || range[0] >= outer[outer.length - 1][1]) outer.push(range);
  }
  const captionText = outer.reduce((n, [from, to]) => n + length(from, to), 0);
  if (captionText === 0 || captionText > length(0, parts.length) * CAPTIONS_AT_MOST) return;
  for (const [from, to] of outer) parts.fill(' ', from, to);
}
