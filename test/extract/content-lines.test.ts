/**
 * Lines cleanup reads as the page's record or its chrome, not the article's text: an update stamp,
 * a link drawn as a button, a promo line, a source or a blog theme's footer. Each on a small
 * hand-written page, with the text beside it that must stay.
 */
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/extract/index.ts';
import { ARTICLE_PROSE as PARAS } from '../helpers/prose.ts';

const URL = 'https://news.example/2024/03/trams';
const text = (html: string): string => extractArticle(html, URL).text;

function page(inner: string): string {
  return `<!doctype html><html lang="en"><head><title>Council expands trams</title></head><body>
  <nav><a href="/">News</a> <a href="/city">City</a></nav>
  <main><article><h1>Council expands trams</h1>${inner}</article></main>
  <footer><p>© 2024 News Example</p></footer>
  </body></html>`;
}

describe('extractArticle: an update stamp at the end', () => {
  // The date of the last update is the page's record (metadata), not a line of its text.
  it.each(['Last updated on June 2, 2025', 'Aktualisiert am 17.01.2021.', 'Mis à jour le 3 mars 2024'])('leaves out "%s" as the last line', (stamp) => {
    const t = text(page(`${PARAS.map((p) => `<p>${p}</p>`).join('')}<p>${stamp}</p>`));
    expect(t).toContain(PARAS[3]);
    expect(t).not.toContain(stamp);
  });

  it('keeps a sentence that says when something was updated, and a stamp above the last lines', () => {
    const sentence = 'The planting plan was updated on 2 June 2025.';
    const stamp = 'Updated May 3, 2024';
    const t = text(page(`<p>${PARAS[0]}</p><p>${stamp}</p>${PARAS.slice(1).map((p) => `<p>${p}</p>`).join('')}<p>${sentence}</p>`));
    expect(t).toContain(sentence);
    expect(t).toContain(stamp);
  });
});

describe('extractArticle: links drawn as buttons', () => {
  it('leaves out a line that is only a button-styled link, keeps a link of the same look inside a sentence', () => {
    // Not in a paragraph (a link-only paragraph goes anyway): the button's own wrapper, or a list item.
    const html = page(`<p>${PARAS[0]}</p><div class="wp-block-buttons"><div class="wp-block-button"><a class="wp-block-button__link" href="/plans">See the bed plans</a></div></div>` +
      `<p>${PARAS[1]}</p><p>All seeds from <a class="btn-link" href="/shop">our own shop</a>.</p><ul><li>${PARAS[2]}</li><li><a class="btn btn-primary" href="/shop">Order seeds</a></li></ul><p>${PARAS[3]}</p>`);
    const t = text(html);
    expect(t).toContain(PARAS[2]);
    expect(t).toContain('All seeds from our own shop.');
    expect(t).not.toMatch(/See the bed plans|Order seeds/);
  });
});

describe('extractArticle: promo lines at the end are short', () => {
  it('keeps a paragraph of the article that mentions newsletters near its end, drops the sign-up line', () => {
    const about = 'The newsletters that survive share one trait: they hold something the reader cannot get elsewhere, an original analysis or a voice, and aggregation alone will not keep readers who have other ways to find the news.';
    const t = text(page(`${PARAS.map((p) => `<p>${p}</p>`).join('')}<p>${about}</p><p>Subscribe to our newsletter for more garden stories.</p>`));
    expect(t).toContain(about);
    expect(t).not.toContain('Subscribe to our newsletter');
  });
});

describe('extractArticle: a source named on a line of its own', () => {
  it.each(['Quelle: Landesregierung Hessen', 'Source: Deutscher Jagdverband (DJV), 2 February 2022', 'Quellenangaben:'])('leaves out "%s", as it does a picture credit', (line) => {
    const t = text(page(`${PARAS.slice(0, 3).map((p) => `<p>${p}</p>`).join('')}<p>${line}</p><p>${PARAS[3]}</p>`));
    expect(t).toContain(PARAS[3]);
    expect(t).not.toContain(line);
  });

  it('keeps a source named inside a list item, after its text', () => {
    const item = 'Unemployment rate – the share of people aged 16 and over who are out of work but looking. <em>Source: Bureau of Labor Statistics.</em>';
    const t = text(page(`<p>${PARAS[0]}</p><ul><li>${item}</li><li>${PARAS[1]}</li></ul><p>${PARAS[2]}</p>`));
    expect(t).toContain('Source: Bureau of Labor Statistics.');
  });
});

describe("extractArticle: a blog theme's footer on the post", () => {
  it.each([
    'This entry was posted in Gardening and tagged raised beds, tomatoes. Bookmark the permalink. Both comments and trackbacks are currently closed.',
    'Der Beitrag wurde am Mittwoch, den 27. November 2019 um 15:21 Uhr veröffentlicht und wurde unter Garten abgelegt. Du kannst die Kommentare zu diesen Eintrag durch den RSS 2.0 Feed verfolgen. Kommentare sind derzeit geschlossen, aber Du kannst dennoch einen Trackback auf deiner Seite einrichten.',
    'Permalink: https://blog.example/p/123',
    // The prompt alone, after a filing line the theme wrote its own way.
    'Veröffentlicht in Garten von Anna. Lesezeichen für den Permalink.',
  ])('leaves out "%s"', (footer) => {
    const t = text(page(`${PARAS.map((p) => `<p>${p}</p>`).join('')}<p>${footer}</p>`));
    expect(t).toContain(PARAS[3]);
    expect(t).not.toContain(footer.slice(0, 30));
  });

  it('keeps a sentence of the article about a permalink', () => {
    const sentence = 'Each post has a permalink, so that readers can bookmark the beds they liked best and come back to them in the spring.';
    const t = text(page(`${PARAS.slice(0, 2).map((p) => `<p>${p}</p>`).join('')}<p>${sentence}</p><p>${PARAS[2]}</p>`));
    expect(t).toContain(sentence);
  });
});
