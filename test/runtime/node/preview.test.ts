/** POST /api/preview on the Node server: the dry run wired with the scraper's fetcher and extraction threads. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNodeServer, type RunningServer } from '../../../src/runtime/node/http-server.ts';
import type { PreviewResult } from '../../../src/server/preview-types.ts';
import { demoWorkspace } from '../../helpers/demo-config.ts';
import { startPreviewSite, storyTitle, type PreviewSite } from '../../helpers/preview-site.ts';

const TOKEN = 'node-admin-token-0123456789';
let ws: ReturnType<typeof demoWorkspace>;
let server: RunningServer;
let site: PreviewSite;

beforeAll(async () => {
  site = await startPreviewSite();
  // One push source: nothing is scraped, so every request to the site is the preview's.
  ws = demoWorkspace('allowPrivateNetworks: true\nhostDelayMs: 0\nsources:\n  - id: wire\n    type: push\n');
  server = await startNodeServer({ configPath: ws.config, dbPath: ws.db, port: 0, host: '127.0.0.1', adminToken: TOKEN, extractThreads: 1 }, () => {});
});
afterAll(async () => {
  await server?.stop();
  ws?.cleanup();
  await site?.close();
});

describe('Node: POST /api/preview', () => {
  it('answers the dry run, article pages read in the extraction thread with their provenance', async () => {
    const res = await fetch(`${server.url}/api/preview`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ url: site.origin.url, articles: 2 }),
    });
    expect(res.status).toBe(200);
    const result = await res.json() as PreviewResult;
    expect(result.groups[0]).toMatchObject({ chosen: true, exact: true });
    expect(result.articles.map((a) => [a.title.value, a.title.from, a.date.from])).toEqual([
      [storyTitle(1), 'json-ld', 'json-ld'],
      [storyTitle(2), 'meta', 'markup'],
    ]);
    // Nothing stored: the push source's feed is still empty.
    const feed = await (await fetch(`${server.url}/feeds/wire.json`)).json() as { items: unknown[] };
    expect(feed.items).toEqual([]);
  });
});
