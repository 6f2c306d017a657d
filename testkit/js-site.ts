/**
 * A site that only renders with JavaScript, for tests and the render bench: every page is an empty
 * shell whose script fetches JSON and builds the listing (article links) or the article body. The
 * static HTML has no links and no text; only a browser sees the articles.
 */
import { startOrigin, type Handler, type Origin } from './origin.ts';

export interface JsSiteOptions {
  /** Articles listed (newest first). Default 5. */
  articles?: number;
  /** Extra routes (a hostile page, a hanging one, …). */
  routes?: Record<string, Handler>;
  /**
   * Serve each page as its script would draw it, with no script: the same site for a static
   * scraper (the render bench's reference).
   */
  prerendered?: boolean;
}

const PARAGRAPH = 'The council met on Tuesday evening and agreed, after a long debate that ran well past midnight, '
  + 'to rebuild the old bridge over the river with a wider footpath and a lane for bicycles. ';

/** The text of article `n` as the script draws it (tests compare with it). */
export function jsArticleText(n: number): string {
  return `Article ${n} body. ${PARAGRAPH.repeat(4)}`;
}

const shell = (title: string, script: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${title}</title></head>
<body><div id="app"></div><noscript>Please enable JavaScript.</noscript>
<script>${script}</script></body></html>`;

const LISTING_SCRIPT = `fetch('/api/articles.json').then((r) => r.json()).then((list) => {
  const main = document.createElement('main');
  const ul = document.createElement('ul');
  for (const a of list) {
    const li = document.createElement('li');
    li.innerHTML = '<h2><a href="/post/' + a.n + '">' + a.title + '</a></h2><time datetime="' + a.date + '">' + a.date + '</time>';
    ul.appendChild(li);
  }
  main.appendChild(ul);
  document.getElementById('app').appendChild(main);
});`;

const ARTICLE_SCRIPT = `const n = location.pathname.split('/').pop();
fetch('/api/post/' + n + '.json').then((r) => r.json()).then((a) => {
  document.title = a.title;
  document.getElementById('app').innerHTML = '<article><h1>' + a.title + '</h1><time datetime="' + a.date + '">' + a.date
    + '</time><div class="body"><p>' + a.text + '</p><p>' + a.text + '</p></div></article>';
});`;

export function startJsSite(options: JsSiteOptions = {}): Promise<Origin> {
  const count = options.articles ?? 5;
  const date = (n: number) => new Date(Date.UTC(2026, 0, 1) + n * 3_600_000).toISOString();
  const article = (n: number) => ({ n, title: `Article ${n}`, date: date(n), text: jsArticleText(n) });
  const html = (body: string): Handler => (_req, res) => void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body);
  const json = (value: unknown): Handler => (_req, res) => void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(value));
  if (options.prerendered) {
    const page = (title: string, app: string) => `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>${title}</title></head>\n<body><div id="app">${app}</div></body></html>`;
    const list = Array.from({ length: count }, (_, i) => article(count - i))
      .map((a) => `<li><h2><a href="/post/${a.n}">${a.title}</a></h2><time datetime="${a.date}">${a.date}</time></li>`).join('');
    return startOrigin({ routes: {
      ...options.routes,
      '/': html(page('JS News', `<main><ul>${list}</ul></main>`)),
      '/post/*': (req, res, got) => {
        const a = article(Number(got.path.split('/').pop()));
        return html(page(a.title, `<article><h1>${a.title}</h1><time datetime="${a.date}">${a.date}</time><div class="body"><p>${a.text}</p><p>${a.text}</p></div></article>`))(req, res, got);
      },
    } });
  }
  return startOrigin({
    routes: {
      ...options.routes,
      '/': html(shell('JS News', LISTING_SCRIPT)),
      '/api/articles.json': json(Array.from({ length: count }, (_, i) => article(count - i))),
      '/api/post/*': (req, res, got) => {
        const n = Number(got.path.split('/').pop()?.replace(/\.json$/, ''));
        if (!(n >= 1 && n <= count)) return void res.writeHead(404).end();
        return json(article(n))(req, res, got);
      },
      '/post/*': html(shell('Loading…', ARTICLE_SCRIPT)),
    },
  });
}
