import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseFeed } from 'feedsmith';
import { settingsFrom } from '../../../src/runtime/node/context.ts';
import { startNodeServer, type RunningServer } from '../../../src/runtime/node/http-server.ts';
import { demoWorkspace } from '../../helpers/demo-config.ts';

// The newcomer's path: start the server on the demo config, wait for the first run, read the feed.
let ws: ReturnType<typeof demoWorkspace>;
let server: RunningServer;
const logs: string[] = [];

async function waitFor<T>(fn: () => Promise<T | undefined>, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out; logs:\n${logs.join('\n')}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  ws = demoWorkspace();
  server = await startNodeServer({ configPath: ws.config, dbPath: ws.db, port: 0, host: '127.0.0.1' }, (l) => logs.push(l));
  await waitFor(async () => {
    const h = await (await fetch(`${server.url}/health`)).json() as { sources: { id: string; lastSuccess: string | null }[] };
    return h.sources.every((s) => s.lastSuccess) ? true : undefined;
  });
});
afterAll(async () => {
  await server?.stop();
  ws?.cleanup();
});

describe('feedwright on Node, end to end', () => {
  it('logs what the first run found', () => {
    expect(logs.join('\n')).toMatch(/\[brics-post\] found 5 links, read 5 articles: 5 new/);
  });

  it('serves the demo feed with the BRICS Post article, right title, author, date and photo', async () => {
    const res = await fetch(`${server.url}/feeds/brics-post.rss`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/rss+xml; charset=utf-8');
    const { format, feed } = parseFeed(await res.text()) as { format: string; feed: any };
    expect(format).toBe('rss');
    const item = feed.items.find((i: any) => i.title === 'Putin, Trump issue joint Syria statement');
    expect(item).toBeDefined();
    expect(new Date(item.pubDate).toISOString()).toBe('2017-11-12T05:14:00.000Z');
    expect(JSON.stringify(item)).toContain('The BRICS Post');
    const content = item.content?.encoded ?? item.description;
    expect(content).toContain('putin-trump-apec.jpg');
    expect(content).toContain('<figcaption');
    expect(content).not.toContain('Follow us on');
    expect(feed.items[0].title).toBe('Putin, Trump issue joint Syria statement'); // newest first
  });

  it('answers a second poll with 304 and no body', async () => {
    const first = await fetch(`${server.url}/feeds/brics-post.atom`);
    const etag = first.headers.get('etag')!;
    const lastModified = first.headers.get('last-modified')!;
    expect(etag).toBeTruthy();
    expect(lastModified).toBeTruthy();
    const again = await fetch(`${server.url}/feeds/brics-post.atom`, { headers: { 'If-None-Match': etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    const byDate = await fetch(`${server.url}/feeds/brics-post.atom`, { headers: { 'If-Modified-Since': lastModified } });
    expect(byDate.status).toBe(304);
  });

  it('compresses feeds with brotli or gzip, as the client asks', async () => {
    const { brotliDecompressSync, gunzipSync } = await import('node:zlib');
    const { request } = await import('node:http');
    const get = (encoding: string) => new Promise<{ headers: Record<string, unknown>; body: Buffer }>((resolve, reject) => {
      request(`${server.url}/feeds/brics-post.rss`, { headers: { 'Accept-Encoding': encoding } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
      }).on('error', reject).end();
    });
    const br = await get('gzip, br');
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.body).toString()).toContain('Putin, Trump issue joint Syria statement');
    const gz = await get('gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).toString()).toContain('Putin, Trump issue joint Syria statement');
  });

  it('serves the index page, OPML and health', async () => {
    const index = await (await fetch(`${server.url}/`)).text();
    expect(index).toContain('<link rel="alternate" type="application/rss+xml"');
    expect(index).toContain('https://feeds.example.org/feeds/brics-post.json');
    const opml = await (await fetch(`${server.url}/feeds.opml`)).text();
    expect(opml).toContain('xmlUrl="https://feeds.example.org/feeds/brics-post.rss"');
    const health = await (await fetch(`${server.url}/health`)).json() as any;
    const s = health.sources.find((x: any) => x.id === 'brics-post');
    expect(s.itemCount).toBe(5);
    expect(s.state).toBe('ok');
    expect(s.lastError).toBeUndefined(); // details only with the admin token
  });

  it('publishes the local demo site so that links and photos work in a reader', async () => {
    const json = await (await fetch(`${server.url}/feeds/brics-post.json`)).json() as any;
    const item = json.items.find((i: any) => i.title === 'Putin, Trump issue joint Syria statement');
    expect(item.url).toBe('https://feeds.example.org/local/brics-post/putin-trump-issue-joint-syria-statement.html');
    expect(item.image).toBe('https://feeds.example.org/local/brics-post/images/putin-trump-apec.jpg');
    const photo = await fetch(`${server.url}/local/brics-post/images/putin-trump-apec.jpg`);
    expect(photo.status).toBe(200);
    expect(photo.headers.get('content-type')).toBe('image/jpeg');
    expect((await photo.arrayBuffer()).byteLength).toBeGreaterThan(1000);
    for (const escape of ['/local/brics-post/..%2fsources.yaml', '/local/brics-post/%2e%2e/feedwright.db', '/local/other/index.html']) {
      expect((await fetch(`${server.url}${escape}`)).status, escape).toBe(404);
    }
  });

  it('serves JSON Feed 1.1', async () => {
    const json = await (await fetch(`${server.url}/feeds/brics-post.json`)).json() as any;
    expect(json.version).toBe('https://jsonfeed.org/version/1.1');
    const item = json.items.find((i: any) => i.title === 'Putin, Trump issue joint Syria statement');
    expect(item.authors).toEqual([{ name: 'The BRICS Post' }]);
    // The page's 10:44 am in the source's zone (Asia/Kolkata), written in that offset: 05:14 UTC.
    expect(item.date_published).toBe('2017-11-12T10:44:00+05:30');
  });
});

describe('the Node server\'s edges', () => {
  it('listens on the address asked for (--host / HOST), every interface by default', async () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
    expect(logs.join('\n')).toContain(`feedwright listening on http://127.0.0.1:${server.port} with 1 source(s)`);
    expect(settingsFrom({}, {}).host).toBeUndefined();
    expect(settingsFrom({}, { HOST: '::1' }).host).toBe('::1');
    expect(settingsFrom({ host: '127.0.0.1' }, { HOST: '::1' }).host).toBe('127.0.0.1');
  });

  it('answers unknown routes, methods and local files with the JSON error', async () => {
    for (const [method, path] of [
      ['GET', '/no/such/route'], ['DELETE', '/feeds/brics-post.rss'], ['PUT', '/'],
      ['GET', '/local/brics-post/missing.html'], ['POST', '/local/brics-post/index.html'], ['GET', '/local/other/index.html'],
    ]) {
      const res = await fetch(`${server.url}${path}`, { method });
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.headers.get('content-type'), `${method} ${path}`).toMatch(/^application\/json/);
      expect(((await res.json()) as { error: string }).error).toBe('not_found');
    }
  });

  it('applies the URL and header caps under /local/ too', async () => {
    const long = await fetch(`${server.url}/local/brics-post/index.html?x=${'a'.repeat(5000)}`);
    expect(long.status).toBe(414);
    expect(((await long.json()) as { error: string }).error).toBe('uri_too_long');
    const big = await fetch(`${server.url}/local/brics-post/index.html`, { headers: { Cookie: `a=${'b'.repeat(9000)}` } });
    expect(big.status).toBe(431);
  });

  /** Sends a 100 MB body with a GET; how much of it went out before the server closed. */
  const getWithBody = (headers: Record<string, string>) => {
    const total = 100 * 1024 * 1024;
    const chunk = Buffer.alloc(64 * 1024, 120);
    return new Promise<{ status: number; written: number }>((resolve) => {
      let status = 0;
      let written = 0;
      const req = httpRequest(`${server.url}/local/brics-post/index.html`, { method: 'GET', headers }, (res) => {
        status = res.statusCode ?? 0;
        res.resume();
      });
      const done = () => resolve({ status, written });
      req.on('error', done);
      req.on('close', done);
      const pump = () => {
        while (written < total) {
          written += chunk.length;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
        req.end();
      };
      pump();
    });
  };

  it('refuses a GET declaring a 100 MB body with 413, without reading it', async () => {
    const result = await getWithBody({ 'Content-Length': String(100 * 1024 * 1024) });
    expect(result.status).toBe(413);
    // The connection was closed: far less than the 100 MB went out (socket buffers only).
    expect(result.written).toBeLessThan(40 * 1024 * 1024);
  });

  it('never reads a chunked body sent with a GET: answers, then closes the connection', async () => {
    const result = await getWithBody({ 'Transfer-Encoding': 'chunked' });
    expect(result.status).toBe(200);
    expect(result.written).toBeLessThan(40 * 1024 * 1024);
  });
});
