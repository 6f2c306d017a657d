/**
 * The sources being served, in one place: those of the config file and those kept in the
 * database, each with where it comes from and its entry as written. The runtimes fill it (at start,
 * on a config reload, after a database change) and the server, the scheduler and WebSub read it,
 * so a change shows everywhere at once. Listeners hear which ids were added, changed or removed.
 *
 * A database source never replaces a file source: one with a file source's id is left out and
 * reported (`problems`), as is a bundle whose members are missing.
 */
import { mergeProblems } from './merge.ts';
import type { ConfigProblem } from './messages.ts';
import { selectorText } from './selectors.ts';
import type { FieldSelector, SourceConfig } from './types.ts';

export type SourceOrigin = 'file' | 'db';

export interface CatalogEntry {
  /** Validated, with defaults (a file source's `file:` URL already moved to its published address). */
  source: SourceConfig;
  origin: SourceOrigin;
  /** The entry as written in the file or the database row (YAML keys, no defaults added). */
  written: Record<string, unknown>;
}

export interface CatalogChange {
  added: string[];
  changed: string[];
  removed: string[];
}

/** A config file edit that was refused: the running sources stay as they were. */
export interface ConfigFault {
  file: string;
  /** When the edit was seen (ISO instant). */
  at: string;
  /** The loader's lines (file, source, field, message). */
  messages: string[];
  problems: ConfigProblem[];
}

export class SourceCatalog {
  #file: CatalogEntry[] = [];
  #db: CatalogEntry[] = [];
  #byId = new Map<string, CatalogEntry>();
  #sources: SourceConfig[] = [];
  #problems: string[] = [];
  #rowProblems: string[] = [];
  #listeners = new Set<(change: CatalogChange) => void>();
  /** The config file the file sources come from (named in messages), when there is one. */
  fileName: string | null = null;
  /** The last refused config edit, until a valid one replaces it. */
  configFault: ConfigFault | null = null;
  /**
   * The runtime's `${NAME}` resolution for database sources (config/env-refs.ts, set by the
   * runtime, which alone reads its environment); a row naming an unset variable is left out and reported.
   */
  resolveDb: ((source: SourceConfig) => SourceConfig) | null = null;

  /** A catalog of fixed sources (all counted as file sources): embedders and tests. */
  static of(sources: readonly SourceConfig[], fileName: string | null = null): SourceCatalog {
    const catalog = new SourceCatalog();
    catalog.setFile(sources.map((source) => ({ source, origin: 'file', written: writtenOf(source) })), fileName);
    return catalog;
  }

  /** Every served source, file sources first; a new array after each change (never mutated). */
  get sources(): SourceConfig[] {
    return this.#sources;
  }

  get entries(): CatalogEntry[] {
    return this.#sources.map((s) => this.#byId.get(s.id)!);
  }

  get(id: string): CatalogEntry | undefined {
    return this.#byId.get(id);
  }

  /** Why some entries are not served (an invalid database row, an id clash, a bundle with a missing member), in words. */
  get problems(): readonly string[] {
    return this.#problems;
  }

  setFile(entries: CatalogEntry[], fileName: string | null = this.fileName): CatalogChange {
    this.fileName = fileName;
    this.#file = entries.map((e) => ({ ...e, origin: 'file' }));
    return this.#compose();
  }

  /** `rowProblems`: database rows left out because they do not validate, in words. */
  setDb(entries: CatalogEntry[], rowProblems: string[] = []): CatalogChange {
    const problems = [...rowProblems];
    const resolve = this.resolveDb;
    this.#db = entries.flatMap((e): CatalogEntry[] => {
      try {
        return [{ ...e, source: resolve ? resolve(e.source) : e.source, origin: 'db' }];
      } catch (err) {
        problems.push(err instanceof Error ? err.message : String(err));
        return [];
      }
    });
    this.#rowProblems = problems;
    return this.#compose();
  }

  /** Listen to changes; returns the function that stops listening. */
  onChange(listener: (change: CatalogChange) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #compose(): CatalogChange {
    const problems: string[] = [...this.#rowProblems];
    const fileIds = new Set(this.#file.map((e) => e.source.id));
    const where = this.fileName ?? 'the config file';
    const db = this.#db.filter((e) => {
      if (!fileIds.has(e.source.id)) return true;
      problems.push(`database source ${JSON.stringify(e.source.id)} is not served: ${where} has a source with that id; remove one of them or rename it`);
      return false;
    });
    let all = [...this.#file, ...db];
    const bad = new Set(mergeProblems(all.map((e) => e.source)).map(({ index, message }) => {
      problems.push(`source ${JSON.stringify(all[index].source.id)} is not served: sources: ${message}`);
      return index;
    }));
    all = all.filter((_, i) => !bad.has(i));

    const before = this.#byId;
    this.#byId = new Map(all.map((e) => [e.source.id, e]));
    this.#sources = all.map((e) => e.source);
    this.#problems = problems;
    const change: CatalogChange = { added: [], changed: [], removed: [] };
    for (const [id, e] of this.#byId) {
      const old = before.get(id);
      if (!old) change.added.push(id);
      else if (old.origin !== e.origin || JSON.stringify(old.source) !== JSON.stringify(e.source)) change.changed.push(id);
    }
    for (const id of before.keys()) if (!this.#byId.has(id)) change.removed.push(id);
    if (change.added.length + change.changed.length + change.removed.length > 0) {
      for (const listener of this.#listeners) listener(change);
    }
    return change;
  }
}

/** A validated source back as a config entry (selectors as `sel@attr`): for catalogs built from sources alone. */
export function writtenOf(source: SourceConfig): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(source)) {
    if (value === undefined) continue;
    if (key === 'list' || key === 'article') {
      out[key] = Object.fromEntries(Object.entries(value as Record<string, unknown>)
        .map(([k, v]) => [k, v !== null && typeof v === 'object' && 'selector' in v ? selectorText(v as FieldSelector) : v]));
    } else out[key] = value;
  }
  return out;
}
