import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { routeTestHosts, startOrigin, type Origin } from '../../testkit/origin.ts';

let root: string;
let origin: Origin | undefined;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'testkit-origin-'));
  writeFileSync(join(root, 'index.html'), '<p>home</p>');
  writeFileSync(join(root, 'feed.xml'), '<rss><link>{{origin}}</link></rss>');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));
afterEach(async () => {
  await origin?.close();
  origin = undefined;
});

describe('testkit startOrigin', () => {
  it('serves files with a content type and an ETag, and answers 304 to it', async () => {
    origin = await startOrigin({ root });
    const first = await fetch(origin.url);
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await first.text()).toBe('<p>home</p>');
    const etag = first.headers.get('etag')!;
    const again = await fetch(origin.at('/index.html'), { headers: { 'If-None-Match': etag } });
    expect(again.status).toBe(304);
    expect((await fetch(origin.at('/missing.html'))).status).toBe(404);
    expect((await fetch(origin.at('/%2e%2e/%2e%2e/etc/passwd'))).status).not.toBe(200);
    expect(origin.hits.slice(0, 3)).toEqual(['GET /', 'GET /index.html', 'GET /missing.html']);
    expect(origin.requests[1].headers['if-none-match']).toBe(etag);
  });

  it('tries exact routes, then prefix routes in order, before files', async () => {
    origin = await startOrigin({
      root,
      routes: {
        '/index.html': (_req, res) => void res.end('route'),
        '/a/*': (_req, res) => void res.end('prefix a'),
        '/*': (req, res) => void res.end(`fallback ${req.url}`),
      },
    });
    expect(await (await fetch(origin.at('/index.html'))).text()).toBe('route');
    expect(await (await fetch(origin.at('/a/1?x=2'))).text()).toBe('prefix a');
    expect(await (await fetch(origin.at('/b'))).text()).toBe('fallback /b');
    origin.route('/b', (_req, res) => void res.end('added'));
    expect(await (await fetch(origin.at('/b'))).text()).toBe('added');
  });

  it('rewrites served files and gzips x.gz from x on request', async () => {
    origin = await startOrigin({ root, gzipSuffix: true, rewrite: (body, base) => Buffer.from(body.toString().replaceAll('{{origin}}', base)) });
    const plain = await fetch(origin.at('/feed.xml'));
    expect(await plain.text()).toBe(`<rss><link>${origin.url}</link></rss>`);
    const gz = await fetch(origin.at('/feed.xml.gz'));
    expect(gz.headers.get('content-type')).toBe('application/gzip');
    expect(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString()).toBe(`<rss><link>${origin.url}</link></rss>`);
  });

  it('waitFor resolves once enough requests arrived and rejects after its time', async () => {
    origin = await startOrigin({ routes: { '/*': (_req, res) => void res.end('ok') } });
    const waiting = origin.waitFor(2);
    await fetch(origin.at('/1'));
    await fetch(origin.at('/2'));
    await expect(waiting).resolves.toBeUndefined();
    await expect(origin.waitFor(5, 50)).rejects.toThrow('2 of 5 requests');
  });

  it('routeTestHosts sends *.test hosts to the origin', async () => {
    origin = await startOrigin({ routes: { '/x': (req, res) => void res.end(`host ${req.headers.host}`) } });
    const res = await routeTestHosts(origin.port)('http://site.test/x');
    expect(await res.text()).toBe(`host 127.0.0.1:${origin.port}`);
  });
});
