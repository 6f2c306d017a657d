import { describe, expect, it } from 'vitest';
import { absoluteHttpUrl, isHttpUrl, resolveUrl, stripTracking } from '../../src/utils/url.ts';

const base = 'https://example.com/news/';
const inputs = ['a.html', '/x?y=1', ' https://other.org/p ', 'ftp://h/f', 'mailto:a@b.c', '//cdn.example.com/i.png', '', '   ', 'http://[bad', null, undefined];

describe('utils/url', () => {
  it('absoluteHttpUrl with a base resolves http(s) only (extract, list, normalize)', () => {
    expect(inputs.map((v) => absoluteHttpUrl(v, base))).toEqual([
      'https://example.com/news/a.html', 'https://example.com/x?y=1', 'https://other.org/p', null, null,
      'https://cdn.example.com/i.png', null, null, null, null, null,
    ]);
  });

  it('absoluteHttpUrl without a base accepts absolute http(s) URLs only (render)', () => {
    expect(['https://a.example/', 'HTTP://A.example/x', '/relative', 'javascript:x', null].map((v) => absoluteHttpUrl(v)))
      .toEqual(['https://a.example/', 'http://a.example/x', null, null, null]);
  });

  it('resolveUrl keeps the protocol set the call site names (sanitizer: mailto too)', () => {
    expect(inputs.map((v) => resolveUrl(v, base, ['http:', 'https:', 'mailto:']))).toEqual([
      'https://example.com/news/a.html', 'https://example.com/x?y=1', 'https://other.org/p', null, 'mailto:a@b.c',
      'https://cdn.example.com/i.png', null, null, null, null, null,
    ]);
    expect(resolveUrl('file:///tmp/a', null, ['file:'])).toBe('file:///tmp/a');
    expect(resolveUrl('/a', null, ['http:', 'https:'])).toBeNull();
  });

  it('isHttpUrl accepts absolute http(s) only', () => {
    expect([isHttpUrl('https://a.example/'), isHttpUrl('/a'), isHttpUrl('ftp://a.example/')]).toEqual([true, false, false]);
  });
});

describe('stripTracking', () => {
  it('drops tracking parameters and the fragment; trims non-URLs', () => {
    expect(['https://a.example/p?utm_source=x&id=2#top', 'https://a.example/?fbclid=1', 'not a url ', 'https://a.example/?q=a%20b&pk_c=1'].map(stripTracking))
      .toEqual(['https://a.example/p?id=2', 'https://a.example/', 'not a url', 'https://a.example/?q=a%20b']);
  });

  it('drops tracking parameters and the fragment, keeping other parameters in order and spelling', () => {
    expect(
      stripTracking('https://example.com/a?utm_source=x&id=7&fbclid=abc&UTM_Medium=y&q=a%20b+c&gclid=1&page=2#comments'),
    ).toBe('https://example.com/a?id=7&q=a%20b+c&page=2');
  });

  it('knows the common click ids', () => {
    for (const p of ['fbclid', 'gclid', 'dclid', 'msclkid', 'mc_cid', 'mc_eid', '_ga', 'igshid', 'ref_src', 'utm_campaign', 'utm_whatever']) {
      expect(stripTracking(`https://example.com/x?${p}=1`), p).toBe('https://example.com/x');
    }
  });

  it('keeps parameters that merely look similar', () => {
    expect(stripTracking('https://example.com/x?ref=home&utm=1&p=3&gclidx=2')).toBe('https://example.com/x?ref=home&utm=1&p=3&gclidx=2');
  });

  it('drops an empty query and lowercases the host', () => {
    expect(stripTracking('HTTPS://Example.COM/Path/?utm_source=a')).toBe('https://example.com/Path/');
    expect(stripTracking('https://example.com/p?')).toBe('https://example.com/p');
  });

  it('returns non-URLs unchanged', () => {
    expect(stripTracking('  not a url ')).toBe('not a url');
  });
});
