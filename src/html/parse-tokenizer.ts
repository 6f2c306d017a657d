/**
 * The tokenizers `parse.ts` chooses between: htmlparser2's, reading `<![CDATA[` in HTML content as
 * browsers do (`BrowserTokenizer`), and the same skipping runs of plain characters in bulk
 * (`SkippingTokenizer`; see parse.ts for why and how it is checked).
 */
import { Tokenizer } from 'htmlparser2';

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
export class BrowserTokenizer extends (Tokenizer as unknown as InternalsClass) {
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

/** Where a character comes next in a buffer, remembered until the scan passes it. */
class NextChar {
  private buffer = '';
  private char = -1;
  private from = 0;
  private at = -1;

  /** Position of the next `char` at or after `from` in `s`, or -1. */
  find(s: string, char: number, from: number): number {
    if (s !== this.buffer || char !== this.char || from < this.from || (this.at >= 0 && from > this.at)) {
      this.buffer = s;
      this.char = char;
      this.from = from;
      this.at = s.indexOf(String.fromCharCode(char), from);
    }
    return this.at;
  }
}

export class SkippingTokenizer extends BrowserTokenizer {
  private readonly nextAmp = new NextChar();
  private readonly nextWanted = new NextChar();

  /**
   * Position (in `buffer`) of the next `a` or `&` after the current index, or -1. Both are found
   * with `indexOf` (a native scan, far faster than a loop in script over long runs), and both are
   * remembered: most runs of text or attribute values hold no `&`, and a long attribute value full
   * of `&quot;` (JSON in a data attribute) stops at each `&`, where scanning again to its closing
   * quote each time took time quadratic in its length.
   */
  private nextOf(a: number): number {
    const s = this.buffer;
    const from = this.index - this.offset + 1;
    const amp = this.nextAmp.find(s, AMP, from);
    const at = this.nextWanted.find(s, a, from);
    if (amp < 0) return at;
    return at < 0 || amp < at ? amp : at;
  }

  /** Leave the index on the next significant character (or at the end) and return that char. */
  private skipTo(a: number): number {
    const at = this.nextOf(a);
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

  /** `c` when it ends a name, else the next character that does (-1: none in this buffer). */
  private nameEnd(c: number, eq: boolean): number {
    return isNameEnd(c, eq) ? c : this.skipName(eq);
  }

  override stateInTagName(c: number): void {
    c = this.nameEnd(c, false);
    if (c >= 0) super.stateInTagName(c);
  }

  override stateInAttributeName(c: number): void {
    c = this.nameEnd(c, true);
    if (c >= 0) super.stateInAttributeName(c);
  }

  override stateInClosingTagName(c: number): void {
    // Ends only at `>` or whitespace: a `/` met on the way is handed over (a no-op) and skipped.
    c = this.nameEnd(c, false);
    if (c >= 0) super.stateInClosingTagName(c);
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
      c = this.skipTo(LT);
      if (c < 0) return;
    }
    super.stateText(c);
  }

  override handleInAttributeValue(c: number, quote: number): void {
    if (c !== quote && c !== AMP) {
      c = this.skipTo(quote);
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
