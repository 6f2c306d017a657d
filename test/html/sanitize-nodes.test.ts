import { describe, expect, it } from 'vitest';
import { parseHtml } from '../../src/html/parse.ts';
import { sanitizeContent } from '../../src/html/sanitize.ts';
import { sanitizeNodes, sanitizerInput } from '../../src/html/sanitize-nodes.ts';
import { serializeHtml } from '../../src/html/serialize.ts';

describe('sanitizeNodes: parsed nodes in, the same output with less to parse', () => {
  const PAGE =
    '<div class="post-body" style="color:red" data-id="7" id="main"><h2 class="title" data-x="1">Heading</h2>' +
    '<p class="lead" onclick="x()">Text &amp; more, with <a class="link" href="/next" title="Next" rel="nofollow" data-track="1">a link</a>.</p>' +
    '<figure class="wp-block"><img class="lazy" data-src="/pic.jpg" width="600" alt="A picture" loading="lazy"><figcaption class="c">Caption</figcaption></figure>' +
    '<picture><source data-srcset="/big.webp 2x" type="image/webp"><img alt="p"></picture>' +
    '<pre class="language-js wp-code"><code class="lang-ts extra">x &lt; y</code></pre>' +
    '<table class="t"><tr data-row="1"><td colspan="2" class="cell" style="x">cell</td></tr></table>' +
    '<ol start="3" class="list" reversed><li value="4" class="i">item</li></ol>' +
    '<p constructor="a" __proto__="b" toString="c">odd names</p><constructor class="x">odd tag</constructor>' +
    '<time datetime="2024-01-02" class="d">Jan 2</time><script type="x" src="s.js">bad()</script></div>';

  it('gives what sanitizeContent gives on the serialized nodes', () => {
    const nodes = parseHtml(PAGE).children;
    expect(sanitizeNodes(nodes, 'https://example.com/a/')).toBe(sanitizeContent(serializeHtml(nodes), 'https://example.com/a/'));
  });

  it('leaves out the attributes the sanitizer drops, keeps those its transforms read, restores the nodes', () => {
    const nodes = parseHtml(PAGE).children;
    const before = serializeHtml(nodes);
    const input = sanitizerInput(nodes);
    expect(serializeHtml(nodes)).toBe(before);
    expect(input).not.toMatch(/style=|data-id|data-x|onclick|class="post-body"|class="lead"|class="cell"|data-row|toString|__proto__/);
    expect(input).toContain('<img class="lazy" data-src="/pic.jpg" width="600" alt="A picture" loading="lazy">');
    expect(input).toContain('<source data-srcset="/big.webp 2x" type="image/webp">');
    expect(input).toContain('<a class="link" href="/next" title="Next" rel="nofollow" data-track="1">');
    expect(input).toContain('<td colspan="2">');
    expect(input).toContain('<ol start="3" reversed>');
    expect(input).toContain('<time datetime="2024-01-02">');
    expect(input.length).toBeLessThan(before.length - 150);
  });
});
