/**
 * Pages that are not news articles, each on a small hand-written page: a question with its
 * answers, and a forum drawn by scripts whose readable page sits in a <noscript>.
 */
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/extract/index.ts';

/** An article says when it was published (a page with og:type "article" and no date is read as a page). */
const DATED = '<meta property="article:published_time" content="2024-05-02T10:00:00Z">';

const QUESTION =
  'My starter has smelled of acetone for three days now, although I feed it twice a day, keep it at about 24 degrees and use the same rye flour as always. It rises a little, then falls, and the top is covered in grey liquid by the evening. What am I doing wrong, and can it still be saved?';
const ANSWERS = [
  'That smell usually means it is hungry, not dead. Feed it at a higher ratio, say one part starter to five parts flour and water, and the smell should be gone in two days. Pour the grey liquid off before feeding, stir well, and keep an eye on how fast it doubles: that tells you more than the smell does. Cold kitchens slow the yeast down more than the bacteria, so the balance shifts, and the starter gets sharper and slower until it warms up again. A jar next to the oven, or in a switched-off oven with the light on, is usually warm enough. Give it a week of this, feeding at the same times each day, before you judge it. If it still smells sharp after that, start a fresh jar from a spoonful of the old one, with new flour, filtered water and a clean lid. Rye flour feeds it faster than white flour does, because it brings more of its own yeast, enzymes and minerals, so a little rye in each feed helps a tired starter back to strength.',
  'Same here last winter. A spoonful of wholemeal rye, a warmer spot in the kitchen, and after a week of regular feeding it was bubbly again, with a mild, sour smell.',
];

const sentences = (t: string): string[] => t.split(/(?<=\.) /);
/** A text as paragraphs, one a sentence. */
const paragraphs = (t: string): string => sentences(t).map((s) => `<p>${s}</p>`).join('');

describe('extractArticle: a question and its answers', () => {
  // The thread's title links to the page itself, as Q&A and forum software writes it; each post
  // is its author line and its text, the long answer scoring far above the others.
  const post = (user: string, body: string): string =>
    `<div class="topic-body"><div class="post-meta"><a href="/u/${user}">${user}</a> <span>May 3, 2024, 8:45am</span></div><div class="post">${body}</div></div>`;
  const html = `<!doctype html><html lang="en"><head><title>Starter smells of acetone</title></head><body>
    <header class="top-bar"><a href="/">Baking Q&amp;A</a> <a href="/questions">Questions</a></header>
    <div id="main-outlet">
      <div id="topic-title"><h1><a href="/t/starter-smells-of-acetone/42">Starter smells of acetone</a></h1></div>
      <div class="thread">${post('asker', `<p>${QUESTION}</p>`)}${ANSWERS.map((a, i) => post(`helper${i}`, paragraphs(a))).join('')}</div>
    </div>
    <footer class="site-footer"><p>Site design © 2024. Terms of service. Privacy policy.</p></footer>
  </body></html>`;

  it('keeps the question and every answer, not the best answer alone', () => {
    const t = extractArticle(html, 'https://qa.example/t/starter-smells-of-acetone/42').text;
    expect(t).toContain(QUESTION);
    for (const s of ANSWERS.flatMap(sentences)) expect(t).toContain(s);
    expect(t.indexOf(QUESTION)).toBeLessThan(t.indexOf(sentences(ANSWERS[0])[0]));
    expect(t).not.toMatch(/Terms of service/);
  });

  it('still leaves out the summaries of other posts under titles that link to them', () => {
    const other = (n: number) =>
      `<div class="card"><h3><a href="/t/other/${n}">Another question number ${n} about bread</a></h3><div class="post">A summary of another question about bread, number ${n}, long enough to be a paragraph of its own, with a few more words.</div></div>`;
    const t = extractArticle(html.replace('<footer', `<div class="related">${other(1)}${other(2)}</div><footer`), 'https://qa.example/t/starter-smells-of-acetone/42').text;
    expect(t).toContain(QUESTION);
    expect(t).not.toMatch(/Another question|summary of another/);
  });
});

describe('extractArticle: a page drawn by scripts, readable in <noscript>', () => {
  const posts = [QUESTION, ...ANSWERS];
  const html = (noscript: string) => `<!doctype html><html lang="en"><head><title>Starter smells of acetone</title>
    <noscript><link rel="stylesheet" href="/noscript.css"></noscript></head><body>
    <div id="app"><div class="loading">Loading…</div></div>
    <noscript><img src="/pixel.gif" alt=""></noscript>
    ${noscript}
  </body></html>`;
  const thread = `<noscript data-path="/t/starter-smells-of-acetone/42">
      <header><a href="/">Baking Forum</a></header>
      <div id="main-outlet" role="main"><h1><a href="/t/starter-smells-of-acetone/42">Starter smells of acetone</a></h1>
        ${posts.map((p, i) => `<div id="post_${i + 1}" class="topic-body crawler-post"><div class="crawler-post-meta"><span class="creator"><a href="/u/user${i}">user${i}</a></span></div><div class="post">${p}</div></div>`).join('')}
      </div>
      <footer><a href="/tos">Terms of Service</a> <a href="/privacy">Privacy</a></footer>
    </noscript>`;

  it('reads the thread inside the <noscript> when the rest of the page is an empty frame', () => {
    const t = extractArticle(html(thread), 'https://forum.example/t/starter-smells-of-acetone/42').text;
    for (const p of posts) expect(t).toContain(p);
    expect(t).not.toMatch(/Loading…|Terms of Service/);
  });

  it('still drops a <noscript> beside an article that has its own text', () => {
    const article = `<article><h1>Starters</h1>${posts.map((p) => `<p>${p}</p>`).join('')}</article>`;
    const fallback = `<noscript><div class="notice">${'Please turn on JavaScript to see the comments and the rest of this site, including the gallery and the video player. '.repeat(5)}</div></noscript>`;
    const t = extractArticle(html(article + fallback), 'https://blog.example/starters').text;
    for (const p of posts) expect(t).toContain(p);
    expect(t).not.toMatch(/Please turn on JavaScript/);
  });
});

describe('extractArticle: a page that says it is a thread', () => {
  // Forum software names the replies "comments" and heads them so; on an article's page such a
  // block is the readers' comments and stays out.
  const page = (head: string, itemtype = '') => `<!doctype html><html lang="en"><head><title>Starter smells of acetone</title>${head}</head><body${itemtype}>
    <header class="top-bar"><a href="/">Baking Forum</a> <a href="/latest">Latest</a></header>
    <main class="content">
      <div class="discussion-head"><h1>Starter smells of acetone</h1></div>
      <div class="item item-topic"><div class="message">${paragraphs(OPENING)}</div></div>
      <div class="comments-wrap"><div class="databox databox-comments"><h2>Comments</h2>
        <ul class="message-list comments">${REPLIES.map((a, i) => `<li class="item item-comment"><div class="comment"><a href="/u/user${i}">user${i}</a><div class="message">${paragraphs(a)}</div></div></li>`).join('')}</ul>
      </div></div>
    </main>
    <footer class="site-footer"><p>Forum software © 2024. Terms of service. Privacy policy.</p></footer>
  </body></html>`;
  const url = 'https://forum.example/discussion/42/starter-smells-of-acetone';
  const OPENING = ANSWERS[0];
  // Replies of a few paragraphs (a one-line remark named "comment" still goes with the cleanup).
  const REPLIES = [QUESTION, `${ANSWERS[1]} It took two weeks in all, and I fed it with rye each time.`];
  const jsonLd = '<script type="application/ld+json">{"@context":"https://schema.org","@type":"DiscussionForumPosting","headline":"Starter smells of acetone"}</script>';

  it('keeps the replies when the page declares a forum topic (JSON-LD) or a question (microdata)', () => {
    for (const html of [page(jsonLd), page('', ' itemscope itemtype="https://schema.org/QAPage"')]) {
      const t = extractArticle(html, url).text;
      for (const s of [OPENING, ...REPLIES].flatMap(sentences)) expect(t).toContain(s);
      expect(t).not.toMatch(/Terms of service/);
    }
  });

  it('leaves the same comments out of a page that does not say so', () => {
    const t = extractArticle(page(''), url).text;
    for (const s of sentences(OPENING)) expect(t).toContain(s);
    for (const s of REPLIES.flatMap(sentences)) expect(t).not.toContain(s);
  });
});

describe('extractArticle: a page of many short blocks', () => {
  // A service's page: thirty one-line features and a customer's quote nested in wrappers; the quote,
  // all commas, outscores every feature and the page around them.
  const TOPICS = ['tickets', 'chats', 'calls', 'emails', 'reports', 'templates', 'rules', 'teams', 'languages', 'invoices'];
  const FEATURES = Array.from({ length: 30 }, (_, i) => `Feature ${i + 1} keeps your ${TOPICS[i % 10]} in one place for the whole team from the first day on`);
  const QUOTE =
    'Calm, clear, fast, friendly, simple, honest, quick to learn, kind to our budget, easy on our agents, loved by our customers, trusted by our partners, and, after one weekend, the only tool we use, every day, in every team, in every office, for every customer, in every language we speak, on every phone, and, yes, on every laptop too.';
  const html = `<!doctype html><html lang="en"><head><title>Helpdesk</title></head><body>
    <header class="site-header"><a href="/">Helpdesk</a> <a href="/pricing">Pricing</a> <a href="/login">Log in</a></header>
    <main><h1>Customer service that puts people first</h1>
      ${FEATURES.slice(0, 15).map((f) => `<div class="feature"><p>${f}</p></div>`).join('')}
      <div class="quote-band"><div class="inner"><div class="quote"><p>${QUOTE}</p></div></div></div>
      ${FEATURES.slice(15).map((f) => `<div class="feature"><p>${f}</p></div>`).join('')}
    </main>
    <footer class="site-footer"><p>© 2025 Helpdesk Inc. Terms. Privacy.</p></footer>
  </body></html>`;

  it('keeps every block, not the one that scores best', () => {
    const t = extractArticle(html, 'https://helpdesk.example/').text;
    for (const f of [...FEATURES, QUOTE]) expect(t).toContain(f);
    expect(t).not.toMatch(/Log in|Terms\. Privacy/);
  });
});

describe('extractArticle: a page of product cards', () => {
  // A shop's category page: every product is a linked card (name, price), so every block of the
  // grid is links, which the content search rules out; what is left is a sign-up box.
  const products = ['Oak standing desk', 'Walnut desk shelf', 'Cable tray', 'Monitor arm', 'Anti-fatigue mat', 'Under-desk drawer', 'Desk lamp with clamp', 'Bamboo desk pad'];
  const card = (name: string, i: number) =>
    `<li class="product-card"><a href="/p/${i}"><img src="/img/${i}.jpg" alt=""><span class="name">${name}</span> <span class="price">$${49 + i * 10}.00</span></a></li>`;
  const page = (ogType: string) => `<!doctype html><html lang="en"><head><title>Desk accessories</title><meta property="og:type" content="${ogType}">${ogType === 'article' ? DATED : ''}</head><body>
    <header><nav><a href="/">Home</a> <a href="/desks">Desks</a> <a href="/chairs">Chairs</a></nav></header>
    <main><h1>Desk accessories</h1><ul class="grid">${products.map(card).join('')}</ul></main>
    <div class="signup"><p>Get 10% off your first order when you join our list.</p></div>
    <footer><a href="/terms">Terms</a> <a href="/privacy">Privacy</a></footer>
  </body></html>`;

  it("gives the page's <main> as it stands when the search finds next to nothing", () => {
    const t = extractArticle(page('website'), 'https://shop.example/desk-accessories').text;
    for (const p of products) expect(t).toContain(p);
    expect(t).not.toMatch(/10% off|Privacy/);
  });

  it('leaves a page that says it is an article to the other strategies', () => {
    const t = extractArticle(page('article'), 'https://shop.example/desk-accessories').text;
    expect(t).not.toContain(products[0]);
  });
});

describe('extractArticle: a listing of linked teasers with no <main>', () => {
  // A news topic page: every teaser (headline and summary) is one link, so every block scores
  // nothing once discounted for its links, and the page's one line of its own wins; it has no
  // <main> to fall back on.
  const teasers = [
    ['Renting a car could lead to your arrest', 'Police drew their guns on a customer whose rental had been reported stolen by mistake, body camera video shows.'],
    ['What to know about the car-sharing app', 'Two vehicles in two incidents were booked through the same peer-to-peer rental service, the company confirmed on Thursday.'],
    ['Rental chief steps down after a costly bet', 'The company had bought tens of thousands of electric cars, then sold a third of them at a loss within a year.'],
    ['Airport counters bring back the queue', 'Travellers wait longer for their keys as rental firms cut staff at the desks and push customers towards their apps.'],
  ];
  const page = (ogType: string) => `<!doctype html><html lang="en"><head><title>Vehicle rental news</title><meta property="og:type" content="${ogType}">${ogType === 'article' ? DATED : ''}</head><body>
    <header><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/weather">Weather</a></nav></header>
    <section class="intro"><div><h1>Vehicle rental</h1><p>Stay up to date with our coverage of vehicle rental news.</p></div></section>
    <section class="topic"><div class="stories">
      ${teasers.map(([h, s], i) => `<div class="story"><a href="/story/${i}"><h3>${h}</h3><p>${s}</p></a></div>`).join('')}
    </div></section>
    <footer><a href="/terms">Terms</a> <a href="/privacy">Privacy</a></footer>
  </body></html>`;

  it('gives the block of teasers, read with its link text, when the search finds next to nothing', () => {
    const t = extractArticle(page('website'), 'https://news.example/topic/vehicle-rental').text;
    for (const [h, s] of teasers) expect(t).toContain(`${h}\n\n${s}`);
    expect(t).not.toMatch(/Weather|Privacy/);
  });

  it('leaves a page that says it is an article to the other strategies', () => {
    const t = extractArticle(page('article'), 'https://news.example/topic/vehicle-rental').text;
    expect(t).not.toContain(teasers[0][1]);
  });
});
