/**
 * Pages that are not articles (a product's, a service's page): the chosen block is one section of
 * the page's `<main>`, whose other sections are its text too (content-parts.ts pageMain).
 */
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/extract/index.ts';

/** An article says when it was published (a page with og:type "article" and no date is read as a page). */
const DATED = '<meta property="article:published_time" content="2024-05-02T10:00:00Z">';

const DESCRIPTION = [
  'The Ridge 3 is built for long days on rough ground, with a wide, stable base, a rock plate under the forefoot, and a cushioned, springy midsole that keeps its bounce after hundreds of kilometres.',
  'Its upper, woven from recycled yarn, drains quickly, dries fast, and holds the foot firmly on steep, muddy or rocky descents, while the padded collar and tongue keep grit, sand and small stones out.',
];
const FEATURES = [
  ['Grip', 'Deep lugs bite into mud and loose rock.'],
  ['Drainage', 'Water runs out through the mesh in seconds.'],
  ['Protection', 'A toe cap guards against roots and stones.'],
  ['Weight', 'At 280 grams, the shoe stays light on climbs.'],
];
const SPECS = ['Drop: 6 mm', 'Weight: 280 g', 'Lug depth: 5 mm'];

const page = (ogType: string, entryTitle = ''): string => `<!doctype html><html lang="en"><head><title>Ridge 3 trail shoe</title>
  <meta property="og:type" content="${ogType}">${ogType === 'article' ? DATED : ''}</head><body>
  <header><nav><a href="/">Shop</a> <a href="/men">Men</a> <a href="/women">Women</a></nav></header>
  <main>
    <div class="block hero"><h1>Ridge 3 trail shoe</h1><div class="price">€139</div></div>
    ${entryTitle}<div class="block about"><div class="container"><div class="row"><div class="col">
      <h2>About the shoe</h2>${DESCRIPTION.map((d) => `<p>${d}</p>`).join('')}
    </div><div class="col"><img src="/img/ridge-3-side.jpg" alt="The shoe from the side"></div></div></div></div>
    <div class="block features"><div class="container"><h2>Features</h2><div class="grid">
      ${FEATURES.map(([h, t]) => `<div class="card"><div class="card-body"><h3>${h}</h3><div class="text">${t}</div></div></div>`).join('')}
    </div></div></div>
    <div class="block specs"><div class="container"><h2>Specifications</h2><ul>${SPECS.map((s) => `<li>${s}</li>`).join('')}</ul></div></div>
  </main>
  <footer><p>© 2025 Ridge Outdoor. All rights reserved.</p></footer>
</body></html>`;

describe('extractArticle: a page that is not an article', () => {
  it("keeps every section of the page's <main>, not only the best one", () => {
    const t = extractArticle(page('product'), 'https://shop.example/ridge-3').text;
    for (const s of [...DESCRIPTION, ...FEATURES.map(([, f]) => f), ...SPECS]) expect(t).toContain(s);
    expect(t).not.toContain('All rights reserved');
  });

  it('takes the body, its chrome pruned, on a page without <main>', () => {
    const html = page('product').replace('<main>', '').replace('</main>', '');
    const t = extractArticle(html, 'https://shop.example/ridge-3').text;
    for (const s of [...DESCRIPTION, ...FEATURES.map(([, f]) => f), ...SPECS]) expect(t).toContain(s);
    expect(t).not.toContain('All rights reserved');
    expect(t).not.toContain('Women');
  });

  it('leaves an entry under a linked title (a listing of posts) to itself', () => {
    const t = extractArticle(page('website', '<h2><a href="/journal/ridge-3-review">Ridge 3: our review</a></h2>'), 'https://shop.example/journal').text;
    for (const s of DESCRIPTION) expect(t).toContain(s);
    expect(t).not.toContain(FEATURES[0][1]);
  });

  it('reads a page whose og:type says "article" but that gives no date of publication (an SEO plugin\'s default) as a page', () => {
    // Such plugins write og:type "article" and the date the page was last modified on every page.
    const html = page('article').replace(DATED, '<meta property="article:modified_time" content="2024-05-02T10:00:00Z">');
    const t = extractArticle(html, 'https://shop.example/ridge-3').text;
    for (const s of [...DESCRIPTION, ...FEATURES.map(([, f]) => f), ...SPECS]) expect(t).toContain(s);
    expect(t).not.toContain('All rights reserved');
  });

  it('leaves an article to its best block', () => {
    const t = extractArticle(page('article'), 'https://shop.example/ridge-3').text;
    for (const s of DESCRIPTION) expect(t).toContain(s);
    expect(t).not.toContain(FEATURES[0][1]);
  });
});

describe('extractArticle: links in the text of a page that is not an article', () => {
  const INTRO = [
    'The path module offers classes for file system paths, with semantics suited to the operating system the program runs on, and it can be used without touching the disk at all.',
    'Pure paths provide purely computational operations, while concrete paths inherit from them and also provide methods that do input and output, such as reading, writing and listing.',
    'Most programs want a concrete path, which is what the main class gives on every platform, so that is usually the one to import, and the others only matter in special cases.',
  ];
  const NOTE = 'Changed in version 3.12: the pattern parameter accepts a path-like object, and the match is case-sensitive on every platform.';
  const RELATED = ['glob()', 'rglob()', 'walk()', 'iterdir()'];
  const docs = (ogType: string): string => `<!doctype html><html lang="en"><head><title>Paths</title>
    <meta property="og:type" content="${ogType}">${ogType === 'article' ? DATED : ''}</head><body>
    <main><div class="body">
      <h1>Paths</h1>${INTRO.map((p) => `<p>${p}</p>`).join('')}
      <div class="versionchanged">${NOTE.replace('pattern parameter', '<a href="#pattern">pattern parameter</a>').replace('path-like object', '<a href="/glossary#path-like">path-like object</a>')}</div>
      <p>These methods list what a directory holds:</p>
      <ul class="methods">${RELATED.map((r) => `<li><a href="#${r.slice(0, -2)}">${r}</a></li>`).join('')}</ul>
    </div></main>
  </body></html>`;

  it('keeps a note with inline links and a list of linked names', () => {
    const t = extractArticle(docs('website'), 'https://docs.example/paths').text;
    for (const s of [...INTRO, NOTE, ...RELATED]) expect(t).toContain(s);
  });

  it("applies an article's link limits to an article", () => {
    const t = extractArticle(docs('article'), 'https://docs.example/paths').text;
    for (const s of INTRO) expect(t).toContain(s);
    expect(t).not.toContain(NOTE);
    expect(t).not.toContain(RELATED[2]);
  });
});

describe('extractArticle: cards on a page that is not an article', () => {
  const INTRO = [
    'Our team plans, builds and runs data platforms for companies that have outgrown their spreadsheets, from the first workshop to the dashboards people open every morning.',
    'We work in small, senior teams, agree on a fixed scope before we start, and hand over every pipeline with its documentation, its tests and a runbook your own staff can follow.',
  ];
  // Each card is one link around a title and its summary, as on most service and product pages.
  const CARDS = [
    ['Data engineering', 'Pipelines that load, clean and join your sources every hour, with alerts when a source changes its shape.'],
    ['Analytics', 'Dashboards and reports built on one set of definitions, so that every team counts customers the same way.'],
    ['Machine learning', 'Forecasts and scoring models trained on your own history, monitored in production and retrained on schedule.'],
  ];
  const APPROACH = [
    'Every project starts with two weeks of interviews and a map of your sources, so that the estimate we give you rests on what your systems really hold rather than on guesses.',
    'After the launch we stay on call for three months, fix what breaks at no charge, and meet your team every fortnight until it runs the platform on its own.',
  ];
  const TITLES = ['Case study: a retailer', 'Case study: a hospital', 'Case study: a city council'];
  const service = (ogType: string): string => `<!doctype html><html lang="en"><head><title>Data services</title>
    <meta property="og:type" content="${ogType}">${ogType === 'article' ? DATED : ''}</head><body>
    <main>
      <div class="intro"><h1>Data services</h1>${INTRO.map((p) => `<p>${p}</p>`).join('')}</div>
      <div class="services">${CARDS.map(([h, t]) => `<a class="tile" href="/services/${h.toLowerCase().replace(/ /g, '-')}"><h3>${h}</h3><div class="summary">${t}</div></a>`).join('')}</div>
      <div class="approach"><h2>How we work</h2>${APPROACH.map((p) => `<p>${p}</p>`).join('')}</div>
      <div class="stories">${TITLES.map((h, i) => `<a class="tile" href="/stories/${i}"><h3>${h}</h3></a>`).join('')}</div>
    </main>
  </body></html>`;

  it("keeps a grid of cards, each a link around a title and its summary", () => {
    const t = extractArticle(service('website'), 'https://agency.example/data').text;
    for (const s of [...INTRO, ...CARDS.map(([, c]) => c)]) expect(t).toContain(s);
  });

  it('still drops a row of linked titles, and cards on an article', () => {
    expect(extractArticle(service('website'), 'https://agency.example/data').text).not.toContain(TITLES[1]);
    const t = extractArticle(service('article'), 'https://agency.example/data').text;
    for (const s of INTRO) expect(t).toContain(s);
    expect(t).not.toContain(CARDS[1][1]);
  });
});

describe('extractArticle: layout classes named "hidden"', () => {
  const INTRO = [
    'The Jimmy is a thin, flexible steel blade set in an ergonomic handle, made for prying open phones, tablets and laptops whose cases are held shut by clips or adhesive.',
    'Its tip is sharp enough to slide into the narrowest seam and flexible enough to bend without scratching the glass, and the handle keeps your grip steady while you work.',
  ];
  const ANSWERS = [
    'Yes: slide the blade under the edge of the screen after warming the adhesive, then work it around the seam slowly, never pushing it deeper than a few millimetres.',
    'No. The blade is spring steel and does not conduct a charge across the battery, but disconnect the battery first anyway, as every repair guide recommends.',
  ];
  const page = (clip: string): string => `<!doctype html><html lang="en"><head><title>Jimmy</title><meta property="og:type" content="product"></head><body>
    <main><div class="product"><h1>Jimmy</h1>${INTRO.map((p) => `<p>${p}</p>`).join('')}
      <h2>Questions</h2>
      ${ANSWERS.map((a, i) => `<div class="question"><h3>Question ${i + 1}</h3><div class="${clip}"><p>${a}</p></div></div>`).join('')}
      <div class="promo is-hidden"><p>Spend over 50 euros today and get free shipping on the whole order.</p></div>
    </div></main>
  </body></html>`;

  // Tailwind's, with a breakpoint prefix, and atomic CSS written with "_" (Panda) under a design system's prefix.
  it.each(['overflow-hidden transition-all duration-300', 'md:overflow-x-hidden', 'ds-box ds-overflow_hidden'])('keeps blocks whose only chrome-like name is a clipping utility ("%s")', (clip) => {
    const t = extractArticle(page(clip), 'https://shop.example/jimmy').text;
    for (const s of [...INTRO, ...ANSWERS]) expect(t).toContain(s);
    expect(t).not.toContain('free shipping');
  });
});
