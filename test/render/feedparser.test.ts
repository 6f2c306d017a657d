import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { renderFeed } from '../../src/render/feed.ts';
import { FEED_STYLESHEET_HREF } from '../../src/render/stylesheet.ts';
import type { FeedMeta } from '../../src/render/types.ts';
import { FEED_CONTENT_TYPES } from '../../src/render/urls.ts';
import { makeItem } from '../helpers/items.ts';

/**
 * Cross-check with Python's feedparser (the parser behind many readers): every format must parse
 * with bozo == 0 (feedparser uses a strict XML parser, so this also proves well-formedness).
 * JSON Feed is parsed only by feedparser builds that know it (6.1+, version "json11"); older ones
 * (Debian's 6.0.10) would read it as XML, so there the JSON document gets Python's json module and
 * a check of the 1.1 version marker instead.
 * CI installs python3-feedparser; without it the test skips with a visible notice.
 */
const PYTHONS = ['python3', '/usr/bin/python3'];
const python = PYTHONS.find((p) => spawnSync(p, ['-c', 'import feedparser'], { stdio: 'ignore' }).status === 0);
if (!python) console.warn('NOTICE: python3 feedparser not available; skipping feedparser cross-check (apt install python3-feedparser).');

const SCRIPT = `
import sys, json, html, feedparser
def as_text(e, key):
    # feedparser hands back type="html" values as HTML; compare their text
    d = e.get(key + "_detail") or {}
    return html.unescape(e.get(key)) if d.get("type") == "text/html" else e.get(key)
out = []
has_json = hasattr(feedparser, "parsers") and hasattr(getattr(feedparser, "parsers"), "json")
for doc, ctype in json.load(sys.stdin):
    if "json" in ctype and not has_json:
        j = json.loads(doc)
        out.append({"bozo": 0, "error": "", "version": "json11" if j["version"] == "https://jsonfeed.org/version/1.1" else "?",
                    "title": j["title"],
                    "entries": [{"title": i.get("title"), "link": i.get("url"), "id": i.get("id"),
                                 "author": (i.get("authors") or [{}])[0].get("name"),
                                 "published": list(__import__("time").strptime(i["date_published"][:19], "%Y-%m-%dT%H:%M:%S")[:6]),
                                 "tags": i.get("tags", [])} for i in j["items"]]})
        continue
    d = feedparser.parse(doc, response_headers={"content-type": ctype})
    out.append({
        "bozo": int(d.bozo), "error": str(d.get("bozo_exception", "")), "version": d.version,
        "title": d.feed.get("title"),
        "entries": [{"title": as_text(e, "title"), "link": e.get("link"), "id": e.get("id"),
                     "author": e.get("author"), "published": e.get("published_parsed") and list(e.published_parsed[:6]),
                     "tags": [t.get("term") for t in e.get("tags", [])]} for e in d.entries],
    })
print(json.dumps(out))
`;

describe.skipIf(!python)('feedparser (python) cross-check', () => {
  it('parses RSS, Atom and JSON Feed with bozo 0, including an empty feed', () => {
    const meta: FeedMeta = {
      id: 'news',
      title: 'News & Views',
      siteUrl: 'https://news.example/',
      baseUrl: 'https://feeds.example',
      language: 'en',
      updated: '2024-03-05T12:00:00.000Z',
      stylesheet: FEED_STYLESHEET_HREF, // browsers style the feed; readers must ignore it
    };
    const items = [
      makeItem(2, { title: 'Tom & Jerry ]]> <again>', authors: ['Jane Doe'], categories: ['Q&A'] }),
      makeItem(1, { image: 'https://news.example/a.png', summary: null, contentHtml: null }),
    ];
    const docs = (['rss', 'atom', 'json'] as const).flatMap((f) => [
      [renderFeed(f, meta, items), FEED_CONTENT_TYPES[f]],
      [renderFeed(f, { ...meta, updated: null }, []), FEED_CONTENT_TYPES[f]],
    ]);
    const run = spawnSync(python!, ['-c', SCRIPT], { input: JSON.stringify(docs), encoding: 'utf8' });
    expect(run.stderr).toBe('');
    const results = JSON.parse(run.stdout) as {
      bozo: number;
      error: string;
      version: string;
      title: string;
      entries: { title: string; link: string; id: string; author: string; published: number[]; tags: string[] }[];
    }[];
    expect(results.map((r) => [r.bozo, r.error])).toEqual(docs.map(() => [0, '']));
    expect(results.map((r) => r.version)).toEqual(['rss20', 'rss20', 'atom10', 'atom10', 'json11', 'json11']);
    for (const full of [results[0], results[2], results[4]]) {
      expect(full.title).toBe('News & Views');
      expect(full.entries.map((e) => e.link)).toEqual(items.map((i) => i.url));
      expect(full.entries[0].title).toBe('Tom & Jerry ]]> <again>');
      expect(full.entries[0].author).toBe('Jane Doe');
      expect(full.entries[0].published).toEqual([2024, 3, 2, 10, 0, 0]);
      expect(full.entries[0].tags).toEqual(['Q&A']);
    }
    for (const empty of [results[1], results[3], results[5]]) expect(empty.entries).toEqual([]);
  });
});
