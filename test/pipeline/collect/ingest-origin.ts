import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const ROOT = fileURLToPath(new URL('../../fixtures/ingest/', import.meta.url));

const TYPES: [RegExp, string][] = [
  [/^broken-/, 'application/rss+xml'], // no charset: the XML declaration (wrongly) says utf-8
  [/^atom/, 'application/atom+xml; charset=utf-8'],
  [/sitemap/, 'application/xml'],
  [/\.xml$/, 'application/rss+xml; charset=utf-8'],
  [/\.json$/, 'application/feed+json'],
  [/\.html$/, 'text/html; charset=utf-8'],
];

export interface IngestOrigin {
  url: string;
  /** Paths requested, in order. */
  hits: string[];
  close(): Promise<void>;
}

/**
 * Serves test/fixtures/ingest with `{{origin}}` replaced by this server's base URL (byte-exact
 * otherwise, so the windows-1252 fixture stays windows-1252). `x.xml.gz` is `x.xml` gzipped and
 * sent as a raw application/gzip body, as many sites serve sitemap archives.
 */
export async function startIngestOrigin(): Promise<IngestOrigin> {
  const hits: string[] = [];
  let base = '';
  const server: Server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname).replace(/^\/+/, '');
    hits.push(path);
    const gz = path.endsWith('.gz');
    const file = gz ? path.slice(0, -3) : path;
    if (file.includes('..')) return void res.writeHead(403).end();
    try {
      const raw = await readFile(ROOT + file);
      const body = Buffer.from(raw.toString('latin1').replaceAll('{{origin}}', base), 'latin1');
      if (gz) return void res.writeHead(200, { 'Content-Type': 'application/gzip' }).end(gzipSync(body));
      const type = TYPES.find(([re]) => re.test(file))?.[1] ?? 'application/octet-stream';
      const etag = `"${body.length}"`;
      if (req.headers['if-none-match'] === etag) return void res.writeHead(304, { ETag: etag }).end();
      res.writeHead(200, { 'Content-Type': type, ETag: etag }).end(body);
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return {
    url: base,
    hits,
    close: () => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}
