import { describe, expect, it } from 'vitest';
import { DEFAULTS } from '../../src/defaults.ts';
import { feedItemLimit, feedListing, feedListings, feedMeta, renderFeedDocument } from '../../src/render/document.ts';
import { makeItem } from '../helpers/items.ts';
import { makeSource } from '../../testkit/sources.ts';

const STARTED = new Date('2024-05-01T12:00:00.000Z');
const push = makeSource({ id: 'wire', title: 'Wire', type: 'push', limit: 600 });
// `en_us`, which config refuses (it asks for en-US), set after makeSource: feedMeta passes it on as given.
const site = { ...makeSource({ id: 'site', title: 'Wire', url: 'https://site.example/news', limit: 20 }), language: 'en_us' };

describe('feedItemLimit', () => {
  it('is the source limit, never above the served cap, and ?limit only asks for fewer', () => {
    expect(feedItemLimit(push)).toBe(DEFAULTS.maxFeedItems);
    expect(feedItemLimit(site)).toBe(20);
    expect(feedItemLimit(site, 5)).toBe(5);
    expect(feedItemLimit(site, 50)).toBe(20);
    expect(feedItemLimit(push, 1000)).toBe(DEFAULTS.maxFeedItems);
    expect(feedItemLimit(push, undefined, 100)).toBe(100);
  });
});

describe('feedMeta', () => {
  it('falls back to the service root for a source without a site and to startedAt for a feed without items', () => {
    const meta = feedMeta(push, 'atom', { baseUrl: 'https://svc.example/feeds-here/', hub: null, version: { lastModified: null }, startedAt: STARTED });
    expect(meta).toMatchObject({
      siteUrl: 'https://svc.example/feeds-here/',
      baseUrl: 'https://svc.example/feeds-here',
      updated: STARTED.toISOString(),
      selfUrl: 'https://svc.example/feeds-here/feeds/wire.atom',
      hub: null,
    });
  });

  it('uses the site URL, the last item change, the hub and an explicit self URL when given', () => {
    const meta = feedMeta(site, 'rss', {
      baseUrl: 'https://svc.example', hub: 'https://svc.example/websub', version: { lastModified: '2024-04-02T03:04:05.000Z' },
      startedAt: STARTED, selfUrl: 'https://svc.example/feeds/site.rss?limit=5',
    });
    expect(meta).toMatchObject({
      siteUrl: 'https://site.example/news', updated: '2024-04-02T03:04:05.000Z', hub: 'https://svc.example/websub',
      selfUrl: 'https://svc.example/feeds/site.rss?limit=5', language: 'en_us',
    });
  });
});

describe('renderFeedDocument and listings', () => {
  const items = Array.from({ length: 30 }, (_, i) => makeItem(i + 1, { sourceId: 'site' }));
  const store = {
    feedVersion: async (id: string) => (id === 'site'
      ? { version: 3, lastModified: '2024-04-02T03:04:05.000Z', itemCount: items.length }
      : { version: 0, lastModified: null, itemCount: 0 }),
    listItems: async (id: string, limit: number) => (id === 'site' ? items.slice(0, limit) : []),
    listItemsAcross: async () => [],
  };

  it('renders the capped items with the meta it reports', async () => {
    const doc = await renderFeedDocument(store, site, 'json', { baseUrl: 'https://svc.example', hub: null, startedAt: STARTED });
    expect(doc.limit).toBe(20);
    expect(doc.contentType).toBe('application/feed+json; charset=utf-8');
    const json = JSON.parse(doc.body) as { items: unknown[]; home_page_url: string; feed_url: string };
    expect(json.items).toHaveLength(20);
    expect(json.home_page_url).toBe(doc.meta.siteUrl);
    expect(json.feed_url).toBe('https://svc.example/feeds/site.json');
  });

  it('lists each source with its item count and last change (no link for a source without a site)', async () => {
    expect(feedListing(push)).toEqual({ id: 'wire', title: 'Wire', siteUrl: '' });
    expect(await feedListings(store, [site, push])).toEqual([
      { id: 'site', title: 'Wire', siteUrl: 'https://site.example/news', itemCount: 30, updated: '2024-04-02T03:04:05.000Z' },
      { id: 'wire', title: 'Wire', siteUrl: '', itemCount: 0, updated: null },
    ]);
  });
});
