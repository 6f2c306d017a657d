import { describe, expect, it } from 'vitest';
import { parseHtml } from '../../src/html/parse.ts';
import { serializeHtml } from '../../src/html/serialize.ts';
import { extractMetadata } from '../../src/extract/metadata.ts';

const now = new Date('2024-03-10T12:00:00Z');
const URL_ = 'https://news.example/section/story.html';
const md = (html: string, url = URL_, options: Parameters<typeof extractMetadata>[2] = {}) =>
  extractMetadata(parseHtml(html), url, { now, ...options });
const page = (head: string, body = '<p>Text</p>', htmlAttrs = '') =>
  `<!doctype html><html ${htmlAttrs}><head>${head}</head><body>${body}</body></html>`;

describe('extractMetadata: JSON-LD', () => {
  it('reads an article node inside @graph with @id author references', () => {
    const m = md(page(`<script type="application/ld+json">{"@context":"https://schema.org","@graph":[
      {"@type":"WebSite","@id":"#site","name":"Example News"},
      {"@type":"Person","@id":"#jane","name":"Jane Doe"},
      {"@type":"NewsArticle","headline":"Headline here","author":{"@id":"#jane"},
       "datePublished":"2020-05-01T10:00:00+02:00","dateModified":"2020-05-02T08:00:00+02:00",
       "publisher":{"@type":"Organization","name":"Example News"},"image":{"@type":"ImageObject","url":"/img/a.jpg"},
       "keywords":"politics, economy","articleSection":"World"}]}</script>`));
    expect(m.title).toBe('Headline here');
    expect(m.author).toBe('Jane Doe');
    expect(m.date).toBe('2020-05-01T10:00:00+02:00');
    expect(m.modified).toBe('2020-05-02T08:00:00+02:00');
    expect(m.siteName).toBe('Example News');
    expect(m.image).toBe('https://news.example/img/a.jpg');
    expect(m.categories).toEqual(['World', 'politics', 'economy']);
  });
  it('joins several authors given as objects and strings', () => {
    const m = md(page(`<script type="application/ld+json">[{"@type":"BreadcrumbList"},{"@context":"http://schema.org",
      "@type":["BlogPosting"],"headline":"T","author":[{"@type":"Person","name":"Ann One"},"Bob Two"]}]</script>`));
    expect(m.author).toBe('Ann One, Bob Two');
    expect(m.authors).toEqual(['Ann One', 'Bob Two']);
  });
  it('reads author names a CMS escaped in its JSON-LD as the byline reads them', () => {
    // WordPress SEO plugins write names HTML-escaped into the JSON ("Maria &amp; Katerina").
    const m = md(page(`<script type="application/ld+json">{"@type":"BlogPosting","headline":"T",
      "author":[{"@type":"Person","name":"Maria &amp; Katerina"},{"@type":"Person","name":"Jos&eacute; Ruiz"}]}</script>`));
    expect(m.author).toBe('Maria & Katerina, José Ruiz');
    expect(m.authors).toEqual(['Maria & Katerina', 'José Ruiz']);
  });
  it('gives the names beside a byline that is only its label as the authors, the byline as Reader View reads it', () => {
    const m = md(page('', '<div class="meta"><p class="byline">By</p><span itemprop="author">Sara Brown</span></div><p>Text</p>'));
    expect(m.author).toBe('By');
    expect(m.authors).toEqual(['Sara Brown']);
  });
  it('gives the names beside a byline that is only its date', () => {
    const m = md(page('', '<div class="meta"><p class="author"><a href="#p1">Sun Dec 17, 2023 11:23 am</a></p><span class="author-name">Lauren Paige Richeson</span></div><p>Text</p>'));
    expect(m.author).toBe('Sun Dec 17, 2023 11:23 am');
    expect(m.authors).toEqual(['Lauren Paige Richeson']);
  });
});

describe('extractMetadata: JSON-LD, written loosely', () => {
  it('reads escaped category names once, as one category with the page\'s own spelling', () => {
    const m = md(page(`<script type="application/ld+json">{"@type":"BlogPosting","headline":"T",
      "articleSection":"Privacy &amp; Technology","keywords":["detenci&oacute;n","M&amp;A"]}</script>
      <meta name="keywords" content="detención, M&amp;A">`));
    expect(m.categories).toEqual(['Privacy & Technology', 'detención', 'M&A']);
  });
  it('tolerates trailing commas and raw control characters (Reader View\'s title does not)', () => {
    const html = page(`<script type="application/ld+json">{"@type":"ReportageNewsArticle","headline":"Line\tone
two","datePublished":"2019-02-03",}</script><meta property="og:title" content="OG">`);
    expect(md(html, URL_, { headlineTitle: true }).title).toBe('Line one two');
    expect(md(html).title).toBe('OG');
    expect(md(html).date).toBe('2019-02-03T00:00:00Z');
  });
  it('gives Reader View\'s title from JSON-LD it reads, the headline from any article node', () => {
    const og = '<meta property="og:title" content="OG title">';
    const ld = (json: string) => page(`<script type="application/ld+json">${json}</script>${og}`);
    const readable = ld('{"@context":"https://schema.org","@type":"NewsArticle","headline":"LD headline","description":"LD text"}');
    expect(md(readable).title).toBe('LD headline');
    expect(md(readable).description).toBe('LD text');
    // A typed list, a nested article, a context other than schema.org: Reader View reads none.
    for (const json of [
      '{"@context":"https://schema.org","@type":["NewsArticle"],"headline":"LD headline","description":"LD text"}',
      '{"@context":"https://schema.org","@type":"WebPage","mainEntity":{"@type":"NewsArticle","headline":"LD headline","description":"LD text"}}',
      '{"@context":"http://www.schema.org","@type":"NewsArticle","headline":"LD headline","description":"LD text"}',
    ]) {
      expect(md(ld(json)).title).toBe('OG title');
      expect(md(ld(json)).description).toBeNull();
      expect(md(ld(json), URL_, { headlineTitle: true }).title).toBe('LD headline');
    }
  });
  it('prefers datePublished over dateModified whatever their order', () => {
    const m = md(page(`<script type="application/ld+json">{"@type":"Article","dateModified":"2021-01-02T00:00:00Z","datePublished":"2021-01-01T00:00:00Z"}</script>`));
    expect(m.date).toBe('2021-01-01T00:00:00Z');
  });
});

describe('extractMetadata: meta tags', () => {
  it('reads OpenGraph and article:* tags', () => {
    const m = md(page(`<meta property="og:title" content="OG title"><meta property="og:site_name" content="Site">
      <meta property="article:published_time" content="2018-04-05T06:00:00-04:00">
      <meta property="article:modified_time" content="2018-04-06T06:00:00-04:00">
      <meta property="article:author" content="Mary Major"><meta property="article:section" content="Tech">
      <meta property="article:tag" content="AI"><meta property="article:tag" content="Chips">
      <meta property="og:image" content="https://cdn.example/i.png"><meta property="og:url" content="/canon">
      <meta property="og:description" content="Desc &amp;amp; more"><meta property="og:locale" content="en_GB">`));
    expect(m).toMatchObject({
      title: 'OG title', siteName: 'Site', author: 'Mary Major', date: '2018-04-05T06:00:00-04:00',
      modified: '2018-04-06T06:00:00-04:00', image: 'https://cdn.example/i.png',
      canonicalUrl: 'https://news.example/canon', description: 'Desc & more', lang: 'en-GB',
    });
    expect(m.categories).toEqual(['Tech', 'AI', 'Chips']);
  });
  it('takes the later of a title or description stated twice (the site-wide default comes first)', () => {
    const m = md(page(`<meta property="og:title" content="Story title - Example Blog"><meta name="description" content="A blog about everything.">
      <meta property="og:description" content="A blog about everything."><meta property="og:title" content="Story title">
      <meta property="og:description" content="What this story is about.">`));
    expect(m.title).toBe('Story title');
    expect(m.description).toBe('What this story is about.');
  });
  it('names the site by og:site_name rather than a publisher reached through an @id', () => {
    const ld = (publisher: string) => `<script type="application/ld+json">{"@context":"https://schema.org","@graph":[
      {"@type":"Organization","@id":"#org","name":"Example Media Holding GmbH"},
      {"@type":"Article","headline":"T","publisher":${publisher}}]}</script><meta property="og:site_name" content="Example News">`;
    expect(md(page(ld('{"@id":"#org"}'))).siteName).toBe('Example News');
    // Named in the article itself, the publisher is the site.
    expect(md(page(ld('{"@type":"Organization","name":"Example Daily"}'))).siteName).toBe('Example Daily');
    // Without og:site_name the referenced publisher still names it.
    expect(md(page(ld('{"@id":"#org"}').replace(/<meta[^>]*>/, ''))).siteName).toBe('Example Media Holding GmbH');
  });
  it('reads Dublin Core date and creator', () => {
    const m = md(page(`<meta name="DC.date.issued" content="2016-06-07"><meta name="dc.creator" content="Erika Mustermann">`));
    expect(m.date).toBe('2016-06-07T00:00:00Z');
    expect(m.author).toBe('Erika Mustermann');
  });
  it('ignores an article:author that is a profile URL', () => {
    const m = md(page(`<meta property="article:author" content="https://facebook.com/someone">`, '<p class="byline">By Jo Bloggs</p>'));
    expect(m.author).toBe('By Jo Bloggs');
    expect(m.authors).toEqual(['Jo Bloggs']);
  });
  it('prefers <link rel=canonical> over og:url, made absolute', () => {
    const m = md(page(`<link rel="canonical" href="/a/b?x=1"><meta property="og:url" content="https://other.example/">`));
    expect(m.canonicalUrl).toBe('https://news.example/a/b?x=1');
  });
  it('reads language from <html lang> first, then content-language', () => {
    expect(md(page('<meta http-equiv="content-language" content="de">', '', 'lang="fr-CA"')).lang).toBe('fr-CA');
    expect(md(page('<meta http-equiv="content-language" content="de">')).lang).toBe('de');
  });
  it('falls back to twitter:image', () => {
    expect(md(page('<meta name="twitter:image" content="//cdn.example/t.jpg">')).image).toBe('https://cdn.example/t.jpg');
  });
});

describe('extractMetadata: an author field that holds something else', () => {
  // Separators, digits or prose by the thousand in an author field (a template's garbage, or a
  // page made to stall the name patterns): not a name, and the next source is read instead.
  it.each([
    ['separators', ', '.repeat(5000)],
    ['digits', '1'.repeat(20000)],
    ['prose', 'A description put in the wrong field, at length. '.repeat(40)],
  ])('skips a meta author of %s and reads the byline', (_, junk) => {
    const m = md(page(`<meta name="author" content="Jane ${junk} Doe">`, '<p class="byline">By Ann Writer</p><p>Text</p>'));
    expect(m.author).toBe('By Ann Writer');
    expect(m.authors).toEqual(['Ann Writer']);
  });

  it('skips a JSON-LD author name of thousands of characters and keeps the real one beside it', () => {
    const ld = { '@type': 'NewsArticle', headline: 'T', author: [{ name: 'x|'.repeat(5000) }, { name: 'Bob Two' }] };
    const m = md(page(`<script type="application/ld+json">${JSON.stringify(ld)}</script>`));
    expect(m.authors).toEqual(['Bob Two']);
  });

  it('keeps a long list of real names', () => {
    const names = 'Nicholas Collins, Scott Munro, Matt De La O, Vineet Asthana, Rory O\'Sullivan, Corey Maurer';
    expect(md(page(`<meta name="author" content="${names}">`)).authors).toHaveLength(6);
  });
});

describe('extractMetadata: dates in the page', () => {
  it('reads itemprop=datePublished on a visible element', () => {
    const m = md(page('', '<article><span itemprop="datePublished" content="2015-03-27T13:07:55Z">March 27</span></article>'));
    expect(m.date).toBe('2015-03-27T13:07:55Z');
  });
  it('prefers a <time> inside the article to one in a sidebar', () => {
    const m = md(page('', `<aside><time datetime="2020-01-01">Jan 1</time></aside>
      <article><header><time datetime="2019-12-24T09:00:00+01:00">24.12.2019</time></header><p>x</p></article>`));
    expect(m.date).toBe('2019-12-24T09:00:00+01:00');
  });
  it('reads a date written in text inside an element named like a date, in the source zone', () => {
    const m = md(page('', '<div class="post-meta"><span class="date">12 listopada 2017, 14:05</span></div>', 'lang="pl"'), URL_, {
      timezone: 'Europe/Warsaw',
    });
    expect(m.date).toBe('2017-11-12T14:05:00+01:00');
  });
  it('uses the date in the URL when the page states none', () => {
    expect(md(page(''), 'https://blog.example/2017/11/12/some-post/').date).toBe('2017-11-12T00:00:00Z');
    expect(md(page(''), 'https://blog.example/news/20171112-some-post').date).toBe('2017-11-12T00:00:00Z');
  });
  it('does not take a date from a "today" widget', () => {
    expect(md(page('', '<div class="today">Wednesday, August 19, 2020</div><p>Story</p>')).date).toBeNull();
  });
  it('shows a UTC timestamp in the configured source zone', () => {
    const m = md(page('<meta property="article:published_time" content="2020-05-02T02:54:29Z">'), URL_, { timezone: 'America/New_York' });
    expect(m.date).toBe('2020-05-01T22:54:29-04:00');
  });
  it('reads an epoch timestamp from a data-* time attribute as an exact instant', () => {
    const m = md(page('', `<div class="tweet"><span class="metadata">11:25 PM - 10 Jul 2020</span>
      <a class="timestamp"><span data-time="1594448702" data-time-ms="1594448702000">Jul 10</span></a></div>`));
    expect(m.date).toBe('2020-07-11T06:25:02Z');
    // Not from an attribute that names the modification, nor a value that is no epoch.
    const n = md(page('', '<span data-updated-time="1594448702">x</span><span data-time="12345">y</span><p>10 Jul 2020</p>'));
    expect(n.date).toBe('2020-07-10T00:00:00Z');
  });
  it('reads a date written out by a small inline script', () => {
    const m = md(page('', `<table><tr><td class="main-text"><script>showDate("2020/04/17 01:43:09")</script> views 7</td></tr></table>`));
    expect(m.date).toBe('2020-04-17T01:43:09Z');
    // A library or data script is not a dateline.
    const big = `<script>var x = "2019/01/01"; ${'f();'.repeat(200)}</script>`;
    expect(md(page('', `${big}<p>Story</p>`)).date).toBeNull();
  });
  it('reads the publication date from a script-built page state when the markup has none', () => {
    const state = '<script>window.__STATE__={"story":{"title":"T","publishedAt":"2020-06-01T10:00:00+02:00","related":[]}}</script>';
    expect(md(page('', `<div id="app"></div>${state}`)).date).toBe('2020-06-01T10:00:00+02:00');
    const epoch = '<script>var data = {firstPublished: 1588388069, date: "x"};</script>';
    expect(md(page('', epoch)).date).toBe('2020-05-02T02:54:29Z');
    // JSON carried inside a string, its quotes escaped (Next.js's streamed page data); a date with an "n".
    // Scripts too long to be read as a few literals (page-date.ts) are read for these keys only.
    const filler = `"body":"${'Words of the story. '.repeat(30)}"`;
    const streamed = `<script>self.__next_f.push([1,"{\\"headline\\":\\"T\\",${filler.replace(/"/g, '\\"')},\\"datePublished\\":\\"2020-06-01T10:00:00+02:00\\"}"])</script>`;
    expect(md(page('', streamed)).date).toBe('2020-06-01T10:00:00+02:00');
    expect(md(page('', `<script>var a = {${filler},"publishDate":"Mon Jun 1 2020 10:00:00 GMT+0000"};</script>`)).date).toBe('2020-06-01T10:00:00Z');
    // The URL's day still comes first.
    expect(md(page('', state), 'https://blog.example/2020/05/31/post').date).toBe('2020-05-31T00:00:00Z');
  });
  it('dates a wiki revision permalink by the revision, not the page creation', () => {
    const head = '<script type="application/ld+json">{"@type":"Article","headline":"P","datePublished":"2005-07-26T16:22:26-07:00","dateModified":"2020-04-07T12:33:32-07:00"}</script>';
    expect(md(page(head), 'https://wiki.example/index.php?title=P&diff=591343&oldid=588001').date).toBe('2020-04-07T12:33:32-07:00');
    expect(md(page(head), 'https://wiki.example/wiki/P').date).toBe('2005-07-26T16:22:26-07:00');
  });
  it('shows a UTC time in the offset the page writes its other timestamps in', () => {
    const head = '<meta property="article:published_time" content="2020-05-02T02:54:29.000Z">';
    const schedule = '<script>var s=[{"date":"Fri, 01 May 2020 23:00:00 -0400"},{"date":"Sat, 02 May 2020 06:00:00 -0400"}]</script>';
    expect(md(page(head, `<p>x</p>${schedule}`)).date).toBe('2020-05-01T22:54:29-04:00');
    // Without any such timestamp the UTC day stays.
    expect(md(page(head)).date).toBe('2020-05-02T02:54:29Z');
  });
  it('shows a UTC time in the page\'s offset when that is on the URL\'s day', () => {
    const head = '<meta property="article:published_time" content="2023-01-17T00:30:41+00:00">';
    const stamps = '<script>var a={"publishHour":"2023-01-16T16:30:41-08:00","related":"2023-01-15T09:00:00-08:00"}</script>';
    const url = 'https://news.example/2023/01/16/letters/';
    // The publisher's clock (-08:00), not the least offset that reaches the URL's day (-01:00).
    expect(md(page(head, `<p>x</p>${stamps}`), url).date).toBe('2023-01-16T16:30:41-08:00');
    expect(md(page(head, '<p>x</p>'), url).date).toBe('2023-01-16T23:30:41-01:00');
    // An offset that misses the URL's day is not the publisher's for this story.
    const east = stamps.replaceAll('-08:00', '+09:00');
    expect(md(page(head, `<p>x</p>${east}`), url).date).toBe('2023-01-16T23:30:41-01:00');
  });
  it('shows a UTC time on the URL\'s day when a zone up to 8 hours off explains the difference', () => {
    const at = (stamp: string) => page(`<meta property="article:published_time" content="${stamp}">`, '<p>x</p>');
    const url = 'https://news.example/2019/11/18/story/';
    // 11:03 PM on the US west coast in winter: already the 19th in UTC.
    expect(md(at('2019-11-19T07:03:25+00:00'), url).date).toBe('2019-11-18T23:03:25-08:00');
    // 8 AM in Shanghai: still the 17th in UTC.
    expect(md(at('2019-11-17T16:30:00+00:00'), url).date).toBe('2019-11-18T00:30:00+08:00');
    // Ten hours off midnight: the URL names another day (the day it was filed), not the zone's.
    expect(md(at('2019-11-19T10:04:04+00:00'), url).date).toBe('2019-11-19T10:04:04Z');
  });
  it('shows a UTC time in the offset a <time> shows it in on the page', () => {
    const head = '<meta property="article:published_time" content="2019-11-19T01:19:34Z">';
    const time = (text: string, stamp = '2019-11-19T01:19:34Z') => `<p>x</p><time datetime="${stamp}">${text}</time>`;
    // The publisher's clock, without its zone: 8:19 PM is 01:19 UTC at -05:00, on the 18th.
    expect(md(page(head, time('Posted Nov 18, 8:19 PM'))).date).toBe('2019-11-18T20:19:34-05:00');
    // With its zone named, even for another minute (the update's, in the byline).
    expect(md(page(head, time('10:01 pm PST, Tuesday, November 19, 2019', '2019-11-20T06:01:19Z'))).date).toBe('2019-11-18T17:19:34-08:00');
    // A clock in UTC, another minute, or a date without a time say nothing.
    for (const text of ['Nov 19, 2019, 1:19 AM UTC', 'Nov 19, 2019 1:19 am', 'Posted Nov 18, 8:25 PM', 'Nov 18, 2019']) {
      expect(md(page(head, time(text))).date).toBe('2019-11-19T01:19:34Z');
    }
    // An embedded post (Instagram's, in a blockquote) shows its service's clock, not the publisher's.
    const embed = `<blockquote class="instagram-media">${time('Nov 18, 2019 at 5:19pm PST')}</blockquote>`;
    expect(md(page(head, embed)).date).toBe('2019-11-19T01:19:34Z');
  });
  it('reads times written without a zone as UTC when a <time> names them so, and shows them in its text\'s zone', () => {
    const head = '<meta itemprop="datePublished" content="2019-11-19 02:24:00"><meta itemprop="dateModified" content="2019-11-19 02:33:49">';
    const byline = '<p>x</p><time datetime="2019-11-19 02:24:00 UTC"> Nov 18, 2019 at  9:24 pm ET </time>';
    const m = md(page(head, byline));
    expect(m.date).toBe('2019-11-18T21:24:00-05:00');
    // The modification, written the same way, is the same server's UTC too.
    expect(m.modified).toBe('2019-11-19T02:33:49Z');
  });
  it('does not date a page by a quoted post', () => {
    const quote = '<blockquote><cite>jahboater wrote: Wed Dec 27, 2023 10:00 am</cite><p>The green one flickers.</p></blockquote>';
    expect(md(page('', `<p>Question</p>${quote}`)).date).toBeNull();
  });
  it('shows a UTC time in the offset of its own season when the page writes summer and winter time', () => {
    const head = '<meta property="article:published_time" content="2019-07-30T04:30:00+00:00">';
    // Three stamps in winter time (CST, -06:00), one in summer time (CDT, -05:00).
    const winter = ['2023-01-18T13:57:55-06:00', '2023-01-20T09:00:00-06:00', '2022-12-02T10:00:00-06:00'];
    const times = (stamps: string[]) => stamps.map((s) => `<time datetime="${s}">x</time>`).join('');
    const summer = times([...winter, '2021-08-02T08:00:00-05:00']);
    // A July story is shown in July's offset: still the evening of the 29th there, not 22:30 of it.
    expect(md(page(head, `<p>x</p>${summer}`)).date).toBe('2019-07-29T23:30:00-05:00');
    const january = head.replace('2019-07-30', '2019-01-30');
    expect(md(page(january, `<p>x</p>${summer}`)).date).toBe('2019-01-29T22:30:00-06:00');
    // With the winter offset alone, it is the page's offset all year.
    expect(md(page(head, `<p>x</p>${times(winter)}`)).date).toBe('2019-07-29T22:30:00-06:00');
    // An offset that is not an hour from the most frequent one is another zone's (a wire story's).
    expect(md(page(head, `<p>x</p>${times([...winter, '2021-08-02T08:00:00+02:00'])}`)).date).toBe('2019-07-29T22:30:00-06:00');
  });
  it('reads a time written without an offset in the offset the page writes its other timestamps in', () => {
    const schedule = '<script>var s=[{"date":"Sun, 07 Jun 2020 18:06:00 +0300"},{"date":"Sun, 07 Jun 2020 09:00:00 +0300"}]</script>';
    const dateline = '<article><h1>Heat wave</h1><span class="date">7 June 2020, 23:30</span><p>Text.</p></article>';
    // The page's clock as written, at its own offset: not 23:30 UTC shown as the next day's 02:30+03:00.
    expect(md(page('', `${dateline}${schedule}`)).date).toBe('2020-06-07T23:30:00+03:00');
    // Without the page's offset, or with the source's zone, the clock is read as before.
    expect(md(page('', dateline)).date).toBe('2020-06-07T23:30:00Z');
    expect(md(page('', `${dateline}${schedule}`), URL_, { timezone: 'Asia/Tokyo' }).date).toBe('2020-06-07T23:30:00+09:00');
    // The modification date written the same way is read the same way: one clock, one instant.
    const metas = '<meta name="publish_date" content="2020-06-07 23:30"><meta name="last-modified" content="2020-06-07 23:30">';
    const both = md(page(metas, `<p>x</p>${schedule}`));
    expect([both.date, both.modified]).toEqual(['2020-06-07T23:30:00+03:00', '2020-06-07T23:30:00+03:00']);
  });
  it('reads a time written without an offset in the clock of a one-zone language\'s country when the page tells no offset', () => {
    const dateline = (date: string) => `<article><h1>T</h1><span class="date">${date}</span><p>Text.</p></article>`;
    expect(md(page('', dateline('2019年04月04日 09:00'), 'lang="ja"')).date).toBe('2019-04-04T09:00:00+09:00');
    expect(md(page('', dateline('2024년 3월 5일 14:05'), 'lang="ko-KR"')).date).toBe('2024-03-05T14:05:00+09:00');
    // A page that declares no language: its title's script tells it (kana, Han).
    const titled = (title: string) => `<title>${title}</title>`;
    expect(md(page(titled('複数要素の関連をビジュアライズできるライブラリ'), dateline('2019年04月04日 09:00'))).date).toBe('2019-04-04T09:00:00+09:00');
    expect(md(page(titled('新华社北京电'), dateline('2020-02-19 20:29:58'))).date).toBe('2020-02-19T20:29:58+08:00');
    expect(md(page(titled('Heat wave'), dateline('2020-02-19 20:29:58'))).date).toBe('2020-02-19T20:29:58Z');
    // A UTC stamp is shown in that clock (the same instant).
    expect(md(page('<meta property="article:published_time" content="2019-04-03T23:00:00Z">', '<p>x</p>', 'lang="zh-CN"')).date).toBe('2019-04-04T07:00:00+08:00');
    // The page's own offsets come first; a language of many countries tells none.
    const related = '<script>var related=[{"date":"2019-11-20T07:00:21-05:00"},{"date":"2019-11-20T05:59:38-05:00"}]</script>';
    expect(md(page('', `${dateline('2019-11-18 17:01')}${related}`, 'lang="zh"')).date).toBe('2019-11-18T17:01:00-05:00');
    expect(md(page('', dateline('7 June 2020, 23:30'), 'lang="de"')).date).toBe('2020-06-07T23:30:00Z');
  });
  it('shows a UTC time in the offset of a wall clock on the page that names the same second', () => {
    const head = '<meta property="article:published_time" content="2016-12-20T00:08:44+00:00"><meta name="sailthru.date" content="2016-12-19 19:08:44">';
    // Not the nearest hour that puts it on the URL's day (-01:00): the page's own clock says -05:00.
    expect(md(page(head), 'https://news.example/2016/12/19/embryo-drama/').date).toBe('2016-12-19T19:08:44-05:00');
    expect(md(page(head)).date).toBe('2016-12-19T19:08:44-05:00');
    // A clock that names another second says nothing.
    expect(md(page(head.replace('19:08:44', '19:08:45'))).date).toBe('2016-12-20T00:08:44Z');
  });
  it('reads a "Z" time as the local clock the article\'s <time> states with its offset and shows', () => {
    // The CMS wrote the publisher's clock with a Z; the article shows readers 20:00 in Tokyo.
    const head = '<meta property="article:published_time" content="2019-04-19T20:00:00.000Z">';
    const shown = '<h1>T</h1><time datetime="2019-04-19T20:00:00+09:00">2019.04.19 20:00</time><p>Text</p>';
    expect(md(page(head, shown)).date).toBe('2019-04-19T20:00:00+09:00');
    expect(md(page(head, shown.replace('2019.04.19 20:00', 'April 19, 8:00 PM'))).date).toBe('2019-04-19T20:00:00+09:00');
    // A <time> that does not show that clock, or states another minute, leaves the instant as written.
    expect(md(page(head, shown.replace('2019.04.19 20:00', '2019.04.19'))).date).toBe('2019-04-20T05:00:00+09:00');
    expect(md(page(head, shown.replace(/20:00/g, '20:01'))).date).toBe('2019-04-20T05:00:00+09:00');
  });
  it('keeps a time without an offset in UTC when the page\'s own full timestamp says it is UTC', () => {
    // A server's UTC serialization that lost its Z, beside the same instant written whole.
    const head = '<meta property="article:published_time" content="2019-11-18T17:01:27.893"><meta itemprop="dateCreated" content="2019-11-18T17:01:27.893Z">';
    const related = '<script>var related=[{"date":"2019-11-20T07:00:21-05:00"},{"date":"2019-11-20T05:59:38-05:00"}]</script>';
    expect(md(page(head, `<p>x</p>${related}`)).date).toBe('2019-11-18T12:01:27-05:00');
    // Without that stamp it is the publisher's clock.
    const clock = head.replace(/<meta itemprop[^>]*>/, '');
    expect(md(page(clock, `<p>x</p>${related}`)).date).toBe('2019-11-18T17:01:27-05:00');
  });
  it('rejects a page date in the future', () => {
    expect(md(page('<meta property="article:published_time" content="2030-01-01T00:00:00Z">')).date).toBeNull();
  });
});

describe('extractMetadata: title', () => {
  it('strips a site-name suffix from <title>', () => {
    expect(md(page('<title>A long enough article title | Example Site</title>')).title).toBe('A long enough article title');
  });
  it('sees no separator after a no-break space, as document.title keeps it (Reader View keeps the whole title)', () => {
    expect(md(page('<title>Where does the thick air come from?&nbsp;- Example Site</title>')).title).toBe('Where does the thick air come from? - Example Site');
    expect(md(page('<title>Where does the thick air come from?\n - Example Site</title>')).title).toBe('Where does the thick air come from?');
  });
  it('keeps the whole <title> when a heading repeats it', () => {
    const m = md(page('<title>Evolve: Shared Mutable History</title>', '<h1>Evolve: Shared Mutable History</h1>'));
    expect(m.title).toBe('Evolve: Shared Mutable History');
  });
  it('uses the only <h1> when <title> is too short', () => {
    expect(md(page('<title>Home</title>', '<h1>The real headline of the page</h1>')).title).toBe('The real headline of the page');
  });
  it('takes the page title a JSON-LD headline was cut from, not a title with a site name after it', () => {
    const full = 'Il brise le couvre-feu et est surpris au volant à Mellet: «Je me fiche pas mal de ces mesures et du gouvernement!»';
    const cut = full.slice(0, full.lastIndexOf(' gouvernement'));
    const ld = (headline: string) =>
      `<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":${JSON.stringify(headline)}}</script>`;
    // Cut between words: the og:title goes on.
    expect(md(page(`${ld(cut)}<meta property="og:title" content="${full}">`)).title).toBe(full);
    // Cut with an ellipsis, inside a word: the <title>, its site name taken off.
    expect(md(page(`${ld(`${full.slice(0, 100)}...`)}<title>${full} - Le Journal</title>`)).title).toBe(full);
    // A title that goes on with a site name is not the headline's source.
    const short = 'Le couvre-feu prolongé de deux semaines';
    expect(md(page(`${ld(short)}<meta property="og:title" content="${short} | Le Journal">`)).title).toBe(short);
    expect(md(page(`${ld(short)}<meta property="og:title" content="${short} (vidéo)">`)).title).toBe(short);
    // Where nothing goes on, the headline stands.
    expect(md(page(`${ld(cut)}<meta property="og:title" content="Autre titre">`)).title).toBe(cut);
  });
  it('honours a configured title selector', () => {
    const m = md(page('<meta property="og:title" content="OG">', '<h2 class="t">Chosen</h2>'), URL_, { selectors: { title: 'h2.t' } });
    expect(m.title).toBe('Chosen');
  });
  it('honours a configured date selector with @attr', () => {
    const m = md(page('', '<span class="d" data-ts="2019-05-06T07:08:09Z">x</span>'), URL_, { selectors: { date: '.d@data-ts' } });
    expect(m.date).toBe('2019-05-06T07:08:09Z');
  });
  it('reads the datetime of a <time> a date selector names, as list selectors do', () => {
    const body = '<div class="meta"><time class="entry-date" datetime="2017-11-10T16:20:00+05:30">November 10, 2017</time></div>';
    const m = md(page('', body), URL_, { selectors: { date: '.meta .entry-date' }, timezone: 'Asia/Kolkata' });
    expect(m.date).toBe('2017-11-10T16:20:00+05:30');
  });
});

describe('extractMetadata: does not mutate the document', () => {
  it('leaves the DOM unchanged', () => {
    const doc = parseHtml(page('<title>T | S</title><meta property="og:title" content="X">', '<p class="byline">By A B</p><time datetime="2020-01-01">x</time>'));
    const before = serializeHtml(doc);
    extractMetadata(doc, URL_, { now });
    expect(serializeHtml(doc)).toBe(before);
  });
});

describe('extractMetadata: text repairs', () => {
  /** What a double encoding makes of `s`: its UTF-8 bytes read as Latin-1. */
  const garble = (s: string): string => String.fromCharCode(...new TextEncoder().encode(s));
  it('reads back a title and a byline their CMS encoded to UTF-8 twice', () => {
    const html =
      `<html><head><meta property="og:title" content="${garble('A Gardener’s Guide — Part 2')}">` +
      `<meta name="author" content="${garble('Dara O’Brien')}"></head><body><p>Text</p></body></html>`;
    const m = extractMetadata(parseHtml(html), 'https://example.org/a');
    expect(m.title).toBe('A Gardener’s Guide — Part 2');
    expect(m.author).toBe('Dara O’Brien');
  });
  it('decodes signs and punctuation a page escaped twice', () => {
    const html = '<html><head><meta property="og:title" content="Acme&amp;reg; Cream &amp;ndash; 50 ml"></head><body></body></html>';
    expect(extractMetadata(parseHtml(html), 'https://example.org/a').title).toBe('Acme® Cream – 50 ml');
  });
});

describe('extractMetadata: question pages', () => {
  it("take the asker from the page's QAPage question", () => {
    const ld =
      '{"@type":"QAPage","name":"Starter smells of acetone","mainEntity":{"@type":"Question","name":"Starter smells of acetone",' +
      '"datePublished":"2024-09-05T10:00:00Z","author":{"@type":"Person","name":"breadfan"}}}';
    const html = `<html><head><script type="application/ld+json">${ld}</script></head><body><h1>Starter smells of acetone</h1><p>Help!</p></body></html>`;
    const m = extractMetadata(parseHtml(html), 'https://forum.example.org/t/starter/1');
    expect(m.author).toBe('breadfan');
  });
});

describe('extractMetadata: an editor\'s caret mark (U+FEFF) inside a word', () => {
  it('reads the title and the author without splitting the word', () => {
    const m = md(page('<title>The 10 B\ufeffest Projects</title><meta name="author" content="Ann\ufeff Lee">', '<h1>The 10 B\ufeffest Projects</h1><p>Text</p>'));
    expect(m.title).toBe('The 10 Best Projects');
    expect(m.author).toBe('Ann Lee');
  });
});
