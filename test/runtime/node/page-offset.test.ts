/**
 * End to end on Node: an origin page that dates its article in India's offset (+05:30) is served
 * in every feed format with that offset, at the same instant; a page dated in UTC stays UTC.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNodeServer, type RunningServer } from '../../../src/runtime/node/http-server.ts';
import { startOrigin, type Origin } from '../../../testkit/origin.ts';
import { demoWorkspace } from '../../helpers/demo-config.ts';

const article = (title: string, date: string) => `<!doctype html><html lang="en"><head><title>${title}</title>
<meta property="article:published_time" content="${date}"></head><body><article><h1>${title}</h1>
${'<p>Officials met on Thursday morning to agree on the next steps of the programme, which covers several regions and many towns.</p>'.repeat(6)}
</article></body></html>`;

let origin: Origin;
let server: RunningServer;
let ws: ReturnType<typeof demoWorkspace>;

beforeAll(async () => {
  origin = await startOrigin({ routes: {
    '/news/': (_req, res) => void res.writeHead(200, { 'Content-Type': 'text/html' }).end(`<!doctype html><html><body><main>
      <article><h2><a href="/news/mumbai-metro-opens">Mumbai metro line opens to the public</a></h2></article>
      <article><h2><a href="/news/markets-close-higher">Markets close higher after a quiet week</a></h2></article>
    </main></body></html>`),
    '/news/mumbai-metro-opens': (_req, res) => void res.writeHead(200, { 'Content-Type': 'text/html' })
      .end(article('Mumbai metro line opens to the public', '2026-03-05T09:30:00+05:30')),
    '/news/markets-close-higher': (_req, res) => void res.writeHead(200, { 'Content-Type': 'text/html' })
      .end(article('Markets close higher after a quiet week', '2026-03-04T16:00:00Z')),
  } });
  ws = demoWorkspace(`baseUrl: https://feeds.example.org
allowPrivateNetworks: true
hostDelayMs: 0
sources:
  - id: india
    url: ${origin.url}news/
`);
  server = await startNodeServer({ configPath: ws.config, dbPath: ws.db, port: 0, host: '127.0.0.1' }, () => {});
});
afterAll(async () => {
  await server?.stop();
  await origin?.close();
  ws?.cleanup();
});

describe('the page offset, from origin to feed (Node)', { timeout: 60_000 }, () => {
  it('RSS, Atom and JSON Feed write +05:30 for the page that gave it, UTC for the other', async () => {
    const end = Date.now() + 45_000;
    let json: { items?: { url: string; date_published: string; date_modified: string }[] } = {};
    while ((json.items?.length ?? 0) < 2 && Date.now() < end) {
      await new Promise((r) => setTimeout(r, 100));
      json = await (await fetch(`${server.url}/feeds/india.json`)).json() as typeof json;
    }
    const byUrl = new Map(json.items!.map((i) => [i.url.replace(/^.*\//, ''), i]));
    expect(byUrl.get('mumbai-metro-opens')).toMatchObject({ date_published: '2026-03-05T09:30:00+05:30', date_modified: '2026-03-05T09:30:00+05:30' });
    expect(byUrl.get('markets-close-higher')).toMatchObject({ date_published: '2026-03-04T16:00:00.000Z' });
    expect(Date.parse(byUrl.get('mumbai-metro-opens')!.date_published)).toBe(Date.parse('2026-03-05T04:00:00Z'));

    const rss = await (await fetch(`${server.url}/feeds/india.rss`)).text();
    expect(rss).toContain('<pubDate>Thu, 05 Mar 2026 09:30:00 +0530</pubDate>');
    expect(rss).toContain('<pubDate>Wed, 04 Mar 2026 16:00:00 GMT</pubDate>');
    const atom = await (await fetch(`${server.url}/feeds/india.atom`)).text();
    expect(atom).toContain('<published>2026-03-05T09:30:00+05:30</published>');
    expect(atom).toContain('<published>2026-03-04T16:00:00.000Z</published>');
  });
});
