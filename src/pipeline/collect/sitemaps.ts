/**
 * `type: sitemap`: a sitemap, news sitemap or sitemap index → the newest article URLs → each new
 * article page read by the shared collector. An index is followed one level down, newest child
 * sitemaps first (at most DEFAULTS.maxChildSitemaps per run).
 */
import { refuseWall } from '../../fetch/challenge.ts';
import { DEFAULTS } from '../../defaults.ts';
import { parseDate } from '../../utils/dates/parse.ts';
import type { ListedLink } from '../../model.ts';
import { canonicalUrl } from '../../normalize/url.ts';
import { errorMessage } from '../../utils/errors.ts';
import { parseListing } from '../listing.ts';
import type { Discover, DiscoverInput, Validators } from '../types.ts';
import { documentText } from '../../fetch/document-text.ts';
import { sourceUrls } from './articles.ts';
import type { SitemapEntry } from './sitemap-parse.ts';
import { pushAll } from '../../utils/arrays.ts';

export const discoverSitemap: Discover = async ({ source, deps, allowFile, validators, warn }) => {
  const urls = sourceUrls(source);
  const single = urls.length === 1;
  const readDocument = documentReader(deps, allowFile);

  const collected: SitemapEntry[] = [];
  let saved: Validators | null | undefined;
  let documents = 0;
  let firstFailure: string | null = null;
  const fail = (url: string, err: unknown) => {
    const message = `${url}: ${errorMessage(err)}`;
    firstFailure ??= message;
    warn(message);
  };
  for (const url of urls) {
    let top;
    try {
      top = await readDocument(url, single ? validators : null);
    } catch (err) {
      if (single) throw err;
      fail(url, err);
      continue;
    }
    if (!top.sitemap) return { notModified: true };
    // An index rarely changes when its children do: only a plain sitemap is fetched conditionally.
    if (single) saved = top.sitemap.kind === 'urlset' ? { etag: top.res.etag, lastModified: top.res.lastModified } : null;
    if (top.sitemap.kind === 'urlset') {
      documents += 1;
      pushAll(collected, top.sitemap.entries);
      continue;
    }
    const children = newestFirst(top.sitemap.sitemaps, (s) => s.lastmod, source.timezone).slice(0, DEFAULTS.maxChildSitemaps);
    for (const child of children) {
      try {
        const { sitemap } = await readDocument(child.url, null);
        if (sitemap?.kind === 'urlset') {
          documents += 1;
          pushAll(collected, sitemap.entries);
        } else if (sitemap) fail(child.url, new Error('nested sitemap index not followed'));
      } catch (err) {
        fail(child.url, err);
      }
    }
  }
  if (documents === 0 && firstFailure !== null) {
    throw new Error(`no sitemap could be read (${firstFailure})`);
  }

  const seen = new Set<string>();
  const entries = newestFirst(collected, (e) => e.published ?? e.lastmod, source.timezone)
    .filter((e) => {
      const key = canonicalUrl(null, e.url);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .slice(0, DEFAULTS.maxSitemapEntries);
  return { entries: entries.map(listedOf), ...(saved !== undefined ? { validators: saved } : {}) };
};

/** Fetches and parses one sitemap document; conditionally when given validators. */
function documentReader(deps: DiscoverInput['deps'], allowFile: boolean) {
  return async (url: string, validators: Validators | null) => {
    const res = refuseWall(await deps.fetch(url, validators ? { allowFile, ...validators } : { allowFile }), { htmlOnly: true });
    if (res.notModified) return { res, sitemap: null };
    try {
      return { res, sitemap: await parseListing(deps, 'sitemap', await documentText(res), res.url) };
    } catch (err) {
      throw new Error(`${res.url}: ${errorMessage(err)}`);
    }
  };
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
