/**
 * The publication date of an article page: which of the page's many dates wins (the order is
 * documented at the top of metadata.ts), and the offset it is shown in.
 */
import type { ParentNode } from 'domhandler';
import { parseDateParts, type DateParseOptions, type ParsedDate } from '../utils/dates/parse.ts';
import { fromWallClock } from '../utils/dates/zone.ts';
import type { readJsonLd } from './jsonld.ts';
import { metaValues, type MetaTags } from './meta-tags.ts';
import { withoutUpdate } from './date-labels.ts';
import { sameDay } from './date-zone.ts';
import { dateCandidates, type DateCandidate } from './page-date.ts';
import type { PageIndex } from './page-index.ts';
import { scriptPublishedDates } from './script-date.ts';
import { dateFromUrl } from './url-date.ts';

/** Meta tags that name the publication date of this article specifically. */
const PUBLISHED_KEYS = [
  'article:published_time', 'article:published', 'og:article:published_time', 'og:published_time',
  'datepublished', 'article.published', 'published_time', 'published-date', 'published_date', 'publish-date',
  'publish_date', 'publishdate', 'pubdate', 'pub_date', 'pub-date', 'parsely-pub-date', 'sailthru.date',
  'dc.date.issued', 'dc:date:issued', 'dcterms.issued', 'dcterms:issued', 'citation_publication_date',
  'originalpublicationdate', 'article_date_original', 'bt:pubdate', 'rnews:datepublished', 'date_published',
  'article:post_date', 'og:regdate', 'nv:date', 'article:published_date', 'article:publication_date',
  'article:publicationdate', 'og:pubdate', 'og:publish_date', 'og:datepublished', 'publication_date', 'publish_time',
  'cxenseparse:recs:publishtime', 'shareaholic:article_published_time', 'vr:published_time', 'mediator_published_time',
  'dc.date.publication', 'dcsext.articlefirstpublished', 'dateposted', 'displaydate', 'pdate', 'ptime', 'published',
];
/** Looser date metas (often a site-wide or template value): after the page's own date markup. */
const WEAK_PUBLISHED_KEYS = [
  'dc.date.created', 'dcterms.created', 'dcterms:created', 'dc.date', 'dc:date', 'dcterms.date', 'citation_date',
  'datecreated', 'date', 'creation_date', 'content_create_date', 'date_created', 'created', 'doc_date',
];
const REVISION_URL = /[?&](?:oldid|diff)=\d/;

/** Which rule gave the publication date (the studio shows it; `selector` also tells the date selector matched). */
export type DateSource = 'selector' | 'json-ld' | 'meta' | 'markup' | 'url' | 'script' | 'text' | 'modified';

const from = (parsed: ParsedDate | null, source: DateSource) => (parsed ? { ...parsed, source } : null);

export function pickPublished(
  doc: ParentNode,
  index: PageIndex,
  url: string,
  meta: MetaTags,
  ld: ReturnType<typeof readJsonLd>,
  /** The configured date selector's text, if it matched. */
  selected: string | null,
  options: DateParseOptions,
  modified: ParsedDate | null,
): (ParsedDate & { source?: DateSource }) | null {
  if (selected) {
    const fromSelector = parseFirst([selected], options);
    if (fromSelector) return { ...fromSelector, source: 'selector' };
  }
  // A permalink to one revision of a wiki page (MediaWiki `?oldid=` / `?diff=`) shows that
  // revision: its date is the page's modification date, not the day the page was first created.
  if (modified && REVISION_URL.test(url)) return from(modified, 'modified');

  const machine = from(parseFirst([ld.article?.datePublished], options), 'json-ld') ??
    from(parseFirst([...metaValues(meta, PUBLISHED_KEYS), ...parselyPubDates(meta)], options), 'meta');
  // Published no earlier than the last modification: both may be the stamp of the last save.
  const saveStamp = machine && modified && machine.date.getTime() >= modified.date.getTime();
  if (machine && !saveStamp) return machine;

  const candidates = dateCandidates(doc);
  const strict = { ...options, requireYear: true };
  const fromSource = (...sources: DateCandidate['source'][]): string[] =>
    candidates.filter((c) => sources.includes(c.source)).map((c) => c.value);
  if (machine) return from(shownBefore(machine, candidates, strict), 'text') ?? machine;
  const markupValues = fromSource('itemprop', 'time-pubdate', 'time-article', 'time', 'abbr', 'epoch');
  const markup = parseFirstStated(markupValues, strict, false);
  if (markup) return from(markup, 'markup');
  // A <time> that says only "4 months ago" is read against now: after any date the page states.
  const relativeMarkup = () => parseFirstStated(markupValues, strict);
  const weak = from(parseFirst([ld.article?.dateCreated], options), 'json-ld') ??
    from(parseFirst(metaValues(meta, WEAK_PUBLISHED_KEYS), options), 'meta') ??
    from(parseFirst([ld.pageDatePublished], options), 'json-ld');
  if (weak) return weak;

  // A dateline may name the update beside the publication: the update's part is left out, and a
  // date-named element that dates only the update ranks with the modification date.
  const classText = fromSource('class-text');
  const published = classText.flatMap((v) => withoutUpdate(v) ?? []);
  const shown = () => parseFirstStated(published, strict);
  // Any short text with a year: its date must be stated. A relative reading there comes from
  // prose ("… today, and make 2025 the year …"), not from a dateline (those are named, above).
  const inText = () => parseFirstStated(fromSource('text').map((v) => withoutUpdate(v) ?? v), strict, false);

  const fromUrl = dateFromUrl(url);
  if (fromUrl) {
    // The URL names the day; the page's dateline, when it states that same day, also gives the time.
    const stated = shown() ?? inText();
    if (stated?.hasTime && !stated.relative && sameDay(stated, fromUrl)) return from(stated, 'text');
    return { ...fromWallClock(fromUrl, options.timezone), hasTime: false, source: 'url' };
  }
  const inScript = parseFirst(scriptPublishedDates(index.inlineScripts), options);
  if (inScript) return from(inScript, 'script');

  const updated = classText.filter((v) => withoutUpdate(v) === null);
  return (
    from(shown(), 'text') ??
    from(relativeMarkup(), 'markup') ??
    from(modified, 'modified') ??
    from(parseFirst([...fromSource('time-updated'), ...updated], strict), 'modified') ??
    from(inText(), 'text')
  );
}

/**
 * The first value that states a date; a relative one ("12 minutes ago") only when none does and
 * `relativeToo`. Pages that write "ago" beside their stories usually state the date too, and an
 * "ago" is read against now, not against when the page was written.
 */
function parseFirstStated(
  values: string[],
  options: DateParseOptions,
  relativeToo = true,
  parse = (v: string): ParsedDate | null => parseDateParts(v, options),
): ParsedDate | null {
  let relative: ParsedDate | null = null;
  for (const v of values) {
    const parsed = parse(v);
    if (parsed && !parsed.relative) return parsed;
    if (relativeToo) relative ??= parsed;
  }
  return relative;
}

const HOUR = 3600000;

/**
 * The first date the page shows (markup and dated text, not the update's), when it is clearly
 * earlier than `stamp` and no date the page shows could be `stamp`'s day in some zone; else null.
 * For a publication date stamped at the last save (CMSs that write datePublished = dateModified
 * on every save), the page's dateline still shows when the article first appeared.
 */
function shownBefore(stamp: ParsedDate, candidates: DateCandidate[], options: DateParseOptions): ParsedDate | null {
  const shown = candidates.filter((c) => c.source !== 'time-updated' && c.source !== 'epoch').flatMap((c) => withoutUpdate(c.value) ?? []);
  const t = stamp.date.getTime();
  // A date without an offset is a wall clock, and a date without a time a whole day: either may
  // name the stamp's instant anywhere from 14 hours before to 14 hours after.
  const endOf = (p: ParsedDate): number => p.date.getTime() + (p.hasTime ? 0 : 24 * HOUR) + 14 * HOUR;
  // Each value is parsed once for both questions (the text dates of a long page run to dozens).
  const parsed = new Map<string, ParsedDate | null>();
  const parse = (v: string): ParsedDate | null => {
    let p = parsed.get(v);
    if (p === undefined) parsed.set(v, (p = parseDateParts(v, options)));
    return p;
  };
  const first = parseFirstStated(shown, options, true, parse);
  if (!first || first.relative || endOf(first) >= t) return null;
  const showsStamp = shown.some((v) => {
    const p = parse(v);
    return p !== null && p.date.getTime() - 14 * HOUR <= t && t <= endOf(p);
  });
  return showsStamp ? null : first;
}

/** Parse.ly's older tag: one meta whose content is JSON (`{"title": …, "pub_date": "…"}`). */
function parselyPubDates(meta: MetaTags): string[] {
  return metaValues(meta, ['parsely-page', 'parsely-metadata']).flatMap((v) => {
    if (v.length > 10_000 || !v.includes('pub_date')) return [];
    try {
      const parsed: unknown = JSON.parse(v);
      const date = parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>).pub_date : undefined;
      return typeof date === 'string' ? [date] : [];
    } catch {
      return [];
    }
  });
}

/** The first value that parses as a date. */
export function parseFirst(values: (string | undefined | null)[], options: DateParseOptions): ParsedDate | null {
  for (const v of values) {
    if (!v) continue;
    const parsed = parseDateParts(v, options);
    if (parsed) return parsed;
  }
  return null;
}
