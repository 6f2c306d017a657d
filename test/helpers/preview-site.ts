/**
 * A small news site for preview tests, served from a temp folder by the local test origin: a
 * listing page (menu, the story list, a "popular" widget, an advertised RSS feed), article pages
 * with JSON-LD or with only OpenGraph and <time>, the RSS feed, a sitemap, and a robots.txt that
 * disallows /private/; /notes/ lists pages without any date; /wall.html is a Cloudflare challenge
 * page (200) and /blocked/… answers 403. `{{base}}` in a file becomes the origin's URL.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startOrigin, type Origin } from '../../testkit/origin.ts';

export const STORIES = 6;
const paragraph = 'The harbour committee met on Tuesday to discuss the spring timetable and the new ferry berths. ';

export const storyTitle = (i: number) => `Harbour story number ${i}`;
export const storyPath = (i: number) => `/news/2026/story-${i}.html`;

/** Odd stories carry JSON-LD (headline, author, datePublished); even ones only OpenGraph and a <time>. */
function story(i: number): string {
  const ld = i % 2 === 1
    ? `<script type="application/ld+json">${JSON.stringify({
      '@context': 'https://schema.org', '@type': 'NewsArticle', headline: storyTitle(i),
      author: { '@type': 'Person', name: 'Jane Reporter' }, datePublished: `2026-11-0${i}T08:00:00Z`,
    })}</script>`
    : `<meta property="og:title" content="${storyTitle(i)}"><meta property="og:image" content="{{base}}img/${i}.jpg">`;
  const body = i % 2 === 1 ? '' : `<p class="when"><time datetime="2026-11-0${i}T09:30:00Z">${i} November</time></p>`;
  return `<!doctype html><html lang="en"><head><title>${storyTitle(i)} | Harbour News</title>${ld}</head><body>` +
    `<nav><a href="/">Home</a> <a href="/about.html">About</a></nav><article><h1>${storyTitle(i)}</h1>${body}` +
    `<p>${paragraph.repeat(4)}</p><p>${paragraph.repeat(3)}</p></article></body></html>`;
}

function listing(): string {
  const cards = Array.from({ length: STORIES }, (_, i) =>
    `<li class="card"><a class="thumb" href="${storyPath(i + 1)}"><img src="/img/${i + 1}.jpg" alt=""></a>` +
    `<h2><a href="${storyPath(i + 1)}">${storyTitle(i + 1)}</a></h2><p>Short teaser about story ${i + 1} and the harbour.</p></li>`);
  const popular = [1, 2, 3].map((i) => `<li><a href="/popular/item-${i}.html">Most read ${i}</a></li>`);
  return `<!doctype html><html lang="en"><head><title>Harbour News</title>` +
    `<link rel="alternate" type="application/rss+xml" title="Harbour News RSS" href="/feed.xml">` +
    `<link rel="stylesheet" href="/style.css"></head><body>` +
    `<header><nav><ul class="menu"><li><a href="/">Home</a></li><li><a href="/about.html">About</a></li><li><a href="/contact.html">Contact</a></li></ul></nav></header>` +
    `<main><ul class="stories">${cards.join('')}</ul></main>` +
    `<aside class="sidebar"><h3>Most read</h3><ol class="popular">${popular.join('')}</ol></aside>` +
    `<footer><a href="/imprint.html">Imprint</a></footer></body></html>`;
}

function feed(): string {
  const items = Array.from({ length: STORIES }, (_, i) =>
    `<item><title>${storyTitle(i + 1)} (feed)</title><link>{{base}}${storyPath(i + 1).slice(1)}</link>` +
    `<pubDate>Mon, 0${i + 1} Nov 2026 07:00:00 GMT</pubDate><description>Feed summary ${i + 1}.</description></item>`);
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Harbour News</title><link>{{base}}</link>${items.join('')}</channel></rss>`;
}

function sitemap(): string {
  const urls = Array.from({ length: STORIES }, (_, i) => `<url><loc>{{base}}${storyPath(i + 1).slice(1)}</loc><lastmod>2026-11-0${i + 1}</lastmod></url>`);
  return `<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${urls.join('')}</urlset>`;
}

export interface PreviewSite {
  origin: Origin;
  root: string;
  close(): Promise<void>;
}

export async function startPreviewSite(): Promise<PreviewSite> {
  const root = await mkdtemp(join(tmpdir(), 'feedwright-preview-'));
  await mkdir(join(root, 'news', '2026'), { recursive: true });
  await mkdir(join(root, 'private'));
  await writeFile(join(root, 'index.html'), listing());
  for (let i = 1; i <= STORIES; i++) await writeFile(join(root, storyPath(i).slice(1)), story(i));
  await writeFile(join(root, 'feed.xml'), feed());
  await writeFile(join(root, 'sitemap.xml'), sitemap());
  await writeFile(join(root, 'private', 'index.html'), listing());
  // Notes: a listing of pages that carry no date anywhere.
  await mkdir(join(root, 'notes'));
  const notes = [1, 2, 3].map((i) => `<li><a href="/notes/note-${i}.html">A note without any date, number ${i}</a></li>`);
  await writeFile(join(root, 'notes', 'index.html'), `<!doctype html><html><body><main><ul class="notes">${notes.join('')}</ul></main></body></html>`);
  for (const i of [1, 2, 3]) {
    await writeFile(join(root, 'notes', `note-${i}.html`), `<!doctype html><html><head><title>Note ${i}</title></head><body><article><h1>Note ${i}</h1><p>${paragraph.repeat(3)}</p></article></body></html>`);
  }
  // A bot wall: a Cloudflare "Just a moment…" page answered with 200, and a 403 for /blocked/.
  const wall = await readFile(new URL('../fixtures/challenge/cloudflare-just-a-moment.html', import.meta.url), 'utf8');
  await writeFile(join(root, 'wall.html'), wall);
  await writeFile(join(root, 'robots.txt'), 'User-agent: *\nDisallow: /private/\n');
  const origin = await startOrigin({
    root,
    rewrite: (body, base) => Buffer.from(body.toString('utf8').replaceAll('{{base}}', base)),
    contentType: (file) => (file.endsWith('feed.xml') ? 'application/rss+xml' : undefined),
    routes: { '/blocked/*': (_req, res) => void res.writeHead(403, { 'Content-Type': 'text/html' }).end('<title>Forbidden</title>') },
  });
  return { origin, root, close: async () => { await origin.close(); await rm(root, { recursive: true, force: true }); } };
}
