import { describe, expect, it } from 'vitest';
import { contentTypeForPath } from '../../src/utils/mime.ts';

describe('utils/mime', () => {
  it('knows the fetcher\'s and the local-site route\'s extensions, case-insensitively', () => {
    expect(['/a/index.HTML', 'feed.rss', 'x.atom', 'd.json', 's.css', 'p.JPG', 'i.svg', 'app.js', 'n.txt'].map(contentTypeForPath))
      .toEqual(['text/html', 'application/rss+xml', 'application/atom+xml', 'application/json', 'text/css', 'image/jpeg', 'image/svg+xml', 'text/javascript', 'text/plain']);
    expect([contentTypeForPath('/a/b'), contentTypeForPath('x.exe')]).toEqual([null, null]);
    expect(['i.avif', 'favicon.ico'].map(contentTypeForPath)).toEqual(['image/avif', 'image/x-icon']);
  });
});
