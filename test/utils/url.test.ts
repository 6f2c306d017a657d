import { describe, expect, it } from 'vitest';
import { absoluteUrl as extractAbsolute } from '../../src/extract/meta-text.ts';
import { absoluteHttpUrl as renderAbsolute } from '../../src/render/urls.ts';
import { stripTracking as normalizeStrip } from '../../src/normalize/url.ts';
import { absoluteUrl as sanitizerAbsolute } from '../../src/normalize/html.ts';
import { absoluteHttpUrl, isHttpUrl, resolveUrl, stripTracking } from '../../src/utils/url.ts';

const base = 'https://example.com/news/';
const inputs = ['a.html', '/x?y=1', ' https://other.org/p ', 'ftp://h/f', 'mailto:a@b.c', '//cdn.example.com/i.png', '', '   ', 'http://[bad', null, undefined];

describe('utils/url', () => {
  it('absoluteHttpUrl with a base agrees with the extract copy (http(s) only)', () => {
    for (const v of inputs) expect(absoluteHttpUrl(v, base)).toBe(extractAbsolute(v, base));
  });

  it('absoluteHttpUrl without a base agrees with the render copy', () => {
    for (const v of ['https://a.example/', 'HTTP://A.example/x', '/relative', 'javascript:x', null]) {
      expect(absoluteHttpUrl(v)).toBe(renderAbsolute(v));
    }
  });

  it('resolveUrl keeps the protocol set the call site names (sanitizer: mailto too)', () => {
    for (const v of inputs) expect(resolveUrl(v, base, ['http:', 'https:', 'mailto:'])).toBe(sanitizerAbsolute(v ?? undefined, base));
    expect(resolveUrl('file:///tmp/a', null, ['file:'])).toBe('file:///tmp/a');
    expect(resolveUrl('/a', null, ['http:', 'https:'])).toBeNull();
  });

  it('isHttpUrl accepts absolute http(s) only', () => {
    expect([isHttpUrl('https://a.example/'), isHttpUrl('/a'), isHttpUrl('ftp://a.example/')]).toEqual([true, false, false]);
  });

  it('stripTracking agrees with the normalize copy', () => {
    for (const u of ['https://a.example/p?utm_source=x&id=2#top', 'https://a.example/?fbclid=1', 'not a url ', 'https://a.example/?q=a%20b&pk_c=1']) {
      expect(stripTracking(u)).toBe(normalizeStrip(u));
    }
    expect(stripTracking('https://a.example/p?utm_source=x&id=2#top')).toBe('https://a.example/p?id=2');
  });
});
