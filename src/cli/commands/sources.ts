import { existsSync, readFileSync } from 'node:fs';
import { DEFAULTS } from '../../defaults.ts';
import { COMMON_HELP, COMMON_OPTIONS, type Command } from '../command.ts';

/** Flags of `sources add` that become keys of the entry (sources.yaml's names). */
const ENTRY_FLAGS = ['id', 'url', 'title', 'type', 'schedule', 'timezone', 'language'] as const;

export const sourcesCommand: Command = {
  summary: 'list, add or remove the database sources of a local server',
  usage: `Usage: feedwright sources list [--json] [options]
       feedwright sources add FILE [options]            one source (or a "sources:" list) as YAML or JSON
       feedwright sources add --id ID --url URL [--title T] [--type T] [--schedule CRON] [--timezone TZ] [--language L]
       feedwright sources remove ID [ID …] [options]

Manages the sources kept in the database (--db), beside the config file's. Entries take the keys
of a sources.yaml entry and are checked the same way (no file: URLs); an id the config file
already uses is refused. Removing a source deletes its items and state too. A running
\`feedwright serve\` on the same database picks changes up within ${DEFAULTS.storedSourcesPollMs / 1000} s.

Options:
      --json          list: print JSON
${COMMON_HELP}`,
  options: {
    ...COMMON_OPTIONS,
    json: { type: 'boolean' },
    ...Object.fromEntries(ENTRY_FLAGS.map((f) => [f, { type: 'string' as const }])),
  },
  async run(values, positionals) {
    const [action, ...args] = positionals;
    if (!['list', 'add', 'remove'].includes(action ?? '')) throw new Error(`say what to do: sources list, sources add or sources remove${action ? ` (not "${action}")` : ''}`);
    const { settingsFrom } = await import('../../runtime/node/context.ts');
    const { openSqlite } = await import('../../runtime/node/sqlite.ts');
    const settings = settingsFrom(values as { config?: string; db?: string });
    const { store } = await openSqlite(settings.dbPath);
    try {
      if (action === 'list') return await list(store, Boolean(values.json));
      if (action === 'remove') return await remove(store, args);
      return await add(store, values, args, settings.configPath);
    } finally {
      await store.close();
    }
  },
};

type Store = import('../../store/store.ts').Store;

async function list(store: Store, json: boolean): Promise<number> {
  const rows = await store.listStoredSources();
  const paused = new Map((await store.listStates()).map((s) => [s.sourceId, s.pausedAt ?? null]));
  const out = rows.map((r) => {
    let config: Record<string, unknown> = {};
    try {
      config = JSON.parse(r.config) as Record<string, unknown>;
    } catch { /* shown as is below */ }
    return { id: r.id, enabled: r.enabled, pausedAt: paused.get(r.id) ?? null, updatedAt: r.updatedAt, config };
  });
  if (json) {
    console.log(JSON.stringify(out, null, 2));
    return 0;
  }
  if (out.length === 0) {
    console.log('no database sources (add one with: feedwright sources add --id ID --url URL)');
    return 0;
  }
  const width = Math.max(...out.map((s) => s.id.length));
  for (const s of out) {
    const state = !s.enabled ? 'disabled' : s.pausedAt ? 'paused' : 'active';
    console.log(`${s.id.padEnd(width)}  ${state.padEnd(8)}  ${String(s.config.url ?? `(${s.config.type ?? 'html'})`)}${s.config.title ? `  ${String(s.config.title)}` : ''}`);
  }
  return 0;
}

async function remove(store: Store, ids: string[]): Promise<number> {
  if (ids.length === 0) throw new Error('name the source(s) to remove: sources remove ID [ID …]');
  const known = new Set((await store.listStoredSources()).map((r) => r.id));
  const unknown = ids.filter((id) => !known.has(id));
  if (unknown.length > 0) {
    throw new Error(`no database source ${unknown.map((id) => JSON.stringify(id)).join(', ')}${known.size ? ` (the database has: ${[...known].join(', ')})` : ' (the database has none)'}; sources of the config file are removed by editing it`);
  }
  for (const id of ids) {
    await store.removeSource(id);
    console.log(`removed ${id} (with its items and state)`);
  }
  return 0;
}

async function add(store: Store, values: Record<string, string | boolean | undefined>, args: string[], configPath: string): Promise<number> {
  const { readConfigText } = await import('../../config/config-text.ts');
  const { parseSource } = await import('../../config/source.ts');
  const flagged = ENTRY_FLAGS.filter((f) => typeof values[f] === 'string');
  let entries: { raw: unknown; where: string }[];
  if (args.length > 0) {
    if (args.length > 1 || flagged.length > 0) throw new Error('give either one FILE or the --id/--url flags, not both');
    const file = args[0];
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      throw new Error(`${file}: cannot read (${(err as NodeJS.ErrnoException).code ?? err})`);
    }
    const doc = readConfigText(text, file);
    const list = Array.isArray(doc) ? doc : doc !== null && typeof doc === 'object' && Array.isArray((doc as { sources?: unknown }).sources) ? (doc as { sources: unknown[] }).sources : [doc];
    entries = list.map((raw, i) => ({ raw, where: list.length > 1 ? `${file}: sources[${i}]` : file }));
  } else {
    if (flagged.length === 0) throw new Error('give a FILE with the source, or at least --id and --url');
    entries = [{ raw: Object.fromEntries(flagged.map((f) => [f, values[f]])), where: 'the flags' }];
  }

  const problems: string[] = [];
  const fileIds = configIds(configPath, readConfigText);
  const stored = new Set((await store.listStoredSources()).map((r) => r.id));
  const valid: { id: string; raw: Record<string, unknown> }[] = [];
  for (const { raw, where } of entries) {
    const parsed = parseSource(raw, { label: where, fileUrls: false });
    if (!parsed.source) {
      problems.push(...parsed.problems);
      continue;
    }
    const id = parsed.source.id;
    if (fileIds?.has(id)) problems.push(`${where}: id: ${configPath} already has a source ${JSON.stringify(id)}; choose another id`);
    else if (stored.has(id) || valid.some((v) => v.id === id)) problems.push(`${where}: id: the database already has a source ${JSON.stringify(id)}; remove it first (feedwright sources remove ${id})`);
    else valid.push({ id, raw: raw as Record<string, unknown> });
  }
  if (problems.length > 0) {
    console.error(`nothing added:\n  ${problems.join('\n  ')}`);
    return 1;
  }
  const now = new Date();
  for (const { id, raw } of valid) {
    await store.putStoredSource(id, JSON.stringify(raw), now);
    console.log(`added ${id}`);
  }
  console.log(`a running server on this database serves ${valid.length === 1 ? 'it' : 'them'} within ${DEFAULTS.storedSourcesPollMs / 1000} s`);
  return 0;
}

/** The ids of the config file's sources, read leniently (null when there is no readable file). */
function configIds(path: string, read: (text: string, fileName: string) => unknown): Set<string> | null {
  if (!existsSync(path)) return null;
  try {
    const sources = (read(readFileSync(path, 'utf8'), path) as { sources?: unknown } | null)?.sources;
    return new Set(Array.isArray(sources) ? sources.flatMap((s) => typeof s?.id === 'string' ? [s.id as string] : []) : []);
  } catch (err) {
    console.error(`warning: cannot read ${path} to check ids against it: ${(err as Error).message.split('\n')[0]}`);
    return null;
  }
}
