import { describe, expect, it } from 'vitest';
import { localFileUrl, mountFileSources, publishedType } from '../../src/config/local-mounts.ts';
import { contentTypeForPath } from '../../src/utils/mime.ts';
import { makeSource } from '../../testkit/sources.ts';

describe('mountFileSources / localFileUrl', () => {
  const { sources, mounts } = mountFileSources([
    // An id config would refuse (a space), to see it escaped in the published address.
    { ...makeSource({ id: 'demo', url: 'file:///data/demo/index.html' }), id: 'demo site', urls: ['file:///data/demo/feed.xml', 'file:///elsewhere/x.xml'] },
    makeSource({ id: 'web', url: 'https://example.org/news' }),
    makeSource({ id: 'skipped', url: 'file:///data/other/index.html' }),
  ], 'https://feeds.example.org/', (id) => id !== 'skipped');

  it('publishes file: sources under ${baseUrl}/local/<id>/ and leaves the others alone', () => {
    expect(sources[0].url).toBe('https://feeds.example.org/local/demo%20site/index.html');
    expect(sources[0].urls).toEqual(['https://feeds.example.org/local/demo%20site/feed.xml', 'file:///elsewhere/x.xml']);
    expect(sources[1].url).toBe('https://example.org/news');
    expect(sources[2].url).toBe('file:///data/other/index.html');
    expect(mounts).toEqual([{ id: 'demo site', folder: 'file:///data/demo/', mount: 'https://feeds.example.org/local/demo%20site/' }]);
  });

  it('maps published addresses back into the folder', () => {
    const m = 'https://feeds.example.org/local/demo%20site/';
    expect(localFileUrl(mounts, `${m}images/coffee.jpg`)).toBe('file:///data/demo/images/coffee.jpg');
    expect(localFileUrl(mounts, `${m}a%20b.html?x=1#y`)).toBe('file:///data/demo/a%20b.html');
    expect(localFileUrl(mounts, m)).toBe('file:///data/demo/index.html');
  });

  it('refuses escapes, directories and addresses outside every mount', () => {
    const m = 'https://feeds.example.org/local/demo%20site/';
    for (const bad of ['../sources.yaml', '..%2fsources.yaml', '%2e%2e/x', 'images/../../x', 'a%5c..%5cx', 'a%00.html', 'images/', 'a//b', '%E0%A4%A']) {
      expect(localFileUrl(mounts, m + bad), bad).toBeNull();
    }
    expect(localFileUrl(mounts, 'https://feeds.example.org/local/skipped/index.html')).toBeNull();
  });

  it('maps only web pages, images, stylesheets and feeds; never dotfiles, configs, databases or scripts', () => {
    const m = 'https://feeds.example.org/local/demo%20site/';
    for (const ok of ['a.html', 'b.HTM', 'style.css', 'img/x.jpeg', 'y.PNG', 'z.svg', 'feed.xml', 'feed.json', 'feed.atom']) {
      expect(localFileUrl(mounts, m + ok), ok).not.toBeNull();
    }
    for (const bad of ['sources.yaml', 'sources.yml', 'feedwright.db', 'feedwright.db-wal', 'feedwright.db-shm', '.env',
      '.git/config', '.well-known/a.html', '%2Ehidden.html', 'app.js', 'notes.txt', 'backup.tar.gz', 'Makefile']) {
      expect(localFileUrl(mounts, m + bad), bad).toBeNull();
    }
  });
});

describe('publishedType', () => {
  it('publishes pages, stylesheets, images and feeds only, with the types of utils/mime (pages as UTF-8)', () => {
    const names = ['index.HTML', 'a.htm', 'p.xhtml', 's.css', 'i.jpg', 'i.JPEG', 'i.png', 'i.gif', 'i.webp', 'i.avif', 'i.svg', 'favicon.ico', 'f.xml', 'f.rss', 'f.atom', 'f.json'];
    expect(names.map(publishedType)).toEqual([
      'text/html; charset=utf-8', 'text/html; charset=utf-8', 'application/xhtml+xml', 'text/css; charset=utf-8',
      'image/jpeg', 'image/jpeg', 'image/png', 'image/gif', 'image/webp', 'image/avif', 'image/svg+xml', 'image/x-icon',
      'application/xml', 'application/rss+xml', 'application/atom+xml', 'application/json',
    ]);
    // One table: every published type is utils/mime's, give or take the charset.
    for (const name of names) expect(publishedType(name)!.replace('; charset=utf-8', ''), name).toBe(contentTypeForPath(name));
    // Known to utils/mime, yet private in a local site.
    expect(['app.js', 'notes.txt', 'feedwright.db', 'sources.yaml', 'README', 'x.exe'].map(publishedType)).toEqual([null, null, null, null, null, null]);
  });
});
