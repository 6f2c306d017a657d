import { describe, expect, it } from 'vitest';
import { largestFromSrcset, parseSrcset } from '../../src/html/images.ts';
import { sanitizeContent } from '../../src/html/sanitize.ts';
import { htmlToText } from '../../src/html/to-text.ts';

const BASE = 'https://news.example/world/2024/story.html';
const clean = (html: string) => sanitizeContent(html, BASE);

describe('sanitizeContent: XSS vectors', () => {
  it('drops script, style and their content', () => {
    const out = clean('<p>Hi</p><script>alert(1)</script><style>p{color:red}</style><noscript>no</noscript>');
    expect(out).toBe('<p>Hi</p>');
  });

  it('drops event handlers and style attributes', () => {
    const out = clean('<p onclick="steal()" style="color:red" onmouseover="x()">Text <img src="/a.jpg" onerror="alert(1)"></p>');
    expect(out).not.toMatch(/onclick|onerror|onmouseover|style=/);
    expect(out).toContain('<img src="https://news.example/a.jpg" />');
  });

  it('removes javascript: and data: URLs but keeps the link text', () => {
    const out = clean('<p><a href="javascript:alert(1)">one</a> <a href=" JaVaScRiPt:alert(1)">two</a> <img src="data:image/png;base64,AAAA"></p>');
    expect(out).toMatch(/^<p>one two\s*<\/p>$/);
  });

  it('keeps mailto links', () => {
    expect(clean('<p><a href="mailto:desk@news.example">mail us</a></p>')).toBe('<p><a href="mailto:desk@news.example">mail us</a></p>');
  });

  it('drops forms, inputs, buttons and embedded objects', () => {
    const out = clean('<form action="/x"><input name="q"><button>Go</button><textarea>t</textarea></form><object data="x.swf"></object><p>Body</p>');
    expect(out).toBe('<p>Body</p>');
  });

  it('escapes entity-encoded markup instead of reviving it', () => {
    const out = clean('<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>');
    expect(out).not.toContain('<script>');
    expect(out).toContain('&lt;script&gt;');
  });
});

describe('sanitizeContent: URLs', () => {
  it('makes links and images absolute against the base URL', () => {
    const out = clean('<p><a href="../other.html">rel</a> <a href="/root">root</a> <a href="#note">frag</a><img src="img/p.jpg" alt="p"></p>');
    expect(out).toContain('href="https://news.example/world/other.html"');
    expect(out).toContain('href="https://news.example/root"');
    expect(out).toContain('href="https://news.example/world/2024/story.html#note"');
    expect(out).toContain('src="https://news.example/world/2024/img/p.jpg"');
  });

  it('resolves protocol-relative URLs to the base scheme', () => {
    expect(clean('<p><img src="//cdn.example/x.png" alt=""></p>')).toContain('src="https://cdn.example/x.png"');
  });
});

describe('sanitizeContent: images', () => {
  it('makes lazy images real from data-src / data-lazy-src / data-original', () => {
    expect(clean('<img src="data:image/gif;base64,R0lGOD" data-src="/real.jpg">')).toBe('<img src="https://news.example/real.jpg" />');
    expect(clean('<img src="/img/placeholder.gif" data-lazy-src="/lazy.jpg">')).toBe('<img src="https://news.example/lazy.jpg" />');
    expect(clean('<img data-original="/orig.jpg">')).toBe('<img src="https://news.example/orig.jpg" />');
  });

  it('takes the largest srcset / data-srcset candidate when there is no real src', () => {
    expect(clean('<img data-srcset="/s.jpg 300w, /l.jpg 1200w, /m.jpg 600w">')).toBe('<img src="https://news.example/l.jpg" />');
    expect(clean('<img srcset="/a.jpg 1x, /b.jpg 2x">')).toBe('<img src="https://news.example/b.jpg" />');
  });

  it('turns <picture> into its image, using the best <source> when the img has no src', () => {
    const out = clean('<picture><source srcset="/p1.webp 500w, /p2.webp 1000w"><img alt="pic"></picture>');
    expect(out).toBe('<img src="https://news.example/p2.webp" alt="pic" />');
  });

  it('drops tracking pixels (width/height ≤ 2) and images without a usable src', () => {
    expect(clean('<p>Text<img src="https://t.example/p.gif" width="1" height="1"></p>')).toBe('<p>Text</p>');
    expect(clean('<p>Text<img src="/x.gif" height="2"></p>')).toBe('<p>Text</p>');
    expect(clean('<p>Text<img alt="nothing"></p>')).toBe('<p>Text</p>');
    expect(clean('<p>Text<img src="mailto:x@news.example" alt="m"></p>')).toBe('<p>Text</p>');
  });

  it('unwraps links without a usable href, nested in kept ones too, and keeps their text and images', () => {
    expect(clean('<p><a name="top">Top</a> <a href="javascript:go()"><img src="/a.png" alt="a"> go</a> <a href="/b">b</a></p>')).toBe(
      '<p>Top <img src="https://news.example/a.png" alt="a" /> go <a href="https://news.example/b">b</a></p>',
    );
    expect(clean('<p><a href="/x">x <a>y</a> z</a> <a>w</a></p>')).toBe('<p><a href="https://news.example/x">x y z</a> w</p>');
  });

  it('drops a thousand anchors and pixels in one pass, not one copy of the output each', () => {
    const html = `<div>${'<p><a id="n">Note</a> text of a paragraph <img src="/p.gif" width="1"> that goes on a while.</p>'.repeat(1000)}</div>`;
    const substring = String.prototype.substring;
    let copied = 0;
    String.prototype.substring = function (this: string, start: number, end?: number) {
      if (this.length > 10_000) copied += this.length;
      return substring.call(this, start, end);
    };
    let out: string;
    try {
      out = clean(html);
    } finally {
      String.prototype.substring = substring;
    }
    expect(out).toBe(`<div>${'<p>Note text of a paragraph  that goes on a while.</p>'.repeat(1000)}</div>`);
    // Cutting each tag out of the output so far read it whole each time: over 60 million characters.
    expect(copied).toBeLessThan(10 * html.length);
  });
});

describe('sanitizeContent: structure', () => {
  it('keeps article tags: headings, lists, quotes, figures, tables, code', () => {
    const html =
      '<h2>H</h2><ul><li>a</li></ul><ol start="3"><li>b</li></ol><blockquote>q</blockquote>' +
      '<figure><img src="/f.jpg" alt="f"><figcaption>cap</figcaption></figure>' +
      '<table><caption>c</caption><thead><tr><th>x</th></tr></thead><tbody><tr><td colspan="2">1</td></tr></tbody></table>' +
      '<pre><code class="language-js">let a = 1;</code></pre><p><em>e</em> <strong>s</strong> H<sub>2</sub>O <abbr title="t">ab</abbr> <time datetime="2024-01-01">Jan</time></p>';
    const out = clean(html);
    for (const tag of ['<h2>', '<ul>', '<ol start="3">', '<blockquote>', '<figure>', '<figcaption>', '<table>', '<caption>', '<thead>', '<th>', '<td colspan="2">', '<pre>', '<code class="language-js">', '<em>', '<strong>', '<sub>', '<abbr title="t">', '<time datetime="2024-01-01">']) {
      expect(out).toContain(tag);
    }
  });

  it('keeps only language hints among the classes of code and pre', () => {
    expect(clean('<pre class="wp-block lang-python"><code class="hljs language-js x">a</code></pre>')).toBe(
      '<pre class="lang-python"><code class="language-js">a</code></pre>',
    );
    expect(clean('<pre class="big"><code class="language-js&quot; onclick=&quot;x">a</code></pre>')).toBe('<pre><code>a</code></pre>');
    expect(clean('<p class="language-js">p</p>')).toBe('<p>p</p>');
  });

  it('resolves each call against its own base URL', () => {
    expect(sanitizeContent('<a href="x">a</a>', 'https://one.example/d/')).toBe('<a href="https://one.example/d/x">a</a>');
    expect(sanitizeContent('<a href="x">a</a>', 'https://two.example/')).toBe('<a href="https://two.example/x">a</a>');
  });

  it('turns players of known video hosts into links to the video page and drops other iframes', () => {
    // YouTube: a linked thumbnail, labelled with the iframe's title; the fallback content goes.
    expect(clean('<p>Watch:</p><iframe src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?start=42&rel=0" title="The &quot;launch&quot; <live>" width="560" allowfullscreen>Your browser <b>cannot</b> show frames</iframe>'))
      .toBe('<p>Watch:</p><a href="https://www.youtube.com/watch?v=dQw4w9WgXcQ&amp;t=42s"><img src="https://i.ytimg.com/vi/dQw4w9WgXcQ/hqdefault.jpg" alt="" /><br />The "launch" &lt;live&gt;</a>');
    // No predictable thumbnail: a plain link, labelled with its URL when the iframe has no title.
    expect(clean('<p><iframe src="//player.vimeo.com/video/76979871"></iframe></p>')).toBe('<p><a href="https://vimeo.com/76979871">https://vimeo.com/76979871</a></p>');
    expect(clean('<p>x</p><iframe src="https://evil.example/embed"></iframe>')).toBe('<p>x</p>');
    // Nested players become one link.
    expect(clean('<iframe src="https://player.vimeo.com/video/1"><iframe src="https://player.vimeo.com/video/2"></iframe>x</iframe>after'))
      .toBe('<a href="https://vimeo.com/1">https://vimeo.com/1</a>after');
    expect(clean('<iframe src="https://www.youtube.com/embed/abcdef"></iframe><iframe src="https://open.spotify.com/embed/track/4uLU6hMC"></iframe>'))
      .not.toMatch(/<iframe|<\/iframe/);
  });

  it('unwraps table parts that lost their table (content rooted at a table cell)', () => {
    expect(clean('<td class="main" colspan="2"><p>Cell text</p><table><tr><td>inner</td></tr></table></td><td>second</td>'))
      .toBe('<div><p>Cell text</p><table><tr><td>inner</td></tr></table></div><div>second</div>');
    expect(clean('<tr><th>Head</th><td>value</td></tr><caption>Cap</caption><col span="2">')).toBe('<div>Head</div><div>value</div><div>Cap</div>');
    expect(clean('<tbody><tr><td><p>a</p></td></tr></tbody>')).toBe('<div><p>a</p></div>');
    // Tables stay as they are.
    const table = '<table><caption>c</caption><tbody><tr><td colspan="2">1</td></tr></tbody></table>';
    expect(clean(table)).toBe(table);
  });

  it('keeps a block the allowlist leaves out as a div, so the words at its edges stay apart', () => {
    const html = '<div><a href="/u">12 hours ago</a><article class="post">Nothing new</article>here<aside>Side note</aside><address>1 Main St</address></div>';
    expect(clean(html)).toBe('<div><a href="https://news.example/u">12 hours ago</a><div>Nothing new</div>here<div>Side note</div><div>1 Main St</div></div>');
    expect(htmlToText(clean(html))).toBe('12 hours ago\nNothing new\nhere\nSide note\n1 Main St');
  });

  it('removes empty elements, nested ones too', () => {
    expect(clean('<p>kept</p><p> </p><div><p><span></span></p></div><p><br></p>')).toBe('<p>kept</p>');
  });

  it('removes elements holding only zero-width characters (Webflow\'s empty paragraph), and their lines from the text', () => {
    expect(clean('<p>kept</p><p>\u200d</p><section><p>\u200b\u2060</p></section><p>\u{1F469}\u200d\u{1F4BB}</p>')).toBe('<p>kept</p><p>\u{1F469}\u200d\u{1F4BB}</p>');
    expect(htmlToText('<p>One.</p><p>\u200d</p><p>\u200dTwo.</p><p>Three.\u200b</p>')).toBe('One.\n\nTwo.\n\nThree.');
  });

  it('leaves the line break an empty inline element held, between runs of text', () => {
    expect(clean('<p>One?<span><br>\n</span><b>Two.</b></p>')).toBe('<p>One?<br /><b>Two.</b></p>');
    expect(clean('<p>One<em><strong><br /></strong></em>two</p>')).toBe('<p>One<br />two</p>');
    expect(clean('<p>kept</p><div><span><br></span></div>')).toBe('<p>kept</p>');
  });

  it('leaves the whitespace an empty inline element held: a space between words, a code line\'s indent and end', () => {
    expect(clean('<p>the intellect<strong> </strong>ensorcells, a<span><span>&nbsp;</span></span>dog</p>')).toBe('<p>the intellect ensorcells, a\u00a0dog</p>');
    // Syntax highlighters (Chroma, Pygments) give whitespace spans of its own.
    const code = '<pre><code><span class="line"><span class="nt">services</span>:<span class="w">\n</span></span><span class="line"><span class="w">  </span><span class="nt">web</span>:<span class="w">\n</span></span></code></pre>';
    expect(clean(code)).toBe('<pre><code><span><span>services</span>:\n</span><span>  <span>web</span>:\n</span></code></pre>');
    expect(htmlToText(clean(code))).toBe('services:\n  web:');
  });
});

describe('srcset parsing', () => {
  it('parses URLs containing commas and picks the widest', () => {
    const c = parseSrcset('https://img.example/w_300,h_200/a.jpg 300w, https://img.example/w_900,h_600/a.jpg 900w');
    expect(c.map((x) => x.url)).toEqual(['https://img.example/w_300,h_200/a.jpg', 'https://img.example/w_900,h_600/a.jpg']);
    expect(largestFromSrcset('a.jpg 300w,b.jpg 600w')).toBe('b.jpg');
    expect(largestFromSrcset('')).toBeNull();
  });
});

describe('htmlToText', () => {
  it('puts blocks on their own lines and paragraphs apart, collapsing whitespace', () => {
    const text = htmlToText('<h2>Title</h2><p>One   two\n three</p><ul><li>a</li><li>b</li></ul><p>x<br>y</p>');
    expect(text).toBe('Title\n\nOne two three\n\na\nb\n\nx\ny');
  });

  it('puts table rows on lines, cells space-separated', () => {
    expect(htmlToText('<table><tr><th>A</th><th>B</th></tr><tr><td>1</td><td>2</td></tr></table>')).toBe('A B\n1 2');
  });

  it('leaves ruby annotations (readings over the words) out of the text, keeping them in the HTML', () => {
    const html = '<p><ruby>漢字<rp>(</rp><rt>かんじ</rt><rp>)</rp></ruby>を<ruby>読<rt>よ</rt></ruby>む</p>';
    expect(htmlToText(html)).toBe('漢字を読む');
    expect(sanitizeContent(html, 'https://news.example/a')).toContain('<rt>かんじ</rt>');
  });

  it('keeps a code block\'s line breaks and indents, and collapses whitespace beside it', () => {
    const html = '<p>Run   this:</p><pre>def f(x):\n    if x:\n\treturn  1</pre><p>Done.</p>';
    expect(htmlToText(html)).toBe('Run this:\n\ndef f(x):\n    if x:\n\treturn  1\n\nDone.');
  });

  it('decodes entities and leaves scripts out', () => {
    expect(htmlToText('<p>Fish &amp; chips&nbsp;today</p><script>x()</script>')).toBe('Fish & chips today');
  });

  it('can leave captions out', () => {
    const html = '<figure><img src="a.jpg"><figcaption>Caption</figcaption></figure><p>Body</p>';
    expect(htmlToText(html)).toBe('Caption\n\nBody');
    expect(htmlToText(html, { captions: false })).toBe('Body');
  });

  it("leaves a social embed's placeholder out with the captions (its text is the embed's chrome)", () => {
    const embed =
      '<blockquote class="instagram-media" data-instgrm-permalink="https://www.instagram.com/p/x/"><div><a href="https://www.instagram.com/p/x/">View this post on Instagram</a>' +
      '<p><a href="https://www.instagram.com/p/x/">A post shared by Patagonia (@patagonia)</a></p></div></blockquote>';
    const html = `<p>Before.</p>${embed}<blockquote><p>A quotation stays.</p></blockquote><p>After.</p>`;
    expect(htmlToText(html, { captions: false })).toBe('Before.\n\nA quotation stays.\n\nAfter.');
    expect(htmlToText(html)).toContain('A post shared by Patagonia (@patagonia)');
    // The article's HTML keeps the embed: the reader's link to the post.
    expect(clean(embed)).toContain('<a href="https://www.instagram.com/p/x/">A post shared by Patagonia (@patagonia)</a>');
  });
});
