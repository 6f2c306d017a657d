import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/extract/index.ts';
import { ARTICLE_PROSE } from '../helpers/prose.ts';

const URL = 'https://site.example/news/2024/03/story/';
const PROSE = ARTICLE_PROSE.slice(0, 3);
const LEAD = 'Three new lines and twelve stations: the council says yes to the biggest tram expansion in decades.';
const body = `<div class="article-body">${PROSE.map((p) => `<p>${p}</p>`).join('')}</div>`;
const page = (inner: string) =>
  `<!doctype html><html lang="en"><head><title>Council expands trams</title></head><body><div class="page">${inner}</div></body></html>`;
const text = (html: string) => extractArticle(html, URL).text;

describe('extractArticle: the article lead', () => {
  it.each([
    ['a standfirst in the article header', `<article><header><h1>Council expands trams</h1><p class="standfirst">${LEAD}</p></header>${body}</article>`],
    ['a BEM-named abstract beside the title', `<div class="story"><header class="contentHeader"><div class="contentHeader__abstract">${LEAD}</div></header><section>${body}</section></div>`],
    ['a subheadline under the headline', `<article><h1 class="article-headline">Council expands trams</h1><h2 class="article-subheadline">${LEAD}</h2>${body}</article>`],
    ['the second heading of an hgroup', `<article><hgroup><h1>Council expands trams</h1><h2>${LEAD}</h2></hgroup>${body}</article>`],
    // Class and id are tested apart: the lead word may be in either, beside unrelated names.
    ['a lead named by its id only', `<article><header><h1>Council expands trams</h1><p id="standfirst">${LEAD}</p></header>${body}</article>`],
    ['a lead named by its id beside an unrelated class', `<article><header><h1>Council expands trams</h1><p class="text-large" id="article-intro">${LEAD}</p></header>${body}</article>`],
  ])('puts back %s, before the body', (_, inner) => {
    const t = text(page(inner));
    expect(t.startsWith(LEAD)).toBe(true);
    for (const p of PROSE) expect(t).toContain(p);
  });

  it('leaves out leads of other articles: teasers in lists and asides, and blocks after the body', () => {
    const teasers = `<ul class="more">${[1, 2].map((i) => `<li><p class="lead">Teaser number ${i} about another story, with a sentence long enough to count.</p></li>`).join('')}</ul>`;
    const aside = `<aside><p class="intro">An aside introducing a different story, long enough to be a lead on its own.</p></aside>`;
    const after = `<div class="next"><p class="lead">The next story's lead, placed after this article, long enough to count.</p></div>`;
    const t = text(page(`${teasers}${aside}<article>${body}</article>${after}`));
    expect(t).not.toMatch(/Teaser number|An aside|next story/);
    expect(t.startsWith(PROSE[0])).toBe(true);
  });

  it("puts back the article's schema.org description, not a picture's", () => {
    const figure = `<figure itemprop="image" itemscope itemtype="https://schema.org/ImageObject"><img src="/t.jpg" alt=""><figcaption itemprop="description">The tram depot at night, seen from the river, before the vote on the new lines.</figcaption></figure>`;
    const t = text(page(`<article itemscope itemtype="https://schema.org/NewsArticle"><div class="head"><h1 itemprop="headline">Council expands trams</h1><p itemprop="description">${LEAD}</p>${figure}</div><div class="news-block">${body}</div></article>`));
    expect(t.startsWith(LEAD)).toBe(true);
    for (const p of PROSE) expect(t).toContain(p);
  });

  it('keeps a lead that is already inside the body once', () => {
    const t = text(page(`<article><div class="article-body"><p class="lead">${LEAD}</p>${PROSE.map((p) => `<p>${p}</p>`).join('')}</div></article>`));
    expect(t.split(LEAD)).toHaveLength(2);
  });
});

describe('extractArticle: an intro of several paragraphs', () => {
  // A listicle's intro sits in its header, apart from the items: four paragraphs, over 1,000 characters.
  const INTRO = [
    'So the council has finally said yes to the tram plan. But what does it change for the people who ride the buses every day, and when will the first new line open its doors to passengers? The answers are not all in yet, but the plan itself says a great deal.',
    'In the past few years, a handful of cities of the same size have built similar networks, and their experience gives a fair idea of what the next decade of works will look like in our streets. Some of them finished on time; most of them did not, and for telling reasons.',
    'Here is how it works: each of the three lines is built in stages, the busiest section first, so that every stage can open on its own while the next one is still being dug and laid. Buses keep running on the old routes until the trams take over each section.',
    'Ready to see what is planned for your neighbourhood? Below, the twelve new stations, one by one, with what the council has said about each of them and when the works should start there. Dates are the council\'s own, as published with the vote on Tuesday.',
  ];
  it('puts back the whole intro before the items, as one lead', () => {
    const intro = `<section class="listicle-header"><h1>Council expands trams</h1><div class="listicle-intro">${INTRO.map((p) => `<p>${p}</p>`).join('')}</div></section>`;
    // Twelve items: the intro is not most of the page's text, and goes with the header when pruned.
    const ITEMS = Array.from({ length: 12 }, (_, i) => `${ARTICLE_PROSE[i % 4]} Station ${i + 1} is planned to open in ${2027 + i}.`);
    const items = `<div class="listicle-body">${ITEMS.map((p, i) => `<h2>Station ${i + 1}</h2><p>${p}</p>`).join('')}</div>`;
    const t = text(page(`<main>${intro}${items}</main>`));
    expect(INTRO.join('').length).toBeGreaterThan(1000);
    expect(t.startsWith(INTRO[0])).toBe(true);
    for (const p of [...INTRO, ...ITEMS]) expect(t).toContain(p);
  });
});

describe('extractArticle: leads named as excerpt or teaser', () => {
  it('puts back the post excerpt of a blog entry header', () => {
    const t = text(page(`<article class="post"><header class="entry-header"><h1>Council expands trams</h1><div class="entry-excerpt"><p>${LEAD}</p></div></header><div class="entry-content">${PROSE.map((p) => `<p>${p}</p>`).join('')}</div></article>`));
    expect(t.startsWith(LEAD)).toBe(true);
  });
});

describe('extractArticle: a lead picture is not the lead', () => {
  it('puts back the standfirst, not the caption of the picture after it', () => {
    const figure = '<figure class="article-lead"><img src="/tram.jpg" alt=""><figcaption>The new tram at its first stop, photographed on Tuesday.</figcaption></figure>';
    const t = text(page(`<article><header><h1>Council expands trams</h1><p class="intro">${LEAD}</p>${figure}</header>${body}</article>`));
    expect(t.startsWith(LEAD)).toBe(true);
  });
});
