/**
 * Pages React streams from the server: the content arrives after the shell in hidden segments that
 * inline scripts move into place (content-streamed.ts).
 */
import { describe, expect, it } from 'vitest';
import { parseHtml } from '../../src/html/parse.ts';
import { cleanText } from '../../src/extract/content-dom.ts';
import { revealStreamedSegments } from '../../src/extract/content-streamed.ts';
import { extractArticle } from '../../src/extract/index.ts';

const DESCRIPTION = [
  'The frame lifts from 60 to 125 centimetres in under twenty seconds, quietly enough for a shared office.',
  'Its two motors carry up to 160 kilograms, so a pair of monitors, a laptop and a printer are no trouble at all.',
  'A keypad remembers four heights, and the desk stops by itself when it meets an obstacle on the way down.',
  'Assembly takes about half an hour with the tools in the box, and every part is covered by a fifteen-year warranty.',
];
const SPECS = ['Height range: 60–125 cm', 'Lifting capacity: 160 kg', 'Desktop depth: 61 cm'];

// A product page as Next.js streams it: the shell holds loading fallbacks; the description (a
// completed Suspense boundary) and the specification list (a segment put in a placeholder's place)
// follow in hidden divs, each with the runtime's call. `saved`: the copy an archive or a cache
// keeps, without scripts or comments.
const page = ({ saved = false } = {}): string => {
  const html = `<!doctype html><html lang="en"><head><title>Compact standing desk</title></head><body>
  <header><a href="/">Desks</a> <a href="/cart">Cart</a></header>
  <main>
    <h1>Compact standing desk</h1>
    <!--$?--><template id="B:0"></template><div class="skeleton">Loading…</div><!--/$-->
    <h2>Specifications</h2>
    <template id="P:1"></template>
  </main>
  <footer><p>© 2025 Desks Inc. All rights reserved.</p></footer>
  <div hidden id="S:0"><section class="description">${DESCRIPTION.map((s) => `<p>${s}</p>`).join('')}</section></div>
  <script>$RC=function(b,c,e){};$RC("B:0","S:0")</script>
  <div hidden id="S:1"><ul class="specs">${SPECS.map((s) => `<li>${s}</li>`).join('')}</ul></div>
  <script>$RS=function(a,b){};$RS("S:1","P:1")</script>
</body></html>`;
  return saved ? html.replace(/<script>.*?<\/script>|<!--.*?-->/g, '') : html;
};

describe('revealStreamedSegments', () => {
  it('puts each segment where its call says, in place of the fallback or placeholder', () => {
    const doc = parseHtml(page());
    expect(revealStreamedSegments(doc)).toBe(2);
    const text = cleanText(doc);
    expect(text).not.toContain('Loading…');
    expect(text.indexOf(DESCRIPTION[0])).toBeGreaterThan(text.indexOf('Compact standing desk'));
    expect(text.indexOf(DESCRIPTION[3])).toBeLessThan(text.indexOf('Specifications'));
    expect(text.indexOf(SPECS[0])).toBeGreaterThan(text.indexOf('Specifications'));
    expect(text.indexOf(SPECS[2])).toBeLessThan(text.indexOf('All rights reserved'));
  });

  it('moves a segment no call names by its number, in a copy saved without scripts and comments', () => {
    const doc = parseHtml(page({ saved: true }));
    expect(revealStreamedSegments(doc)).toBe(2);
    const text = cleanText(doc);
    expect(text.indexOf(DESCRIPTION[0])).toBeGreaterThan(text.indexOf('Compact standing desk'));
    expect(text.indexOf(DESCRIPTION[3])).toBeLessThan(text.indexOf('Specifications'));
    expect(text.indexOf(SPECS[2])).toBeLessThan(text.indexOf('All rights reserved'));
  });

  it('moves nothing without a boundary or placeholder of its number', () => {
    const html = page({ saved: true }).replace('id="B:0"', 'id="B:7"').replace('id="P:1"', 'id="P:8"');
    expect(revealStreamedSegments(parseHtml(html))).toBe(0);
  });
});

describe('extractArticle: a streamed page', () => {
  it('reads the streamed description and specifications', () => {
    for (const saved of [false, true]) {
      const t = extractArticle(page({ saved }), 'https://desks.example/products/compact').text;
      for (const s of [...DESCRIPTION, ...SPECS]) expect(t).toContain(s);
      expect(t).not.toContain('All rights reserved');
      if (!saved) expect(t).not.toContain('Loading…');
    }
  });
});
