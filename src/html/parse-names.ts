/**
 * htmlparser2's parser with each tag and attribute name read into one string per distinct name
 * (`parse.ts` chooses it after checking it on a probe).
 */
import { Parser, type Handler } from 'htmlparser2';
import { DEFAULTS } from '../defaults.ts';

/** The parser members `NameInterningParser` relies on (private in htmlparser2's typings). */
interface ParserInternals {
  startIndex: number;
  endIndex: number;
  attribname: string;
  lowerCaseTagNames: boolean;
  lowerCaseAttributeNames: boolean;
  getSlice(start: number, end: number): string;
  emitOpenTag(name: string): void;
  onopentagname(start: number, endIndex: number): void;
  onattribname(start: number, endIndex: number): void;
  onclosetag(start: number, endIndex: number): void;
  htmlMode: boolean;
  buffers: string[];
  bufferOffset: number;
  stack: string[];
  foreignContext: boolean[];
  cbs: Partial<Handler>;
  isVoidElement(name: string): boolean;
  closeCurrentTag(isOpenImplied: boolean): void;
}

/** htmlparser2's elements that start foreign (SVG, MathML) content, and those that return to HTML in it. */
const FOREIGN_ROOTS = new Set(['math', 'svg']);
const INTEGRATION_POINTS = new Set(['mi', 'mo', 'mn', 'ms', 'mtext', 'annotation-xml', 'foreignobject', 'desc', 'title']);

/**
 * How many elements may be open at once. htmlparser2 keeps its open elements innermost first
 * (`unshift`, `shift`), so each tag opened or closed costs as much as the elements open: tens of
 * thousands of unclosed tags (a broken template's `<li><ul>` or `<font>`, 400 kB of them) took a
 * minute to parse. Past this bound, an element opened ends the innermost one first. The tree keeps
 * no more than `DEFAULTS.maxNestingDepth` levels anyway (parse.ts), so this changes only which
 * end tags match later on such a page; real pages nest a few dozen levels.
 */
const MAX_OPEN_ELEMENTS = 4 * DEFAULTS.maxNestingDepth;

type ParserInternalsClass = new (...args: ConstructorParameters<typeof Parser>) => ParserInternals;

/**
 * Attributes few elements have that the page index asks every element for (page-index.ts): the
 * parser tells, per element, whether it may have one (`NameInterningParser.noted`), so that an
 * element without them is not asked. (Asking an attribute object for a name it lacks is a slow
 * lookup: a page's attribute objects come in hundreds of shapes.)
 */
export const NOTED_ATTRIBUTES = ['role', 'hidden', 'itemtype'] as const;
// (Compared one by one: names are interned, so each test is one comparison of two references.)
const [ROLE, HIDDEN, ITEMTYPE] = NOTED_ATTRIBUTES;

/**
 * Tag and attribute names most pages use. A name found here is one string for every page (its hash
 * computed once); any other name is kept per page (`NameInterningParser.seen`).
 */
const COMMON_NAMES = new Map(
  (
    'html head body title meta link script style noscript template base div span p a img picture source svg path g use ' +
    'ul ol li dl dt dd h1 h2 h3 h4 h5 h6 section article header footer nav main aside figure figcaption ' +
    'blockquote pre code strong em b i u s small sub sup br hr time abbr cite q mark del ins label button ' +
    'form input select option textarea iframe video audio table caption thead tbody tfoot tr td th ' +
    'class id href src srcset sizes alt title width height style type rel name content property charset lang ' +
    'role tabindex target loading decoding async defer crossorigin integrity itemprop itemscope itemtype ' +
    'datetime value action method for placeholder viewbox fill stroke d xmlns aria-hidden aria-label hidden ' +
    'data-src data-id data-srcset onclick'
  ).split(' ').map((n) => [n, n]),
);

/**
 * COMMON_NAMES by length and first character (`length * 128 + code`), for reading a name in the
 * page's text without slicing it out first.
 */
const BY_SHAPE: string[][] = [];
for (const name of COMMON_NAMES.keys()) (BY_SHAPE[name.length * 128 + name.charCodeAt(0)] ??= []).push(name);

/**
 * htmlparser2's parser, reading each tag and attribute name into one string per distinct name.
 * The stock parser slices and lowercases a fresh string for every tag and attribute; used as an
 * attribute key or looked up in its tag tables, each fresh string is hashed and interned again.
 * Attribute handling was the parser's largest cost; with names interned it is a fraction of it.
 */
export class NameInterningParser extends (Parser as unknown as ParserInternalsClass) {
  /** This page's names beyond COMMON_NAMES: as written → lowercase (bounded by the page's size). */
  private readonly seen = new Map<string, string>();

  /**
   * False while the tag being opened has none of the attributes `NOTED_ATTRIBUTES` names (known
   * from the names as they are read); true when it may have one. See `parseHtml`'s `onElement`.
   */
  noted = true;

  /**
   * The name written at `start`–`endIndex`. A common name written in lowercase is compared in
   * place (no string is cut out and hashed for it: that was a tenth of parsing).
   */
  private nameAt(start: number, endIndex: number): string {
    if (this.buffers.length === 1) {
      const buffer = this.buffers[0];
      const from = start - this.bufferOffset;
      const length = endIndex - start;
      const names = from >= 0 && from + length <= buffer.length ? BY_SHAPE[length * 128 + buffer.charCodeAt(from)] : undefined;
      if (names) for (const name of names) if (buffer.startsWith(name, from)) return name;
    }
    return this.intern(this.getSlice(start, endIndex));
  }

  private intern(raw: string): string {
    const common = COMMON_NAMES.get(raw);
    if (common !== undefined) return common;
    let name = this.seen.get(raw);
    if (name === undefined) {
      const lower = raw.toLowerCase();
      name = COMMON_NAMES.get(lower) ?? lower;
      this.seen.set(raw, name);
    }
    return name;
  }

  // Names are lowercased in HTML mode (parseHtml's); in XML mode they are read as the stock parser reads them.
  override onopentagname(start: number, endIndex: number): void {
    if (!this.lowerCaseTagNames) return super.onopentagname(start, endIndex);
    this.noted = false;
    this.endIndex = endIndex;
    const name = this.nameAt(start, endIndex);
    if (this.stack.length >= MAX_OPEN_ELEMENTS && this.htmlMode && !this.isVoidElement(name)) this.closeInnermost();
    this.emitOpenTag(name);
  }

  /** Ends the innermost open element, as its end tag would (implied). */
  private closeInnermost(): void {
    const open = this.stack.shift()!;
    if (FOREIGN_ROOTS.has(open) || INTEGRATION_POINTS.has(open)) this.foreignContext.shift();
    this.cbs.onclosetag?.(open, true);
  }

  /** The stock `onclosetag` with the name interned (it slices and lowercases each closing name). */
  override onclosetag(start: number, endIndex: number): void {
    if (!this.lowerCaseTagNames || !this.htmlMode) return super.onclosetag(start, endIndex);
    this.endIndex = endIndex;
    const name = this.nameAt(start, endIndex);
    if (FOREIGN_ROOTS.has(name) || INTEGRATION_POINTS.has(name)) this.foreignContext.shift();
    if (!this.isVoidElement(name)) {
      const depth = this.stack.indexOf(name);
      if (depth !== -1) {
        // Closes the open elements above it too (implied ends).
        for (let i = 0; i <= depth; i++) {
          const open = this.stack.shift()!;
          this.cbs.onclosetag?.(open, i !== depth);
        }
      } else if (name === 'p') {
        // `</p>` without a `<p>`: an empty paragraph, as browsers make.
        this.emitOpenTag('p');
        this.closeCurrentTag(true);
      }
    } else if (name === 'br') {
      // `</br>` is a `<br>`.
      this.cbs.onopentagname?.('br');
      this.cbs.onopentag?.('br', {}, true);
      this.cbs.onclosetag?.('br', false);
    }
    this.startIndex = endIndex + 1;
  }

  override onattribname(start: number, endIndex: number): void {
    if (!this.lowerCaseAttributeNames) {
      this.noted = true;
      return super.onattribname(start, endIndex);
    }
    this.startIndex = start;
    const name = this.nameAt(start, endIndex);
    this.attribname = name;
    if (name === ROLE || name === HIDDEN || name === ITEMTYPE) this.noted = true;
  }
}
