/**
 * `type: sitemap`: a sitemap, news sitemap or sitemap index → the newest article URLs → each new
 * article page read like a scraped one. An index is followed one level down, newest child
 * sitemaps first (at most MAX_CHILD_SITEMAPS per run).
 */
import { parseDate } from '../../extract/date.ts';
import type { Item, ListedLink } from '../../model.ts';
import { normalizeItem } from '../../normalize/item.ts';
import { canonicalUrl } from '../../normalize/url.ts';
import { parseListing } from '../listing.ts';
import { documentText } from './document.ts';
import { articleQueue, describe, forgetValidators, readAll, readArticle, retryFailed, sourceUrls } from './shared.ts';
import type { SitemapEntry } from './sitemap-parse.ts';
import type { CollectContext } from './types.ts';

/** Child sitemaps of an index read per run (the newest by lastmod). */
export const MAX_CHILD_SITEMAPS = 5;
/** Newest entries considered per run; big sitemaps list tens of thousands of old pages. */
export const MAX_SITEMAP_ENTRIES = 1000;

export async function collectSitemap(ctx: CollectContext): Promise<Item[]> {
  const { source, deps, state, report, now } = ctx;
  const allowFile = deps.allowFileUrls ?? false;
  const urls = sourceUrls(source);
  const single = urls.length === 1;

  const read = async (listed: ListedLink) => {
    const item = await readArticle(listed, source, deps, allowFile, now);
    report.fetched += 1;
    return item;
  };
  const readDocument = async (url: string, conditional: boolean) => {
    const res = await deps.fetch(url, conditional
      ? { allowFile, etag: state.originEtag, lastModified: state.originLastModified }
      : { allowFile });
    if (res.notModified) return { res, sitemap: null };
    try {
      return { res, sitemap: await parseListing(deps, 'sitemap', await documentText(res), res.url) };
    } catch (err) {
      throw new Error(`${res.url}: ${describe(err)}`);
    }
  };

  const collected: SitemapEntry[] = [];
  let documents = 0;
  let failures = 0;
  const fail = (url: string, err: unknown) => {
    failures += 1;
    report.warnings.push(`${url}: ${describe(err)}`);
  };
  for (const url of urls) {
    let top;
    try {
      top = await readDocument(url, single);
    } catch (err) {
      if (single) throw err;
      fail(url, err);
      continue;
    }
    if (!top.sitemap) {
      report.notModified = true;
      return retryFailed(ctx, read);
    }
    // An index rarely changes when its children do: only a plain sitemap is fetched conditionally.
    if (single && top.sitemap.kind === 'urlset') {
      state.originEtag = top.res.etag;
      state.originLastModified = top.res.lastModified;
    } else if (single) forgetValidators(ctx);
    if (top.sitemap.kind === 'urlset') {
      documents += 1;
      collected.push(...top.sitemap.entries);
      continue;
    }
    const children = newestFirst(top.sitemap.sitemaps, (s) => s.lastmod, source.timezone).slice(0, MAX_CHILD_SITEMAPS);
    for (const child of children) {
      try {
        const { sitemap } = await readDocument(child.url, false);
        if (sitemap?.kind === 'urlset') {
          documents += 1;
          collected.push(...sitemap.entries);
        } else if (sitemap) fail(child.url, new Error('nested sitemap index not followed'));
      } catch (err) {
        fail(child.url, err);
      }
    }
  }
  if (documents === 0 && failures > 0) {
    throw new Error(`no sitemap could be read (${report.warnings[0]})`);
  }

  const seen = new Set<string>();
  const entries = newestFirst(collected, (e) => e.published ?? e.lastmod, source.timezone)
    .filter((e) => {
      const key = canonicalUrl(null, e.url);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .slice(0, MAX_SITEMAP_ENTRIES);
  report.found = entries.length;
  const links = entries.map(listedOf);

  if (!source.article.fetch) {
    const fetchedAt = now();
    return Promise.all(links.map((listed) => normalizeItem({ listed }, { source, fetchedAt })));
  }
  const queue = await articleQueue(ctx, links, (failed) => failed);
  if (queue.backlog) forgetValidators(ctx);
  return readAll(ctx, queue, read);
}

function listedOf(e: SitemapEntry): ListedLink {
  const listed: ListedLink = { url: e.url };
  if (e.title) listed.title = e.title;
  // lastmod is a modification time: only a fallback when neither the news tag nor the page dates it.
  const date = e.published ?? e.lastmod;
  if (date) listed.date = date;
  if (e.image) listed.image = e.image;
  return listed;
}

/** Stable sort, newest first; undated entries keep their order after the dated ones. */
function newestFirst<T>(list: T[], dateOf: (x: T) => string | null, timezone: string): T[] {
  const keyed = list.map((x, i) => {
    const text = dateOf(x);
    const t = text ? parseDate(text, { timezone })?.getTime() : undefined;
    return { x, i, t: t !== undefined && !Number.isNaN(t) ? t : -Infinity };
  });
  keyed.sort((a, b) => (b.t - a.t) || (a.i - b.i));
  return keyed.map((k) => k.x);
}
