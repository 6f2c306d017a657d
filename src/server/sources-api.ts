/**
 * Source management, mounted by createApi under /api (admin only, see auth.ts#adminAuth):
 *
 *   GET    /api/sources                 every source: config as written, origin (file|db), state, pausedAt
 *   GET    /api/sources/export          all sources as YAML `--config` accepts (`?format=opml`: OPML)
 *   GET    /api/sources/<id>            one source
 *   POST   /api/sources                 add a database source (one entry as JSON, sources.yaml's keys) → 201
 *   PUT    /api/sources/<id>            replace a database source → 200
 *   DELETE /api/sources/<id>            remove a database source with its items and state → 204
 *   POST   /api/sources/<id>/pause      stop scheduling it (file or database source; its feed stays) → 200
 *   POST   /api/sources/<id>/resume     schedule it again → 200
 *
 * File sources are read-only here (409 naming the file). Invalid entries answer 422 with
 * `{ errors: [{ source, field, message }] }`, the config loader's own field paths and messages.
 * Writes go to the store (`sources` table), the catalog is re-read from it, and the runtime hears
 * about it (`onSourcesChanged`: schedule, scrape a new source now, drop cached copies).
 */
import type { Context, Hono, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { stringify } from 'yaml';
import type { CatalogEntry, SourceCatalog } from '../config/catalog.ts';
import { maskSource, restoreMasked } from '../config/mask.ts';
import { mergeProblems } from '../config/merge.ts';
import type { ConfigProblem } from '../config/messages.ts';
import { parseSource } from '../config/source.ts';
import { DEFAULTS } from '../defaults.ts';
import { feedListing } from '../render/document.ts';
import { renderOpml } from '../render/opml.ts';
import type { Store } from '../store/store.ts';
import { syncStoredSources } from '../store/stored-sources.ts';
import { health, type SourceHealth } from './health.ts';

/** What happened to which source, for the runtime (scheduler, queue, caches). */
export interface SourcesEvent {
  kind: 'added' | 'changed' | 'removed' | 'paused' | 'resumed';
  id: string;
}

export interface SourcesApiDeps {
  catalog: SourceCatalog;
  store: Store;
  now: () => Date;
  /** Public base URL (no trailing slash), for the OPML export. */
  baseUrl: string;
  /** Told after each change; `background` keeps work alive after the response (Workers). */
  onSourcesChanged?: (event: SourcesEvent, background?: (task: Promise<unknown>) => void) => void | Promise<void>;
  background?: (c: Context) => ((task: Promise<unknown>) => void) | undefined;
}

export interface SourceView {
  id: string;
  origin: 'file' | 'db';
  /** The entry as written (YAML keys, no defaults added). */
  config: Record<string, unknown>;
  pausedAt: string | null;
  /** As /health shows it. */
  state: SourceHealth | null;
}

type Status = 400 | 404 | 409 | 413 | 415 | 422;

function problem(c: Context, status: Status, error: string, message: string, extra: Record<string, unknown> = {}): Response {
  c.header('Cache-Control', 'no-store');
  return c.json({ error, message, ...extra }, status);
}

export function sourcesApi(api: Hono, admin: MiddlewareHandler, deps: SourcesApiDeps): void {
  const { catalog, store } = deps;
  const maxBytes = DEFAULTS.maxSourceBytes;
  const limit = bodyLimit({
    maxSize: maxBytes,
    onError: (c) => problem(c, 413, 'payload_too_large', `A source entry is limited to ${maxBytes} bytes.`),
  });

  const views = async (entries: CatalogEntry[]): Promise<SourceView[]> => {
    const report = await health(catalog.sources, store, deps.now());
    const states = new Map((await store.listStates()).map((s) => [s.sourceId, s]));
    const byId = new Map(report.sources.map((h) => [h.id, h]));
    return entries.map((e) => ({
      id: e.source.id,
      origin: e.origin,
      config: maskSource(e.written),
      pausedAt: states.get(e.source.id)?.pausedAt ?? null,
      state: byId.get(e.source.id) ?? null,
    }));
  };
  const view = async (id: string) => (await views([catalog.get(id)!]))[0];

  const changed = async (c: Context, event: SourcesEvent) => {
    if (event.kind !== 'paused' && event.kind !== 'resumed') {
      await syncStoredSources(catalog, store);
    }
    if (!deps.onSourcesChanged) return;
    const background = deps.background?.(c);
    try {
      const done = Promise.resolve(deps.onSourcesChanged(event, background))
        .catch((err) => console.error(`feedwright: [${event.id}] source change hook failed`, err));
      background?.(done);
    } catch (err) {
      console.error(`feedwright: [${event.id}] source change hook failed`, err);
    }
  };

  const known = (c: Context): CatalogEntry | Response => {
    const id = c.req.param('id') ?? '';
    return catalog.get(id) ?? problem(c, 404, 'not_found', `No source with id ${JSON.stringify(id)}. GET /api/sources lists them.`);
  };
  const fileOnly = (c: Context, entry: CatalogEntry, what: string) => problem(c, 409, 'file_source',
    `Source ${JSON.stringify(entry.source.id)} comes from ${catalog.fileName ?? 'the config file'}: ${what} it there (the file is reloaded when saved).`);

  /** The JSON entry of a write, validated like a config entry; or the error response. */
  const readEntry = async (c: Context, pathId: string | null, previous?: Record<string, unknown>): Promise<{ id: string; written: Record<string, unknown> } | Response> => {
    const type = c.req.header('content-type') ?? '';
    if (type !== '' && !/^application\/([\w.+-]*\+)?json\b/i.test(type)) {
      return problem(c, 415, 'unsupported_media_type', `Send the source as JSON (Content-Type: application/json), not ${type}.`);
    }
    let raw: unknown;
    try {
      raw = JSON.parse(await c.req.text());
    } catch (err) {
      return problem(c, 400, 'bad_json', `The body is not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
    }
    const invalid = (source: string | null, errors: Omit<ConfigProblem, 'source'>[]) =>
      problem(c, 422, 'invalid_source', errors.map((e) => `${e.field ? `${e.field}: ` : ''}${e.message}`).join('; '), {
        errors: errors.map((e) => ({ source, ...e })),
      });
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
      return invalid(pathId, [{ field: '', message: 'expected one source as a JSON object (the keys of a sources.yaml entry)' }]);
    }
    // An edit sends back what GET showed: masked secrets (`***`) keep their stored values.
    const body = (previous ? restoreMasked(raw, previous) : raw) as Record<string, unknown>;
    if (pathId !== null && body.id !== undefined && body.id !== pathId) {
      return invalid(pathId, [{ field: 'id', message: `must be ${JSON.stringify(pathId)} (the id in the path); to rename, add a new source and delete this one` }]);
    }
    const { id: _ignored, ...rest } = body;
    const written = pathId !== null ? { id: pathId, ...rest } : body;
    const id = typeof written.id === 'string' ? written.id : null;
    const parsed = parseSource(written, { fileUrls: false });
    if (!parsed.source) return invalid(id, parsed.details);
    const others = catalog.sources.filter((s) => s.id !== parsed.source.id);
    const bundle = mergeProblems([...others, parsed.source]).filter((p) => p.index === others.length);
    if (bundle.length > 0) return invalid(id, bundle.map((p) => ({ field: 'sources', message: p.message })));
    return { id: parsed.source.id, written };
  };

  api.get('/sources', admin, async (c) => {
    c.header('Cache-Control', 'no-store');
    return c.json({ sources: await views(catalog.entries), configError: catalog.configFault, problems: catalog.problems });
  });

  api.get('/sources/export', admin, (c) => {
    c.header('Cache-Control', 'no-store');
    if (c.req.query('format') === 'opml') {
      return c.body(renderOpml(catalog.sources.map((s) => feedListing(s)), { baseUrl: deps.baseUrl }), 200, {
        'Content-Type': 'text/x-opml; charset=utf-8',
        'Content-Disposition': 'attachment; filename="feedwright.opml"',
      });
    }
    const format = c.req.query('format');
    if (format !== undefined && format !== 'yaml') return problem(c, 400, 'bad_request', `format must be yaml (default) or opml, not ${JSON.stringify(format)}.`);
    return c.body(stringify({ sources: catalog.entries.map((e) => maskSource(e.written)) }), 200, {
      'Content-Type': 'application/yaml; charset=utf-8',
      'Content-Disposition': 'attachment; filename="sources.yaml"',
    });
  });

  api.get('/sources/:id', admin, async (c) => {
    const entry = known(c);
    if (entry instanceof Response) return entry;
    c.header('Cache-Control', 'no-store');
    return c.json(await view(entry.source.id));
  });

  api.post('/sources', admin, limit, async (c) => {
    const read = await readEntry(c, null);
    if (read instanceof Response) return read;
    const existing = catalog.get(read.id);
    if (existing?.origin === 'file') {
      return problem(c, 409, 'id_taken', `${catalog.fileName ?? 'The config file'} already has a source ${JSON.stringify(read.id)}: choose another id, or edit that file.`);
    }
    if (existing) return problem(c, 409, 'id_taken', `Source ${JSON.stringify(read.id)} already exists: PUT /api/sources/${read.id} changes it.`);
    if ((await store.listStoredSources()).some((r) => r.id === read.id)) {
      return problem(c, 409, 'id_taken', `The database has a row ${JSON.stringify(read.id)} that is not served (disabled, or invalid: see GET /api/sources "problems"); remove it first (feedwright sources remove ${read.id}).`);
    }
    await store.putStoredSource(read.id, JSON.stringify(read.written), deps.now());
    await changed(c, { kind: 'added', id: read.id });
    c.header('Location', `/api/sources/${encodeURIComponent(read.id)}`);
    return c.json(await view(read.id), 201);
  });

  api.put('/sources/:id', admin, limit, async (c) => {
    const entry = known(c);
    if (entry instanceof Response) return entry;
    if (entry.origin === 'file') return fileOnly(c, entry, 'edit');
    const read = await readEntry(c, entry.source.id, entry.written);
    if (read instanceof Response) return read;
    await store.putStoredSource(read.id, JSON.stringify(read.written), deps.now());
    await changed(c, { kind: 'changed', id: read.id });
    c.header('Cache-Control', 'no-store');
    return c.json(await view(read.id), 200);
  });

  api.delete('/sources/:id', admin, async (c) => {
    const entry = known(c);
    if (entry instanceof Response) return entry;
    if (entry.origin === 'file') return fileOnly(c, entry, 'remove');
    const bundles = catalog.sources.filter((s) => s.type === 'merge' && s.sources?.includes(entry.source.id)).map((s) => s.id);
    if (bundles.length > 0) {
      return problem(c, 409, 'in_bundle', `Source ${JSON.stringify(entry.source.id)} is a member of ${bundles.map((b) => JSON.stringify(b)).join(', ')}: take it out of ${bundles.length === 1 ? 'that bundle' : 'those bundles'} first.`);
    }
    await store.removeSource(entry.source.id);
    await changed(c, { kind: 'removed', id: entry.source.id });
    c.header('Cache-Control', 'no-store');
    return c.body(null, 204);
  });

  for (const kind of ['pause', 'resume'] as const) {
    api.post(`/sources/:id/${kind}`, admin, async (c) => {
      const entry = known(c);
      if (entry instanceof Response) return entry;
      const id = entry.source.id;
      const paused = (await store.getState(id))?.pausedAt ?? null;
      if ((kind === 'pause') !== (paused !== null)) {
        await store.setPaused(id, kind === 'pause' ? deps.now().toISOString() : null);
        await changed(c, { kind: kind === 'pause' ? 'paused' : 'resumed', id });
      }
      c.header('Cache-Control', 'no-store');
      return c.json(await view(id), 200);
    });
  }
}
