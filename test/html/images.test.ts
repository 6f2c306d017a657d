import { describe, expect, it } from 'vitest';
import { imageSrc, isPlaceholderSrc, largestFromSrcset, parseSrcset } from '../../src/html/images.ts';
import { sanitizeContent } from '../../src/html/sanitize.ts';
import { findLinks } from '../../src/list/index.ts';

const page = 'https://news.example/section/';

/** Lazy-image markup as sites write it, and the image both readers must take from it. */
const variants: { name: string; img: string; expected: string | null }[] = [
  { name: 'data-img-src', img: '<img src="/img/grey.gif" data-img-src="/img/a-1200.jpg">', expected: 'https://news.example/img/a-1200.jpg' },
  { name: 'data-full-src', img: '<img src="data:image/gif;base64,R0lGOD" data-full-src="/img/b-full.jpg">', expected: 'https://news.example/img/b-full.jpg' },
  {
    name: 'srcset with commas in its URLs',
    img: '<img srcset="https://cdn.example/f_auto,w_320/c.jpg 320w,https://cdn.example/f_auto,w_1280/c.jpg 1280w">',
    expected: 'https://cdn.example/f_auto,w_1280/c.jpg',
  },
  { name: 'loading.gif placeholder', img: '<img src="/static/loading.gif" data-srcset="/img/d-400.jpg 400w, /img/d-800.jpg 800w">', expected: 'https://news.example/img/d-800.jpg' },
  { name: '1x1.png placeholder', img: '<img src="/static/1x1.png" srcset="/img/e.jpg 1x, /img/e@2x.jpg 2x">', expected: 'https://news.example/img/e@2x.jpg' },
  { name: 'about:blank in a lazy attribute', img: '<img data-src="about:blank" src="/img/f.jpg">', expected: 'https://news.example/img/f.jpg' },
  { name: 'about:blank src', img: '<img src="about:blank" data-lazy-srcset="/img/g-300.jpg 300w, /img/g-900.jpg 900w">', expected: 'https://news.example/img/g-900.jpg' },
  {
    name: '<picture><source srcset> and a placeholder <img>',
    img: '<picture><source type="image/webp" srcset="/img/h-480.webp 480w, /img/h-960.webp 960w"><img src="/img/blank.gif"></picture>',
    expected: 'https://news.example/img/h-960.webp',
  },
  { name: 'a real image named like a stand-in, in a lazy attribute', img: '<img src="/img/grey.gif" data-src="/photos/loading-dock.jpg">', expected: 'https://news.example/photos/loading-dock.jpg' },
  { name: 'only placeholders', img: '<img src="/img/spacer.gif" data-src="data:image/png;base64,iVBOR">', expected: null },
];

/** The listing image of a card holding the markup: detected, and read by an `image` selector. */
function listingImage(img: string): string | null {
  const cards = ['one', 'two', 'three', 'four']
    .map((slug, i) => `<article class="card"><a href="/news/2024/05/${slug}-story"><figure class="thumb">${i === 0 ? img : ''}</figure><h2>Headline number ${slug} for today</h2></a><p>Teaser text that is long enough to count as a summary.</p></article>`)
    .join('');
  const html = `<html><body><main>${cards}</main></body></html>`;
  const detected = findLinks(html, page);
  const selected = findLinks(html, page, { item: 'article.card', link: 'a@href', title: 'h2', image: 'figure.thumb' });
  expect(detected[0]?.url).toBe('https://news.example/news/2024/05/one-story');
  expect(selected[0]?.url).toBe('https://news.example/news/2024/05/one-story');
  expect(selected[0].image).toBe(detected[0].image);
  return detected[0].image ?? null;
}

/** The `<img src>` the sanitizer keeps for the same markup in article content. */
function contentImage(img: string): string | null {
  const html = sanitizeContent(`<p>Text before.</p>${img}<p>Text after.</p>`, page);
  return /<img src="([^"]*)"/.exec(html)?.[1]?.replace(/&amp;/g, '&') ?? null;
}

describe('lazy images: listing and article content read the same image', () => {
  for (const v of variants) {
    it(v.name, () => {
      expect(contentImage(v.img)).toBe(v.expected);
      expect(listingImage(v.img)).toBe(v.expected);
    });
  }
});

describe('html/images', () => {
  it('parses srcset by the spec shape: commas inside URLs, descriptors with functions', () => {
    expect(parseSrcset('a,b.jpg 1x, c.jpg 2x')).toEqual([{ url: 'a,b.jpg', size: 1000 }, { url: 'c.jpg', size: 2000 }]);
    expect(parseSrcset('a.jpg, b.jpg 300w')).toEqual([{ url: 'a.jpg', size: 0 }, { url: 'b.jpg', size: 300 }]);
    expect(largestFromSrcset('')).toBeNull();
    expect(largestFromSrcset('data:image/gif;base64,R0l 2000w, /real.jpg 100w')).toBe('/real.jpg');
  });

  it('knows placeholders from both former lists, and not real images', () => {
    for (const p of ['data:image/gif;base64,x', 'about:blank', '/i/blank.gif', '/spacer.png', '/lazy-load.webp', '/1x1.png', '/grey.gif', '/x/loading-image.svg?v=2', '/pixel.jpg'])
      expect(isPlaceholderSrc(p), p).toBe(true);
    for (const r of ['/img/summit.jpg', '/photos/sale-2x1.jpg', '/img/a.gif', 'https://cdn.example/w_800/report.webp'])
      expect(isPlaceholderSrc(r), r).toBe(false);
  });

  it('returns URLs as written (relative), lazy attributes first', () => {
    expect(imageSrc({ src: 'a.jpg', 'data-src': 'b.jpg' })).toBe('b.jpg');
    expect(imageSrc({ src: ' a.jpg ' })).toBe('a.jpg');
    expect(imageSrc({})).toBeNull();
  });

  it('reads a srcset a template wrote into src as a srcset', () => {
    expect(imageSrc({ src: '/m/dorsett.jpg 3500w, /m/dorsett.jpg?width=768 768w, /m/dorsett.jpg?width=330 330w' })).toBe('/m/dorsett.jpg');
    // A URL with a comma in it is no srcset.
    expect(imageSrc({ src: '/img/a,b.jpg' })).toBe('/img/a,b.jpg');
  });
});
