/**
 * The two answers to "who wrote it" (src/extract/authors.ts): `author` is the byline Reader View
 * shows (the readability set's truth is its output); `authors` are the names, from wherever the
 * page states them best.
 */
import { describe, expect, it } from 'vitest';
import { parseHtml } from '../../src/html/parse.ts';
import { extractMetadata } from '../../src/extract/metadata.ts';

const md = (html: string) => extractMetadata(parseHtml(html), 'https://news.example/section/story.html');
const page = (head: string, body = '<p>Text</p>') => `<!doctype html><html><head>${head}</head><body>${body}</body></html>`;

describe('extractMetadata: the byline as Reader View shows it, the names from the best source', () => {
  const byline = '<div class="byline">By <span>Ann Lee</span> — March 3, 2024</div>';
  it('names the article:author metas\' authors, where the template\'s author meta is the publisher', () => {
    const m = md(page('<meta name="author" content="Condé Nast"><meta property="article:author" content="Larry Fitzmaurice">'));
    expect(m.author).toBe('Condé Nast');
    expect(m.authors).toEqual(['Larry Fitzmaurice']);
    const two = md(page('<meta property="article:author" content="Mark Lee"><meta property="article:author" content="Jonas Jaeger">'));
    expect(two.authors).toEqual(['Mark Lee', 'Jonas Jaeger']);
    // A profile URL there is no name, nor a path of the site: the author meta's stand.
    expect(md(page('<meta property="article:author" content="/@timoreilly"><meta name="author" content="Tim O&#x27;Reilly">')).authors).toEqual(["Tim O'Reilly"]);
    const url = md(page('<meta name="author" content="Ann Lee"><meta property="article:author" content="https://facebook.com/ann">'));
    expect(url.authors).toEqual(['Ann Lee']);
    // Written "og:article:author" (Le Monde), it is the same meta, as Reader View reads it; its time too.
    const og = md(page('<meta property="og:article:author" content="Cécile Ducourtieux"><meta property="og:article:published_time" content="2019-05-07T11:59:43+00:00">'));
    expect([og.author, og.authors, og.date]).toEqual(['Cécile Ducourtieux', ['Cécile Ducourtieux'], '2019-05-07T11:59:43Z']);
  });
  it('reads an author meta stated twice as Reader View does, its later value; a per-author key as every name', () => {
    // A theme's site-wide default first, the page's own author after it.
    const twice = md(page('<meta name="author" content="ScaleFocus"><meta name="author" content="Archit Soni">'));
    expect([twice.author, twice.authors]).toEqual(['Archit Soni', ['Archit Soni']]);
    // Dublin Core's creator: one meta per author, Reader View's byline the last of them.
    const dc = md(page('<meta name="dc.Creator" content=" Michael L.  Anderson "><meta name="dc.Creator" content="Carlos Dobkin"><meta name="dc.Creator" content="Devon Gorry">'));
    expect([dc.author, dc.authors]).toEqual(['Devon Gorry', ['Michael L. Anderson', 'Carlos Dobkin', 'Devon Gorry']]);
    // Google Scholar's citation_author, which Reader View does not read: every name, in the byline too.
    const paper = md(page('<meta name="citation_author" content="Aditya Mahindru"><meta name="citation_author_institution" content="Dept. of Psychiatry">' +
      '<meta name="citation_author" content="Pradeep Patil">'));
    expect([paper.author, paper.authors]).toEqual(['Aditya Mahindru, Pradeep Patil', ['Aditya Mahindru', 'Pradeep Patil']]);
    // Beside a byline that names only the first of them, the list is the names.
    const cited = '<meta name="citation_author" content="Havell Markus"><meta name="citation_author" content="Jun Zhao">';
    expect(md(page(cited, '<span class="author">Havell Markus</span><p>Text</p>')).authors).toEqual(['Havell Markus', 'Jun Zhao']);
    expect(md(page(cited, '<span class="author">Ann Lee</span><p>Text</p>')).authors).toEqual(['Ann Lee']);
  });
  it('splits a JSON-LD author name that lists several people, without their newspaper', () => {
    const ld = (name: string) => `<script type="application/ld+json">{"@type":"NewsArticle","author":{"@type":"Person","name":"${name}"}}</script>`;
    expect(md(page(ld('Manoj Jain and Jagpreet Chhatwal, The Commercial Appeal'))).authors).toEqual(['Manoj Jain', 'Jagpreet Chhatwal']);
    expect(md(page(ld('MEG KINNARD and ERRIN HAINES, Associated Press'))).authors).toEqual(['MEG KINNARD', 'ERRIN HAINES']);
    // One name loses its job title or newspaper after a comma (a wire's template)…
    expect(md(page(ld('By TOM KRISHER, AP Auto Writer'))).authors).toEqual(['TOM KRISHER']);
    expect(md(page(ld('Colleen Barry, The Associated Press'))).authors).toEqual(['Colleen Barry']);
    // …and otherwise stays as the page states it.
    expect(md(page(ld('Procter and Gamble'))).authors).toEqual(['Procter and Gamble']);
    expect(md(page(ld('Morgan & Morgan'))).authors).toEqual(['Morgan & Morgan']);
    expect(md(page(ld('Angela Holliday-Bell, MD'))).authors).toEqual(['Angela Holliday-Bell, MD']);
  });
  it('takes no JSON-LD name that begins with a comma (a template\'s empty name before its affiliation)', () => {
    const ld = '<script type="application/ld+json">{"@type":"NewsArticle","author":{"@type":"Person","name":", USA TODAY"}}</script>';
    expect(md(page(ld, '<div class="byline"><a href="/staff/2646/brian-truitt/">Brian Truitt</a> USA TODAY</div><p>Text</p>')).authors).toEqual(['Brian Truitt']);
  });
  it('names the byline\'s person where the author meta names the newsroom', () => {
    const byline = 'By <a href="/author/megan-french/" class="author url fn" rel="author">Megan French</a>';
    const m = md(page('<meta name="author" content="Us Weekly Staff">', `<div class="byline">${byline}</div><p>Text</p>`));
    expect([m.author, m.authors]).toEqual(['Us Weekly Staff', ['Megan French']]);
    // A person's name in the meta stays the names.
    expect(md(page('<meta name="author" content="Ann Lee">', `<div class="byline">${byline}</div><p>Text</p>`)).authors).toEqual(['Ann Lee']);
  });
  it('shows the page\'s byline when JSON-LD names the author only through an @id', () => {
    const ld = '<script type="application/ld+json">{"@graph":[{"@type":"NewsArticle","headline":"T","author":{"@id":"#ann"}},' +
      '{"@type":"Person","@id":"#ann","name":"Ann B. Lee"}]}</script>';
    const m = md(page(ld, `${byline}<p>Text</p>`));
    expect(m.author).toBe('By Ann Lee — March 3, 2024');
    expect(m.authors).toEqual(['Ann B. Lee']);
  });
  it('shows the page\'s byline when JSON-LD names the author as a bare string or a list of names', () => {
    for (const author of ['"Ann B. Lee"', '{"@type":"Person","name":["Ann B. Lee"]}']) {
      const m = md(page(`<script type="application/ld+json">{"@type":"NewsArticle","author":${author}}</script>`, `${byline}<p>Text</p>`));
      expect(m.author).toBe('By Ann Lee — March 3, 2024');
      expect(m.authors).toEqual(['Ann B. Lee']);
    }
  });
  it('shows a name the article node states itself, in JSON-LD Reader View reads', () => {
    const ld = (json: string) => md(page(`<script type="application/ld+json">${json}</script>`, `${byline}<p>Text</p>`));
    const author = '"author":[{"@type":"Person","name":"Ann B. Lee"}]';
    const m = ld(`{"@context":"https://schema.org","@type":"NewsArticle",${author}}`);
    expect(m.author).toBe('Ann B. Lee');
    expect(m.authors).toEqual(['Ann B. Lee']);
    expect(ld(`{"@context":"http://schema.org/","@graph":[{"@type":"WebPage"},{"@type":"NewsArticle",${author}}]}`).author).toBe('Ann B. Lee');
    // Reader View does not read these: no schema.org context, a typed list as the type, a repaired
    // comma, an article nested in another node. We do, for the names.
    for (const json of [
      `{"@type":"NewsArticle",${author}}`,
      `{"@context":"https://schema.org","@type":["NewsArticle"],${author}}`,
      `{"@context":"https://schema.org","@type":"NewsArticle",${author},}`,
      `{"@context":"https://schema.org","@type":"WebPage","mainEntity":{"@type":"NewsArticle",${author}}}`,
    ]) {
      expect(ld(json).author).toBe('By Ann Lee — March 3, 2024');
      expect(ld(json).authors).toEqual(['Ann B. Lee']);
    }
  });
  it('shows the byline before a microdata author meta, and names the author from the meta', () => {
    const m = md(page('<meta itemprop="author" content="Ann B. Lee">', `${byline}<p>Text</p>`));
    expect(m.author).toBe('By Ann Lee — March 3, 2024');
    expect(m.authors).toEqual(['Ann B. Lee']);
    expect(md(page('<meta itemprop="author" content="Ann B. Lee">')).author).toBe('Ann B. Lee');
  });
  it('shows an author box whole, and names the author from the element named as the name', () => {
    const m = md(page('', '<div class="post-author"><span class="post-author__name">Mia Dale</span> <span class="post-author__role">Founder at Acme</span></div><p>Text</p>'));
    expect(m.author).toBe('Mia Dale Founder at Acme');
    expect(m.authors).toEqual(['Mia Dale']);
  });
});
