/**
 * Sources for tests and benches, built the way a config file builds them (validation, parsed
 * selectors, defaults), so a test never hand-writes a `SourceConfig` that config would refuse
 * or fill in differently.
 */
import { parseSource } from '../src/config/source.ts';
import type { ItemFilters, NotifyEvent, NotifyFormat, RenderMode, RequestOptions, SourceConfig, SourceType } from '../src/config/types.ts';

/** A source as written in a config file (selectors as `sel@attr` strings). */
export interface SourceInput {
  id?: string;
  title?: string;
  type?: SourceType;
  url?: string;
  urls?: string[];
  /** merge: the member ids. */
  sources?: string[];
  schedule?: string;
  timezone?: string;
  language?: string;
  limit?: number;
  maxItems?: number;
  list?: { item: string; link?: string; title?: string; date?: string; summary?: string; image?: string };
  article?: { fetch?: boolean; content?: string; title?: string; date?: string; author?: string; remove?: string[] };
  filters?: ItemFilters;
  render?: RenderMode | { mode: RenderMode; waitFor?: string; timeout?: number };
  request?: RequestOptions;
  notify?: { url: string; events?: NotifyEvent[]; secret?: string; format?: NotifyFormat }[];
  /** A site rule file, relative to `options.fileBase`. */
  siteConfig?: string;
}

/**
 * `{ id: 'src', url: 'https://src.example/' }` (no url for push or merge) plus `overrides`, through the
 * config's own `parseSource`. Throws the config's own messages when the result would be refused.
 */
export function makeSource(overrides: SourceInput = {}, options: { fileBase?: string } = {}): SourceConfig {
  const id = overrides.id ?? 'src';
  const raw: SourceInput = { id, ...overrides };
  if (raw.type !== 'push' && raw.type !== 'merge' && raw.url === undefined && raw.urls === undefined) raw.url = `https://${id}.example/`;
  const parsed = parseSource(raw, { ...options, label: `makeSource: source "${id}"` });
  if (parsed.problems) throw new Error(parsed.problems.join('\n'));
  return parsed.source;
}
