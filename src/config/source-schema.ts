/**
 * The zod schemas of a config file and of one source, with defaults from `DEFAULTS`. Keys are a
 * public contract: add, never rename. Which keys a source type needs is checked beside them
 * (`sourceTypeProblems`), so both kinds of problem are reported together.
 */
import { z } from 'zod';
import { DEFAULTS } from '../defaults.ts';
import { cronProblem } from '../utils/cron.ts';
import { canonicalLanguage, canonicalTimeZone } from '../utils/locale.ts';
import { compilePattern } from '../utils/pattern.ts';
import { resolveUrl } from '../utils/url.ts';
import { hasEnvRef, envRefProblem } from './env-ref-syntax.ts';
import { parseSelector, selectorProblem } from './selectors.ts';
import type { NotifyEvent, NotifyFormat, RenderMode, SourceType } from './types.ts';

const ID_PATTERN = /^[a-z0-9][a-z0-9._-]*$/i;

const isAbsolute = (value: string, protocols: readonly string[]) => resolveUrl(value, null, protocols) !== null;

const sourceUrl = () => z.string().trim().refine((v) => isAbsolute(v, ['http:', 'https:', 'file:']), {
  error: (iss) => `must be an absolute http, https or file URL, got ${JSON.stringify(iss.input)}`,
});

const httpUrl = () => z.string().trim().refine((v) => isAbsolute(v, ['http:', 'https:']), {
  error: (iss) => `must be an absolute http(s) URL, got ${JSON.stringify(iss.input)}`,
});

const SOURCE_TYPES = ['html', 'feed', 'sitemap', 'push', 'merge'] as const satisfies readonly SourceType[];

/** A selector that selects elements (`list.item`, `article.content`, `article.remove`). */
const elementSelector = () =>
  z.string().superRefine((v, ctx) => {
    const problem = selectorProblem(v, { allowAttr: false });
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  }).transform((v) => v.trim());

/** A selector that reads a value, `sel@attr` allowed; stored split (`FieldSelector`). */
const fieldSelector = () =>
  z.string().superRefine((v, ctx) => {
    const problem = selectorProblem(v, { allowAttr: true });
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  }).transform((v) => parseSelector(v));

export const listSchema = z.strictObject({
  item: elementSelector(),
  link: fieldSelector().optional(),
  title: fieldSelector().optional(),
  date: fieldSelector().optional(),
  summary: fieldSelector().optional(),
  image: fieldSelector().optional(),
});

export const articleSchema = z.strictObject({
  fetch: z.boolean().default(true),
  content: elementSelector().optional(),
  remove: z.union([elementSelector(), z.array(elementSelector())]).transform((v) => (Array.isArray(v) ? v : [v])).optional(),
  title: fieldSelector().optional(),
  date: fieldSelector().optional(),
  author: fieldSelector().optional(),
});

const RENDER_MODES = ['static', 'browser', 'auto'] as const satisfies readonly RenderMode[];
const renderMode = () => z.enum(RENDER_MODES, { error: `must be one of ${RENDER_MODES.join(', ')}` });

const renderObject = z.strictObject({
  mode: renderMode(),
  waitFor: elementSelector().optional(),
  timeout: z.number().int({ message: 'must be a whole number of milliseconds' })
    .min(1000, { message: 'must be at least 1000 (milliseconds)' })
    .max(DEFAULTS.maxRenderTimeoutMs, { message: `must be at most ${DEFAULTS.maxRenderTimeoutMs} (milliseconds)` }).optional(),
});
export const renderKeys = Object.keys(renderObject.shape);

/** `render: browser`, or the object form `render: { mode, waitFor, timeout }` (timeout in ms). */
export const renderSchema = z.preprocess((v) => (typeof v === 'string' ? { mode: v } : v), renderObject);

/** A regular expression of a source's `filters` (RE2 syntax, checked at load). */
const filterPattern = () => z.string().superRefine((v, ctx) => {
  const { problem } = compilePattern(v, { caseSensitive: true });
  if (problem) ctx.addIssue({ code: 'custom', message: `pattern ${problem}` });
});

/** Patterns per item field; `text` is title or description (RSSHub's `filter`). */
const fieldPatterns = () => z.strictObject({
  text: filterPattern().optional(),
  title: filterPattern().optional(),
  description: filterPattern().optional(),
  author: filterPattern().optional(),
  category: filterPattern().optional(),
});

export const filtersSchema = z.strictObject({
  include: fieldPatterns().optional(),
  exclude: fieldPatterns().optional(),
  caseSensitive: z.boolean().optional(),
});

/**
 * A language tag every feed format keeps (utils/locale.ts), canonical, or a message saying what is
 * wrong with it (for the config's `language` and `feedwright extract --language`).
 */
export function readLanguageTag(v: string): { tag: string } | { problem: string } {
  const written = v.trim();
  const tag = written.includes('_') ? null : canonicalLanguage(written);
  if (tag) return { tag };
  let wellFormed = false;
  try {
    wellFormed = !written.includes('_') && Intl.getCanonicalLocales(written).length > 0;
  } catch {
    // not BCP 47 at all
  }
  const hint = canonicalLanguage(written);
  return {
    problem: wellFormed
      ? `language tag ${JSON.stringify(v)} would be left out of every feed: its first part must be a 2–3 letter ISO 639 code, such as "en", "en-US" or "pt-BR"`
      : `invalid BCP 47 language tag ${JSON.stringify(v)}${hint ? ` (did you mean "${hint}"?)` : ': use a tag such as "en", "en-US" or "pt-BR"'}`,
  };
}

function languageTag(v: string, ctx: z.RefinementCtx): string {
  const read = readLanguageTag(v);
  if ('tag' in read) return read.tag;
  ctx.addIssue({ code: 'custom', message: read.problem });
  return z.NEVER;
}

/**
 * A string that may hold `${ENV_NAME}` references (resolved by the runtime, config/env-refs.ts);
 * `check` validates the written value when it has none (values with references are checked
 * once resolved).
 */
const templated = (check?: (v: string) => string | null) => z.string().trim().min(1, { message: 'must not be empty' })
  .superRefine((v, ctx) => {
    const problem = hasEnvRef(v) ? envRefProblem(v) : check?.(v) ?? null;
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

const httpUrlProblem = (v: string) => (isAbsolute(v, ['http:', 'https:']) ? null : `must be an absolute http(s) URL, got ${JSON.stringify(v)}`);

/** An HTTP header name (RFC 9110 token). */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** A header value, or a cookie's: one line. */
const headerValue = () => templated((v) => (/[\r\n\0]/.test(v) ? 'must be one line' : null));

/** A mapping of names (HTTP tokens) to values; a bad name is reported at its own path. */
const namedValues = <T extends z.ZodType>(value: T, what: string) => z.record(z.string(), value).superRefine((m, ctx) => {
  for (const key of Object.keys(m)) {
    if (!HEADER_NAME.test(key)) ctx.addIssue({ code: 'custom', path: [key], message: `is not a valid ${what} name (letters, digits and !#$%&'*+.^_\`|~- only)` });
  }
});

export const requestSchema = z.strictObject({
  headers: namedValues(headerValue(), 'header').optional(),
  cookies: namedValues(templated((v) => (/[;,\s]/.test(v) ? 'a cookie value must not contain ";", "," or spaces' : null)), 'cookie').optional(),
  userAgent: headerValue().optional(),
  proxy: templated(httpUrlProblem).optional(),
});

const NOTIFY_EVENTS = DEFAULTS.notifyEvents satisfies readonly NotifyEvent[];
const NOTIFY_FORMATS = ['json', 'slack', 'discord', 'ntfy'] as const satisfies readonly NotifyFormat[];

export const notifyTargetSchema = z.strictObject({
  url: templated(httpUrlProblem),
  events: z.array(z.enum(NOTIFY_EVENTS, { error: `must be one of ${NOTIFY_EVENTS.join(', ')}` }))
    .min(1, { message: 'must list at least one event (or leave events out for all of them)' }).optional(),
  secret: templated().optional(),
  format: z.enum(NOTIFY_FORMATS, { error: `must be one of ${NOTIFY_FORMATS.join(', ')}` }).default('json'),
});

export const notifySchema = z.array(notifyTargetSchema)
  .max(DEFAULTS.maxNotifyTargets, { message: `must list at most ${DEFAULTS.maxNotifyTargets} webhooks` });

/** Fields of one source. Keys are a public contract: add, never rename. */
export const sourceShape = {
  id: z.string().regex(ID_PATTERN, {
    message: 'must be URL-safe: letters, digits, ".", "_" or "-", starting with a letter or digit',
  }),
  title: z.string().trim().min(1, { message: 'must not be empty' }).optional(),
  type: z.enum(SOURCE_TYPES, { error: `must be one of ${SOURCE_TYPES.join(', ')}` }).default('html'),
  // Required by type (see sourceTypeProblems): html needs url; feed/sitemap need url or urls.
  url: sourceUrl().optional(),
  urls: z.array(sourceUrl()).min(1, { message: 'must list at least one URL' }).optional(),
  // merge only (see sourceTypeProblems); the ids are checked against the other sources by mergeProblems.
  sources: z.array(z.string().regex(ID_PATTERN, { message: 'must be the id of another source' }))
    .min(1, { message: 'must list at least one source id' })
    .max(DEFAULTS.maxMergeSources, { message: `must list at most ${DEFAULTS.maxMergeSources} sources` }).optional(),
  schedule: z.string().transform((v, ctx) => {
    const problem = cronProblem(v);
    if (problem) {
      ctx.addIssue({ code: 'custom', message: `invalid cron expression ${JSON.stringify(v)}: ${problem}` });
      return z.NEVER;
    }
    return v.trim();
  }).default(DEFAULTS.schedule),
  timezone: z.string().transform((v, ctx) => {
    const tz = canonicalTimeZone(v.trim());
    if (!tz) {
      ctx.addIssue({ code: 'custom', message: `unknown IANA time zone ${JSON.stringify(v)}` });
      return z.NEVER;
    }
    return tz;
  }).default(DEFAULTS.timezone),
  language: z.string().transform(languageTag).optional(),
  limit: z.number().int({ message: 'must be a whole number' })
    .min(1, { message: 'must be at least 1' })
    .max(DEFAULTS.maxLimit, { message: `must be at most ${DEFAULTS.maxLimit}` })
    .default(DEFAULTS.limit),
  list: listSchema.optional(),
  article: articleSchema.optional(),
  maxItems: z.number().int({ message: 'must be a whole number' }).min(1, { message: 'must be at least 1' }).optional(),
  filters: filtersSchema.optional(),
  render: renderSchema.optional(),
  request: requestSchema.optional(),
  notify: notifySchema.optional(),
  siteConfig: siteConfigPath(),
};

export const sourceSchema = z.strictObject(sourceShape);

/**
 * Which keys each source type needs or refuses, checked on the raw mapping (so these problems are
 * reported together with zod's). An unknown `type` is zod's to report; nothing more is said then.
 */
export function sourceTypeProblems(raw: Record<string, unknown>): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  const type = raw.type ?? 'html';
  if (!(SOURCE_TYPES as readonly unknown[]).includes(type)) return problems;
  const s = { url: raw.url ?? undefined, urls: raw.urls ?? undefined, list: raw.list ?? undefined };
  const issue = (path: string, message: string) => problems.push({ path, message });
  if (type === 'merge') {
    // A bundle only reads its members' stored items: nothing of its own to fetch or schedule.
    if (raw.sources === undefined) issue('sources', 'required for a merge source: the ids of the sources to bundle');
    for (const key of ['url', 'urls', 'list', 'article', 'schedule', 'maxItems', 'render', 'request'] as const) {
      if (raw[key] !== undefined) issue(key, `a merge source is never fetched or scheduled; remove ${key} (set it on the member sources)`);
    }
    return problems;
  }
  if (raw.sources !== undefined) issue('sources', 'only merge sources (type: merge) list other sources');
  const render = typeof raw.render === 'object' && raw.render !== null ? (raw.render as { mode?: unknown }).mode : raw.render;
  if (type !== 'html' && render !== undefined && render !== 'static') {
    issue('render', 'pages are rendered in a browser for html sources only (feeds and sitemaps are read as they are)');
  }
  if (type === 'html') {
    if (s.url === undefined) issue('url', 'required');
    if (s.urls !== undefined) issue('urls', 'only feed and sitemap sources read several URLs; html sources use url');
  } else if (type === 'feed' || type === 'sitemap') {
    if (s.url === undefined && s.urls === undefined) issue('url', `required for a ${type} source (or urls: a list)`);
    if (s.list !== undefined) issue('list', 'listing selectors apply to html sources only');
  } else {
    // push: articles arrive through the API; url (optional) is only the site link shown in feeds.
    if (s.urls !== undefined) issue('urls', 'push sources are never fetched; remove urls');
    if (s.list !== undefined) issue('list', 'listing selectors apply to html sources only');
  }
  return problems;
}

/** A rule file or directory (ftr-site-config), relative to the config file's folder. */
function siteConfigPath() {
  return z.string().trim().min(1, { message: 'must be a path (relative to the config file)' })
    .max(1000, { message: 'must be at most 1000 characters' }).optional();
}

function wholeBetween(min: number, max: number) {
  return z.number().int({ message: 'must be a whole number' })
    .min(min, { message: `must be at least ${min}` }).max(max, { message: `must be at most ${max}` });
}

export const configSchema = z.strictObject({
  baseUrl: httpUrl().optional(),
  allowPrivateNetworks: z.boolean().default(false),
  websub: z.strictObject({
    hub: httpUrl().optional(),
    maxSubscriptions: wholeBetween(1, 1_000_000).optional(),
    maxSubscriptionsPerTopic: wholeBetween(1, 1_000_000).optional(),
    maxPendingVerifications: wholeBetween(1, 1000).optional(),
    maxConcurrentDeliveries: wholeBetween(1, 100).optional(),
  }).optional(),
  siteConfig: siteConfigPath(),
  robots: z.boolean().optional(),
  health: z.enum(['public', 'private'], { message: 'must be "public" (error details and source URLs for everyone) or "private" (only with the admin token)' }).optional(),
  hostDelayMs: z.number().int({ message: 'must be a whole number of milliseconds' })
    .min(0, { message: 'must be at least 0' })
    .max(DEFAULTS.maxHostDelayMs, { message: `must be at most ${DEFAULTS.maxHostDelayMs}` }).optional(),
  notify: notifySchema.optional(),
  proxy: templated(httpUrlProblem).optional(),
  scrapeConcurrency: wholeBetween(1, 1000).optional(),
  scrapeConcurrencyPerHost: wholeBetween(1, 100).optional(),
  // `sources:` with nothing under it (null) counts as an empty list.
  sources: z.array(z.unknown()).nullish(),
});
