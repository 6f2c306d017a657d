/**
 * One source: a raw mapping (from a config file, a D1 row, …) → a validated `SourceConfig` with
 * defaults applied and selectors split, or every problem with it in words.
 */
import type { z } from 'zod';
import { describeType, issueMessages } from './messages.ts';
import { DEFAULTS } from '../defaults.ts';
import { notifyTargetSchema, sourceSchema, sourceTypeProblems } from './source-schema.ts';
import type { ArticleSelectors, ListSelectors, NotifyTarget, SourceConfig } from './types.ts';

export interface ParseSourceOptions {
  /**
   * Absolute URL of the folder that relative `file:` source URLs (`file:demo/index.html`) resolve
   * against; on Node, the config file's folder. Without it they are kept as written.
   */
  fileBase?: string;
  /** Prefix of every message, naming where the source was written: `sources.yaml: source "a" (sources[0])`. */
  label?: string;
  /** Whether `file:` URLs are accepted (default true: config files; false for sources stored elsewhere). */
  fileUrls?: boolean;
}

/** One problem of one source: the field path as written (`list.item`, '' for the whole entry) and what is wrong. */
export interface FieldProblem {
  field: string;
  message: string;
}

export type ParsedSource =
  | { source: SourceConfig; problems?: undefined; details?: undefined }
  /** `problems`: the lines for people (label, field, message); `details`: the same, structured. */
  | { source?: undefined; problems: string[]; details: FieldProblem[] };

function resolveSourceUrl(url: string, fileBase: string | undefined): string {
  if (!fileBase || !/^file:(?!\/)/i.test(url)) return url;
  return new URL(url, fileBase).href;
}

function buildSource(s: z.output<typeof sourceSchema>, fileBase: string | undefined): SourceConfig {
  const urls = [...new Set([...(s.url !== undefined ? [s.url] : []), ...(s.urls ?? [])])]
    .map((u) => resolveSourceUrl(u, fileBase));
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
  if (s.sources !== undefined) out.sources = [...new Set(s.sources)];
  if (s.language !== undefined) out.language = s.language;
  if (s.maxItems !== undefined) out.maxItems = s.maxItems;
  if (s.filters !== undefined) out.filters = s.filters;
  if (s.render !== undefined) {
    out.render = { mode: s.render.mode };
    if (s.render.waitFor !== undefined) out.render.waitFor = s.render.waitFor;
    if (s.render.timeout !== undefined) out.render.timeout = s.render.timeout;
  }
  if (s.request !== undefined) out.request = s.request;
  if (s.notify !== undefined) out.notify = s.notify.map(notifyTarget);
  if (s.siteConfig !== undefined) out.siteConfig = siteConfigUrl(s.siteConfig, fileBase);
  if (s.list) {
    const list: ListSelectors = { item: s.list.item };
    for (const k of ['link', 'title', 'date', 'summary', 'image'] as const) if (s.list[k] !== undefined) list[k] = s.list[k];
    out.list = list;
  }
  if (s.article) {
    const article: ArticleSelectors = { fetch: s.article.fetch };
    if (s.article.content !== undefined) article.content = s.article.content;
    for (const k of ['title', 'date', 'author'] as const) if (s.article[k] !== undefined) article[k] = s.article[k];
    if (s.article.remove !== undefined) article.remove = s.article.remove;
    out.article = article;
  }
  return out;
}

/** A webhook with its defaults applied (every event when it lists none). */
export function notifyTarget(t: z.output<typeof notifyTargetSchema>): NotifyTarget {
  const out: NotifyTarget = { url: t.url, events: [...new Set(t.events ?? DEFAULTS.notifyEvents)], format: t.format };
  if (t.secret !== undefined) out.secret = t.secret;
  return out;
}

/** A rule file or directory path (or `file:` URL) as an absolute `file:` URL. */
export function siteConfigUrl(path: string, fileBase: string | undefined): string {
  return new URL(path.replace(/\\/g, '/').split('/').map((p, i) => (i === 0 && /^(file:|[a-z]:$)/i.test(p) ? p : encodeURIComponent(p))).join('/'), fileBase ?? 'file:///').href;
}

/** `file:` URLs of a source that may not have them, as problems. */
function fileUrlProblems(raw: Record<string, unknown>): { path: string; message: string }[] {
  const isFile = (v: unknown) => typeof v === 'string' && /^\s*file:/i.test(v);
  const message = 'file: URLs are allowed only in the config file';
  const problems = isFile(raw.url) ? [{ path: 'url', message }] : [];
  if (Array.isArray(raw.urls)) raw.urls.forEach((u, i) => isFile(u) && problems.push({ path: `urls[${i}]`, message }));
  if (raw.siteConfig !== undefined) problems.push({ path: 'siteConfig', message: 'site rule files are allowed only in the config file' });
  return problems;
}

/**
 * Validate one source and apply its defaults. Every problem is returned (none thrown), each
 * prefixed with `options.label` when given, then the field path: `label: list.item: …`.
 */
export function parseSource(raw: unknown, options: ParseSourceOptions = {}): ParsedSource {
  const prefix = options.label ? `${options.label}: ` : '';
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    const message = `expected a mapping, got ${describeType(raw)}`;
    return { problems: [`${prefix}${message}`], details: [{ field: '', message }] };
  }
  const mapping = raw as Record<string, unknown>;
  const parsed = sourceSchema.safeParse(mapping);
  const extra = [...sourceTypeProblems(mapping), ...(options.fileUrls === false ? fileUrlProblems(mapping) : [])];
  if (parsed.success && extra.length === 0) return { source: buildSource(parsed.data, options.fileBase) };
  const details: FieldProblem[] = [];
  for (const issue of parsed.error?.issues ?? []) {
    for (const { path, message } of issueMessages(issue, 'source', mapping)) details.push({ field: path, message });
  }
  for (const { path, message } of extra) details.push({ field: path, message });
  return { problems: details.map((d) => `${prefix}${d.field}: ${d.message}`), details };
}
