/**
 * A local origin for tests and benches: one node:http server on loopback (random port) that
 * serves files from a folder (with ETag / 304, like a real web server) and programmable routes,
 * and records what it was asked.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { gzipSync } from 'node:zlib';

/** `received` is the request with its body, read before the handler runs. */
export type Handler = (req: IncomingMessage, res: ServerResponse, received: Received) => void | Promise<void>;

/** A request as received, body included. */
export interface Received {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  /** The request body as UTF-8 text. */
  body: string;
  /** Date.now() when the body had arrived. */
  at: number;
}

export interface OriginOptions {
  /** Loopback address to listen on (default 127.0.0.1; any 127.x.y.z, e.g. one host per site). */
  host?: string;
  /** Folder served for paths no route claims (`/` is `/index.html`). */
  root?: string;
  /**
   * Routes, tried before files: exact paths (query ignored), then prefixes written `'/p/*'`
   * (`'/*'` catches everything), in the order given.
   */
  routes?: Record<string, Handler>;
  /** Rewrites a served file's bytes; `base` is this origin's URL with a trailing slash. */
  rewrite?: (body: Buffer, base: string) => Buffer;
  /** A request for `x.gz` with no file of that name gets `x` gzipped, as application/gzip. */
  gzipSuffix?: boolean;
  /** Content type of a served file; default by extension. */
  contentType?: (file: string) => string | undefined;
}

export interface Origin {
  /** Base URL with a trailing slash, e.g. `http://127.0.0.1:41234/`. */
  url: string;
  port: number;
  /** `http://<host>:<port>` + path. */
  at(path?: string): string;
  /** Requests seen, as "METHOD /path". */
  hits: string[];
  /** Every request received, in order. */
  requests: IncomingMessage[];
  /** Every request with its body, in the order the bodies completed. */
  received: Received[];
  /** Requests being answered now, and the most at once so far (reset `max` to measure anew). */
  concurrency: { now: number; max: number };
  /** Replace or add a route at runtime. */
  route(path: string, handler: Handler): void;
  /** Resolves once `count` requests have arrived; rejects after `ms`. */
  waitFor(count: number, ms?: number): Promise<void>;
  /** Resolves once `test()` holds (checked as requests arrive, after their handler runs and once answered); rejects after `ms`. */
  until(test: () => boolean, ms?: number): Promise<void>;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.jpg': 'image/jpeg',
  '.png': 'image/png',
  '.xml': 'application/xml',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
};

export async function startOrigin(options: OriginOptions = {}): Promise<Origin> {
  const { root, rewrite, gzipSuffix = false, host = '127.0.0.1' } = options;
  if (!/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)) throw new Error(`origin: host must be a loopback address, got ${host}`);
  const table = new Map(Object.entries(options.routes ?? {}));
  const hits: string[] = [];
  const requests: IncomingMessage[] = [];
  const received: Received[] = [];
  const concurrency = { now: 0, max: 0 };
  const waiters = new Set<() => void>();
  const wakeAll = () => {
    for (const wake of waiters) wake();
  };
  let base = '';

  const find = (path: string): Handler | undefined =>
    table.get(path) ?? [...table].find(([p]) => p.endsWith('*') && path.startsWith(p.slice(0, -1)))?.[1];

  const serveFile = async (req: IncomingMessage, res: ServerResponse, path: string): Promise<void> => {
    if (!root) return void res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    const rel = decodeURIComponent(path === '/' ? '/index.html' : path);
    const file = normalize(join(root, rel));
    if (!file.startsWith(normalize(root))) return void res.writeHead(403).end();
    let body: Buffer;
    let gzip = false;
    try {
      body = await readFile(file);
    } catch (err) {
      if (!gzipSuffix || !file.endsWith('.gz')) throw err;
      body = await readFile(file.slice(0, -3));
      gzip = true;
    }
    if (rewrite) body = rewrite(body, base);
    if (gzip) return void res.writeHead(200, { 'Content-Type': 'application/gzip' }).end(gzipSync(body));
    const etag = `"${body.length.toString(16)}-${fnv1a(body)}"`;
    if (req.headers['if-none-match'] === etag) return void res.writeHead(304, { ETag: etag }).end();
    const type = options.contentType?.(file) ?? TYPES[extname(file)] ?? 'application/octet-stream';
    res.writeHead(200, { 'Content-Type': type, ETag: etag }).end(body);
  };

  const server: Server = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    hits.push(`${req.method} ${path}`);
    requests.push(req);
    concurrency.now += 1;
    concurrency.max = Math.max(concurrency.max, concurrency.now);
    res.once('close', () => {
      concurrency.now -= 1;
      wakeAll();
    });
    wakeAll();
    try {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const url = new URL(req.url ?? '/', 'http://x');
      const got: Received = {
        method: req.method ?? '', path, query: url.searchParams, headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'), at: Date.now(),
      };
      received.push(got);
      wakeAll();
      const handler = find(path);
      if (handler) await handler(req, res, got);
      else await serveFile(req, res, path);
      wakeAll();
    } catch {
      if (!res.headersSent) res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  const until = (test: () => boolean, ms: number, message: () => string) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (!test()) return;
        cleanup();
        resolve();
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(message()));
      }, ms);
      const cleanup = () => {
        clearTimeout(timer);
        waiters.delete(check);
      };
      waiters.add(check);
      check();
    });

  await new Promise<void>((r) => server.listen(0, host, r));
  const { port } = server.address() as AddressInfo;
  base = `http://${host}:${port}/`;

  return {
    url: base,
    port,
    at: (path = '/') => `http://${host}:${port}${path}`,
    hits,
    requests,
    route: (p, h) => void table.set(p, h),
    received,
    concurrency,
    waitFor: (count, ms = 10_000) =>
      until(() => requests.length >= count, ms, () => `origin: ${requests.length} of ${count} requests after ${ms} ms`),
    until: (test, ms = 10_000) => until(test, ms, () => `origin: condition not met within ${ms} ms`),
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/**
 * A fetch that sends requests for any `*.test` host to the local origin, standing in for DNS
 * (the fetcher's address checks still see the original `*.test` URL).
 */
export function routeTestHosts(port: number): typeof fetch {
  return (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (url.hostname.endsWith('.test')) {
      url.hostname = '127.0.0.1';
      url.port = String(port);
    }
    return fetch(url, init);
  };
}

function fnv1a(buf: Buffer): string {
  let h = 2166136261;
  for (const b of buf) h = Math.imul(h ^ b, 16777619) >>> 0;
  return h.toString(16);
}
