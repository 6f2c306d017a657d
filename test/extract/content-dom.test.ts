/**
 * content-dom.ts: the text helpers the cleaner reads blocks with.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseHtml } from '../../src/html/parse.ts';
import { cleanLength, cleanText, inRunningText, namedByItsHeading, readNodes, withinSentence } from '../../src/extract/content-dom.ts';
import { nodesToText } from '../../src/html/to-text.ts';
import { batchedEdits, detach } from '../../src/extract/content-remove.ts';
import type { Element } from 'domhandler';

describe('cleanLength', () => {
  it('is the length of cleanText, across elements, scripts and every kind of whitespace', () => {
    const doc = parseHtml('<div> \u00a0A  <b>b\u2003</b>\n<script> x </script><!-- c --> \u3000<i>\ufeffc</i>\u200b </div>');
    const div = doc.children[0];
    expect(cleanText(div)).toBe('A b x c\u200b');
    expect(cleanLength(div)).toBe(cleanText(div).length);
    expect(cleanLength(parseHtml('<p> \n\t</p>').children[0])).toBe(0);
  });

  it('parts the words a line break parts, and counts that space', () => {
    const p = parseHtml("<p><strong>Don't miss</strong><br><a href='/a'>Tram fares rise</a><br/>  <br>Lane</p>").children[0];
    expect(cleanText(p)).toBe("Don't miss Tram fares rise Lane");
    expect(cleanLength(p)).toBe(cleanText(p).length);
    expect(cleanText(parseHtml('<p><br>One</p>').children[0])).toBe('One');
  });

  it('agrees with cleanText on random markup', () => {
    const piece = fc.constantFrom('<p>', '</p>', '<b>', '</b>', ' ', '  ', '\n', '\t', '\u00a0', '\u2028', '\u3000', '\ufeff', '\u200b', 'a', 'bc', '😀', '<!-- x -->', '<br>');
    fc.assert(
      fc.property(fc.array(fc.oneof(piece, fc.string({ maxLength: 4 })), { maxLength: 30 }), (parts) => {
        const doc = parseHtml(`<div>${parts.join('')}</div>`);
        expect(cleanLength(doc)).toBe(cleanText(doc).length);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('readNodes: what a screen reader reads', () => {
  const read = (html: string) => {
    const el = parseHtml(html).children[0] as Element;
    return { nodes: readNodes(el), text: nodesToText(readNodes(el)).trim(), el };
  };
  it('leaves out hidden subtrees that hold words, at any depth', () => {
    const r = read('<h1><em><span aria-hidden="true">Big</span><span aria-hidden="true">News</span></em><span class="sr-only">Big news</span></h1>');
    expect(r.text).toBe('Big news');
  });
  it('keeps hidden punctuation and icons, and is the element itself when nothing with words is hidden', () => {
    const dot = read('<h1>One<span aria-hidden="true"> · </span>Two</h1>');
    expect(dot.nodes.length === 1 && dot.nodes[0] === dot.el).toBe(true);
    expect(dot.text).toBe('One · Two');
    const plain = read('<h1>One <b>two</b></h1>');
    expect(plain.nodes.length === 1 && plain.nodes[0] === plain.el).toBe(true);
  });
});

describe('inRunningText, withinSentence: the text beside an element', () => {
  // Blank text nodes line up only where the cleaner removed the elements between them: words
  // past a few removed elements are still beside this one, past dozens they are not (and looking
  // back past 20,000 removed ones for each of them took seconds).
  const row = (removed: number) => {
    const doc = parseHtml(`<p>follow us on ${'<b>x</b> '.repeat(removed)}<a href="/t">Twitter</a> today</p>`);
    const p = doc.children[0] as Element;
    const bs = p.children.filter((c): c is Element => c.type === 'tag' && c.name === 'b');
    batchedEdits(() => bs.forEach(detach));
    return p.children.find((c): c is Element => c.type === 'tag' && c.name === 'a')!;
  };

  it('looks past the blank text that removed elements leave, up to 64 of them', () => {
    expect(withinSentence(row(0))).toBe(true);
    expect(withinSentence(row(64))).toBe(true);
    expect(withinSentence(row(65))).toBe(false);
    // The words after it still put it in running text.
    expect(inRunningText(row(20000))).toBe(true);
  });
});

describe('namedByItsHeading: a section whose heading links to its id', () => {
  const first = (html: string) => parseHtml(html).children[0] as Element;
  it('is true where the heading (first, or first in a wrapper) holds a permalink to the id', () => {
    expect(namedByItsHeading(first('<section id="comments-and-replies"><h2>Comments and replies<a href="#comments-and-replies">¶</a></h2><p>x</p></section>'))).toBe(true);
    expect(namedByItsHeading(first('<div id="sharing"><div class="title"><h3><a href="#sharing">#</a> Sharing</h3></div><p>x</p></div>'))).toBe(true);
  });
  it('is false without the link, with a link elsewhere, or without an id', () => {
    expect(namedByItsHeading(first('<section id="comments"><h2>Comments</h2><p>x</p></section>'))).toBe(false);
    expect(namedByItsHeading(first('<section id="comments"><h2>Comments<a href="#reply">Reply</a></h2></section>'))).toBe(false);
    expect(namedByItsHeading(first('<section id="comments"><p>Intro</p><h2>Comments<a href="#comments">¶</a></h2></section>'))).toBe(false);
    expect(namedByItsHeading(first('<section><h2>Comments<a href="#comments">¶</a></h2></section>'))).toBe(false);
  });
});
