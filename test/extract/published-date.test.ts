import { describe, expect, it } from 'vitest';
import { parseHtml } from '../../src/html/parse.ts';
import { extractMetadata } from '../../src/extract/metadata.ts';

const now = new Date('2024-03-10T12:00:00Z');
const URL_ = 'https://news.example/story';
const md = (body: string, url = URL_, head = '', lang = 'en') =>
  extractMetadata(parseHtml(`<!doctype html><html lang="${lang}"><head><title>T</title>${head}</head><body>${body}</body></html>`), url, { now });

describe('the publication date among the dates a page shows', () => {
  it('takes a stated date before an "ago" beside it (read against now, not against the page)', () => {
    const body = `<article><h1>Story</h1><div class="info"><span class="time-ago">12 minutes ago</span>
      <span class="date">Wed 28th February 2024 | 03:32 PM</span></div><p>Text of the story.</p></article>
      <aside><div class="date_line">15 seconds ago</div><a href="/other">Other story</a></aside>`;
    expect(md(body).date).toBe('2024-02-28T15:32:00Z');
    // With nothing else stated, the "ago" is the date.
    expect(md('<article><span class="date">3 hours ago</span><p>Text.</p></article>').date).toBe('2024-03-10T09:00:00Z');
  });
});

describe('a relative date shown, the stated one beside it', () => {
  it('reads the date a date element states in its tooltip when its text says "2 days ago"', () => {
    const post = '<article><h1>Notes</h1><span class="post-date" title="2024-02-21">Posted: 2 days ago</span><p>Text.</p></article>';
    expect(md(post).date).toBe('2024-02-21T00:00:00Z');
    const thread = `<main><h1>Which lamp?</h1><div class="msg"><span class="post_time" title="2/21/2024 5:03:38 AM">2 weeks ago</span>
      <p>Text.</p></div></main>`;
    expect(md(thread).date).toBe('2024-02-21T05:03:38Z');
    expect(md('<article><time title="2024-02-21T05:00:00Z">Over a year ago</time><p>Text.</p></article>').date).toBe('2024-02-21T05:00:00Z');
    // A stated text comes before its tooltip.
    expect(md('<article><span class="date" title="Thursday 22 February 2024, 10:00">Feb 21, 2024</span></article>').date).toBe(
      '2024-02-21T00:00:00Z',
    );
  });
  it('reads a date the page states before a <time> that says only "4 months ago"', () => {
    const page = '<article><h1>Story</h1><p class="published-date">December 12, 2016 7:00 AM</p><time class="published-date">4 months ago</time><p>Text.</p></article>';
    expect(md(page).date).toBe('2016-12-12T07:00:00Z');
    // Alone, it is read against now.
    expect(md('<article><h1>Story</h1><time>2 days ago</time><p>Text.</p></article>').date?.slice(0, 10)).toBe('2024-03-08');
  });
  it('does not read "today" in a sentence with a year as the date', () => {
    const prose = '<article><h1>Rooms</h1><p>Visit our shop today and make 2024 the year of calm rooms.</p></article>';
    expect(md(prose).date).toBeNull();
    // A date stated in a later short text is still read.
    const stated = prose.replace('</article>', '<p>Written 2 March 2024</p></article>');
    expect(md(stated).date).toBe('2024-03-02T00:00:00Z');
  });
});

describe('date markup under less usual names', () => {
  it('reads a date element whose class names the date in camelCase (DateTime, postDate)', () => {
    // The date is a link's text: only its element's name marks it as the date.
    const thread = `<h1>Which lamp?</h1><p class="muted">Started by <a href="/u/1">sam</a>,
      <a href="/t/1"><span class="DateTime" title="May 26, 2023 at 11:12 PM">May 26, 2023</span></a></p><p>Text.</p>`;
    expect(md(thread).date).toBe('2023-05-26T00:00:00Z');
    expect(md('<div class="postDate">March 3, 2023</div><p>Text.</p>').date).toBe('2023-03-03T00:00:00Z');
    // "Candidate" or "update" written in lower case are not date names.
    expect(md('<div class="candidateList">March 3, 2023</div><p>Text.</p>').date).toBe(md('<div class="x">March 3, 2023</div><p>Text.</p>').date);
  });
  it('reads a date written in parts by several elements (a calendar badge, a time beside its day)', () => {
    const badge = `<article><div class="date"><span class="month">Apr</span> <span class="day">04</span><span class="year">2023</span></div>
      <p>Text.</p></article>`;
    expect(md(badge).date).toBe('2023-04-04T00:00:00Z');
    expect(md('<article><div class="post-date"><span>14:33</span><span>2023-09-15</span></div></article>').date).toBe('2023-09-15T14:33:00Z');
  });
  it('reads a date written in another script\'s digits, in a date element or as a short text, and its label', () => {
    expect(md('<article><h1>कहानी</h1><span class="date">१६ फ़रवरी २०२०</span><p>पाठ।</p></article>', URL_, '', 'hi').date).toBe(
      '2020-02-16T00:00:00Z',
    );
    // A short text with a year anywhere on the page (MediaWiki's "last edited" line) is the last resort.
    const bn = '<div id="content"><h1>জিম হিগস</h1><p>পাঠ্য।</p></div><div id="footer"><p>১৬:২০, ১৬ ফেব্রুয়ারি ২০২০ তারিখে সম্পাদিত</p></div>';
    expect(md(bn, URL_, '', 'bn').date).toBe('2020-02-16T16:20:00Z');
    // Update labels count as with ASCII digits: the update's part of a dateline is left out…
    const ar = '<article><h1>قصة</h1><div class="date">تحديث ٨ مارس ٢٠٢٤ - نشر ٥ مارس ٢٠٢٤</div><p>نص.</p></article>';
    expect(md(ar, URL_, '', 'ar').date).toBe('2024-03-05T00:00:00Z');
    // …and a <time> that opens with its update label is not the publication: the page's date meta stands.
    const inside = '<article><h1>قصة</h1><time datetime="2024-03-08">تحديث ٨ مارس ٢٠٢٤</time><p>نص.</p></article>';
    expect(md(inside, URL_, '<meta name="date" content="2024-03-05">', 'ar').date).toBe('2024-03-05T00:00:00Z');
  });
  it('reads a meta named plainly "published"', () => {
    expect(md('<p>Text.</p>', URL_, '<meta name="published" content="July 17, 2023">').date).toBe('2023-07-17T00:00:00Z');
  });
});

describe('dates the page shows that are not its publication', () => {
  it('a <time> labelled as the update is not the publication', () => {
    const body = `<article><h1>Story</h1><p class="meta">Updated <time datetime="2024-02-14T09:00:00Z">Feb 14</time>
      · Published <time datetime="2024-02-12T08:00:00Z">Feb 12</time></p><p>Text.</p></article>`;
    expect(md(body).date).toBe('2024-02-12T08:00:00Z');
    const de = `<article><div class="info"><span>Aktualisiert am</span> <time datetime="2024-02-14">14.02.2024</time></div>
      <div class="info"><span>Veröffentlicht am</span> <time datetime="2024-02-12">12.02.2024</time></div></article>`;
    expect(md(de, URL_, '', 'de').date).toBe('2024-02-12T00:00:00Z');
  });
  it('a plain text labelled as the publication is the dateline, before one labelled as the update', () => {
    const body = `<article><h1>Story</h1><p><span>Updated</span> <span>Mar 8, 2024</span></p>
      <p><span>Published</span> <span>Mar 5, 2024</span></p><p>Text of the story.</p></article>`;
    expect(md(body).date).toBe('2024-03-05T00:00:00Z');
    const de = '<main><p>Aktualisiert: <b>08.03.2024</b></p><p>Veröffentlicht: <b>05.03.2024</b></p><p>Text.</p></main>';
    expect(md(de, URL_, '', 'de').date).toBe('2024-03-05T00:00:00Z');
  });
  it('a <time> that writes its update label inside itself is the update, and a date before a <time> is not its label', () => {
    // The label inside the element, the first publication in its tooltip; the page's date meta stands.
    const inside = `<article><h1>Story</h1><div class="dateblock"><time datetime="2022-11-11T20:23:00-05:00"><span>Updated November 11, 2022</span>
      <span>8:23 PM ET</span> <span role="tooltip">Originally published <span>November 9, 2022</span></span></time></div><p>Text.</p></article>`;
    expect(md(inside, URL_, '<meta name="date" content="2022-11-09">').date).toBe('2022-11-09T00:00:00Z');
    // "Actualizado 27/04/2022 00:00" before "Creado …": the update's date ends its label.
    const es = `<article><div class="published-date"><span><time datetime="2022-04-27T10:00:00Z">Actualizado 27/04/2022 10:00</time></span>
      <p><time datetime="2022-04-26T08:00:00Z">Creado 26/04/2022 08:00</time></p></div><p>Texto.</p></article>`;
    expect(md(es, URL_, '', 'es').date).toBe('2022-04-26T08:00:00Z');
  });
  it('a date labelled only as the update ranks with the modification date, before any stray text', () => {
    const body = `<article><div class="meta">Aktualisiert am <time datetime="2024-02-14T15:49:07+01:00">14.02.2024 15:49</time></div>
      <p>Text.</p><p>Seit 2019 im Amt.</p></article><script>var serverTime = '02.20.2024 10:43:45';</script>`;
    expect(md(body, URL_, '', 'de').date).toBe('2024-02-14T15:49:07+01:00');
    // The page's own modification meta comes first.
    const head = '<meta property="article:modified_time" content="2024-02-13T08:00:00Z">';
    expect(md(body, URL_, head, 'de').date).toBe('2024-02-13T09:00:00+01:00');
    expect(md('<div class="publish_on">Updated: Jan 23, 2024, 10.45 AM IST</div><p>Founded 2019.</p>').date).toBe('2024-01-23T10:45:00+05:30');
  });
  it('a dateline naming the update first gives the first publication', () => {
    expect(md('<article><p class="dateline">Updated 14 Feb 2024, first published 12 Feb 2024</p><p>Text.</p></article>').date).toBe(
      '2024-02-12T00:00:00Z',
    );
    expect(md('<article><div class="date">Mis à jour le 14/02/2024 – Publié le 12/02/2024</div></article>', URL_, '', 'fr').date).toBe(
      '2024-02-12T00:00:00Z',
    );
    expect(md('<div class="article__date">Aktualizacja: 14.02.2024, 05:53</div><div class="article__date">Publikacja: 12.02.2024</div>', URL_, '', 'pl').date).toBe(
      '2024-02-12T00:00:00Z',
    );
    expect(md('<p class="byline">입력 2024.02.12 09:08 수정 2024.02.14 10:00</p>', URL_, '', 'ko').date).toBe('2024-02-12T09:08:00+09:00');
  });
  it('a member\'s join date in a forum post\'s author box is not the post\'s', () => {
    const post = (joined: string) => `<div class="post"><dl class="info"><dt>kim</dt><dd>Posts: 40</dd>${joined}</dl>
      <div class="body"><p class="when">» Tue Aug 27, 2019 1:47 am</p><p>My question.</p></div></div>`;
    expect(md(post('<dd><strong>Joined:</strong> Dec 11, 2015</dd>')).date).toBe('2019-08-27T01:47:00Z');
    expect(md(post('<dd><span>Registered: 2015-12-11</span></dd>')).date).toBe('2019-08-27T01:47:00Z');
    expect(md(post('<dd class="join-date">Mitglied seit 11.12.2015</dd>'), URL_, '', 'de').date).toBe('2019-08-27T01:47:00Z');
  });
  it('dates of comments and related stories are not the article\'s', () => {
    const body = `<article><h1>Story</h1><p class="byline">By Jane Doe, 12 February 2024</p><p>Text of the story.</p></article>
      <section id="comments"><article class="comment"><time datetime="2024-03-01T10:00:00Z">1 March</time><p>Nice.</p></article></section>`;
    expect(md(body).date).toBe('2024-02-12T00:00:00Z');
    const related = `<main><h1>Story</h1><div class="post-date">12 February 2024</div><p>Text.</p>
      <div class="related-posts"><div class="item"><time datetime="2024-03-02">2 March</time><a href="/x">Other</a></div></div></main>`;
    expect(md(related).date).toBe('2024-02-12T00:00:00Z');
  });
  it('the latest posts in the site\'s banner are not the article\'s, though the banner is a <header>', () => {
    const menu = `<header role="banner"><div class="menu"><div class="views-row"><a href="/n">News</a>
      <time datetime="2024-02-28T12:00:00Z">02/28/2024</time></div></div></header>`;
    const article = `<article><h1>Story</h1><div class="node__meta"><time datetime="2017-03-01T12:00:00Z">03/01/2017</time></div><p>Text.</p></article>`;
    expect(md(`${menu}<main>${article}</main>`).date).toBe('2017-03-01T12:00:00Z');
    // An article's own header stays its scope.
    const header = `<header class="entry-header"><h1>Story</h1><time datetime="2017-03-01T12:00:00Z">1 March 2017</time></header>`;
    expect(md(`${menu}<article>${header}<p>Text.</p></article>`).date).toBe('2017-03-01T12:00:00Z');
  });
});

describe('dates in links to other stories', () => {
  // Cards of a "latest" list, their classes written by a CSS-in-JS build (no "related" to go by).
  const card = (headline: string, date: string) =>
    `<a href="/other"><div class="x9Fq"><img src="/i.jpg" alt=""></div><span class="k2Lm">${headline}</span><div class="pubDate">${date}</div></a>`;
  const dateline = '<div class="q7Ww"><p class="a1">By Jane Doe</p><div class="b2">December 16, 2016, 4:19 PM</div></div>';
  it('a date in a link that also holds a headline dates the linked story', () => {
    const body = `<div class="r1">${card('Mother of missing teen makes a plea to the public', 'Aug 9, 2016')}${card('Stranded whale euthanized after a day on the beach', '4 hours ago')}</div>
      <div class="c3"><h1>Story</h1>${dateline}<p>Text of the story.</p></div>`;
    expect(md(body).date).toBe('2016-12-16T16:19:00Z');
    // A headline of a few words in a heading is one too ("DW News on Facebook").
    const short = `<div class="r1"><a href="https://social.example/dw"><h2>News on Facebook <span class="date">11.07.2017</span></h2></a></div>
      <div class="c3"><h1>Story</h1><ul><li><strong>Date</strong> 19.01.2020</li></ul><p>Text of the story.</p></div>`;
    expect(md(short).date).toBe('2020-01-19T00:00:00Z');
  });
  it('a link around the date alone is the page\'s own: a permalink, with its update beside it', () => {
    const wordpress = `<article><h1 class="entry-title">Story</h1><span class="posted-on"><a href="${URL_}" rel="bookmark">` +
      '<time class="entry-date published" datetime="2019-02-10T09:30:10+01:00">10. Februar 2019</time>' +
      '<time class="updated" datetime="2019-02-11T10:00:00+01:00">11. Februar 2019</time></a></span><p>Text.</p></article>';
    expect(md(wordpress).date).toBe('2019-02-10T09:30:10+01:00');
  });
});

describe('a publication date stamped at the last save', () => {
  const ld = (published: string, modified: string) =>
    `<script type="application/ld+json">{"@type":"BlogPosting","headline":"Tips","datePublished":"${published}","dateModified":"${modified}"}</script>`;
  const page = `<main><h1>Tips</h1><div class="post-meta"><span class="author">Ann Lee</span><div class="post-date">August 25, 2022</div></div>
    <p>Text of the post.</p></main>`;
  it('gives way to the earlier date the page shows when it is not before the modification date', () => {
    expect(md(page, URL_, ld('2024-01-05T00:00:00Z', '2024-01-05T00:00:00Z')).date).toBe('2022-08-25T00:00:00Z');
    // Published after the modification: the same stamp.
    expect(md(page, URL_, ld('2024-01-05T10:00:00Z', '2024-01-05T09:59:00Z')).date).toBe('2022-08-25T00:00:00Z');
    // A plain dated line, without a date-named element.
    const plain = '<main><h1>Tips</h1><div class="byline-row"><p>August 25, 2022</p></div><p>Text of the post.</p></main>';
    expect(md(plain, URL_, ld('2024-01-05', '2024-01-05')).date).toBe('2022-08-25T00:00:00Z');
  });
  it('stands when modified later, when the page shows its day too, or when the shown date is the update', () => {
    expect(md(page, URL_, ld('2024-01-05T00:00:00Z', '2024-02-01T00:00:00Z')).date).toBe('2024-01-05T00:00:00Z');
    // The article shows the stamp's day; the earlier date is a related story's card.
    const shown = `<main><h1>Tips</h1><div class="card"><span class="card-date">May 8, 2021</span><a href="/x">Other</a></div>
      <p>Text of the post.</p><p>January 5, 2024</p></main>`;
    expect(md(shown, URL_, ld('2024-01-05T00:00:00Z', '2024-01-05T00:00:00Z')).date).toBe('2024-01-05T00:00:00Z');
    // The dateline shows the stamp's own instant in the publisher's zone, the evening before in UTC.
    const evening = '<main><h1>Tips</h1><div class="timestamp">Nov. 19, 2023 5:53 PM</div><p>Text.</p></main>';
    expect(md(evening, URL_, ld('2023-11-20T01:53:14Z', '2023-11-20T01:53:14Z')).date).toBe('2023-11-20T01:53:14Z');
    const updated = '<main><h1>Tips</h1><div class="info">Updated <span>August 25, 2022</span></div><p>Text.</p></main>';
    expect(md(updated, URL_, ld('2024-01-05T00:00:00Z', '2024-01-05T00:00:00Z')).date).toBe('2024-01-05T00:00:00Z');
  });
});

describe('dates in script data', () => {
  it('reads a data layer\'s published_time / publishTime when the page states no date', () => {
    // Data layers are large: not the short scripts whose literals the last resort reads.
    const pad = Array.from({ length: 30 }, (_, i) => `'key_${i}': 'value ${i}'`).join(', ');
    const layer = `<script>window.dataLayer = [{ ${pad}, 'published_time' : '2024-02-12T09:04:00Z' }];</script>`;
    expect(md(`<article><p>Text.</p></article>${layer}`).date).toBe('2024-02-12T09:04:00Z');
    const camel = `<script>var meta = {${pad.replace(/'/g, '"')}, "publishTime":"2024-02-12T12:50:38+01:00"};</script>`;
    expect(md(`<article><p>Text.</p></article>${camel}`).date).toBe('2024-02-12T12:50:38+01:00');
  });
});

describe('numeric dates on English pages', () => {
  const dateline = '<article><h1>Story</h1><span class="date">06/09/2023</span><p>Text.</p></article>';
  it('reads them month first where the page says only "en" (the American order)', () => {
    expect(md(dateline).date).toBe('2023-06-09T00:00:00Z');
    expect(md(dateline, URL_, '<meta property="og:locale" content="en_US">').date).toBe('2023-06-09T00:00:00Z');
  });
  it('reads them day first where og:locale names a day-first English, or the site is under such a country code', () => {
    expect(md(dateline, URL_, '<meta property="og:locale" content="en_GB">').date).toBe('2023-09-06T00:00:00Z');
    expect(md(dateline, 'https://www.news.co.uk/story').date).toBe('2023-09-06T00:00:00Z');
    expect(md(dateline, 'https://www.times.example.in/story').date).toBe('2023-09-06T00:00:00Z');
    // The page's own regional English wins over the site's country code.
    expect(md(dateline, 'https://www.news.co.uk/story', '', 'en-US').date).toBe('2023-06-09T00:00:00Z');
  });
  it('reads them as the source\'s configured language says where the page names no region or no language', () => {
    const page = (lang: string | null) => parseHtml(`<!doctype html><html${lang ? ` lang="${lang}"` : ''}><head><title>T</title></head><body>${dateline}</body></html>`);
    const configured = (lang: string | null, language?: string) =>
      extractMetadata(page(lang), URL_, { now, ...(language ? { language } : {}) }).date;
    expect(configured('en', 'en-GB')).toBe('2023-09-06T00:00:00Z');
    // The config is trusted before og:locale (often a theme's default en_US).
    expect(extractMetadata(parseHtml(`<html lang="en"><head><meta property="og:locale" content="en_US"></head><body>${dateline}</body></html>`), URL_, { now, language: 'en-GB' }).date)
      .toBe('2023-09-06T00:00:00Z');
    // A page with no language reads day first, as most of the world writes; a source in American English reads month first.
    expect(configured(null)).toBe('2023-09-06T00:00:00Z');
    expect(configured(null, 'en-US')).toBe('2023-06-09T00:00:00Z');
    expect(configured(null, 'en')).toBe('2023-06-09T00:00:00Z');
    expect(configured(null, 'en-AU')).toBe('2023-09-06T00:00:00Z');
    // The page's own regional tag still wins.
    expect(configured('en-US', 'en-GB')).toBe('2023-06-09T00:00:00Z');
  });
});

describe('the day a URL names', () => {
  const url = 'https://news.example/story/2019/11/19/big-game/';
  it('takes the time of a dateline that states the same day', () => {
    const page = '<article><h1>Big game</h1><div class="byline">Published 11:11 PM EST Nov 19, 2019</div><p>Text.</p></article>';
    expect(md(page, url).date).toBe('2019-11-19T23:11:00-05:00');
    const plain = '<article><h1>Big game</h1><p>Posted on the 19/11/2019 at 19:00 by a reporter</p><p>Text.</p></article>';
    expect(md(plain, url).date).toBe('2019-11-19T19:00:00Z');
  });
  it('keeps its own day when the page states another one, or no time', () => {
    const quoted = '<article><h1>Fact check</h1><p>He said so on Oct. 13, 2019 at 10:00 AM in a speech.</p><p>Text.</p></article>';
    expect(md(quoted, url).date).toBe('2019-11-19T00:00:00Z');
    const dayOnly = '<article><h1>Big game</h1><div class="byline">Published Nov 19, 2019</div><p>Text.</p></article>';
    expect(md(dayOnly, url).date).toBe('2019-11-19T00:00:00Z');
    expect(md(quoted, 'https://news.example/2019/nov/19/fact-check').date).toBe('2019-11-19T00:00:00Z');
  });
});

describe("a today's-date widget", () => {
  it('is not the date, even inside a date-named block', () => {
    const page = `<header><div id="block-date" class="block"><div class="field"><p class="todays-date"><strong>Friday</strong>, March 8, 2024</p></div></div></header>
      <article><h1>Taxes</h1><div class="block"><div class="content">12 February 2024</div></div><p>Text.</p></article>`;
    expect(md(page).date).toBe('2024-02-12T00:00:00Z');
  });
});

describe('a dateline laid out with indentation', () => {
  it('is read whole: the whitespace between its tags does not count against the length of a date text', () => {
    const pad = '\n' + ' '.repeat(40);
    const page = `<article><div class="post__byline">${pad}<span>${pad}<ul>${pad}<li><a href="/tag/finance">Finance</a></li>${pad}</ul>${pad}</span>${pad}<span>${pad}<span class="small">January 27, 2024</span>${pad}</span>${pad}</div>
      <h1>Tax services</h1><p>Text.</p></article>
      <aside><div class="card"><div class="card__byline"><span>Finance</span> <span class="small">January 31, 2024</span></div><a href="/other">Other post</a></div></aside>`;
    expect(md(page).date).toBe('2024-01-27T00:00:00Z');
  });
});

describe('date metas beyond Open Graph and schema.org', () => {
  it.each([
    ['cXenseParse:recs:publishtime', '2024-03-05T14:05:00+0900', '2024-03-05T14:05:00+09:00'],
    ['publication_date', '2024-03-05', '2024-03-05T00:00:00Z'],
    ['article:publication_date', '2024-03-05', '2024-03-05T00:00:00Z'],
    ['shareaholic:article_published_time', '2024-03-05T14:05:00Z', '2024-03-05T14:05:00Z'],
    ['dc.date.publication', '2024-03-05', '2024-03-05T00:00:00Z'],
    ['pdate', '20240305', '2024-03-05T00:00:00Z'],
  ])('reads <meta name="%s">', (name, content, expected) => {
    expect(md('<article><h1>Story</h1><p>Text.</p></article>', URL_, `<meta name="${name}" content="${content}">`).date).toBe(expected);
  });
  it('reads og:pubdate as a property', () => {
    expect(md('<article><p>Text.</p></article>', URL_, '<meta property="og:pubdate" content="2024-03-05">').date).toBe('2024-03-05T00:00:00Z');
  });
  it("reads the pub_date of Parse.ly's JSON tag, and nothing from a broken one", () => {
    const head = (json: string) => `<meta name="parsely-page" content='${json}'>`;
    expect(md('<article><p>Text.</p></article>', URL_, head('{"title": "Story", "pub_date": "2024-03-05T19:05:00Z", "section": "News"}')).date).toBe(
      '2024-03-05T19:05:00Z',
    );
    expect(md('<article><p>Text.</p></article>', URL_, head('{"title": "Story", "pub_date": "2024-03-05T19:05')).date).toBeNull();
  });
  it('reads a "created" meta only after the dates the page shows', () => {
    const head = '<meta name="created" content="2024-03-09 13:49:50 +0100">';
    expect(md('<article><p>Text.</p></article>', URL_, head).date).toBe('2024-03-09T13:49:50+01:00');
    expect(md('<article><time datetime="2024-03-05">March 5</time><p>Text.</p></article>', URL_, head).date).toBe('2024-03-05T00:00:00Z');
  });
});

describe('update labels in more languages', () => {
  it.each([
    ['ca', 'Actualitzat: 14/02/2024 · Publicat: 12/02/2024'],
    ['lt', 'Atnaujinta 2024-02-14, paskelbta 2024-02-12'],
    ['hr', 'Ažurirano: 14. 2. 2024. | Objavljeno: 12. 2. 2024.'],
    ['bg', 'Актуализирано: 14.02.2024 Публикувано: 12.02.2024'],
    ['et', 'Uuendatud: 14.02.2024 Avaldatud: 12.02.2024'],
    ['hi', 'अपडेट: 14 फरवरी 2024 प्रकाशित: 12 फरवरी 2024'],
  ])('%s: the dateline\'s publication, not its update written first', (lang, line) => {
    expect(md(`<article><h1>Story</h1><div class="date">${line}</div><p>Text.</p></article>`, URL_, '', lang).date).toBe('2024-02-12T00:00:00Z');
  });
});
