import { describe, expect, it } from 'vitest';
import { parseHtml } from '../../src/html/parse.ts';
import { readJsonLd } from '../../src/extract/jsonld.ts';
import { pageIndex } from '../../src/extract/page-index.ts';

const page = (...blocks: string[]) =>
  parseHtml(`<html><head>${blocks.map((b) => `<script type="application/ld+json">${b}</script>`).join('')}</head><body></body></html>`);

describe('readJsonLd: thread', () => {
  it('is true for a forum topic or a question, however the type is written and wherever the node sits', () => {
    expect(readJsonLd(page('{"@type":"DiscussionForumPosting","headline":"Starter smells"}')).thread).toBe(true);
    expect(readJsonLd(page('{"@graph":[{"@type":"WebSite"},{"@type":["https://schema.org/QAPage"]}]}')).thread).toBe(true);
  });
  it('is false for an article, and for a page without JSON-LD', () => {
    expect(readJsonLd(page('{"@type":"NewsArticle","headline":"Trams"}')).thread).toBe(false);
    expect(readJsonLd(page()).thread).toBe(false);
  });
  it('parses a page once: asked again with the same index, it answers the same object', () => {
    const doc = page('{"@type":"NewsArticle","headline":"Trams"}');
    const index = pageIndex(doc);
    expect(readJsonLd(doc, index)).toBe(readJsonLd(doc, index));
  });
});

describe('readJsonLd: notArticle', () => {
  const yoast = (...extra: string[]) => `{"@context":"https://schema.org","@graph":[{"@type":"WebSite"},{"@type":"WebPage","name":"Services"},{"@type":"BreadcrumbList"}${extra.map((e) => `,${e}`).join('')}]}`;
  it('is true for a product, a category or a service, and for a plain WebPage with no article', () => {
    expect(readJsonLd(page('{"@type":"Product","name":"Kettle"}')).notArticle).toBe(true);
    expect(readJsonLd(page('{"@type":"CollectionPage"}')).notArticle).toBe(true);
    expect(readJsonLd(page(yoast())).notArticle).toBe(true);
  });
  it('is false for a WebPage with an article or a question beside it, for other pages, and without JSON-LD', () => {
    expect(readJsonLd(page(yoast('{"@type":"BlogPosting","headline":"Trams"}'))).notArticle).toBe(false);
    expect(readJsonLd(page(yoast(), '{"@type":"NewsArticle","headline":"Trams"}')).notArticle).toBe(false);
    expect(readJsonLd(page(yoast('{"@type":"QAPage","mainEntity":{"@type":"Question","name":"Why?"}}'))).notArticle).toBe(false);
    expect(readJsonLd(page('{"@type":"MedicalWebPage","name":"Flu"}')).notArticle).toBe(false);
    expect(readJsonLd(page()).notArticle).toBe(false);
  });
});

describe('readJsonLd: product', () => {
  it('is true where a node is a product or a group of its variants, however the type is written', () => {
    expect(readJsonLd(page('{"@type":"Product","name":"Kettle"}')).product).toBe(true);
    expect(readJsonLd(page('{"@graph":[{"@type":"WebPage"},{"@type":["ProductGroup"],"name":"Kettle"}]}')).product).toBe(true);
  });
  it('is false for other pages, and without JSON-LD', () => {
    expect(readJsonLd(page('{"@type":"CollectionPage"}')).product).toBe(false);
    expect(readJsonLd(page('{"@type":"NewsArticle","headline":"Trams"}')).product).toBe(false);
    expect(readJsonLd(page()).product).toBe(false);
  });
});

describe('readJsonLd: question', () => {
  const qa =
    '{"@type":"QAPage","name":"Starter smells of acetone","mainEntity":{"@type":"Question","name":"Starter smells of acetone",' +
    '"datePublished":"2024-09-05T10:00:00Z","author":{"@type":"Person","name":"breadfan"}}}';
  it("is a question page's own question, with its asker and date", () => {
    const q = readJsonLd(page(qa)).question;
    expect(q?.name).toBe('Starter smells of acetone');
    expect(q?.authors).toEqual(['breadfan']);
    expect(q?.datePublished).toBe('2024-09-05T10:00:00Z');
  });
  it('is not a Question of an FAQ block, nor read when the page has an article node', () => {
    expect(readJsonLd(page('{"@type":"FAQPage","mainEntity":[{"@type":"Question","name":"Why?"}]}')).question).toBeUndefined();
    expect(readJsonLd(page('{"@type":"NewsArticle","headline":"Trams"}', qa)).question).toBeUndefined();
  });
});

describe('readJsonLd: JSON-LD in a meta', () => {
  it('reads <meta name="script:ld+json">, as Next.js renders JSON-LD passed through metadata.other', () => {
    const ld = '{"@context":"https://schema.org","@type":"Article","headline":"Full EV cars","datePublished":"2025-11-17T09:00:00-05:00"}';
    const doc = parseHtml(`<html><head><meta name="script:ld+json" content="${ld.replace(/"/g, '&quot;')}"></head><body><p>Text.</p></body></html>`);
    const info = readJsonLd(doc, pageIndex(doc));
    expect(info.article?.headline).toBe('Full EV cars');
    expect(info.article?.datePublished).toBe('2025-11-17T09:00:00-05:00');
    // Another meta's JSON is not JSON-LD.
    const other = parseHtml(`<html><head><meta name="config" content="${ld.replace(/"/g, '&quot;')}"></head><body></body></html>`);
    expect(readJsonLd(other, pageIndex(other)).article).toBeNull();
  });
});
