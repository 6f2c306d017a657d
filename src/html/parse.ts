/**
 * HTML parsing shared by the list, extract and normalize stages: htmlparser2 (what cheerio uses),
 * with a tokenizer that skips runs of plain characters in bulk (parse-tokenizer.ts) and a parser
 * that reads each tag and attribute name into one string per name (parse-names.ts).
 *
 * htmlparser2's tokenizer dispatches every character of text, attribute values, tag and attribute
 * names through its state switch, looking for the character that ends the run (`<`, `&`, the
 * closing quote, whitespace, `/`, `>`, `=`). `SkippingTokenizer` jumps to the next such character
 * in a tight loop (and uses `indexOf` for the tokenizer's own fast-forward through scripts, styles
 * and comments), then lets the stock state handler take it from there. The stock parser slices and
 * lowercases a fresh string for every name; hashed again as an attribute key or in its tag
 * tables, that was its largest cost. The tree is identical; parsing takes a little over half the time of
 * stock htmlparser2 on article pages (`npm run bench:parse`).
 *
 * The two override internal methods. A self-check on first use parses a probe page both ways; if
 * a future htmlparser2 changed those internals, the stock tokenizer or parser is used.
 *
 * One reading differs from htmlparser2's, as browsers read it: `<![CDATA[` in HTML content opens
 * a comment that ends at the first `>` (htmlparser2 reads a CDATA section up to `]]>`, taking
 * whole threads of a forum theme's page into one comment); inside <svg> and <math> it is CDATA.
 */
import { load, type CheerioAPI } from 'cheerio/slim';
import { DomHandler, type ChildNode, type Document, type Element, type ParentNode } from 'domhandler';
import { Parser, parseDocument, Tokenizer } from 'htmlparser2';
import { DEFAULTS } from '../defaults.ts';
import { NameInterningParser } from './parse-names.ts';
import { BrowserTokenizer, SkippingTokenizer } from './parse-tokenizer.ts';
import { serializeHtml } from './serialize.ts';

type TokenizerClass = typeof Tokenizer;
type ParserClass = typeof Parser;

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
 * ever appended to). It saves a caller that indexes the page a walk of its own. Its `noted` is
 * false when the element has none of the attributes `NOTED_ATTRIBUTES` names, true when it may.
 */
export function parseHtml(html: string, onElement?: (el: Element, noted: boolean) => void): Document {
  const handler = onElement ? new WatchingHandler(onElement) : new BoundedHandler();
  const P = parserClass();
  const parser = new P(handler, { Tokenizer: tokenizer() });
  if (handler instanceof WatchingHandler && parser instanceof NameInterningParser) handler.namer = parser;
  parser.end(html);
  return handler.root;
}

let parserChecked: ParserClass | undefined;

/** The parser to use: the name-interning one if it builds the stock parser's tree of the probe. */
export function parserClass(): ParserClass {
  if (parserChecked) return parserChecked;
  const fast = NameInterningParser as unknown as ParserClass;
  const tree = (P: ParserClass): string => {
    const handler = new DomHandler();
    new P(handler, { Tokenizer: tokenizer() }).end(PROBE);
    return serializeHtml(handler.root);
  };
  let same = false;
  try {
    same = tree(fast) === tree(Parser);
  } catch {
    same = false;
  }
  parserChecked = same ? fast : Parser;
  return parserChecked;
}

// How deep elements nest; what a page opens deeper goes into the element at that depth, beside its
// siblings (Chromium's parser does the same, at the same depth). Thousands of unclosed `<div>` or
// `<font>` tags, written by broken templates or on purpose, would otherwise nest as deep, and
// every walk of the tree would overflow the stack.
const MAX_DEPTH = DEFAULTS.maxNestingDepth;

/** domhandler's tree builder, nesting no deeper than `DEFAULTS.maxNestingDepth`. */
class BoundedHandler extends DomHandler {
  protected override addNode(node: ChildNode): void {
    const stack = this.tagStack;
    if (stack.length <= MAX_DEPTH) {
      super.addNode(node);
      return;
    }
    // The open elements past the bound stay on the stack (their end tags pop them) but hold nothing.
    const parent = stack[MAX_DEPTH];
    const previous = parent.children[parent.children.length - 1];
    parent.children.push(node);
    if (previous) {
      node.prev = previous;
      previous.next = node;
    }
    node.parent = parent;
    this.lastNode = null;
  }
}

/** domhandler's tree builder, telling `watch` of every element it opens. */
class WatchingHandler extends BoundedHandler {
  /** The parser feeding this handler, when it tells which elements have noted attributes. */
  namer: NameInterningParser | undefined;

  constructor(private readonly watch: (el: Element, noted: boolean) => void) {
    super();
  }

  override onopentag(name: string, attribs: Record<string, string>): void {
    super.onopentag(name, attribs);
    this.watch(this.tagStack[this.tagStack.length - 1] as Element, this.namer?.noted ?? true);
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
