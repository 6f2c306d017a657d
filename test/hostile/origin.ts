/**
 * A local origin that misbehaves on purpose: endless and dripping bodies, a 10 GB gzip
 * bomb generated on the fly, redirect loops, redirects to loopback and cloud metadata, invalid
 * UTF-8, a lying charset, 500 / 429 / 503 with Retry-After, truncated HTML, a 50 MB page, a page
 * with 100,000 links, and a listing whose markup changes under its selectors. Plus one well-behaved
 * site (/good/) to show that the rest does not hurt it.
 */
import type { ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { createGzip } from 'node:zlib';
import { startOrigin, type Handler, type Origin } from '../../testkit/origin.ts';

const MiB = 1024 * 1024;

/** testkit's origin with the hostile routes, and handles on the two that keep state. */
export type HostileOrigin = Origin & {
  /** Flip /flaky/ from its original markup to one its selectors no longer match. */
  breakFlaky(): void;
  /** Bytes the gzip bomb handed to the socket (compressed) and fed to the compressor (raw). */
  bomb: { compressedSent: number; rawProduced: number };
};

/** The paths requested of `origin`, in order. */
export const pathsOf = (origin: Origin): string[] => origin.hits.map((h) => h.slice(h.indexOf(' ') + 1));

/** A plausible news article page. */
export function articlePage(title: string, day: number): string {
  const date = `2024-05-${String(day).padStart(2, '0')}T08:00:00Z`;
  const para = `<p>${title} is reported here at length, with enough words to look like an article body. `.repeat(4) + '</p>';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title} | Hostile News</title>
<meta property="og:title" content="${title}"><meta property="article:published_time" content="${date}"></head>
<body><header><a href="/">Home</a></header><article><h1>${title}</h1><time datetime="${date}">May ${day}, 2024</time>
${para.repeat(3)}</article><footer>© Hostile News</footer></body></html>`;
}

/** A listing with `n` article cards under `prefix`, marked up with `cardClass`. */
export function listingPage(prefix: string, n: number, cardClass = 'card', titleOf = (i: number) => `Story ${i}`): string {
  const cards = Array.from({ length: n }, (_, k) => {
    const i = k + 1;
    return `<div class="${cardClass}"><h2><a href="${prefix}${i}">${titleOf(i)}</a></h2><p>Teaser for story ${i}.</p></div>`;
  }).join('\n');
  return `<!doctype html><html><head><meta charset="utf-8"><title>Listing</title></head><body><main>${cards}</main></body></html>`;
}

const html = (res: ServerResponse, body: string | Uint8Array, type = 'text/html; charset=utf-8', status = 200) =>
  void res.writeHead(status, { 'content-type': type }).end(body);

/** Streams `total` bytes of `chunk` repeated, honouring backpressure; stops when the client leaves. */
function pump(res: ServerResponse, chunk: Uint8Array, total: number): void {
  let sent = 0;
  const go = () => {
    while (sent < total && !res.destroyed) {
      sent += chunk.length;
      if (!res.write(chunk)) return void res.once('drain', go);
    }
    if (!res.destroyed) res.end();
  };
  go();
}

export async function startHostileOrigin(): Promise<HostileOrigin> {
  let flakyBroken = false;
  const bomb = { compressedSent: 0, rawProduced: 0 };

  const routes: Record<string, Handler> = {
    '/robots.txt': (_req, res) => html(res, 'User-agent: *\nDisallow: /forbidden/\n', 'text/plain'),
    // Article links into a part of the site robots.txt closes.
    '/forbidden-links/': (_req, res) => html(res, listingPage('/forbidden/a/', 3)),
    // A listing whose article links point at loopback and cloud metadata.
    '/ssrf-links/': (req, res) => html(res, `<html><body><main>
<div class="card"><h2><a href="http://127.0.0.1:${req.socket.localPort}/secret">Loopback secret</a></h2></div>
<div class="card"><h2><a href="http://169.254.169.254/latest/meta-data/iam">Metadata</a></h2></div>
<div class="card"><h2><a href="/ssrf-links/a/1">A real story</a></h2></div></main></body></html>`),
    '/good/': (_req, res) => html(res, listingPage('/good/a/', 5)),
    '/flaky/': (_req, res) => html(res, flakyBroken ? listingPage('/flaky/a/', 3, 'teaser-v2') : listingPage('/flaky/a/', 3)),
    // Never ends: 64 KiB chunks for as long as anyone reads.
    '/endless/': (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      pump(res, new Uint8Array(64 * 1024).fill(0x3c), Number.POSITIVE_INFINITY);
    },
    // One byte a second, forever.
    '/drip/': (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      const timer = setInterval(() => (res.destroyed ? clearInterval(timer) : res.write('<')), 1000);
      res.on('close', () => clearInterval(timer));
    },
    // 10 GB of zeros, gzip-compressed as it is read: never materialized on either side.
    '/bomb/': (_req, res) => {
      const total = 10 * 1024 * MiB;
      const block = Buffer.alloc(MiB);
      const source = new Readable({
        read() {
          if (bomb.rawProduced >= total) return void this.push(null);
          bomb.rawProduced += block.length;
          this.push(block);
        },
      });
      const gzip = createGzip();
      gzip.on('data', (c: Buffer) => void (bomb.compressedSent += c.length));
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-encoding': 'gzip' });
      source.pipe(gzip).pipe(res);
      res.on('close', () => {
        source.destroy();
        gzip.destroy();
      });
    },
    '/loop/a': (_req, res) => void res.writeHead(302, { location: '/loop/b' }).end(),
    '/loop/b': (_req, res) => void res.writeHead(301, { location: '/loop/a' }).end(),
    '/to-loopback/': (req, res) => void res.writeHead(302, { location: `http://127.0.0.1:${req.socket.localPort}/secret` }).end(),
    '/to-metadata/': (_req, res) => void res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end(),
    '/secret': (_req, res) => html(res, 'the keys to the kingdom', 'text/plain'),
    // Titles with bytes that are not UTF-8 at all (lone continuation and truncated sequences).
    '/bad-utf8/': (_req, res) => {
      const page = listingPage('/bad-utf8/a/', 3, 'card', (i) => `Caf\u0001 ${i}`);
      const bytes = Buffer.from(page, 'utf8');
      for (let i = 0; i < bytes.length; i++) if (bytes[i] === 0x01) bytes[i] = 0xc3 + (i % 2) * 0x3c; // 0xc3 or 0xff
      html(res, bytes);
    },
    '/bad-utf8/a/*': (req, res) => {
      const bytes = Buffer.concat([Buffer.from(articlePage('Invalid bytes \u2014 ', 3)), Buffer.from([0xff, 0xfe, 0x80, 0xc0])]);
      html(res, bytes);
      void req;
    },
    // Says windows-1252, sends UTF-8 (mojibake, but never a crash).
    '/lying-charset/': (_req, res) => html(res, listingPage('/lying-charset/a/', 2, 'card', (i) => `Zürich café ${i}`), 'text/html; charset=windows-1252'),
    '/500/': (_req, res) => html(res, 'Internal Server Error', 'text/plain', 500),
    '/429/': (_req, res) => void res.writeHead(429, { 'retry-after': '120', 'content-type': 'text/plain' }).end('slow down'),
    '/503/': (_req, res) => void res.writeHead(503, {
      'retry-after': new Date(Date.now() + 3 * 3600_000).toUTCString(), 'content-type': 'text/plain',
    }).end('maintenance'),
    // Markup cut off mid-tag, body ending early: parsers must cope.
    '/truncated/': (_req, res) => html(res, listingPage('/truncated/a/', 4).slice(0, -120)),
    // 50 MB of markup.
    '/huge/': (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      pump(res, Buffer.from('<p>filler filler filler filler filler filler filler filler</p>\n'.repeat(1024)), 50 * MiB);
    },
    // 100,000 links, about 4 MiB: under the size cap, so the link cap has to hold.
    '/links/': (_req, res) => {
      const items = Array.from({ length: 100_000 }, (_, k) => `<li><a href="a/${k + 1}">Story ${k + 1}</a></li>`).join('');
      html(res, `<!doctype html><html><head><title>All stories</title></head><body><ul>${items}</ul></body></html>`);
    },
    // Any other /<site>/a/<n>: an article page.
    '/*': (req, res) => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      const article = /^\/([a-z0-9-]+)\/a\/(\d+)$/.exec(path);
      if (article) return html(res, articlePage(`${article[1]} story ${article[2]}`, (Number(article[2]) % 28) + 1));
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    },
  };

  const origin = await startOrigin({ routes });
  return Object.assign(origin, { bomb, breakFlaky: () => void (flakyBroken = true) });
}
