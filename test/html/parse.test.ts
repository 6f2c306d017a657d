/**
 * The skipping tokenizer and the name-interning parser (`parseHtml`) must build exactly the tree
 * htmlparser2's own tokenizer and parser build (with CDATA in HTML content read as browsers read
 * it, `baseTokenizer`): on
 * hand-made edge cases, on random HTML-like input, across chunk boundaries, and (when the corpus
 * is beside the repo) on every corpus page.
 */
import { DomHandler, isTag, type AnyNode, type Document, type Element } from 'domhandler';
import render from 'dom-serializer';
import fc from 'fast-check';
import { Parser, parseDocument, Tokenizer } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import { corpusAvailable, corpusDir, loadAeb, loadHtmldate, loadReadability } from '../../testkit/corpus.ts';
import { baseTokenizer, cheerioOf, loadHtml, parseHtml, parserClass, tokenizer } from '../../src/html/parse.ts';
import { DEFAULTS } from '../../src/defaults.ts';
import { serializeHtml } from '../../src/html/serialize.ts';

type TokenizerClass = typeof Tokenizer;

/** The tree as markup: two trees serialize alike only when their structure and data match. */
function dump(doc: Document): string {
  return serializeHtml(doc);
}

function parseWith(html: string, T: TokenizerClass, chunks = 1): string {
  let out: Document | undefined;
  const handler = new DomHandler((error) => {
    if (error) throw error;
    out = handler.root;
  });
  const parser = new Parser(handler, { Tokenizer: T });
  const size = Math.max(1, Math.ceil(html.length / chunks));
  for (let i = 0; i < html.length; i += size) parser.write(html.slice(i, i + size));
  parser.end();
  return dump(out!);
}

const stock = (html: string) => dump(parseDocument(html, { Tokenizer: baseTokenizer() }));
const fast = (html: string) => dump(parseHtml(html));

const EDGE_CASES = [
  '',
  'plain text only',
  'text ending in an ampersand &',
  'a &amp; b &lt; c &gt; d &quot; e &#39; f &#x27; g &copy h &notin; i &unknown; j & k',
  '<p title="a &amp; b" data-x=\'1 &lt; 2\' id=unquoted&amp;x class="">x</p>',
  '<p title="unterminated attribute',
  "<p title='single & quoted'>y</p>",
  '<div a=1 b = "2" c= \'3\' d>e</div>',
  '<script>if (a < b && c > d) document.write("</p><b>")</script><p>after</p>',
  '<script>var s = "</scr" + "ipt>";</script>x',
  '<style>a > b { content: "&amp;" }</style>',
  '<title>Tom &amp; Jerry &lt;3</title><textarea>raw &amp; <b>bold</b></textarea>',
  '<!-- a comment -- with dashes --><!----><!--->text',
  '<![CDATA[ not xml here ]]>',
  '<!DOCTYPE html><?xml version="1.0"?><p>pi</p>',
  '< not a tag > and <3 and a<b',
  '<p>Unicode: é ü ✓ 中文 😀 &#128512; &#x1F600;</p>',
  '<ul><li>one<li>two</ul><table><tr><td>cell</table>',
  '<p>unterminated <b>bold <i>italic',
  '<img src="a.jpg" alt="x &gt; y"/><br/><hr>',
  '&amp;&amp;&amp;<<<>>>&&&',
  '<a href="/x?a=1&b=2&amp;c=3">link</a>',
  '<p>text</p   ><p >x</p ><\/p>',
  '<DIV Class=a\tdata-x = "1"><input disabled/ ><Img SRC=x.png / ></DIV ></a/b></p\n>',
  '<svg viewBox="0 0 1 1"><PATH d="M0"/></svg><x-Custom-Element some-Long-Attribute-Name\fb/c=d>t</x-custom-element\r>',
  '<p data-a-very-long-attribute-name-with-dashes-and-more-dashes>x</p><span unterminated-name',
  '<a href=x><p-/p></a b="c">',
  '<a href=/path/to?x=1&amp;y=2&z title=a/b/ data-v=x&lt;y>t</a><img src=a.png/><p class=x\n>u</p><i a=b',
  // Closing tags: implied ends, a stray </p> and </br>, foreign content and its integration points.
  '<div><ul><li><b>x</DIV>y</P>z</br><BR></Br>w',
  '<svg><title>t</title><desc>d</desc><foreignObject><p>h</p></foreignObject><g/></SVG><p>after</p>',
  '<math><mi>x</mi><annotation-xml><b>y</b></annotation-xml></Math><span>after</span>',
  // Names read in place: a common name's prefix, its length with another first letter, its case changed.
  '<divx classx=1 clas=2 idx=3><Div CLASS=a iD=b><spam hreF=c srC=d>t</spam></dIV></divx><sectio>u</sectio><b>v</B>',
  // Attribute names that are also Object.prototype's: own attributes, the first one kept.
  '<p constructor=c toString=t hasOwnProperty=h valueOf=v a=1 A=2 CONSTRUCTOR=3>dup</p>',
];

describe('skipping tokenizer', () => {
  it('is in use (its self-check passed on this htmlparser2)', () => {
    expect(tokenizer()).not.toBe(Tokenizer);
  });

  it('parses with the name-interning parser (its self-check passed on this htmlparser2)', () => {
    expect(parserClass()).not.toBe(Parser);
  });

  it('reads names written in any case as the stock parser does, page after page', () => {
    // The second page reuses names the first one interned (in other cases too).
    for (const html of ['<DIV CLASS=a Data-X=1><IMG SRC=x ALT=y></DIV>', '<div class=b data-x=2 DATA-y=3><Img Src=z></div><P Title=t>p</p>']) {
      expect(fast(html)).toBe(stock(html));
    }
    expect(fast('<Foo-Bar Baz-Qux=1>t</foo-bar>')).toBe('<foo-bar baz-qux="1">t</foo-bar>');
  });

  it('keeps names as written in XML mode, as the stock parser does', () => {
    const xml = '<Feed><Entry Lang="en"><Title>T</Title></Entry></Feed>';
    const read = (P: typeof Parser) => {
      const handler = new DomHandler();
      new P(handler, { xmlMode: true }).end(xml);
      return render(handler.root, { xmlMode: true });
    };
    expect(read(parserClass())).toBe(read(Parser));
    expect(read(parserClass())).toContain('<Entry Lang="en">');
  });

  it('reads <![CDATA[ in HTML content as browsers do: a comment up to the first >', () => {
    expect(baseTokenizer()).not.toBe(Tokenizer);
    // A forum theme's page opened its whole thread with one; htmlparser2 read it to `]]>`.
    const html = '<body><![CDATA[\n<div id="top"></div><div class="thread"><p>First post</p></div>]]></body>';
    const doc = parseHtml(html);
    expect(serializeHtml(doc)).toBe('<body><!--[CDATA[\n<div id="top"--><div class="thread"><p>First post</p></div>]]&gt;</body>');
    // CDATA in <svg> and <math> stays as htmlparser2 reads it; one without a `>` inside is the same comment.
    expect(serializeHtml(parseHtml('<svg><![CDATA[a<b>]]></svg><![CDATA[ c ]]>'))).toBe(serializeHtml(parseDocument('<svg><![CDATA[a<b>]]></svg><![CDATA[ c ]]>')));
  });

  it.each(EDGE_CASES)('builds the stock tree for %j', (html) => {
    expect(fast(html)).toBe(stock(html));
  });

  it('builds the stock tree when the input arrives in chunks', () => {
    for (const html of EDGE_CASES) {
      for (const chunks of [2, 3, 7]) {
        expect(parseWith(html, tokenizer(), chunks), `${chunks} chunks of ${JSON.stringify(html)}`).toBe(
          parseWith(html, baseTokenizer(), chunks),
        );
      }
    }
  });

  it('builds the stock tree on random HTML-like input', () => {
    const piece = fc.constantFrom(
      '<p>', '</p>', '<div class="a b">', '</div>', '<a href=\'x?y=1&amp;z\'>', '</a>', '<br/>',
      '<script>', '</script>', '<style>', '</style>', '<title>', '</title>', '<!--', '-->',
      '&amp;', '&lt;', '&#169;', '&#x41;', '&', '<', '>', '"', "'", '=', ' ', '\n', 'text',
      'é', '😀', '<img alt="a &quot; b" src=u>', '<![CDATA[', ']]>', '<textarea>', '</textarea>',
      '<DIV', '</Div', '/', '\t', 'data-long-name', ' disabled', '<input', '</a/b', '\f', '<a href=x/y?z', ' b=c&d',
    );
    const html = fc.array(fc.oneof(piece, fc.string({ maxLength: 6 })), { maxLength: 40 }).map((a) => a.join(''));
    fc.assert(
      fc.property(html, fc.integer({ min: 1, max: 5 }), (h, chunks) => {
        expect(fast(h)).toBe(stock(h));
        expect(parseWith(h, tokenizer(), chunks)).toBe(parseWith(h, baseTokenizer(), chunks));
      }),
      { numRuns: 2000 },
    );
  });

  it('reads tag and attribute names (and unquoted values) in bulk, not one character per state call', () => {
    const calls = { tag: 0, attr: 0, close: 0, value: 0 };
    const Fast = tokenizer() as unknown as new (...a: unknown[]) => Record<string, (c: number) => void>;
    class Counting extends Fast {
      constructor(...a: unknown[]) {
        super(...a);
        for (const [state, key] of [['stateInTagName', 'tag'], ['stateInAttributeName', 'attr'], ['stateInClosingTagName', 'close'], ['stateInAttributeValueNoQuotes', 'value']] as const) {
          const own = this[state].bind(this);
          this[state] = (c: number) => {
            calls[key]++;
            own(c);
          };
        }
      }
    }
    const name = 'x'.repeat(200);
    const html = `<custom-${name} data-${name}="1" data-${name}-2=${name}>t</custom-${name}>`;
    expect(dump(parseDocument(html, { Tokenizer: Counting as unknown as TokenizerClass }))).toBe(stock(html));
    // The stock tokenizer is called once per character of each name (over 600 calls).
    expect(calls.tag + calls.attr + calls.close + calls.value).toBeLessThan(20);
  });

  it('reads a long attribute value full of entities in a few scans, not one to its end per entity', () => {
    // JSON in a data attribute: thousands of `&quot;` before the closing quote.
    const html = `<div data-state="${'{&quot;id&quot;:1,&quot;n&quot;:&quot;x&quot;},'.repeat(2000)}">t</div><p>after</p>`;
    const expected = stock(html);
    const indexOf = String.prototype.indexOf;
    let scanned = 0;
    String.prototype.indexOf = function (this: string, search: string, from = 0) {
      const at = indexOf.call(this, search, from);
      if (this === html) scanned += (at < 0 ? this.length : at) - from;
      return at;
    };
    let tree: string;
    try {
      tree = fast(html);
    } finally {
      String.prototype.indexOf = indexOf;
    }
    expect(tree).toBe(expected);
    // Each character is passed over about twice (once for `&`, once for the quote); rescanning to
    // the quote after every entity passed over the value's length six thousand times.
    expect(scanned).toBeLessThan(4 * html.length);
  });

  it('parseHtml gives the page tree; loadHtml a cheerio API over it', () => {
    expect(serializeHtml(parseHtml('<p class=x>Hi &copy; 中文</p>'))).toBe('<p class="x">Hi © 中文</p>');
    const $ = loadHtml('<html><head><title>T &amp; U</title></head><body><p class=x>Hi &copy;</p></body></html>');
    expect($('title').text()).toBe('T & U');
    expect($('p.x').text()).toBe('Hi ©');
  });

  it('parseHtml tells onElement of every element in document order, attributes complete, and builds the same tree', () => {
    const html =
      '<!DOCTYPE html><html lang=en><head><title>T</title><style>p{}</style><script type="application/ld+json">{}</script></head>' +
      '<body><ul><li class=a>one<li>two</ul><p>x<svg><path d=M0 /></svg><table><tr><td id=c>cell</table></p><img src=i.png alt=""><br></body></html>';
    const seen: { el: Element; attribs: string }[] = [];
    const doc = parseHtml(html, (el) => seen.push({ el, attribs: JSON.stringify(el.attribs) }));
    expect(serializeHtml(doc)).toBe(serializeHtml(parseHtml(html)));
    const walked: Element[] = [];
    const walk = (nodes: AnyNode[]): void => {
      for (const n of nodes) {
        if (!isTag(n)) continue;
        walked.push(n);
        walk(n.children);
      }
    };
    walk(doc.children);
    // Scripts and styles too, and the <p> a stray </p> opens.
    expect(walked.map((el) => el.name).join(' ')).toBe('html head title style script body ul li li p svg path table tr td p img br');
    expect(seen.map((s) => s.el)).toEqual(walked);
    expect(seen.map((s) => s.attribs)).toEqual(walked.map((el) => JSON.stringify(el.attribs)));
  });

  it("parseHtml's onElement is told which elements may have a role, hidden or itemtype attribute, whatever their case, value or order", () => {
    const html =
      '<html><body><div class=a id=b>plain</div><DIV data-x=1 ROLE="main">r</DIV><p title=t hidden>h</p>' +
      '<section itemscope ItemType="https://schema.org/Product">i</section><span role>empty</span><a href=/x>a</a></body></html>';
    const told: string[] = [];
    parseHtml(html, (el, may) => told.push(`${el.name}${may ? ' may' : ''}`));
    // Each element that has one is told it may; elements with other attributes only are not.
    expect(told).toEqual(['html', 'body', 'div', 'div may', 'p may', 'section may', 'span may', 'a']);
  });

  it('cheerioOf builds one cheerio API per tree, over the live tree', () => {
    const doc = parseHtml('<ul><li>a</li></ul>');
    const $ = cheerioOf(doc);
    expect(cheerioOf(doc)).toBe($);
    expect(cheerioOf(parseHtml('<p></p>'))).not.toBe($);
    $('ul').append('<li>b</li>');
    expect(cheerioOf(doc)('li').length).toBe(2);
    expect(serializeHtml(doc)).toBe('<ul><li>a</li><li>b</li></ul>');
  });
});

const available = corpusAvailable();
if (!available) console.warn(`[parse.test] corpus not found at ${corpusDir()} — corpus parse check skipped.`);

describe.skipIf(!available)('skipping tokenizer on the corpus', () => {
  it('builds the stock tree for every corpus page', () => {
    const pages = [...loadAeb(), ...loadHtmldate(), ...loadReadability()];
    const differ = pages.filter((p) => fast(p.html) !== stock(p.html)).map((p) => p.url);
    expect(differ).toEqual([]);
    expect(pages.length).toBeGreaterThan(200);
  });
});

describe('nesting depth', () => {
  const MAX_DEPTH = DEFAULTS.maxNestingDepth;
  const depthOf = (node: AnyNode): number =>
    'children' in node && node.children.length ? 1 + Math.max(...node.children.map(depthOf)) : 0;

  it('nests elements no deeper than MAX_DEPTH, keeping what is opened deeper beside its siblings, in order', () => {
    const doc = parseHtml(`${'<div>'.repeat(MAX_DEPTH + 100)}<p>deep <b>text</b></p>tail${'</div>'.repeat(MAX_DEPTH + 100)}<p>after</p>`);
    expect(depthOf(doc)).toBe(MAX_DEPTH + 1); // the text children of the deepest element
    const html = serializeHtml(doc);
    expect(html).toContain('<p></p>deep <b></b>text');
    expect(html.indexOf('tail')).toBeLessThan(html.indexOf('<p>after</p>'));
    expect(html.endsWith('</div><p>after</p>')).toBe(true);
  });

  it('builds the same tree as htmlparser2 below the bound', () => {
    const html = `${'<section><div>'.repeat(MAX_DEPTH / 2 - 1)}<p>x</p>${'</div></section>'.repeat(MAX_DEPTH / 2 - 1)}`;
    expect(serializeHtml(parseHtml(html))).toBe(serializeHtml(parseDocument(html)));
  });

  it('keeps no more than 4 × MAX_DEPTH elements open while parsing: past that, an element opened ends the innermost one', () => {
    // htmlparser2 pays for each tag as many steps as elements are open: unbounded, a page of
    // unclosed tags parsed in quadratic time (bench:parse times such pages).
    let open = 0;
    let most = 0;
    let text = '';
    const P = parserClass();
    new P({ onopentag: () => (most = Math.max(most, ++open)), onclosetag: () => open--, ontext: (t) => (text += t) }, { Tokenizer: tokenizer() }).end(
      `<body>${'<li><ul>'.repeat(3 * MAX_DEPTH)}<font>deep</font>${'<b>'.repeat(5 * MAX_DEPTH)}tail</body><p>after</p>`,
    );
    expect(most).toBe(4 * MAX_DEPTH);
    expect(open).toBe(0); // every element opened was ended
    expect(text).toBe('deeptailafter');
  });

  it('reads a page of tens of thousands of unclosed tags without overflowing the stack', () => {
    const doc = parseHtml(`<body>${'<font><div>'.repeat(20000)}<p>text</p></body>`);
    expect(depthOf(doc)).toBeLessThanOrEqual(MAX_DEPTH + 1);
  });
});
