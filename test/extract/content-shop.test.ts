/**
 * A product page whose JSON-LD says so although its `og:type` says "article" (jsonld.ts
 * `notArticle`), or a page an SEO plugin describes as a plain WebPage: read as a page that is not
 * an article (content-parts.ts pageMain).
 */
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/extract/index.ts';

const ABOUT = [
  'The Summit kettle boils a litre of water in under four minutes on any gas hob, induction plate or open fire, and its wide, flat base keeps it steady on an uneven camp stove.',
  'Its body is pressed from a single sheet of stainless steel, so there are no seams to rust or leak, and the folding handle stays cool enough to hold while you pour.',
  'The lid, hinged and vented, sits snugly, rattles neither in the pack nor on the flame, and lifts with a gloved thumb, so tea, coffee or soup are ready before the wind picks up again.',
];
const FEATURES = [
  ['Fast', 'A litre of water boils in under four minutes on gas, induction or fire.'],
  ['Steady', 'The wide, flat base sits firmly on any camp stove, even on a slope.'],
  ['Tough', 'One pressed sheet of steel: no seams that could rust, crack or leak.'],
  ['Light', 'At 390 grams it packs into a daypack beside the stove and the mugs.'],
  ['Cool', 'The folding handle stays cool enough to hold while the water pours.'],
  ['Quiet', 'A snug, vented lid that rattles neither in the pack nor on the flame.'],
];

const productPage = (ld: string): string => `<!doctype html><html lang="en"><head><title>Summit kettle</title>
  <meta property="og:type" content="article">
  <script type="application/ld+json">${ld}</script></head><body>
  <header><nav><a href="/">Shop</a> <a href="/camp">Camp</a> <a href="/kitchen">Kitchen</a></nav></header>
  <main>
    <div class="block hero"><h1>Summit kettle</h1><div class="price">€49</div></div>
    <div class="block about"><div class="container"><div class="row"><div class="col">
      <h2>About the kettle</h2>${ABOUT.map((p) => `<p>${p}</p>`).join('')}
    </div><div class="col"><img src="/img/summit.jpg" alt="The kettle"></div></div></div></div>
    <div class="block features"><div class="container"><h2>Why you will like it</h2><div class="grid">
      ${FEATURES.map(([h, t]) => `<div class="card"><div class="card-body"><h3>${h}</h3><div class="text">${t}</div></div></div>`).join('')}
    </div></div></div>
  </main>
  <footer><p>© 2025 Summit Outdoor. All rights reserved.</p></footer>
</body></html>`;

describe('extractArticle: a product page whose og:type says "article"', () => {
  const product = JSON.stringify({ '@context': 'https://schema.org', '@type': 'Product', name: 'Summit kettle', offers: { '@type': 'Offer', price: '49.00' } });

  it('reads the page as a product when its JSON-LD names a product and no article', () => {
    const t = extractArticle(productPage(product), 'https://shop.example/summit-kettle').text;
    for (const s of [...ABOUT, ...FEATURES.map(([, f]) => f)]) expect(t).toContain(s);
    expect(t).not.toContain('All rights reserved');
  });

  // Yoast's graph: the site, the page, its breadcrumbs; a post gets an Article piece besides.
  const graph = (...extra: object[]) =>
    JSON.stringify({
      '@context': 'https://schema.org',
      '@graph': [{ '@type': 'WebSite', name: 'Summit Outdoor' }, { '@type': 'WebPage', name: 'Summit kettle' }, { '@type': 'BreadcrumbList', itemListElement: [] }, ...extra],
    });

  it('reads a page its JSON-LD calls a plain WebPage, with no article, as a page', () => {
    const t = extractArticle(productPage(graph()), 'https://shop.example/summit-kettle').text;
    for (const s of [...ABOUT, ...FEATURES.map(([, f]) => f)]) expect(t).toContain(s);
    expect(t).not.toContain('All rights reserved');
  });

  it('leaves a post (a WebPage with an Article piece) to its best block', () => {
    const t = extractArticle(productPage(graph({ '@type': 'BlogPosting', headline: 'Summit kettle' })), 'https://blog.example/summit-kettle').text;
    for (const s of ABOUT) expect(t).toContain(s);
    expect(t).not.toContain(FEATURES[0][1]);
  });

  it('leaves a review (an Article about a Product) to its best block', () => {
    const review = JSON.stringify({ '@context': 'https://schema.org', '@graph': [{ '@type': 'Article', headline: 'Summit kettle review' }, { '@type': 'Product', name: 'Summit kettle' }] });
    const t = extractArticle(productPage(review), 'https://blog.example/summit-kettle-review').text;
    for (const s of ABOUT) expect(t).toContain(s);
    expect(t).not.toContain(FEATURES[0][1]);
  });
});

// Customers' reviews under a product: each a few sentences by a named buyer, about as long as the
// product's own description, so that they would otherwise come along with it.
const REVIEWS = [
  ['Marta K.', 'We took the kettle on a week of hut-to-hut hiking and it boiled water for six of us every morning without a complaint, even at altitude in the wind.'],
  ['Jonas', 'Sturdy and light. The handle really does stay cool, and after a year of weekly use there is not a spot of rust on the seams, because there are none.'],
  ['Ana P.', 'The lid fits so well that nothing rattles in my pack any more. It is a little pricey, but it is the last camping kettle I expect to buy in my life.'],
];
const reviewsBlock = (attrs: string) => `<section ${attrs}><h2>Customer reviews</h2>
  ${REVIEWS.map(([who, text]) => `<div class="review"><div class="review-author">${who}</div><div class="review-stars">★★★★★</div><p>${text}</p></div>`).join('')}
</section>`;

const shopPage = (head: string, attrs = 'id="reviews" class="product-reviews"', mainAttrs = '') => `<!doctype html><html lang="en"><head><title>Summit kettle</title>${head}</head><body>
  <main${mainAttrs}>
    <div class="product-detail"><h1>Summit kettle</h1><div class="price">€49</div>
      <div class="description">${ABOUT.map((p) => `<p>${p}</p>`).join('')}</div>
      ${reviewsBlock(attrs)}
    </div>
  </main>
</body></html>`;

describe("extractArticle: a shop's customer reviews", () => {
  const ld = (o: object) => `<script type="application/ld+json">${JSON.stringify({ '@context': 'https://schema.org', ...o })}</script>`;
  const text = (html: string) => extractArticle(html, 'https://shop.example/summit-kettle').text;
  const reviewsKept = (t: string) => REVIEWS.filter(([, r]) => t.includes(r)).length;

  it('leaves out blocks named for reviews on a page that says it shows a product', () => {
    for (const page of [
      shopPage(ld({ '@type': 'Product', name: 'Summit kettle' })),
      shopPage('<meta property="og:type" content="product">'),
      shopPage('', undefined, ' itemscope itemtype="https://schema.org/Product"'),
      shopPage(ld({ '@type': 'Product', name: 'Summit kettle' }), 'class="js-reviews fx-section"'),
    ]) {
      const t = text(page);
      for (const p of ABOUT) expect(t).toContain(p);
      expect(reviewsKept(t)).toBe(0);
    }
  });

  it('keeps them on other pages: an article (a review of the product too), a page that names no product', () => {
    const article = { '@type': 'Article', headline: 'Summit kettle: a year on the trail' };
    for (const page of [
      shopPage(ld({ '@graph': [article, { '@type': 'Product', name: 'Summit kettle' }] })),
      shopPage(ld(article), undefined, ' itemscope itemtype="https://schema.org/Product"'),
      shopPage(''),
    ]) {
      expect(reviewsKept(text(page))).toBe(REVIEWS.length);
    }
  });

  it('does not read a post\'s taxonomy class ("tag-reviews") as a block of reviews', () => {
    const t = text(shopPage(ld({ '@type': 'Product', name: 'Summit kettle' }), 'class="post tag-reviews category-reviews"'));
    expect(reviewsKept(t)).toBe(REVIEWS.length);
  });
});
