/**
 * `render` on Workers, in workerd: without a BROWSER binding (the default wrangler.toml), a
 * `render: browser` source fails with an error saying how to add one, `auto` stays static, and
 * static sources run as before. (Browser Rendering itself needs Cloudflare's service.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startJsSite } from '../../../testkit/js-site.ts';
import { startOrigin, type Origin } from '../../../testkit/origin.ts';
import { buildWorker, events, removeBundle, startWorker, type Bundle, type WorkerHarness } from './workerd.ts';

let bundle: Bundle;
let worker: WorkerHarness;
let jsSite: Origin;
let staticSite: Origin;

beforeAll(async () => {
  [bundle, jsSite, staticSite] = await Promise.all([buildWorker(), startJsSite(), startOrigin({ routes: {
    '/': (_q, res) => void res.writeHead(200, { 'content-type': 'text/html' }).end(
      `<main><ul>${[1, 2, 3].map((n) => `<li><h2><a href="/a/${n}">A static story, number ${n}</a></h2></li>`).join('')}</ul></main>`),
    '/a/*': (_q, res) => void res.writeHead(200, { 'content-type': 'text/html' }).end(
      `<html><head><title>Story</title></head><body><article><h1>Story</h1><p>${'Words of a story told at length. '.repeat(20)}</p></article></body></html>`),
  } })]);
  const config = [
    'allowPrivateNetworks: true', 'hostDelayMs: 0', 'health: public', 'sources:',
    `  - id: js\n    url: ${jsSite.url}\n    render: browser`,
    `  - id: js-auto\n    url: ${jsSite.url}\n    render: { mode: auto, timeout: 5000 }`,
    `  - id: plain\n    url: ${staticSite.url}\n    render: auto`,
  ].join('\n');
  worker = await startWorker(bundle, { FEEDWRIGHT_CONFIG: config, BASE_URL: 'https://feeds.example.test' });
}, 180_000);

afterAll(async () => {
  await worker?.dispose();
  if (bundle) await removeBundle(bundle);
  await Promise.all([jsSite?.close(), staticSite?.close()]);
});

describe('render on Workers without a BROWSER binding', () => {
  it('reports how to add the binding for render: browser; auto and static sources run statically', async () => {
    const w = await events(worker);
    for (const sourceId of ['js', 'js-auto', 'plain']) {
      await w.queue('feedwright-refresh', [{ id: sourceId, timestamp: new Date(), attempts: 1, body: { sourceId, enqueuedAt: new Date().toISOString() } }]);
    }
    const res = await worker.mf.dispatchFetch('http://localhost/health');
    const health = await res.json() as { sources: { id: string; status: string; lastError: string | null }[] };
    const of = (id: string) => health.sources.find((s) => s.id === id)!;
    expect(of('js').lastError).toMatch(/source "js" has render: browser, but there is no browser here: add a Browser Rendering binding to wrangler\.toml \(\[browser\] binding = "BROWSER"/);
    expect(of('js-auto').lastError).toMatch(/no article links found on the listing page$/);
    expect(of('plain')).toMatchObject({ status: 'ok', lastError: null });
    expect(jsSite.hits.filter((h) => h === 'GET /api/articles.json')).toEqual([]);
  });
});
