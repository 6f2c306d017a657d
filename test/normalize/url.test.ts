import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalUrl, itemId } from '../../src/normalize/url.ts';

describe('canonicalUrl', () => {
  const fetched = 'https://www.example.com/news/2024/story.html?utm_source=rss';

  it('uses a same-site canonical, ignoring www. and http vs https', () => {
    expect(canonicalUrl('https://example.com/news/story', fetched)).toBe('https://example.com/news/story');
    expect(canonicalUrl('http://www.example.com/news/story?id=1&utm_medium=x', fetched)).toBe('http://www.example.com/news/story?id=1');
  });

  it('resolves a relative canonical against the fetched URL', () => {
    expect(canonicalUrl('/news/story#top', fetched)).toBe('https://www.example.com/news/story');
  });

  it('falls back to the fetched URL (without tracking) for off-site, missing or bad canonicals', () => {
    const plain = 'https://www.example.com/news/2024/story.html';
    expect(canonicalUrl('https://syndicator.example.net/copy/story', fetched)).toBe(plain);
    expect(canonicalUrl('https://example.com.evil.test/news/story', fetched)).toBe(plain);
    expect(canonicalUrl('https://sub.example.com/news/story', fetched)).toBe(plain);
    expect(canonicalUrl(null, fetched)).toBe(plain);
    expect(canonicalUrl('   ', fetched)).toBe(plain);
    expect(canonicalUrl('javascript:alert(1)', fetched)).toBe(plain);
    expect(canonicalUrl('http://[bad', fetched)).toBe(plain);
  });

  it('ignores a canonical pointing at the home page from an article', () => {
    expect(canonicalUrl('https://www.example.com/', fetched)).toBe('https://www.example.com/news/2024/story.html');
  });

  it('treats a different port as a different site', () => {
    expect(canonicalUrl('http://127.0.0.1:9/a', 'http://127.0.0.1:8080/b')).toBe('http://127.0.0.1:8080/b');
  });
});

describe('itemId', () => {
  it('is the first 32 hex digits of the SHA-256 of the URL', async () => {
    const url = 'https://example.com/news/story';
    expect(await itemId(url)).toBe(createHash('sha256').update(url).digest('hex').slice(0, 32));
  });

  it('is stable and distinct', async () => {
    expect(await itemId('https://example.com/a')).toBe(await itemId('https://example.com/a'));
    expect(await itemId('https://example.com/a')).not.toBe(await itemId('https://example.com/b'));
    expect(await itemId('https://example.com/a')).toMatch(/^[0-9a-f]{32}$/);
  });

  it('gives a tracked and an untracked link the same id once normalized', async () => {
    const a = canonicalUrl(null, 'https://example.com/a?utm_source=tw#x');
    const b = canonicalUrl(null, 'https://example.com/a');
    expect(await itemId(a)).toBe(await itemId(b));
  });
});
