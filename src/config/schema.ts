/**
 * Config loading: text (YAML or JSON) → validated `FeedwrightConfig` with defaults applied.
 * Pure: the caller reads the file and passes its text and name (used only for format and messages).
 * All problems are collected and reported together in one `ConfigError`; nothing is half-loaded.
 */
import { load } from 'cheerio';
import { CronExpressionParser } from 'cron-parser';
import { parseDocument } from 'yaml';
import { z } from 'zod';
import type { ArticleSelectors, FeedwrightConfig, ListSelectors, SourceConfig, SourceType } from './types.ts';

export class ConfigError extends Error {
  /** One line per problem, each already prefixed with the file name. */
  readonly issues: string[];
  constructor(issues: string[]) {
    super(issues.join('\n'));
    this.name = 'ConfigError';
    this.issues = issues;
  }
}

export const DEFAULT_SCHEDULE = '*/30 * * * *';
export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 1000;
export const DEFAULT_MAX_ITEMS = 5000;

const ID_PATTERN = /^[a-z0-9][a-z0-9._-]*$/i;

// ── field validators ────────────────────────────────────────────────────────────────────────────

/** Smallest and largest value of each cron field, for 6-field (with seconds) expressions. */
const CRON_RANGES: [number, number][] = [
  [0, 59], // second
  [0, 59], // minute
  [0, 23], // hour
  [1, 31], // day of month
  [1, 12], // month
  [0, 7], // day of week
];
const CRON_ALIASES = new Set(['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly']);

/** Why a cron expression is unusable, or null when it is fine. */
export function cronProblem(expr: string): string | null {
  const text = expr.trim();
  if (CRON_ALIASES.has(text.toLowerCase())) return null;
  const fields = text.split(/\s+/);
  if (fields.length !== 5 && fields.length !== 6) return `expected 5 or 6 fields, got ${fields.length}`;
  // cron-parser accepts steps larger than the field's range (e.g. "*/61"); refuse them.
  const ranges = fields.length === 5 ? CRON_RANGES.slice(1) : CRON_RANGES;
  for (let i = 0; i < fields.length; i++) {
    for (const part of fields[i].split(',')) {
      const step = /\/(.*)$/.exec(part)?.[1];
      if (step === undefined) continue;
      const n = Number(step);
      const max = ranges[i][1];
      if (!/^\d+$/.test(step) || n < 1 || n > max) return `step "/${step}" must be from 1 to ${max}`;
    }
  }
  try {
    CronExpressionParser.parse(text, { tz: 'UTC' });
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
  return null;
}

/**
 * The IANA time zone as written, with its case fixed ("europe/paris" → "Europe/Paris"), or null
 * when the runtime does not know it. Aliases are kept: ICU would turn "Asia/Kolkata" into
 * "Asia/Calcutta", which surprises users.
 */
function canonicalTimeZone(tz: string): string | null {
  try {
    const resolved = new Intl.DateTimeFormat('en-US', { timeZone: tz }).resolvedOptions().timeZone;
    return resolved.toLowerCase() === tz.toLowerCase() ? resolved : tz;
  } catch {
    return null;
  }
}

function canonicalLanguage(tag: string): string | null {
  try {
    return Intl.getCanonicalLocales(tag)[0] ?? null;
  } catch {
    return null;
  }
}

// A detached document to compile selectors against; cheerio throws on invalid syntax.
let selectorProbe: ReturnType<typeof load> | undefined;

/** Split a `sel@attr` selector into its parts (the attribute is optional). */
export function splitSelector(spec: string): { selector: string; attr: string | null } {
  const m = /^(.*?)@([A-Za-z_:][-A-Za-z0-9_:.]*)$/.exec(spec.trim());
  return m ? { selector: m[1].trim(), attr: m[2] } : { selector: spec.trim(), attr: null };
}

function selectorProblem(spec: string, allowAttr: boolean): string | null {
  const { selector, attr } = splitSelector(spec);
  if (attr !== null && !allowAttr) return `"${spec}": an attribute (@${attr}) is not allowed here`;
  if (selector === '') return attr !== null ? null : 'must not be empty';
  try {
    selectorProbe ??= load('<html></html>');
    selectorProbe.root().find(selector);
    return null;
  } catch (err) {
    return `invalid CSS selector "${spec}": ${(err instanceof Error ? err.message : String(err)).trim()}`;
  }
}

function absoluteUrl(value: string, protocols: string[]): boolean {
  try {
    return protocols.includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

// ── zod schemas ─────────────────────────────────────────────────────────────────────────────────

const sourceUrl = () => z.string().trim().refine((v) => absoluteUrl(v, ['http:', 'https:', 'file:']), {
  error: (iss) => `must be an absolute http, https or file URL, got ${JSON.stringify(iss.input)}`,
});

export const SOURCE_TYPES = ['html', 'feed', 'sitemap', 'push'] as const satisfies readonly SourceType[];

const selector = (allowAttr: boolean) =>
  z.string().superRefine((v, ctx) => {
    const problem = selectorProblem(v, allowAttr);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  }).transform((v) => v.trim());

const listSchema = z.strictObject({
  item: selector(false),
  link: selector(true).optional(),
  title: selector(true).optional(),
  date: selector(true).optional(),
  summary: selector(true).optional(),
  image: selector(true).optional(),
});

const articleSchema = z.strictObject({
  fetch: z.boolean().default(true),
  content: selector(false).optional(),
  remove: z.union([selector(false), z.array(selector(false))]).transform((v) => (Array.isArray(v) ? v : [v])).optional(),
  title: selector(true).optional(),
  date: selector(true).optional(),
  author: selector(true).optional(),
});

/** Fields of one source. Later issues extend this object (new keys), never rename keys. */
export const sourceShape = {
  id: z.string().regex(ID_PATTERN, {
    message: 'must be URL-safe: letters, digits, ".", "_" or "-", starting with a letter or digit',
  }),
  title: z.string().trim().min(1, { message: 'must not be empty' }).optional(),
  type: z.enum(SOURCE_TYPES, { error: `must be one of ${SOURCE_TYPES.join(', ')}` }).default('html'),
  // Required by type (see sourceTypeRules): html needs url; feed/sitemap need url or urls.
  url: sourceUrl().optional(),
  urls: z.array(sourceUrl()).min(1, { message: 'must list at least one URL' }).optional(),
  schedule: z.string().transform((v, ctx) => {
    const problem = cronProblem(v);
    if (problem) {
      ctx.addIssue({ code: 'custom', message: `invalid cron expression ${JSON.stringify(v)}: ${problem}` });
      return z.NEVER;
    }
    return v.trim();
  }).default(DEFAULT_SCHEDULE),
  timezone: z.string().transform((v, ctx) => {
    const tz = canonicalTimeZone(v.trim());
    if (!tz) {
      ctx.addIssue({ code: 'custom', message: `unknown IANA time zone ${JSON.stringify(v)}` });
      return z.NEVER;
    }
    return tz;
  }).default('UTC'),
  language: z.string().transform((v, ctx) => {
    const tag = canonicalLanguage(v.trim());
    if (!tag) {
      ctx.addIssue({ code: 'custom', message: `invalid BCP 47 language tag ${JSON.stringify(v)}` });
      return z.NEVER;
    }
    return tag;
  }).optional(),
  limit: z.number().int({ message: 'must be a whole number' })
    .min(1, { message: 'must be at least 1' })
    .max(MAX_LIMIT, { message: `must be at most ${MAX_LIMIT}` })
    .default(DEFAULT_LIMIT),
  list: listSchema.optional(),
  article: articleSchema.optional(),
  maxItems: z.number().int({ message: 'must be a whole number' }).min(1, { message: 'must be at least 1' }).optional(),
};

/**
 * Which keys each source type needs or refuses, checked on the raw mapping (so these problems are
 * reported together with zod's). An unknown `type` is zod's to report; nothing more is said then.
 */
function sourceTypeProblems(raw: Record<string, unknown>): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  const type = raw.type ?? 'html';
  if (!(SOURCE_TYPES as readonly unknown[]).includes(type)) return problems;
  const s = { url: raw.url ?? undefined, urls: raw.urls ?? undefined, list: raw.list ?? undefined };
  const issue = (path: string, message: string) => problems.push({ path, message });
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

const sourceSchema = z.strictObject(sourceShape);

function wholeBetween(min: number, max: number) {
  return z.number().int({ message: 'must be a whole number' })
    .min(min, { message: `must be at least ${min}` }).max(max, { message: `must be at most ${max}` });
}

const configSchema = z.strictObject({
  baseUrl: z.string().trim().refine((v) => absoluteUrl(v, ['http:', 'https:']), {
    error: (iss) => `must be an absolute http(s) URL, got ${JSON.stringify(iss.input)}`,
  }).optional(),
  allowPrivateNetworks: z.boolean().default(false),
  websub: z.strictObject({
    hub: z.string().trim().refine((v) => absoluteUrl(v, ['http:', 'https:']), {
      error: (iss) => `must be an absolute http(s) URL, got ${JSON.stringify(iss.input)}`,
    }).optional(),
    maxSubscriptions: wholeBetween(1, 1_000_000).optional(),
    maxSubscriptionsPerTopic: wholeBetween(1, 1_000_000).optional(),
    maxPendingVerifications: wholeBetween(1, 1000).optional(),
    maxConcurrentDeliveries: wholeBetween(1, 100).optional(),
  }).optional(),
  robots: z.boolean().optional(),
  hostDelayMs: z.number().int({ message: 'must be a whole number of milliseconds' })
    .min(0, { message: 'must be at least 0' }).max(60_000, { message: 'must be at most 60000' }).optional(),
  // `sources:` with nothing under it (null) counts as an empty list.
  sources: z.array(z.unknown()).nullish(),
});

// ── messages ────────────────────────────────────────────────────────────────────────────────────

function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length];
}

function suggestion(key: string, known: string[]): string {
  const lower = key.toLowerCase();
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const k of known) {
    const d = editDistance(lower, k.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [k, d];
  }
  const tolerance = best !== null && best.length > 4 ? 2 : 1;
  return best !== null && bestDistance <= tolerance ? ` (did you mean "${best}"?)` : '';
}

/** `['list', 'item']` → `list.item`; `['article', 'remove', 1]` → `article.remove[1]`. */
function fieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out === '' ? String(seg) : `.${String(seg)}`;
  }
  return out;
}

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `${typeof value} ${JSON.stringify(value)}`;
}

/** Known keys of the (possibly nested) object schema an unrecognized key was found in. */
function knownKeysAt(root: 'config' | 'source', path: readonly PropertyKey[]): string[] {
  const last = path[path.length - 1];
  if (root === 'config') return Object.keys(configSchema.shape);
  if (last === 'list') return Object.keys(listSchema.shape);
  if (last === 'article') return Object.keys(articleSchema.shape);
  return Object.keys(sourceShape);
}

function issueMessages(issue: z.core.$ZodIssue, root: 'config' | 'source', input: unknown): { path: string; message: string }[] {
  if (issue.code === 'unrecognized_keys') {
    const known = knownKeysAt(root, issue.path);
    return issue.keys.map((key) => ({
      path: fieldPath([...issue.path, key]),
      message: `unknown key${suggestion(key, known)}`,
    }));
  }
  let message = issue.message;
  if (issue.code === 'invalid_type') {
    const value = issue.path.reduce<unknown>(
      (v, seg) => (v !== null && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[seg] : undefined),
      input,
    );
    const expected = issue.expected === 'array' ? 'a list' : issue.expected === 'object' ? 'a mapping' : `a ${issue.expected}`;
    message = value === undefined ? 'required' : `expected ${expected}, got ${describeType(value)}`;
  } else if (issue.code === 'invalid_union') {
    message = 'expected a string or a list of strings';
  }
  return [{ path: fieldPath(issue.path), message }];
}

// ── parsing ─────────────────────────────────────────────────────────────────────────────────────

function where(pos: { line: number; col: number } | undefined): string {
  return pos ? `: line ${pos.line}, column ${pos.col}` : '';
}

function parseText(text: string, fileName: string): unknown {
  const ext = /\.([^./\\]+)$/.exec(fileName)?.[1]?.toLowerCase();
  if (ext === 'yaml' || ext === 'yml') {
    // `merge`: YAML `<<: *defaults` lets many sources share one block of settings.
    const doc = parseDocument(text, { prettyErrors: true, merge: true });
    if (doc.errors.length > 0) {
      throw new ConfigError(
        doc.errors.map((e) => {
          const pos = e.linePos?.[0];
          const what = e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
          return `${fileName}${where(pos)}: YAML syntax error: ${what}`;
        }),
      );
    }
    return doc.toJS();
  }
  if (ext === 'json') {
    try {
      return JSON.parse(text);
    } catch (err) {
      // V8 messages carry a position only sometimes, and may quote the whole input: keep them short.
      const msg = (err instanceof Error ? err.message : String(err)).replace(/,? (?:\.\.\.)?".*" is not valid JSON$/s, '');
      const at = /position (\d+)/.exec(msg);
      let pos: { line: number; col: number } | undefined;
      if (at) {
        const before = text.slice(0, Number(at[1]));
        pos = { line: before.split('\n').length, col: Number(at[1]) - before.lastIndexOf('\n') };
      } else {
        // JSON is YAML: let the YAML parser locate the problem.
        pos = parseDocument(text).errors[0]?.linePos?.[0];
      }
      throw new ConfigError([`${fileName}${where(pos)}: JSON syntax error: ${msg}`]);
    }
  }
  throw new ConfigError([
    `${fileName}: unsupported config file type${ext ? ` ".${ext}"` : ''}: use .yaml, .yml or .json`,
  ]);
}

function sourceLabel(raw: unknown, index: number): string {
  const id = raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>).id : undefined;
  return typeof id === 'string' && id !== '' ? `source ${JSON.stringify(id)} (sources[${index}])` : `sources[${index}]`;
}

export interface ParseConfigOptions {
  /**
   * Absolute URL of the folder that relative `file:` source URLs (`file:demo/index.html`) resolve
   * against; on Node, the config file's folder. Without it they are kept as written.
   */
  fileBase?: string;
  /** Refuse a config without sources (Node, where the file is the only list; Workers add D1's). */
  requireSources?: boolean;
}

function resolveSourceUrl(url: string, fileBase: string | undefined): string {
  if (!fileBase || !/^file:(?!\/)/i.test(url)) return url;
  return new URL(url, fileBase).href;
}

function buildSource(s: z.output<typeof sourceSchema>, options: ParseConfigOptions): SourceConfig {
  const urls = [...new Set([...(s.url !== undefined ? [s.url] : []), ...(s.urls ?? [])])]
    .map((u) => resolveSourceUrl(u, options.fileBase));
  const out: SourceConfig = {
    id: s.id,
    title: s.title ?? s.id,
    type: s.type,
    schedule: s.schedule,
    timezone: s.timezone,
    limit: s.limit,
    article: { fetch: true },
  };
  if (urls.length > 0) out.url = urls[0];
  if (s.urls !== undefined) out.urls = urls;
  if (s.language !== undefined) out.language = s.language;
  if (s.maxItems !== undefined) out.maxItems = s.maxItems;
  if (s.list) {
    const list: ListSelectors = { item: s.list.item };
    for (const k of ['link', 'title', 'date', 'summary', 'image'] as const) if (s.list[k] !== undefined) list[k] = s.list[k];
    out.list = list;
  }
  if (s.article) {
    const article: ArticleSelectors = { fetch: s.article.fetch };
    for (const k of ['content', 'title', 'date', 'author'] as const) if (s.article[k] !== undefined) article[k] = s.article[k];
    if (s.article.remove !== undefined) article.remove = s.article.remove;
    out.article = article;
  }
  return out;
}

/**
 * Parse and validate a config file's text. `fileName` picks the format (.yaml/.yml/.json) and
 * prefixes every message. Throws `ConfigError` listing every problem found.
 * The caller reads the file; `options.fileBase` says where relative `file:` URLs point.
 */
export function parseConfig(text: string, fileName: string, options: ParseConfigOptions = {}): FeedwrightConfig {
  let raw = parseText(text, fileName);
  if (raw === null || raw === undefined) raw = {};
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    throw new ConfigError([`${fileName}: the top level must be a mapping (with a "sources" list), got ${describeType(raw)}`]);
  }

  const problems: string[] = [];
  const top = configSchema.safeParse(raw);
  if (!top.success) {
    for (const issue of top.error.issues) {
      for (const { path, message } of issueMessages(issue, 'config', raw)) problems.push(`${fileName}: ${path}: ${message}`);
    }
  }

  const rawSources = (raw as Record<string, unknown>).sources;
  const sources: SourceConfig[] = [];
  if (Array.isArray(rawSources)) {
    const firstIndexById = new Map<string, number>();
    rawSources.forEach((rawSource, i) => {
      const label = `${fileName}: ${sourceLabel(rawSource, i)}`;
      if (rawSource === null || typeof rawSource !== 'object' || Array.isArray(rawSource)) {
        problems.push(`${label}: expected a mapping, got ${describeType(rawSource)}`);
        return;
      }
      const id = (rawSource as Record<string, unknown>).id;
      if (typeof id === 'string') {
        const first = firstIndexById.get(id);
        if (first !== undefined) problems.push(`${label}: id: duplicate id ${JSON.stringify(id)} (already used by sources[${first}])`);
        else firstIndexById.set(id, i);
      }
      const parsed = sourceSchema.safeParse(rawSource);
      const typeProblems = sourceTypeProblems(rawSource as Record<string, unknown>);
      if (parsed.success && typeProblems.length === 0) sources.push(buildSource(parsed.data, options));
      else {
        for (const issue of parsed.error?.issues ?? []) {
          for (const { path, message } of issueMessages(issue, 'source', rawSource)) problems.push(`${label}: ${path}: ${message}`);
        }
        for (const { path, message } of typeProblems) problems.push(`${label}: ${path}: ${message}`);
      }
    });
  }

  if (options.requireSources && top.success && (!Array.isArray(rawSources) || rawSources.length === 0)) {
    problems.push(`${fileName}: sources: no sources to serve; add at least one (an id and the url of a listing page, feed or sitemap), see README "Configuration"`);
  }
  if (problems.length > 0 || !top.success) throw new ConfigError(problems);
  const config: FeedwrightConfig = { allowPrivateNetworks: top.data.allowPrivateNetworks, sources };
  if (top.data.baseUrl !== undefined) config.baseUrl = top.data.baseUrl;
  if (top.data.websub) {
    // Only the keys given: absent limits take the hub's defaults.
    const websub = Object.fromEntries(Object.entries(top.data.websub).filter(([, v]) => v !== undefined));
    if (Object.keys(websub).length > 0) config.websub = websub;
  }
  if (top.data.robots !== undefined) config.robots = top.data.robots;
  if (top.data.hostDelayMs !== undefined) config.hostDelayMs = top.data.hostDelayMs;
  return config;
}
