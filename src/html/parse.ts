/**
 * HTML parsing shared by the list, extract and normalize stages: htmlparser2 (what cheerio uses),
 * with a tokenizer that skips runs of plain characters in bulk.
 *
 * htmlparser2's tokenizer dispatches every character of text, attribute values, tag and attribute
 * names through its state switch, looking for the character that ends the run (`<`, `&`, the
 * closing quote, whitespace, `/`, `>`, `=`). `SkippingTokenizer` jumps to the next such character
 * in a tight loop (and uses `indexOf` for the tokenizer's own fast-forward through scripts, styles
 * and comments), then lets the stock state handler take it from there. The tree is identical;
 * parsing takes under 0.6 of the time on article pages (`npm run bench:parse`).
 *
 * It overrides seven internal methods. A self-check on first use parses a probe page with both
 * tokenizers; if a future htmlparser2 changed those internals, the stock tokenizer is used.
 *
 * One reading differs from htmlparser2's, as browsers read it: `<![CDATA[` in HTML content opens
 * a comment that ends at the first `>` (htmlparser2 reads a CDATA section up to `]]>`, taking
 * whole threads of a forum theme's page into one comment); inside <svg> and <math> it is CDATA.
 */
import { load, type CheerioAPI } from 'cheerio/slim';
import { DomHandler, type Document, type Element, type ParentNode } from 'domhandler';
import { Parser, parseDocument, Tokenizer } from 'htmlparser2';
import { serializeHtml } from './serialize.ts';

const LT = 0x3c;
const AMP = 0x26;

/** The tokenizer members this module relies on (private in htmlparser2's typings). */
interface TokenizerInternals {
  buffer: string;
  index: number;
  offset: number;
  stateText(c: number): void;
  stateInTagName(c: number): void;
  stateInAttributeName(c: number): void;
  stateInClosingTagName(c: number): void;
  stateInAttributeValueNoQuotes(c: number): void;
  handleInAttributeValue(c: number, quote: number): void;
  fastForwardTo(c: number): boolean;
  state: number;
  sectionStart: number;
  xmlMode: boolean;
  cbs: { foreignContext?: boolean[] };
  stateCDATASequence(c: number): void;
}

type TokenizerClass = typeof Tokenizer;
type InternalsClass = new (...args: ConstructorParameters<TokenizerClass>) => TokenizerInternals;

/** htmlparser2's tokenizer states for a comment or CDATA section, and for a bogus comment (ends at `>`). */
const IN_COMMENT_LIKE = 21;
const IN_BOGUS_COMMENT = 20;

/** The tokenizer with `<![CDATA[` read as browsers read it in HTML content (see the module comment). */
class BrowserTokenizer extends (Tokenizer as unknown as InternalsClass) {
  override stateCDATASequence(c: number): void {
    super.stateCDATASequence(c);
    // The parser (the tokenizer's callbacks) knows whether an <svg> or <math> is open.
    if (this.state === IN_COMMENT_LIKE && !this.xmlMode && !this.cbs.foreignContext?.[0]) {
      this.state = IN_BOGUS_COMMENT;
      // The comment's text starts at `[CDATA[`, as a browser's does.
      this.sectionStart = this.index - 6;
    }
  }
}

class SkippingTokenizer extends BrowserTokenizer {
  /** Position (in `buffer`) of the next `a` or `b` after the current index, or -1. */
  private nextOf(a: number, b: number): number {
    const s = this.buffer;
    const n = s.length;
    for (let i = this.index - this.offset + 1; i < n; i++) {
      const ch = s.charCodeAt(i);
      if (ch === a || ch === b) return i;
    }
    return -1;
  }

  /** Leave the index on the next significant character (or at the end) and return that char. */
  private skipTo(a: number, b: number): number {
    const at = this.nextOf(a, b);
    // The parse loop increments the index after each state call: stop one short of the end.
    if (at < 0) {
      this.index = this.buffer.length + this.offset - 1;
      return -1;
    }
    this.index = at + this.offset;
    return this.buffer.charCodeAt(at);
  }

  /** Like `skipTo`, for the next character ending a tag or attribute name (`=` too when `eq`). */
  private skipName(eq: boolean): number {
    const s = this.buffer;
    const n = s.length;
    for (let i = this.index - this.offset + 1; i < n; i++) {
      const ch = s.charCodeAt(i);
      if (isNameEnd(ch, eq)) {
        this.index = i + this.offset;
        return ch;
      }
    }
    this.index = n + this.offset - 1;
    return -1;
  }

  override stateInTagName(c: number): void {
    if (!isNameEnd(c, false)) {
      c = this.skipName(false);
      if (c < 0) return;
    }
    super.stateInTagName(c);
  }

  override stateInAttributeName(c: number): void {
    if (!isNameEnd(c, true)) {
      c = this.skipName(true);
      if (c < 0) return;
    }
    super.stateInAttributeName(c);
  }

  override stateInClosingTagName(c: number): void {
    // Ends only at `>` or whitespace: a `/` met on the way is handed over (a no-op) and skipped.
    if (!isNameEnd(c, false)) {
      c = this.skipName(false);
      if (c < 0) return;
    }
    super.stateInClosingTagName(c);
  }

  override stateInAttributeValueNoQuotes(c: number): void {
    // An unquoted value ends at whitespace or `>`; `&` starts an entity.
    if (!isValueEnd(c)) {
      const s = this.buffer;
      const n = s.length;
      let i = this.index - this.offset + 1;
      while (i < n && !isValueEnd(s.charCodeAt(i))) i++;
      if (i >= n) {
        this.index = n + this.offset - 1;
        return;
      }
      this.index = i + this.offset;
      c = s.charCodeAt(i);
    }
    super.stateInAttributeValueNoQuotes(c);
  }

  override stateText(c: number): void {
    if (c !== LT && c !== AMP) {
      c = this.skipTo(LT, AMP);
      if (c < 0) return;
    }
    super.stateText(c);
  }

  override handleInAttributeValue(c: number, quote: number): void {
    if (c !== quote && c !== AMP) {
      c = this.skipTo(quote, AMP);
      if (c < 0) return;
    }
    super.handleInAttributeValue(c, quote);
  }

  override fastForwardTo(c: number): boolean {
    const at = this.buffer.indexOf(String.fromCharCode(c), this.index - this.offset + 1);
    if (at < 0) {
      this.index = this.buffer.length + this.offset - 1;
      return false;
    }
    this.index = at + this.offset;
    return true;
  }
}

/** `/`, `>`, whitespace (space, \n, \t, \f, \r) and, in an attribute name, `=`: htmlparser2's ends of a name. */
function isNameEnd(c: number, eq: boolean): boolean {
  return c === 0x2f || c === 0x3e || c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0c || c === 0x0d || (eq && c === 0x3d);
}

function isValueEnd(c: number): boolean {
  return c === 0x3e || c === AMP || c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0c || c === 0x0d;
}

/** Exercises every overridden path: text, entities in text and attributes, both quotes, raw text. */
const PROBE =
  '<!DOCTYPE html><html><head><title>A &amp; B</title><style>p{}</style>' +
  '<script>if (a < b && c) x("</p>")</script></head><body><!-- note -->' +
  '<p class="x &quot;y" data-a=\'1 &lt; 2\' id=plain>Text &copy; more &#169; text<br/>tail &amp</p>' +
  '<![CDATA[ data ]]><textarea>raw &amp; <b></textarea>end &unknown; text' +
  '<DIV Class=a\tdata-x = "1"><input disabled/ ><Img SRC=x.png / ><a href=/u/v?a=1&amp;b=2>l</a></DIV ></a/b></p\n></body></html>';

/** CDATA in HTML content and in <svg>, and what a browser builds of it. */
const CDATA_PROBE = '<p>a<![CDATA[b<i>c]]>d</p><svg><![CDATA[e<f>]]></svg><![CDATA[ g ]]>';
const CDATA_TREE = '<p>a<!--[CDATA[b<i-->c]]&gt;d</p><svg><!--[CDATA[e<f>]]--></svg><!--[CDATA[ g ]]-->';

let checked: TokenizerClass | undefined;
let base: TokenizerClass | undefined;

/**
 * The tokenizer the fast one must match: stock htmlparser2 with CDATA read as browsers do, if
 * that reading works on this htmlparser2 (its internal states are checked on a probe), else stock.
 */
export function baseTokenizer(): TokenizerClass {
  if (base) return base;
  const browser = BrowserTokenizer as unknown as TokenizerClass;
  let ok = false;
  try {
    ok = serializeHtml(parseDocument(CDATA_PROBE, { Tokenizer: browser })) === CDATA_TREE;
  } catch {
    ok = false;
  }
  base = ok ? browser : Tokenizer;
  return base;
}

/** The tokenizer to use: the skipping one if it reproduces the base tree on the probe. */
export function tokenizer(): TokenizerClass {
  if (checked) return checked;
  const fast = SkippingTokenizer as unknown as TokenizerClass;
  const reference = baseTokenizer();
  let same = false;
  try {
    same = reference !== Tokenizer && serializeHtml(parseDocument(PROBE, { Tokenizer: fast })) === serializeHtml(parseDocument(PROBE, { Tokenizer: reference }));
  } catch {
    same = false;
  }
  checked = same ? fast : reference;
  return checked;
}

/**
 * Parse an HTML page into a domhandler document (entities decoded), as cheerio would.
 * `onElement` sees each element (tags, scripts, styles) as it is created, attributes complete,
 * children not yet: in document order, as a walk of the finished tree would (the tree is only
 * ever appended to). It saves a caller that indexes the page a walk of its own.
 */
export function parseHtml(html: string, onElement?: (el: Element) => void): Document {
  if (!onElement) return parseDocument(html, { Tokenizer: tokenizer() });
  const handler = new WatchingHandler(onElement);
  new Parser(handler, { Tokenizer: tokenizer() }).end(html);
  return handler.root;
}

/** domhandler's tree builder, telling `watch` of every element it opens. */
class WatchingHandler extends DomHandler {
  constructor(private readonly watch: (el: Element) => void) {
    super();
  }

  override onopentag(name: string, attribs: Record<string, string>): void {
    super.onopentag(name, attribs);
    this.watch(this.tagStack[this.tagStack.length - 1] as Element);
  }
}

/**
 * `parseHtml` with a cheerio API over the tree, for CSS selectors. Building the API costs more
 * than parsing a small page (cheerio creates a class per document): the article extractor walks
 * the tree directly and only builds one when the config gives selectors.
 */
export function loadHtml(html: string): CheerioAPI {
  return load(parseHtml(html));
}

const apis = new WeakMap<ParentNode, CheerioAPI>();

/** A cheerio API over an already parsed tree, built once per tree (it reads the live tree). */
export function cheerioOf(doc: ParentNode): CheerioAPI {
  let $ = apis.get(doc);
  if (!$) {
    $ = load(doc);
    apis.set(doc, $);
  }
  return $;
}
