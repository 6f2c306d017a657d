/**
 * Config loading: text (YAML or JSON) → validated `FeedwrightConfig` with defaults applied.
 * Pure: the caller reads the file and passes its text and name (used only for format and messages).
 * All problems are collected and reported together in one `ConfigError`; nothing is half-loaded.
 */
import { readConfigText } from './config-text.ts';
import { mergeProblems } from './merge.ts';
import { ConfigError, describeType, issueMessages, type ConfigProblem } from './messages.ts';
import { notifyTarget, parseSource, siteConfigUrl } from './source.ts';
import { configSchema } from './source-schema.ts';
import type { FeedwrightConfig, SourceConfig } from './types.ts';

export interface ParseConfigOptions {
  /**
   * Absolute URL of the folder that relative `file:` source URLs (`file:demo/index.html`) resolve
   * against; on Node, the config file's folder. Without it they are kept as written.
   */
  fileBase?: string;
  /** Refuse a config without sources (Node, where the file is the only list; Workers add D1's). */
  requireSources?: boolean;
}

/** The source's id as written, else its position: `sources[3]`. */
function sourceName(raw: unknown, index: number): string {
  const id = raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>).id : undefined;
  return typeof id === 'string' && id !== '' ? id : `sources[${index}]`;
}

function sourceLabel(raw: unknown, index: number): string {
  const name = sourceName(raw, index);
  return name.startsWith('sources[') ? name : `source ${JSON.stringify(name)} (sources[${index}])`;
}

/**
 * Parse and validate a config file's text. `fileName` picks the format (.yaml/.yml/.json) and
 * prefixes every message. Throws `ConfigError` listing every problem found.
 * The caller reads the file; `options.fileBase` says where relative `file:` URLs point.
 */
export function parseConfig(text: string, fileName: string, options: ParseConfigOptions = {}): FeedwrightConfig {
  let raw = readConfigText(text, fileName);
  if (raw === null || raw === undefined) raw = {};
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    throw new ConfigError([`${fileName}: the top level must be a mapping (with a "sources" list), got ${describeType(raw)}`]);
  }

  const problems: string[] = [];
  const details: ConfigProblem[] = [];
  /** One problem, as a line (`file: label: field: message`) and structured. */
  const report = (source: { name: string; label: string } | null, field: string, message: string) => {
    problems.push(`${fileName}: ${source ? `${source.label}: ` : ''}${field ? `${field}: ` : ''}${message}`);
    details.push({ file: fileName, source: source?.name ?? null, field, message });
  };
  const top = configSchema.safeParse(raw);
  if (!top.success) {
    for (const issue of top.error.issues) {
      for (const { path, message } of issueMessages(issue, 'config', raw)) report(null, path, message);
    }
  }

  const rawSources = (raw as Record<string, unknown>).sources;
  const sources: SourceConfig[] = [];
  const rawIndex: number[] = []; // sources[k] was written at rawSources[rawIndex[k]]
  if (Array.isArray(rawSources)) {
    const firstIndexById = new Map<string, number>();
    rawSources.forEach((rawSource, i) => {
      const named = { name: sourceName(rawSource, i), label: sourceLabel(rawSource, i) };
      const id = (rawSource as Record<string, unknown> | null)?.id;
      if (typeof id === 'string') {
        const first = firstIndexById.get(id);
        if (first !== undefined) report(named, 'id', `duplicate id ${JSON.stringify(id)} (already used by sources[${first}])`);
        else firstIndexById.set(id, i);
      }
      const parsed = parseSource(rawSource, { fileBase: options.fileBase });
      if (parsed.source) rawIndex.push(i) && sources.push(parsed.source);
      else for (const d of parsed.details) report(named, d.field, d.message);
    });
  }

  if (Array.isArray(rawSources)) {
    for (const { index, message } of mergeProblems(sources)) {
      const i = rawIndex[index];
      report({ name: sourceName(rawSources[i], i), label: sourceLabel(rawSources[i], i) }, 'sources', message);
    }
  }
  if (options.requireSources && top.success && (!Array.isArray(rawSources) || rawSources.length === 0)) {
    report(null, 'sources', 'no sources to serve; add at least one (an id and the url of a listing page, feed or sitemap), see README "Configuration"');
  }
  if (problems.length > 0 || !top.success) throw new ConfigError(problems, details);
  const config: FeedwrightConfig = { allowPrivateNetworks: top.data.allowPrivateNetworks, sources };
  if (top.data.baseUrl !== undefined) config.baseUrl = top.data.baseUrl;
  if (top.data.websub) {
    // Only the keys given: absent limits take the hub's defaults.
    const websub = Object.fromEntries(Object.entries(top.data.websub).filter(([, v]) => v !== undefined));
    if (Object.keys(websub).length > 0) config.websub = websub;
  }
  if (top.data.siteConfig !== undefined) config.siteConfig = siteConfigUrl(top.data.siteConfig, options.fileBase);
  if (top.data.robots !== undefined) config.robots = top.data.robots;
  if (top.data.health !== undefined) config.health = top.data.health;
  if (top.data.hostDelayMs !== undefined) config.hostDelayMs = top.data.hostDelayMs;
  if (top.data.notify !== undefined) config.notify = top.data.notify.map(notifyTarget);
  if (top.data.proxy !== undefined) config.proxy = top.data.proxy;
  if (top.data.scrapeConcurrency !== undefined) config.scrapeConcurrency = top.data.scrapeConcurrency;
  if (top.data.scrapeConcurrencyPerHost !== undefined) config.scrapeConcurrencyPerHost = top.data.scrapeConcurrencyPerHost;
  return config;
}
