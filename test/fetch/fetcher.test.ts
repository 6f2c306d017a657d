import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFetcher } from '../../src/fetch/fetcher.ts';
import type { FetcherOptions } from '../../src/fetch/fetcher.ts';
import { WallError } from '../../src/fetch/challenge.ts';
import { FetchError } from '../../src/fetch/types.ts';
import { readFile } from '../../src/runtime/node/net.ts';
import { routeTestHosts, startOrigin } from '../../testkit/origin.ts';
import type { Handler, Origin } from '../../testkit/origin.ts';
import { DEFAULTS } from '../../src/defaults.ts';

const MiB = 1024 * 1024;
const challengeFixture = (name: string) => readFileSync(new URL(`../fixtures/challenge/${name}.html`, import.meta.url), 'utf8');

/** Resolves once the server side of a response closes: did it finish, and how much was written. */
function watchClose(res: Parameters<Handler>[1]) {
  return new Promise<{ finished: boolean }>((resolve) => res.on('close', () => resolve({ finished: res.writableFinished })));
}

async function fetchError(promise: Promise<unknown>): Promise<FetchError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(FetchError);
  return error as FetchError;
}

let origin: Origin;
let dripClosed: Promise<{ finished: boolean }>;
let bigClosed: Promise<{ finished: boolean; sent: number }>;
let inFlight = 0;
let maxInFlight = 0;
const BIG = 50 * MiB;
const bomb = gzipSync(new Uint8Array(100 * MiB));

beforeAll(async () => {
  const routes: Record<string, Handler> = {
    '/hello': (req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', etag: '"v1"', 'last-modified': 'Mon, 01 Jan 2024 00:00:00 GMT' });
      res.end('<p>héllo ✓</p>');
    },
    '/cp1251': (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=windows-1251' });
      res.end(iconv.encode('<p>Привет, мир</p>', 'windows-1251'));
    },
    '/utf8-header-cp1251-page': (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=UTF-8' });
      res.end(iconv.encode('<meta charset="windows-1251"><p>Привет, мир</p>', 'windows-1251'));
    },
    '/never': () => {},
    '/drip': (_req, res) => {
      dripClosed = watchClose(res);
      res.writeHead(200, { 'content-type': 'text/plain' });
      let n = 0;
      const timer = setInterval(() => {
        if (res.destroyed || n++ >= 100) {
          clearInterval(timer);
          return res.end();
        }
        res.write('x');
      }, 200);
    },
    '/big': (_req, res) => {
      let sent = 0;
      bigClosed = new Promise((resolve) => res.on('close', () => resolve({ finished: res.writableFinished, sent })));
      res.writeHead(200, { 'content-type': 'text/plain' });
      const chunk = new Uint8Array(64 * 1024).fill(0x61);
      const pump = () => {
        while (sent < BIG && !res.destroyed) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      pump();
    },
    '/declared-big': (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain', 'content-length': String(2 * MiB) });
      res.end(new Uint8Array(2 * MiB));
    },
    '/exact': (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end(new Uint8Array(1 * MiB).fill(0x62));
    },
    '/bomb': (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain', 'content-encoding': 'gzip', 'content-length': String(bomb.length) });
      res.end(bomb);
    },
    '/gzip': (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8', 'content-encoding': 'gzip' });
      res.end(gzipSync('compressed ✓'));
    },
    '/r/*': (req, res) => {
      const n = Number(req.url!.split('/')[2]);
      if (n === 0) return void res.writeHead(200, { 'content-type': 'text/plain' }).end('arrived');
      res.writeHead(302, { location: `/r/${n - 1}` }).end();
    },
    '/loop-a': (_req, res) => void res.writeHead(301, { location: '/loop-b' }).end(),
    '/loop-b': (_req, res) => void res.writeHead(307, { location: '/loop-a' }).end(),
    '/no-location': (_req, res) => void res.writeHead(302).end(),
    '/to-loopback': (req, res) => {
      const port = req.socket.localPort;
      res.writeHead(302, { location: `http://127.0.0.1:${port}/secret` }).end();
    },
    '/to-internal': (_req, res) => void res.writeHead(302, { location: `http://internal.test/secret` }).end(),
    '/to-file': (_req, res) => void res.writeHead(302, { location: 'file:///etc/passwd' }).end(),
    '/secret': (_req, res) => void res.writeHead(200, { 'content-type': 'text/plain' }).end('secret'),
    '/conditional': (req, res) => {
      if (req.headers['if-none-match'] === '"v2"' && req.headers['if-modified-since'] === 'Tue, 02 Jan 2024 00:00:00 GMT') {
        return void res.writeHead(304, { etag: '"v2"' }).end();
      }
      res.writeHead(200, { 'content-type': 'text/plain', etag: '"v2"' }).end('fresh');
    },
    '/429': (_req, res) => void res.writeHead(429, { 'retry-after': '120' }).end('slow down'),
    '/503': (_req, res) => void res.writeHead(503, { 'retry-after': new Date(Date.now() + 90_000).toUTCString() }).end('later'),
    '/wall-503': (_req, res) => void res.writeHead(503, { 'content-type': 'text/html; charset=UTF-8', 'retry-after': '30' }).end(challengeFixture('cloudflare-503-checking-browser')),
    '/wall-503-json': (_req, res) => void res.writeHead(503, { 'content-type': 'application/json' }).end(challengeFixture('cloudflare-503-checking-browser')),
    '/nginx-503': (_req, res) => void res.writeHead(503, { 'content-type': 'text/html' }).end(challengeFixture('nginx-503')),
    '/404': (_req, res) => void res.writeHead(404).end('gone'),
    '/slow/*': (_req, res) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      setTimeout(() => {
        inFlight--;
        res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      }, 100);
    },
    '/hold/*': (_req, res) => void setTimeout(() => res.writeHead(200, { 'content-type': 'text/plain' }).end('held'), 300),
  };
  origin = await startOrigin({ routes });
});

afterAll(() => origin.close());

/** A fetcher allowed to reach the local origin. */
const local = (options: FetcherOptions = {}) => createFetcher({ allowPrivateNetworks: true, ...options });

/** A fetcher with private networks refused, where `*.test` names "resolve" through `dns`. */
const guarded = (dns: Record<string, string[]>, options: FetcherOptions = {}) =>
  createFetcher({
    resolveHost: async (host) => dns[host] ?? Promise.reject(new Error(`ENOTFOUND ${host}`)),
    fetch: routeTestHosts(origin.port),
    ...options,
  });

describe('createFetcher: requests and responses', () => {
  it('sends the default User-Agent and returns the decoded page with its validators', async () => {
    const result = await local()(origin.at('/hello'));
    expect(result).toEqual({
      url: origin.at('/hello'),
      status: 200,
      notModified: false,
      text: '<p>héllo ✓</p>',
      bytes: expect.any(Uint8Array),
      contentType: 'text/html; charset=utf-8',
      etag: '"v1"',
      lastModified: 'Mon, 01 Jan 2024 00:00:00 GMT',
    });
    expect(new TextDecoder().decode(result.bytes)).toBe('<p>héllo ✓</p>'); // the body as received
    const req = origin.requests.at(-1)!;
    expect(req.headers['user-agent']).toBe(DEFAULTS.userAgent);
    expect(DEFAULTS.userAgent).toMatch(/^feedwright\/\d+\.\d+\.\d+ \(\+https:\/\/github\.com\/feedwright\/feedwright\)$/);
    expect(req.headers.accept).toContain('text/html');
  });

  it('sends a configured User-Agent', async () => {
    await local({ userAgent: 'custom-bot/2.0' })(origin.at('/hello'));
    expect(origin.requests.at(-1)!.headers['user-agent']).toBe('custom-bot/2.0');
  });

  it('decodes the body by its charset', async () => {
    expect((await local()(origin.at('/cp1251'))).text).toBe('<p>Привет, мир</p>');
  });

  it('reads a page by its own <meta> charset when the header\'s charset does not decode it', async () => {
    expect((await local()(origin.at('/utf8-header-cp1251-page'))).text).toBe('<meta charset="windows-1251"><p>Привет, мир</p>');
  });

  it('decompresses gzip bodies', async () => {
    expect((await local()(origin.at('/gzip'))).text).toBe('compressed ✓');
  });

  it('sends validators and reports a 304 as notModified', async () => {
    const fetcher = local();
    const fresh = await fetcher(origin.at('/conditional'));
    expect(fresh).toMatchObject({ notModified: false, text: 'fresh', etag: '"v2"' });
    const result = await fetcher(origin.at('/conditional'), { etag: '"v2"', lastModified: 'Tue, 02 Jan 2024 00:00:00 GMT' });
    expect(result).toMatchObject({ status: 304, notModified: true, text: '', etag: '"v2"', lastModified: 'Tue, 02 Jan 2024 00:00:00 GMT' });
    const req = origin.requests.at(-1)!;
    expect(req.headers['if-none-match']).toBe('"v2"');
    expect(req.headers['if-modified-since']).toBe('Tue, 02 Jan 2024 00:00:00 GMT');
  });

  it('turns non-2xx into FetchError with status and Retry-After seconds', async () => {
    const fetcher = local();
    const tooMany = await fetchError(fetcher(origin.at('/429')));
    expect(tooMany).toMatchObject({ status: 429, retryAfter: 120, url: origin.at('/429') });
    expect(tooMany.message).toBe(`HTTP 429 from ${origin.at('/429')}`);
    const unavailable = await fetchError(fetcher(origin.at('/503')));
    expect(unavailable.status).toBe(503);
    expect(unavailable.retryAfter).toBeGreaterThanOrEqual(80);
    expect(unavailable.retryAfter).toBeLessThanOrEqual(91);
    const missing = await fetchError(fetcher(origin.at('/404')));
    expect(missing).toMatchObject({ status: 404, retryAfter: undefined });
  });

  it('reads an HTML error answer for a bot wall: a WallError keeping the status and Retry-After', async () => {
    const fetcher = local();
    const wall = await fetchError(fetcher(origin.at('/wall-503')));
    expect(wall).toBeInstanceOf(WallError);
    expect(wall).toMatchObject({ status: 503, retryAfter: 30, url: origin.at('/wall-503') });
    expect(wall.message).toBe(`${origin.at('/wall-503')} answers with a Cloudflare bot challenge ("Just a moment...") (HTTP 503) instead of the page`);
    // An ordinary error page, or a body that is not HTML, stays the plain HTTP error.
    for (const path of ['/nginx-503', '/wall-503-json']) {
      const plain = await fetchError(fetcher(origin.at(path)));
      expect(plain).not.toBeInstanceOf(WallError);
      expect(plain).toMatchObject({ status: 503, message: `HTTP 503 from ${origin.at(path)}` });
    }
  });

  it('reports a refused connection as a network error', async () => {
    const closed = await startOrigin({});
    const url = closed.at('/');
    await closed.close();
    const error = await fetchError(local()(url));
    expect(error.message).toMatch(/^network error fetching .*ECONNREFUSED/);
    expect(error.status).toBeUndefined();
  });

  it('refuses schemes other than http and https', async () => {
    const error = await fetchError(local()('ftp://example.com/file'));
    expect(error.message).toContain('only http and https URLs are allowed');
    expect((await fetchError(local()('not a url'))).message).toBe('invalid URL: not a url');
  });
});

describe('createFetcher: time limits', () => {
  it('times out on a server that never answers', async () => {
    const error = await fetchError(local({ timeoutMs: 300 })(origin.at('/never')));
    expect(error.message).toBe(`timed out after 300 ms fetching ${origin.at('/never')}`);
  });

  it('stops a slow drip at the total deadline', async () => {
    const error = await fetchError(local({ timeoutMs: 1000 })(origin.at('/drip')));
    expect(error.message).toMatch(/^timed out after 1000 ms/);
    // The server saw the connection dropped before it could finish its 20-second body.
    expect(await dripClosed).toEqual({ finished: false });
  });

  it('does not count time queued behind other requests to the same host', async () => {
    // One slot, five requests of ~300 ms each: the last waits ~1200 ms, over the 1000 ms budget.
    const fetcher = local({ perHostConcurrency: 1, timeoutMs: 1000 });
    const results = await Promise.all([1, 2, 3, 4, 5].map((i) => fetcher(origin.at(`/hold/${i}`))));
    expect(results.map((r) => r.text)).toEqual(['held', 'held', 'held', 'held', 'held']);
  });

  it('gives up when the caller aborts', async () => {
    const controller = new AbortController();
    const pending = local()(origin.at('/never'), { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    const error = await fetchError(pending);
    expect(error.message).toBe(`request for ${origin.at('/never')} was aborted`);
  });
});

describe('createFetcher: size cap', () => {
  it('stops reading a big streamed body at maxBytes', async () => {
    const error = await fetchError(local({ maxBytes: MiB })(origin.at('/big')));
    expect(error.message).toBe(`response from ${origin.at('/big')} is larger than maxBytes (${MiB} bytes)`);
    const closed = await bigClosed;
    expect(closed.finished).toBe(false);
    expect(closed.sent).toBeLessThan(BIG / 2);
  });

  it('refuses a declared Content-Length over the cap without reading it', async () => {
    const error = await fetchError(local({ maxBytes: MiB })(origin.at('/declared-big')));
    expect(error.message).toContain('is larger than maxBytes');
  });

  it('accepts a body of exactly maxBytes', async () => {
    expect((await local({ maxBytes: MiB })(origin.at('/exact'))).text).toHaveLength(MiB);
  });

  it('stops a gzip bomb at the cap on decompressed bytes', async () => {
    expect(bomb.length).toBeLessThan(MiB); // ~100 KB on the wire, 100 MiB inflated
    const error = await fetchError(local({ maxBytes: MiB })(origin.at('/bomb')));
    expect(error.message).toContain(`is larger than maxBytes (${MiB} bytes)`);
  });
});

describe('createFetcher: redirects', () => {
  it('follows redirects up to the cap and reports the final URL', async () => {
    const result = await local({ maxRedirects: 3 })(origin.at('/r/3'));
    expect(result).toMatchObject({ url: origin.at('/r/0'), text: 'arrived' });
  });

  it('fails past the redirect cap', async () => {
    const error = await fetchError(local({ maxRedirects: 3 })(origin.at('/r/4')));
    expect(error.message).toBe(`too many redirects (more than 3) starting at ${origin.at('/r/4')}`);
  });

  it('detects a redirect loop', async () => {
    const error = await fetchError(local()(origin.at('/loop-a')));
    expect(error.message).toBe(`redirect loop: ${origin.at('/loop-b')} → ${origin.at('/loop-a')}`);
  });

  it('fails on a redirect without Location', async () => {
    const error = await fetchError(local()(origin.at('/no-location')));
    expect(error).toMatchObject({ status: 302 });
    expect(error.message).toContain('has no Location');
  });

  it('never follows a redirect to file:, even with allowFile', async () => {
    const error = await fetchError(local({ readFile })(origin.at('/to-file'), { allowFile: true }));
    expect(error.message).toContain('refusing to fetch file:///etc/passwd (redirected from');
  });
});

describe('createFetcher: private networks', () => {
  it.each([
    ['127.0.0.1', 'loopback address'],
    ['2130706433', 'loopback address'],
    ['0x7f.1', 'loopback address'],
    ['[::1]', 'loopback address'],
    ['[::ffff:127.0.0.1]', 'loopback address'],
    ['localhost', 'local hostname'],
    ['app.localhost', 'local hostname'],
    ['169.254.169.254', 'link-local address'],
    ['10.0.0.1', 'private network address'],
  ])('refuses http://%s without sending a request', async (host, reason) => {
    const before = origin.requests.length;
    const url = `http://${host}:${origin.port}/secret`;
    const error = await fetchError(createFetcher({ fetch: routeTestHosts(origin.port) })(url));
    expect(error.message).toMatch(/^refusing to fetch http:\/\/.*\/secret: /);
    expect(error.message).toContain(reason);
    expect(error.message).toMatch(/; set allowPrivateNetworks: true to allow local sites$/);
    expect(origin.requests.length).toBe(before);
  });

  it('gives the exact refusal message for a loopback URL', async () => {
    const error = await fetchError(createFetcher()(`http://127.0.0.1:${origin.port}/secret`));
    expect(error.message).toBe(
      `refusing to fetch http://127.0.0.1:${origin.port}/secret: loopback address; set allowPrivateNetworks: true to allow local sites`,
    );
  });

  it('refuses a redirect from a public name to 127.0.0.1', async () => {
    const fetcher = guarded({ 'public.test': ['93.184.216.34'] });
    const error = await fetchError(fetcher('http://public.test/to-loopback'));
    expect(error.message).toBe(
      `refusing to fetch http://127.0.0.1:${origin.port}/secret (redirected from http://public.test/to-loopback): loopback address; ` +
        'set allowPrivateNetworks: true to allow local sites',
    );
    expect(origin.requests.at(-1)!.url).toBe('/to-loopback');
  });

  it('refuses a redirect to a name that resolves to a private address', async () => {
    const fetcher = guarded({ 'public.test': ['93.184.216.34'], 'internal.test': ['2606:4700::1', '10.1.2.3'] });
    const error = await fetchError(fetcher('http://public.test/to-internal'));
    expect(error.message).toContain('internal.test resolves to 10.1.2.3 (private network address (RFC 1918))');
    expect(origin.requests.at(-1)!.url).toBe('/to-internal');
  });

  it('refuses a first request to a name that resolves to loopback', async () => {
    const error = await fetchError(guarded({ 'sneaky.test': ['127.0.0.1'] })('http://sneaky.test/secret'));
    expect(error.message).toContain('sneaky.test resolves to 127.0.0.1 (loopback address)');
  });

  it('reports a failed DNS lookup', async () => {
    const error = await fetchError(guarded({})('http://nowhere.test/'));
    expect(error.message).toBe('DNS lookup failed for nowhere.test: ENOTFOUND nowhere.test');
  });

  it('fetches the same when allowPrivateNetworks is true', async () => {
    const dns = { 'public.test': ['93.184.216.34'], 'internal.test': ['10.1.2.3'] };
    const fetcher = guarded(dns, { allowPrivateNetworks: true });
    expect(await fetcher('http://public.test/to-loopback')).toMatchObject({ url: origin.at('/secret'), text: 'secret' });
    expect(await fetcher('http://public.test/to-internal')).toMatchObject({ url: 'http://internal.test/secret', text: 'secret' });
    expect((await local()(origin.at('/secret'))).text).toBe('secret');
  });
});

describe('createFetcher: per-host concurrency', () => {
  it('keeps at most perHostConcurrency requests in flight to one host', async () => {
    maxInFlight = 0;
    const fetcher = local({ perHostConcurrency: 2 });
    await Promise.all([1, 2, 3, 4, 5, 6].map((i) => fetcher(origin.at(`/slow/${i}`))));
    expect(maxInFlight).toBe(2);
  });

  it('limits each host separately', async () => {
    maxInFlight = 0;
    const fetcher = guarded({ 'a.test': ['93.184.216.34'], 'b.test': ['93.184.216.35'] }, { perHostConcurrency: 2 });
    const urls = [1, 2, 3].flatMap((i) => [`http://a.test/slow/${i}`, `http://b.test/slow/${i}`]);
    await Promise.all(urls.map((url) => fetcher(url)));
    expect(maxInFlight).toBe(4);
  });
});

describe('createFetcher: politeness hook', () => {
  it('calls beforeRequest for every hop and lets it refuse a URL', async () => {
    const seen: string[] = [];
    const fetcher = local({
      beforeRequest: (url) => {
        seen.push(url);
        if (url.endsWith('/r/0')) throw new FetchError(`robots.txt disallows ${url}`, url);
      },
    });
    const error = await fetchError(fetcher(origin.at('/r/2')));
    expect(error.message).toBe(`robots.txt disallows ${origin.at('/r/0')}`);
    expect(seen).toEqual([origin.at('/r/2'), origin.at('/r/1'), origin.at('/r/0')]);
  });

  it('tells beforeRequest the headers (first origin only) and proxy each hop carries', async () => {
    const seen: unknown[] = [];
    const fetcher = local({ beforeRequest: (_url, _signal, request) => void seen.push(request), proxied: () => globalThis.fetch });
    await fetcher(origin.at('/r/1'), { headers: { Cookie: 'session=abc' } });
    await fetcher(origin.at('/hello'), { proxy: 'http://proxy.test:3128/' });
    await fetcher(origin.at('/hello'));
    expect(seen).toEqual([{ headers: { cookie: 'session=abc' } }, { headers: { cookie: 'session=abc' } }, { proxy: 'http://proxy.test:3128/' }, {}]);
  });

  it('wraps other errors from beforeRequest in a FetchError', async () => {
    const fetcher = local({
      beforeRequest: () => {
        throw new Error('spacing queue closed');
      },
    });
    const error = await fetchError(fetcher(origin.at('/hello')));
    expect(error.message).toBe(`beforeRequest refused ${origin.at('/hello')}: spacing queue closed`);
  });
});

describe('createFetcher: file: URLs', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'feedwright-fetch-'));
    await writeFile(join(dir, 'page.html'), iconv.encode('<meta charset="windows-1251"><p>Привет</p>', 'windows-1251'));
    await writeFile(join(dir, 'big.html'), new Uint8Array(MiB + 1));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('reads a file only with allowFile', async () => {
    const url = pathToFileURL(join(dir, 'page.html')).href;
    const fetcher = createFetcher({ readFile });
    const refused = await fetchError(fetcher(url));
    expect(refused.message).toBe(`refusing to fetch ${url}: file: URLs are only allowed for sources from a config file`);
    const result = await fetcher(url, { allowFile: true });
    expect(result).toMatchObject({ url, status: 200, notModified: false, contentType: 'text/html', text: '<meta charset="windows-1251"><p>Привет</p>' });
  });

  it('refuses files when the runtime gives no readFile', async () => {
    const url = pathToFileURL(join(dir, 'page.html')).href;
    const error = await fetchError(createFetcher()(url, { allowFile: true }));
    expect(error.message).toContain('this runtime cannot read files');
  });

  it('applies the size cap to files', async () => {
    const url = pathToFileURL(join(dir, 'big.html')).href;
    const error = await fetchError(createFetcher({ readFile, maxBytes: MiB })(url, { allowFile: true }));
    expect(error.message).toBe(`response from ${url} is larger than maxBytes (${MiB} bytes)`);
  });

  it('reports a missing file', async () => {
    const url = pathToFileURL(join(dir, 'missing.html')).href;
    const error = await fetchError(createFetcher({ readFile })(url, { allowFile: true }));
    expect(error.message).toMatch(/^cannot read .*ENOENT/);
  });
});
