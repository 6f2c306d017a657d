import { spawnSync } from 'node:child_process';
import { parseAtomFeed, parseJsonFeed, parseRssFeed } from 'feedsmith';
import { describe, expect, it } from 'vitest';
import { inOffset, OffsetDate, shifted } from '../../src/render/feed-dates.ts';
import { renderFeed } from '../../src/render/feed.ts';
import type { FeedMeta } from '../../src/render/types.ts';
import { FEED_CONTENT_TYPES } from '../../src/render/urls.ts';
import { formatRfc3339, formatRfc822 } from '../../src/utils/dates/zone.ts';
import { makeItem } from '../helpers/items.ts';

const meta: FeedMeta = {
  id: 'news', title: 'News', siteUrl: 'https://news.example/', baseUrl: 'https://feeds.example', updated: '2026-03-06T12:00:00.000Z',
};
// 09:30 in India (+05:30) is 04:00 UTC; the edit is 11:15 in New York (-05:00) the next day.
const indian = makeItem(2, {
  published: '2026-03-05T04:00:00.000Z', publishedOffset: 330,
  updated: '2026-03-06T16:15:00.000Z', updatedOffset: -300,
});
const plain = makeItem(1, { published: '2026-03-04T04:00:00.000Z' });
const items = [indian, plain];

describe('date formats with an offset', () => {
  it('writes RFC 822 with a numeric zone and RFC 3339 with the offset, the same instant', () => {
    const at = new Date('2026-03-05T04:00:00.000Z');
    expect(formatRfc822(at, 330)).toBe('Thu, 05 Mar 2026 09:30:00 +0530');
    expect(formatRfc822(at, -570)).toBe('Wed, 04 Mar 2026 18:30:00 -0930');
    expect(formatRfc822(at, 0)).toBe(at.toUTCString());
    expect(formatRfc3339(at, 330)).toBe('2026-03-05T09:30:00+05:30');
    expect(formatRfc3339(new Date('2026-03-05T04:15:00.000Z'), -45)).toBe('2026-03-05T03:30:00-00:45');
    // With milliseconds: in UTC, as newsboat drops the offset of a time with a fraction.
    expect(formatRfc3339(new Date('2026-03-05T04:00:00.007Z'), -45)).toBe('2026-03-05T04:00:00.007Z');
    expect(formatRfc3339(at, 0)).toBe(at.toISOString());
    for (const offset of [330, -570, 60, -720, 840]) {
      expect(new Date(formatRfc822(at, offset)).getTime()).toBe(at.getTime());
      expect(new Date(formatRfc3339(at, offset)).getTime()).toBe(at.getTime());
    }
  });

  it('keeps the offset when an instant is moved, and leaves unknown offsets in UTC', () => {
    const d = inOffset(new Date('2026-03-05T04:00:00.000Z'), 330);
    expect(d).toBeInstanceOf(OffsetDate);
    expect(shifted(d, 1).toISOString()).toBe('2026-03-05T04:00:00.001Z');
    expect(inOffset(new Date(0), null)).not.toBeInstanceOf(OffsetDate);
    expect(inOffset(new Date(0), 0)).not.toBeInstanceOf(OffsetDate);
  });
});

describe('feeds keep the page offset', () => {
  it('RSS pubDate carries the numeric zone; items without an offset stay GMT', () => {
    const rss = renderFeed('rss', meta, items);
    expect(rss).toContain('<pubDate>Thu, 05 Mar 2026 09:30:00 +0530</pubDate>');
    expect(rss).toContain('<pubDate>Wed, 04 Mar 2026 04:00:00 GMT</pubDate>');
    // The channel's own dates are the service's, in UTC.
    expect(rss).toContain('<lastBuildDate>Fri, 06 Mar 2026 12:00:00 GMT</lastBuildDate>');
    const parsed = parseRssFeed(rss);
    expect(parsed.items?.map((i) => new Date(i.pubDate!).toISOString())).toEqual([indian.published, plain.published]);
  });

  it('Atom published/updated and JSON Feed date_published/date_modified in RFC 3339 with the offset', () => {
    const atom = renderFeed('atom', meta, items);
    expect(atom).toContain('<published>2026-03-05T09:30:00+05:30</published>');
    expect(atom).toContain('<updated>2026-03-06T11:15:00-05:00</updated>');
    expect(atom).toContain('<published>2026-03-04T04:00:00.000Z</published>');
    expect(atom).toContain('<updated>2026-03-06T12:00:00.000Z</updated>'); // the feed's own
    const entries = parseAtomFeed(atom).entries!;
    expect(entries.map((e) => new Date(e.published!).toISOString())).toEqual([indian.published, plain.published]);
    expect(new Date(entries[0].updated!).toISOString()).toBe(indian.updated);

    const json = JSON.parse(renderFeed('json', meta, items)) as { items: { date_published: string; date_modified: string }[] };
    expect(json.items[0]).toMatchObject({ date_published: '2026-03-05T09:30:00+05:30', date_modified: '2026-03-06T11:15:00-05:00' });
    expect(json.items[1]).toMatchObject({ date_published: '2026-03-04T04:00:00.000Z' });
    expect(parseJsonFeed(JSON.stringify(json)).items?.length).toBe(2);
  });

  it('an updated date without its own offset uses the published one; ties still differ by a millisecond', () => {
    const a = makeItem(3, { published: '2026-03-05T04:00:00.000Z', publishedOffset: 330, url: 'https://news.example/a' });
    const b = makeItem(4, { published: '2026-03-05T04:00:00.000Z', publishedOffset: 330, url: 'https://news.example/b' });
    const atom = renderFeed('atom', meta, [a, b]);
    expect(atom).toContain('<updated>2026-03-05T09:30:00+05:30</updated>');
    expect(atom).toContain('<updated>2026-03-05T04:00:00.001Z</updated>');
  });
});

const python = spawnSync('/usr/bin/python3', ['-c', 'import feedparser'], { stdio: 'ignore' }).status === 0 ? '/usr/bin/python3'
  : spawnSync('python3', ['-c', 'import feedparser'], { stdio: 'ignore' }).status === 0 ? 'python3' : null;
if (!python) console.warn('NOTICE: python3 feedparser not available; skipping the offset cross-check (apt install python3-feedparser).');

// feedparser gives RSS/Atom dates as UTC struct_time; JSON Feed dates are read with datetime.
const SCRIPT = `
import sys, json, calendar, datetime, feedparser
out = []
for doc, ctype in json.load(sys.stdin):
    if "json" in ctype:
        j = json.loads(doc)
        out.append([int(datetime.datetime.fromisoformat(i["date_published"]).timestamp()) for i in j["items"]])
        continue
    d = feedparser.parse(doc, response_headers={"content-type": ctype})
    assert d.bozo == 0, d.get("bozo_exception")
    out.append([calendar.timegm(e.published_parsed) for e in d.entries])
print(json.dumps(out))
`;

describe.skipIf(!python)('feedparser reads offset dates to the same instant', () => {
  it('RSS, Atom and JSON Feed', () => {
    const docs = (['rss', 'atom', 'json'] as const).map((f) => [renderFeed(f, meta, items), FEED_CONTENT_TYPES[f]]);
    const run = spawnSync(python!, ['-c', SCRIPT], { input: JSON.stringify(docs), encoding: 'utf8' });
    expect(run.stderr).toBe('');
    const seconds = items.map((i) => Date.parse(i.published) / 1000);
    expect(JSON.parse(run.stdout)).toEqual([seconds, seconds, seconds]);
  });
});
