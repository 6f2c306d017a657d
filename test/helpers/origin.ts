import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import type { AddressInfo } from 'node:net';

export type Handler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export interface Origin {
  /** Base URL with trailing slash, e.g. http://127.0.0.1:41234/ */
  url: string;
  /** Requests seen, as "METHOD /path". */
  hits: string[];
  /** Replace or add a route at runtime (exact path match, query ignored). */
  route(path: string, handler: Handler): void;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.jpg': 'image/jpeg', '.png': 'image/png', '.xml': 'application/xml',
};

/**
 * A local origin site for tests: serves files from `root` (with ETag / 304 support, like a real
 * web server) plus programmable routes that take precedence.
 */
export async function startOrigin(root?: string, routes: Record<string, Handler> = {}): Promise<Origin> {
  const table = new Map(Object.entries(routes));
  const hits: string[] = [];
  const server: Server = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    hits.push(`${req.method} ${path}`);
    try {
      const handler = table.get(path);
      if (handler) return void (await handler(req, res));
      if (!root) return void res.writeHead(404).end('not found');
      const file = normalize(join(root, decodeURIComponent(path === '/' ? '/index.html' : path)));
      if (!file.startsWith(normalize(root))) return void res.writeHead(403).end();
      const body = await readFile(file);
      const etag = `"${body.length.toString(16)}-${hash(body)}"`;
      if (req.headers['if-none-match'] === etag) return void res.writeHead(304, { ETag: etag }).end();
      res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', ETag: etag });
      res.end(body);
    } catch {
      if (!res.headersSent) res.writeHead(404).end('not found');
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    hits,
    route: (p, h) => void table.set(p, h),
    close: () => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}

function hash(buf: Buffer): string {
  let h = 2166136261;
  for (const b of buf) h = Math.imul(h ^ b, 16777619) >>> 0;
  return h.toString(16);
}
