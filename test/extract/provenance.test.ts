import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/extract/index.ts';

const body = '<article><p>' + 'The council met on Tuesday to discuss the new ferry timetable for the spring. '.repeat(6) + '</p></article>';
const page = (head: string, inBody = '') => `<!doctype html><html><head><title>Plain document title here</title>${head}</head><body>${inBody}${body}</body></html>`;
const ld = (o: Record<string, unknown>) => `<script type="application/ld+json">${JSON.stringify({ '@context': 'https://schema.org', '@type': 'NewsArticle', ...o })}</script>`;
const meta = (property: string, content: string) => `<meta property="${property}" content="${content}">`;
const named = (name: string, content: string) => `<meta name="${name}" content="${content}">`;
const URL_ = 'https://example.com/news/story';
const from = (html: string, options: Parameters<typeof extractArticle>[2] = {}, url = URL_) => extractArticle(html, url, { ...options, provenance: true }).provenance;

describe('extractArticle provenance: which rule gave each field', () => {
  it('is absent unless asked for', () => {
    expect(extractArticle(page(''), URL_)).not.toHaveProperty('provenance');
  });

  it('title: selector › JSON-LD › meta › the document title', () => {
    expect(from(page(ld({ headline: 'From LD' }) + meta('og:title', 'From OG'), '<h2 class="t">From selector</h2>'), { selectors: { title: 'h2.t' } })?.title).toBe('selector');
    expect(from(page(ld({ headline: 'From LD' }) + meta('og:title', 'From OG')))?.title).toBe('json-ld');
    expect(from(page(meta('og:title', 'From OG')))?.title).toBe('meta');
    expect(from(page(''))?.title).toBe('title');
    // A selector that matches nothing is not the provenance.
    expect(from(page(meta('og:title', 'From OG')), { selectors: { title: 'h2.none' } })?.title).toBe('meta');
  });

  it('author: selector › JSON-LD › meta › byline', () => {
    expect(from(page('', '<span class="who">Sel Author</span>'), { selectors: { author: '.who' } })?.author).toBe('selector');
    expect(from(page(ld({ headline: 'x', author: { '@type': 'Person', name: 'Ld Author' } })))?.author).toBe('json-ld');
    expect(from(page(named('author', 'Meta Author')))?.author).toBe('meta');
    expect(from(page('', '<p class="byline">By <a rel="author" href="/a/b">Byline Author</a></p>'))?.author).toBe('byline');
    expect(from(page(''))?.author).toBeUndefined();
  });

  it('date: selector › JSON-LD › meta › <time> › URL', () => {
    expect(from(page(ld({ headline: 'x', datePublished: '2026-05-01T10:00:00Z' }), '<span class="d">2 May 2026</span>'), { selectors: { date: '.d' } })?.date).toBe('selector');
    expect(from(page(ld({ headline: 'x', datePublished: '2026-05-01T10:00:00Z' }) + meta('article:published_time', '2026-05-02T10:00:00Z')))?.date).toBe('json-ld');
    expect(from(page(meta('article:published_time', '2026-05-02T10:00:00Z')))?.date).toBe('meta');
    expect(from(page('', '<time datetime="2026-05-03T10:00:00Z">3 May</time>'))?.date).toBe('markup');
    expect(from(page(''), {}, 'https://example.com/2026/05/04/story')?.date).toBe('url');
    expect(from(page(''))?.date).toBeUndefined();
  });

  it('image: meta › JSON-LD › the page markup; excerpt: JSON-LD › meta', () => {
    expect(from(page(meta('og:image', 'https://example.com/og.jpg') + ld({ headline: 'x', image: 'https://example.com/ld.jpg' })))?.image).toBe('meta');
    expect(from(page(ld({ headline: 'x', image: 'https://example.com/ld.jpg' })))?.image).toBe('json-ld');
    expect(from(page('<link rel="image_src" href="https://example.com/src.jpg">'))?.image).toBe('markup');
    expect(from(page(ld({ headline: 'x', description: 'Ld description' })))?.excerpt).toBe('json-ld');
    expect(from(page(named('description', 'Meta description')))?.excerpt).toBe('meta');
    expect(from(page(''))?.excerpt).toBeUndefined();
  });
});
