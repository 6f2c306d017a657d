// Publication dates in a page's inline script data (state objects of script-built pages:
// `"datePublished":"2020-05-01T…"`, `publishedAt: 1588388069`), as raw candidate strings in
// document order. Read only when the page's markup states no date: scripts can be large.
import type { Element } from 'domhandler';

// A key naming the first publication, then a quoted date or an epoch in seconds or milliseconds;
// its quotes may be escaped, as in JSON carried inside a string (Next.js's `self.__next_f.push`).
// (The key's opening quote is not matched: optional, it kept the engine from skipping ahead to a
// key's first letter, and scripts run to hundreds of kilobytes.)
const PUBLISHED_IN_SCRIPT =
  /(?:datePublished|date_published|publishDate|publish_date|publishedDate|published_date|publishedAt|published_at|publicationDate|publication_date|pubDate|firstPublished(?:Date|At)?|published_?[Tt]ime|publish_?[Tt]ime)\\?["']?\s*:\s*(?:\\?["']([^"'\\\n]{6,40})\\?["']|(\d{10}(?:\d{3})?)\b)/g;
const MAX_CANDIDATES = 5;

/** `scripts`: the page's inline scripts, in document order. */
export function scriptPublishedDates(scripts: readonly Element[]): string[] {
  const out: string[] = [];
  for (const el of scripts) {
    const type = el.attribs.type;
    // JSON-LD is read by jsonld.ts, with its types; templates and non-data scripts are skipped.
    if (type && !/javascript|ecmascript|json|^module$/i.test(type)) continue;
    if (type && /ld\+json/i.test(type)) continue;
    const child = el.children[0];
    if (!child || child.type !== 'text') continue;
    const code = child.data;
    PUBLISHED_IN_SCRIPT.lastIndex = 0;
    for (let m = PUBLISHED_IN_SCRIPT.exec(code); m; m = PUBLISHED_IN_SCRIPT.exec(code)) {
      if (m[1]) out.push(m[1]);
      else out.push(new Date(m[2].length === 13 ? +m[2] : +m[2] * 1000).toISOString());
      if (out.length >= MAX_CANDIDATES) return out;
    }
  }
  return out;
}
