import { describe, expect, it } from 'vitest';
import { contentTypeForPath, imageMimeType } from '../../src/utils/mime.ts';

describe('utils/mime', () => {
  it('knows the fetcher\'s and the local-site route\'s extensions, case-insensitively', () => {
    expect(['/a/index.HTML', 'feed.rss', 'x.atom', 'd.json', 's.css', 'p.JPG', 'i.svg', 'app.js', 'n.txt'].map(contentTypeForPath))
      .toEqual(['text/html', 'application/rss+xml', 'application/atom+xml', 'application/json', 'text/css', 'image/jpeg', 'image/svg+xml', 'text/javascript', 'text/plain']);
    expect([contentTypeForPath('/a/b'), contentTypeForPath('x.exe')]).toEqual([null, null]);
    expect(['i.avif', 'favicon.ico'].map(contentTypeForPath)).toEqual(['image/avif', 'image/x-icon']);
  });

  it('gives feeds the image type of an enclosure from the same table, image/jpeg when unknown', () => {
    expect(['https://a.example/p.PNG?x=1', 'https://a.example/p.webp', 'https://a.example/p.jxl', 'https://a.example/photo']
      .map(imageMimeType)).toEqual(['image/png', 'image/webp', 'image/jxl', 'image/jpeg']);
    // Not an image by its extension (a page, a script) or not a URL at all: still announced as an image.
    expect(['https://a.example/page.html', 'https://a.example/x.js', 'not a url'].map(imageMimeType))
      .toEqual(['image/jpeg', 'image/jpeg', 'image/jpeg']);
  });
});
