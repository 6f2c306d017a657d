/** Which text of a byline element is the name (src/extract/byline-name.ts), seen through the page's `authors`. */
import { describe, expect, it } from 'vitest';
import { parseHtml } from '../../src/html/parse.ts';
import { extractMetadata } from '../../src/extract/metadata.ts';

const authors = (byline: string) =>
  extractMetadata(parseHtml(`<!doctype html><html><head><title>T</title></head><body><h1>T</h1>${byline}<p>Text.</p></body></html>`), 'https://news.example/a/story').authors;

describe('the names in a byline element', () => {
  it('are its links to the authors\' pages, without the role, agency or section glued on', () => {
    expect(authors('<div class="byline"><span>By</span> <a href="/people/howard-blume">Howard Blume</a><span class="author-title">Staff Writer</span></div>')).toEqual(['Howard Blume']);
    expect(authors('<div class="byline"><a href="/toireporter/author-Saibal-Dasgupta-13399.cms">Saibal Dasgupta</a> / TNN / <span>Oct 9, 2019</span></div>')).toEqual(['Saibal Dasgupta']);
    expect(authors('<div class="bylineDetails"><span class="authorText"><a href="/news/author/pete-evans-1.33">Pete Evans</a></span> · CBC News · <time>Oct 14, 2022</time></div>')).toEqual(['Pete Evans']);
    expect(authors('<p class="author">Written by <a rel="author" href="https://example.org/">Mia Wong</a> in <a href="/linux/Valve">Valve</a></p>')).toEqual(['Mia Wong']);
  });
  it('are the names of each author item the byline holds, not its publisher\'s', () => {
    const person = (name: string) => `<span itemprop="author creator" itemscope itemtype="https://schema.org/Person"><span itemprop="name">${name}</span></span>`;
    const byline = `<p class="byline-dateline">By ${person('KEVIN SACK')}, ${person('SHERI FINK')} and ${person('PAM BELLUCK')}` +
      '<span itemprop="publisher" itemscope><meta itemprop="name" content="The Times"></span> <time>Dec. 20, 2014</time></p>';
    expect(authors(byline)).toEqual(['KEVIN SACK', 'SHERI FINK', 'PAM BELLUCK']);
  });
  it('are the line that opens as a byline, of a byline drawn in several blocks', () => {
    expect(authors('<div class="article_byline"><div>By <span>Joe Davidson</span></div><div class="flex"><div>Washington Post</div><time>Dec 13, 2016 at 3:45 pm</time></div></div>')).toEqual(['Joe Davidson']);
  });
  it('are the innermost element named as the name, not a wrapper that also holds the role', () => {
    expect(authors('<div class="author-card"><a href="/team/matt-check" class="author-name-wrapper"><h2 class="card-author-name">Matt Check</h2><div class="author-role">Head Winemaker, Co-Founder</div></a></div>')).toEqual(['Matt Check']);
  });
  it('are the co-authors linked beside a byline that is one author\'s link', () => {
    const guardian = '<address><div><a rel="author" href="/profile/julia-carrie-wong">Julia Carrie Wong</a> and <a rel="author" href="/profile/sam-levin">Sam Levin</a></div></address>';
    expect(authors(guardian)).toEqual(['Julia Carrie Wong', 'Sam Levin']);
    // Not the other author links of a container that holds more than a byline's line.
    const prose = 'The council approved the new tram line after a long debate about its cost. '.repeat(4);
    expect(authors(`<div><a rel="author" href="/profile/ann-lee">Ann Lee</a> <p>${prose}</p> <a rel="author" href="/profile/bo-chen">Bo Chen</a></div>`)).toEqual(['Ann Lee']);
    // Reader View's byline is the first link's text.
    expect(extractMetadata(parseHtml(`<html><body>${guardian}<p>Text.</p></body></html>`), 'https://news.example/a').author).toBe('Julia Carrie Wong');
  });
  it('are each link\'s name, when several authors are linked', () => {
    expect(authors('<div class="byline">By <a href="/author/ann-lee">Ann Lee</a>, <a href="/author/bo">Bo</a> and <a href="/author/cy-ray">Cy Ray</a></div>')).toEqual(['Ann Lee', 'Bo', 'Cy Ray']);
  });
  it('are the linked names beside a byline element that is only its label', () => {
    const nyt = '<p class="css-4anu"><span class="byline-prefix">By </span><span itemprop="name"><a href="https://www.example.com/by/marc-santora">Marc Santora</a>, </span>' +
      '<span itemprop="name"><a href="https://www.example.com/by/al-baker">Al Baker</a></span> and <span class="last-byline" itemprop="name"><a href="/by/adam-goldman">Adam Goldman</a></span></p>';
    expect(authors(nyt)).toEqual(['Marc Santora', 'Al Baker', 'Adam Goldman']);
  });
  it('are not the profiles on social networks an author box links to', () => {
    const bio = '<div class="author-bio"><h3 class="author-name">Jeffrey Zeldman</h3><p>Connect: <a href="https://bsky.app/profile/zeldman.bsky.social">BlueSky</a>, <a href="https://www.linkedin.com/in/zeldman">LinkedIn</a></p></div>';
    expect(authors(bio)).toEqual(['Jeffrey Zeldman']);
  });
  it('are the name-classed part of a linked author card, not its job title', () => {
    const card = '<div class="author-card"><a href="/author/harry-r"><img src="/h.jpg" alt=""><div><p class="styles_name__oT6">Harry Rabinowitz</p><p class="styles_jobTitle__X">Tech Reporter</p></div></a></div>';
    expect(authors(card)).toEqual(['Harry Rabinowitz']);
  });
  it('are, with no byline marked, the author page linked nearest the top of the article, with its co-authors', () => {
    expect(authors('<div class="x1"><span>By</span><div class="x2"><a href="/author/miserableshitehawk">Chris Thompson</a></div></div>')).toEqual(['Chris Thompson']);
    expect(authors('<div class="x1">By <a href="/by/ann-lee">Ann Lee</a> and <a href="/by/bo-ray">Bo Ray</a></div>')).toEqual(['Ann Lee', 'Bo Ray']);
    expect(authors('<div class="t-meta"><a href="https://news.example/about/editors/jon-fingas/" class="th-meta">Jon Fingas</a></div>')).toEqual(['Jon Fingas']);
    // Not a site's people, staff or account pages, nor a link that is no name.
    expect(authors('<div class="x1"><a href="/people/">People</a> <a href="/profile/settings">Create an Account</a> <a href="/staff/training">Staff Training</a></div>')).toEqual([]);
    expect(authors('<div class="x1"><a href="/author/join">Join today</a></div>')).toEqual([]);
  });
  it('are the author links of a byline that glues a job title to the name', () => {
    const byline = '<div class="authors-name"><span>&amp;</span> <a href="https://uk.example.com/u/zackery-cuevas">Zackery Cuevas</a> <span>Writer, Hardware</span></div>';
    expect(authors(byline)).toEqual(['Zackery Cuevas']);
  });
  it('are not a link\'s text that is a count', () => {
    expect(authors('<div class="author"><span class="author-name">Jo Bloggs</span> <a href="/author/jo-bloggs">12 articles</a></div>')).toEqual(['Jo Bloggs']);
  });
});
