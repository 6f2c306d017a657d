import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseHtml } from '../../src/html/parse.ts';
import { readFileSync } from 'node:fs';
import { descendantSteps, evaluateXPath, withoutCallSpaces } from '../../src/html/xpath.ts';
import { selectSimple } from '../../src/html/xpath-simple.ts';

const doc = () => parseHtml(
  '<html><head><meta property="og:title" content="Meta title"></head><body>' +
  '<div id="main" class="story wide"><h1>Head</h1><p>One <b>bold</b></p><p>Two</p></div>' +
  '<div class="ad"><img src="https://ads.example/x.png"></div></body></html>',
);

describe('evaluateXPath over the parsed tree', () => {
  it('selects elements, attributes and text in document order', () => {
    const d = doc();
    const ps = evaluateXPath('//div[@id="main"]/p', d);
    expect(ps.kind === 'nodes' && ps.values).toEqual(['One bold', 'Two']);
    expect(evaluateXPath('//meta[@property="og:title"]/@content', d)).toMatchObject({ kind: 'nodes', nodes: [], values: ['Meta title'] });
    const text = evaluateXPath('//p[last()]/text()', d);
    expect(text.kind === 'nodes' && text.values).toEqual(['Two']);
    const union = evaluateXPath('//p | //h1', d);
    expect(union.kind === 'nodes' && union.values).toEqual(['Head', 'One bold', 'Two']);
  });

  it('evaluates functions and predicates FTR rules use', () => {
    const d = doc();
    const byClass = evaluateXPath("//*[contains(concat(' ', normalize-space(@class), ' '), ' story ')]", d);
    expect(byClass.kind === 'nodes' && byClass.nodes.map((n) => (n as { attribs: Record<string, string> }).attribs.id)).toEqual(['main']);
    expect(evaluateXPath('count(//p)', d)).toEqual({ kind: 'value', value: 2 });
    expect(evaluateXPath('string(//h1)', d)).toEqual({ kind: 'value', value: 'Head' });
    const img = evaluateXPath("//img[contains(@src, 'ads.example')]/..", d);
    expect(img.kind === 'nodes' && img.nodes.length).toBe(1);
  });

  it('returns selected attributes with their element', () => {
    const d = doc();
    const r = evaluateXPath('//div/@class', d);
    expect(r.kind === 'nodes' && r.attributes.map((a) => [a.element.attribs.id ?? null, a.name])).toEqual([['main', 'class'], [null, 'class']]);
  });

  it('allows space between a function name and its parenthesis, as XPath does', () => {
    const d = doc();
    const r = evaluateXPath('//div[contains (@class, "story")]/h1 | //p[starts-with (normalize-space (.), "Two")]', d);
    expect(r.kind === 'nodes' && r.values).toEqual(['Head', 'Two']);
    expect(evaluateXPath('substring-after (string(//h1), "H")', d)).toEqual({ kind: 'value', value: 'ead' });
    // Operators before a group and string literals are left as written.
    expect(withoutCallSpaces('//p[@a and (@b or @c)]')).toBe('//p[@a and (@b or @c)]');
    expect(withoutCallSpaces('//p[. = "contains (x)"][count (b) > 1]')).toBe('//p[. = "contains (x)"][count(b) > 1]');
    expect(withoutCallSpaces('//p[local-name (.) = "p"]')).toBe('//p[local-name(.) = "p"]');
  });

  it('throws on an expression it cannot parse', () => {
    expect(() => evaluateXPath('//div[', doc())).toThrow();
  });

  it('reads // steps as descendant steps only where the nodes are the same', () => {
    expect(descendantSteps("//div[@class='a']//p")).toBe("/descendant::div[@class='a']/descendant::p");
    expect(descendantSteps("//a[@href='http://x//y']/@href")).toBe("/descendant::a[@href='http://x//y']/@href");
    expect(descendantSteps('//div[.//img] | //h1')).toBe('/descendant::div[./descendant::img] | /descendant::h1');
    // Positional predicates, attribute and node-type steps, axes: as written.
    for (const e of ['//p[1]', '//p[last()]', '(//p)[2]', "//div[@class='x']//p[position() < 3]", '//@href', '//text()', '//child::p', '//div[count(p) > 1]']) {
      expect(descendantSteps(e)).toBe(e);
    }
  });

  it('selects the same nodes with and without the rewrite, on a real page', () => {
    const page = parseHtml(readFileSync(new URL('../../data/demo/putin-trump-issue-joint-syria-statement.html', import.meta.url), 'utf8'));
    const expressions = [
      "//h1[@class='entry-title']", "//div[@class='entry-content']//p", "//*[contains(@class, 'wp-caption')]", '//p | //h1',
      "//div[contains(concat(' ', normalize-space(@class), ' '), ' entry-content ')]//img/@src", '//article//img', '//div[.//img]', '//p[1]',
    ];
    for (const e of expressions) {
      // `//` spelled out is what the expression means, and is left as written.
      const spelled = e.replaceAll('//', '/descendant-or-self::node()/');
      expect(descendantSteps(spelled)).toBe(spelled);
      const got = evaluateXPath(e, page);
      expect(got.kind === 'nodes' && got.nodes.length + got.values.length).toBeGreaterThan(0);
      expect(got).toEqual(evaluateXPath(spelled, page));
    }
  });
});

describe('evaluateXPath on wide parents', () => {
  /** A page of `kinds` as siblings in one <div> (`s` a span, `p` a paragraph), each numbered in its id. */
  const wide = (kinds: string[]) =>
    parseHtml(`<html><body><div id="w">${kinds.map((k, i) => (k === 's' ? `<span id="n${i}" class="c${i % 3}">s</span>` : `<p id="n${i}">p</p>`)).join('')}</div></body></html>`);
  const ids = (r: ReturnType<typeof evaluateXPath>) => (r.kind === 'nodes' ? r.nodes.map((n) => (n as { attribs: Record<string, string> }).attribs.id) : r);

  // The package sorts and merges node sets through the views' compareDocumentPosition and a
  // Set-based node set (xpath.ts); what it selects must be what XPath says, in document order.
  it('selects positions, unions and attributes as XPath defines them, in document order', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('s', 'p'), { minLength: 1, maxLength: 300 }), (kinds) => {
        const d = wide(kinds);
        const at = (k: string) => kinds.flatMap((x, i) => (x === k ? [`n${i}`] : []));
        const spans = at('s');
        const all = kinds.map((_, i) => `n${i}`);
        expect(ids(evaluateXPath('//span[1]', d))).toEqual(spans.slice(0, 1));
        expect(ids(evaluateXPath('(//span)[last()]', d))).toEqual(spans.slice(-1));
        expect(ids(evaluateXPath('//span[position() > 1]', d))).toEqual(spans.slice(1));
        expect(ids(evaluateXPath('//p | //span | //p', d))).toEqual(all);
        expect(ids(evaluateXPath('//span[last()] | //p[1] | //span[1]', d))).toEqual(all.filter((id) => [spans[0], spans.at(-1), at('p')[0]].includes(id)));
        expect(evaluateXPath('count(//span | //span)', d)).toEqual({ kind: 'value', value: spans.length });
        for (const e of ['//span/@class | //span/@id', '//span/@id | //span/@class']) {
          const attrs = evaluateXPath(e, d);
          expect(attrs.kind === 'nodes' && attrs.attributes.map((a) => `${a.element.attribs.id}@${a.name}`)).toEqual(spans.flatMap((id) => [`${id}@id`, `${id}@class`]));
        }
      }),
      { numRuns: 60 },
    );
  });

  it('stops an expression whose cost grows with the square of the siblings, past a budget of steps', () => {
    const kinds = Array.from({ length: 3000 }, (_, i) => (i % 2 ? 's' : 'p'));
    const e = '//p[following-sibling::span]';
    expect(() => evaluateXPath(e, wide(kinds))).toThrow(/stopped after 1,000,000 steps through the page/);
    // The same expression on a page of ordinary size, and with a larger budget, is evaluated.
    expect(ids(evaluateXPath(e, wide(kinds.slice(0, 200))))).toHaveLength(100);
    expect(ids(evaluateXPath(e, wide(kinds), 10_000_000))).toHaveLength(1500);
  });
});

describe('the simple expressions read without the xpath package (xpath-simple.ts)', () => {
  const page = () => parseHtml(
    '<html><body><div class="entry-content wide" id="post-1"><p class="lead">A</p><p>B</p></div>' +
    '<DIV CLASS="Entry">C</DIV><section role="main" itemprop="articleBody"><div class="entry-content">D</div></section>' +
    '<script class="entry">s</script><span data-x="1">E</span><a rel="next" href="/2">next</a></body></html>',
  );
  const expressions = [
    '//div', '//*', '//DIV', "//div[contains(@class, 'entry-content')]", '//div[contains(@class,"entry")]',
    "//*[contains(@class, 'entry')]", "//*[contains(@id, '')]", "//*[contains(@data-x, '')]", "//*[@class='lead']",
    "//*[@CLASS = 'Entry']", "//section[@role='main'] | //p[@class='lead'] | //div[contains(@class, 'entry-content')]",
    "//a[@rel='next']", "//*[@itemprop='articleBody']", "//div[@id='nope']", "//p | //p", "//div[contains(@class, 'a|b')] | //p",
    "//div[@id='post-1']/p", '/html/body/div', "//section//div[contains(@class, 'entry')]", '//div//p | //body/*', '//*//*',
    "//a[@rel='next']/@href", '//*/@class', "//p[@class='lead']/@class | //div/@class", '//div/p/b', "//section[@role = 'main']//*",
  ];

  it.each(expressions)('%s selects what the package selects', (expression) => {
    const d = page();
    expect(selectSimple(expression, d)).not.toBeNull();
    expect(selectSimple(`(${expression})`, d)).toBeNull();
    // A parenthesized union is not simple: the package reads it, with the same meaning.
    const fast = evaluateXPath(expression, d);
    const slow = evaluateXPath(`(${expression})`, d);
    expect(fast).toEqual(slow);
  });

  it('leaves every other expression to the package', () => {
    const d = page();
    expect(evaluateXPath("//div[contains(@class, 'entry-content')][1]", d)).toMatchObject({ values: ['AB', 'D'] });
    expect(evaluateXPath("//div[@id='post-1']/p/text()", d)).toMatchObject({ values: ['A', 'B'] });
    expect(selectSimple("//p/@class | //div", d)).toBeNull();
    expect(evaluateXPath("count(//p[contains(@class, 'lead')])", d)).toEqual({ kind: 'value', value: 1 });
  });
});
