import { describe, expect, it } from 'vitest';
import { parseHtml } from '../../src/html/parse.ts';
import { evaluateXPath } from '../../src/html/xpath.ts';

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
    expect(evaluateXPath('//meta[@property="og:title"]/@content', d)).toEqual({ kind: 'nodes', nodes: [], values: ['Meta title'] });
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

  it('throws on an expression it cannot parse', () => {
    expect(() => evaluateXPath('//div[', doc())).toThrow();
  });
});
