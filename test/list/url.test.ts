import { describe, expect, it } from 'vitest';
import { isNonArticleUrl, isSitePage } from '../../src/list/url.ts';

const page = new URL('http://www.verein.example/index.php?seite=aktuelles');
const site = (href: string) => isSitePage(new URL(href, page), page);

describe('isSitePage', () => {
  it('knows a site\'s own pages by name, with page extensions, one folder deep or as a script parameter', () => {
    for (const href of ['/', '/index.php', '/index.php?seite=aktuelles', '/contact', '/kontakt.php', '/Impressum.html',
      '/gbook/gaestebuch.php', '/de/datenschutz/', '/index.php?seite=kontakt', '/?page_id=impressum', '/guestbook.cgi']) {
      expect(site(href), href).toBe(true);
    }
  });

  it('leaves articles alone, including slugs that happen to be a site page\'s name deep in a dated path', () => {
    for (const href of ['/index.php?seite=aktuelles&id=87', '/2024/05/12/help', '/news/2024/contact', '/contact-lenses-explained',
      '/index.php?seite=verein', '/berichte/kontakt-zur-partnergemeinde.html']) {
      expect(site(href), href).toBe(false);
    }
  });

  it('makes those pages non-articles', () => {
    expect(isNonArticleUrl(new URL('/gbook/gaestebuch.php', page), page)).toBe(true);
    expect(isNonArticleUrl(new URL('/index.php?seite=aktuelles&id=87', page), page)).toBe(false);
  });
});
