/**
 * POST /api/preview in the Worker (workerd, bundled as for deploy) against a local site: the same
 * dry run as on Node, with nothing written to D1.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { D1Database } from '../../../src/runtime/cloudflare/bindings.ts';
import { d1Driver } from '../../../src/runtime/cloudflare/d1.ts';
import type { PreviewResult } from '../../../src/server/preview-types.ts';
import { startPreviewSite, storyPath, storyTitle, STORIES, type PreviewSite } from '../../helpers/preview-site.ts';
import { buildWorker, removeBundle, startWorker, type Bundle, type WorkerHarness } from './workerd.ts';

const ADMIN = 'test-admin-token-0123456789';
let bundle: Bundle;
let worker: WorkerHarness;
let site: PreviewSite;

beforeAll(async () => {
  [bundle, site] = await Promise.all([buildWorker(), startPreviewSite()]);
  const config = 'allowPrivateNetworks: true\nhostDelayMs: 0\nsources: []\n';
  worker = await startWorker(bundle, { FEEDWRIGHT_CONFIG: config, FEEDWRIGHT_ADMIN_TOKEN: ADMIN });
}, 180_000);
afterAll(async () => {
  await worker?.dispose();
  await site?.close();
  if (bundle) await removeBundle(bundle);
});

const preview = (body: unknown, token = ADMIN) => worker.mf.dispatchFetch('http://localhost/api/preview', {
  method: 'POST',
  headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}`, 'Accept-Encoding': 'identity' },
  body: JSON.stringify(body),
});

describe('Worker: POST /api/preview', () => {
  it('previews a listing page: groups, items, articles with provenance; D1 untouched', async () => {
    const db = d1Driver((await worker.mf.getD1Database('DB')) as unknown as D1Database);
    const count = async () => (await db.all<{ n: number }>('SELECT (SELECT COUNT(*) FROM items) + (SELECT COUNT(*) FROM sources_state) + (SELECT COUNT(*) FROM feed_versions) AS n'))[0].n;
    const before = await count();
    const res = await preview({ url: site.origin.url, articles: 2 });
    expect(res.status).toBe(200);
    const result = await res.json() as PreviewResult;
    expect(result).toMatchObject({ type: 'html', detected: true, error: null, feeds: [{ url: site.origin.at('/feed.xml') }] });
    expect(result.groups[0]).toMatchObject({ chosen: true, exact: true, list: { item: 'ul.stories > li' } });
    expect(result.items.map((i) => i.url)).toEqual(Array.from({ length: STORIES }, (_, i) => site.origin.at(storyPath(i + 1))));
    expect(result.articles.map((a) => [a.title.value, a.title.from, a.date.from])).toEqual([
      [storyTitle(1), 'json-ld', 'json-ld'],
      [storyTitle(2), 'meta', 'markup'],
    ]);
    expect(await count()).toBe(before);
  });

  it('a feed, robots.txt and bad input behave as on Node', async () => {
    const feed = await (await preview({ url: site.origin.at('/feed.xml'), articles: 0 })).json() as PreviewResult;
    expect(feed).toMatchObject({ type: 'feed', items: expect.arrayContaining([expect.objectContaining({ title: `${storyTitle(1)} (feed)` })]) });
    const blocked = await (await preview({ url: site.origin.at('/private/index.html') })).json() as PreviewResult;
    expect(blocked.warnings.map((w) => w.kind)).toEqual(['robots']);
    const bad = await preview({ url: site.origin.url, list: { item: 7 } });
    expect(bad.status).toBe(422);
    expect((await bad.json() as { problems: { field: string }[] }).problems[0].field).toBe('list.item');
    expect((await preview({ url: site.origin.url }, 'wrong-token')).status).toBe(401);
  });
});
