/**
 * Local sites read the same way on both runtimes: through the fetcher's `readFile` (bytes, a content
 * type by extension, one cap), so a feed that is raw gzip is inflated and a feed labelled UTF-8 that
 * is really windows-1252 is repaired, on Node (openContext) as on Workers (the assets reader behind
 * the same mounted-file fetcher). Their `/local/<id>/` routes answer alike too.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mountFileSources } from '../../src/config/local-mounts.ts';
import { createPoliteFetcher } from '../../src/fetch/polite.ts';
import type { Item } from '../../src/model.ts';
import { scrapeSource } from '../../src/pipeline/scrape.ts';
import { openContext, type NodeContext } from '../../src/runtime/node/context.ts';
import { openSqliteStore } from '../../src/runtime/node/sqlite.ts';
import { assetsReader } from '../../src/runtime/cloudflare/assets.ts';
import type { Fetchable } from '../../src/runtime/cloudflare/bindings.ts';
import { parseBundledConfig } from '../../src/runtime/cloudflare/sources.ts';
import { createApp } from '../../src/server/app.ts';
import { MemoryFeedCache } from '../../src/server/cache.ts';
import { localSiteRoute } from '../../src/server/local-site-route.ts';

const BASE = 'https://feeds.example.org';
const CONFIG = `baseUrl: ${BASE}
sources:
  - id: packed
    title: Packed
    type: feed
    url: file:site/feed.xml
    article: { fetch: false }
  - id: legacy
    title: Legacy
    type: feed
    url: file:site/legacy.xml
    article: { fetch: false }
`;

const rss = (title: string, items: string) => `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>${title}</title><link>https://example.org/</link>${items}</channel></rss>`;
const item = (n: number, title: string) =>
  `<item><title>${title}</title><link>https://example.org/${n}</link><description>${title} (text)</description><pubDate>Mon, 0${n} Jan 2024 10:00:00 GMT</pubDate></item>`;

let root: string;
const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'feedwright-parity-'));
  mkdirSync(join(root, 'site'));
  // A feed stored gzipped under a plain .xml name (no Content-Encoding to say so).
  writeFileSync(join(root, 'site', 'feed.xml'), gzipSync(Buffer.from(rss('Packed', item(1, 'Crème brûlée') + item(2, 'Zoë’s café')), 'utf8')));
  // Declares UTF-8, written in windows-1252: é is 0xE9, the curly quotes 0x93/0x94.
  writeFileSync(join(root, 'site', 'legacy.xml'), Buffer.from(rss('Legacy', item(3, 'Caf\u00e9 \u201cnoir\u201d')), 'latin1')
    .map((b) => (b === 0x1c ? 0x93 : b === 0x1d ? 0x94 : b)));
  writeFileSync(join(root, 'site', 'x.png'), PNG);
  writeFileSync(join(root, 'secret.html'), '<p>outside the site</p>');
  writeFileSync(join(root, 'sources.yaml'), CONFIG);
});

afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

/** The ASSETS binding as wrangler publishes data/: here the temp folder stands for data/. */
const assets: Fetchable = {
  async fetch(input: Request | string) {
    const path = decodeURIComponent(new URL(typeof input === 'string' ? input : input.url).pathname);
    try {
      return new Response(readFileSync(join(root, path)));
    } catch {
      return new Response('not found', { status: 404 });
    }
  },
};

const readerFields = (items: Item[]) =>
  items.map(({ url, title, summary, contentHtml, published, authors, image }) => ({ url, title, summary, contentHtml, published, authors, image }))
    .sort((a, b) => a.url.localeCompare(b.url));

describe('local sites on Node and on Workers', () => {
  let node: NodeContext;
  let nodeItems: Record<string, Item[]>;
  let workerItems: Record<string, Item[]>;
  let worker: { mounts: ReturnType<typeof mountFileSources>['mounts'] };

  beforeAll(async () => {
    node = await openContext({ configPath: join(root, 'sources.yaml'), dbPath: join(root, 'node.db'), port: 0, extractThreads: 0 }, () => {});
    nodeItems = {};
    for (const source of node.config.sources) {
      const report = await node.runner.run(source);
      expect(report.error, `node ${source.id}`).toBeNull();
      nodeItems[source.id] = await node.store.listItems(source.id, 50);
    }

    // The Worker's wiring: the bundled config, sources mounted under the base, the polite fetcher
    // with the assets reader (runtime/cloudflare/context.ts + consumer.ts).
    const config = parseBundledConfig(CONFIG, 'data/sources.yaml');
    const { sources, mounts } = mountFileSources(config.sources, BASE);
    worker = { mounts };
    const fetch = createPoliteFetcher({ readFile: assetsReader(assets), robots: config.robots, hostDelayMs: config.hostDelayMs, mounts });
    const store = await openSqliteStore(':memory:');
    workerItems = {};
    for (const source of sources) {
      const report = await scrapeSource(source, { fetch, store, allowFileUrls: true });
      expect(report.error, `worker ${source.id}`).toBeNull();
      workerItems[source.id] = await store.listItems(source.id, 50);
    }
    await store.close();
  }, 60_000);

  afterAll(async () => {
    await node?.close();
  });

  it('inflate a gzipped feed and repair a wrong charset alike', () => {
    expect(nodeItems.packed.map((i) => i.title).sort()).toEqual(['Crème brûlée', 'Zoë’s café']);
    expect(nodeItems.legacy.map((i) => i.title)).toEqual(['Café “noir”']);
    for (const id of ['packed', 'legacy']) expect(readerFields(workerItems[id]), id).toEqual(readerFields(nodeItems[id]));
  });

  it('serve the same files, and refuse the same paths, at /local/<id>/', async () => {
    const appWith = (localSites: (request: Request) => Promise<Response | null>) =>
      createApp({ sources: node.config.sources, store: node.store, cache: new MemoryFeedCache(), baseUrl: BASE, localSites });
    const apps = {
      node: appWith(localSiteRoute(node.localSites, node.readLocalFile)),
      worker: appWith(localSiteRoute(worker.mounts, assetsReader(assets))),
    };
    const answers: Record<string, unknown[]> = { node: [], worker: [] };
    for (const [name, app] of Object.entries(apps)) {
      for (const [method, path] of [
        ['GET', '/local/packed/x.png'], ['HEAD', '/local/packed/x.png'], ['GET', '/local/legacy/legacy.xml'],
        ['GET', '/local/packed/..%2fsecret.html'], ['GET', '/local/packed/%2e%2e/secret.html'], ['GET', '/local/packed/..%5csecret.html'],
        ['GET', '/local/packed/missing.html'], ['GET', '/local/nope/x.png'], ['POST', '/local/packed/x.png'],
      ]) {
        const res = await app.request(`${BASE}${path}`, { method });
        const body = new Uint8Array(await res.arrayBuffer());
        answers[name].push({ method, path, status: res.status, type: res.headers.get('content-type'), bytes: res.ok ? [...body] : null });
      }
    }
    expect(answers.worker).toEqual(answers.node);
    expect(answers.node.slice(0, 2)).toEqual([
      { method: 'GET', path: '/local/packed/x.png', status: 200, type: 'image/png', bytes: [...PNG] },
      { method: 'HEAD', path: '/local/packed/x.png', status: 200, type: 'image/png', bytes: [] },
    ]);
    for (const a of answers.node.slice(3) as { status: number }[]) expect(a.status).toBe(404);
  });
});
