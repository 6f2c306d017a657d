/**
 * The write API, mounted by createApp under /api:
 *
 *   POST   /api/sources/<id>/items             push articles: an item, a list, or a JSON Feed (ingest token; push sources only)
 *   DELETE /api/sources/<id>/items/<itemId>    remove one item (or `…/items?url=<article URL>`)
 *   POST   /api/sources/<id>/refresh           run a scheduled source now (admin token)
 *   POST   /api/preview                        dry run of a source, stores nothing (admin token; preview-route.ts)
 *   /api/sources[/<id>[/pause|/resume]], /api/sources/export   source management (admin; sources-api.ts)
 *
 * Pushes answer `{ created, updated, unchanged, rejected }` (entries `{ index, id, url }`,
 * rejections `{ index, reason }`) with 201 when everything was accepted and something was new,
 * 200 when everything was accepted and nothing was new, 207 when some entries were rejected and
 * some accepted, 422 when every entry was rejected.
 */
import { Hono } from 'hono';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { SourceCatalog } from '../config/catalog.ts';
import type { SourceConfig } from '../config/types.ts';
import { DEFAULTS } from '../defaults.ts';
import type { Item } from '../model.ts';
import { canonicalUrl, itemId } from '../normalize/url.ts';
import type { Store } from '../store/store.ts';
import { adminAuth, bearerAuth, type AdminAuthOptions } from './auth.ts';
import { previewRoute } from './preview-route.ts';
import type { PreviewFn } from './preview-types.ts';
import { pushedItem } from './push-items.ts';
import { readPushBody } from './push-schema.ts';
import type { SessionKeys } from './session.ts';
import { sourcesApi, type SourcesApiDeps } from './sources-api.ts';

export interface ApiDeps {
  sources: SourceConfig[];
  /** The live sources (config/catalog.ts); without it, a fixed catalog of `sources`. */
  catalog?: SourceCatalog;
  /** Public base URL (OPML export). */
  baseUrl?: string;
  /** Told after a source was added, changed, removed, paused or resumed (sources-api.ts). */
  onSourcesChanged?: SourcesApiDeps['onSourcesChanged'];
  /** Another way past the admin guard (the studio's session): auth.ts#adminAuth. */
  adminSession?: AdminAuthOptions['session'];
  store: Store;
  now?: () => Date;
  /** FEEDWRIGHT_ADMIN_TOKEN: admin and ingest endpoints. */
  adminToken?: string | null;
  /** FEEDWRIGHT_INGEST_TOKEN: ingest endpoints only. */
  ingestToken?: string | null;
  /** Studio sessions, accepted by the admin endpoints in place of the token (session.ts). */
  studioSession?: SessionKeys | null;
  /**
   * Runs (or queues) a refresh of a scheduled source. Resolve with a report to answer 200 with it,
   * or with nothing when the run was only queued (202). Without it, the refresh endpoint is off.
   */
  refresh?: (sourceId: string) => Promise<unknown>;
  /** The dry run of POST /api/preview (pipeline/preview/). Without it, that endpoint answers 501. */
  preview?: PreviewFn;
  /**
   * Told after a write changed a source's feed (WebSub distribution). `background` keeps work
   * started by the hook alive after the response (Workers' waitUntil; absent on Node).
   */
  onFeedChanged?: (sourceId: string, background?: (task: Promise<unknown>) => void) => void | Promise<void>;
  /** Entries per push request. Default 100. */
  maxItems?: number;
  /** Push request body cap in bytes. Default 5 MiB. */
  maxBodyBytes?: number;
}

interface Entry {
  index: number;
  id: string;
  url: string;
}

function problem(c: Context, status: 400 | 404 | 409 | 413 | 415 | 422 | 501, error: string, message: string): Response {
  c.header('Cache-Control', 'no-store');
  return c.json({ error, message }, status);
}

function urlTakenReason(url: string, owner: string): string {
  return `url: ${url} is already the link of item ${JSON.stringify(owner)} of this source (a feed lists each link once): `
    + `push with id ${JSON.stringify(owner)} to update that item, or delete it first`;
}

/** Runs the change hook after the response, kept alive by waitUntil on Workers. */
function notifyChanged(c: Context, deps: ApiDeps, sourceId: string): void {
  if (!deps.onFeedChanged) return;
  const background = waitUntilOf(c);
  // Called now (not in a later tick), so that the hook has registered its work when we answer.
  let started: Promise<unknown>;
  try {
    started = Promise.resolve(deps.onFeedChanged(sourceId, background));
  } catch (err) {
    started = Promise.reject(err);
  }
  const done = started.catch((err) => console.error(`feedwright: [${sourceId}] change notification failed`, err));
  background?.(done);
}

/** Workers' `ctx.waitUntil` for this request, or undefined (Node has no execution context). */
export function waitUntilOf(c: Context): ((task: Promise<unknown>) => void) | undefined {
  try {
    const ctx = c.executionCtx;
    return (task) => ctx.waitUntil(task);
  } catch {
    return undefined;
  }
}

export function createApi(deps: ApiDeps): Hono {
  const now = deps.now ?? (() => new Date());
  const maxItems = deps.maxItems ?? DEFAULTS.maxPushItems;
  const maxBodyBytes = deps.maxBodyBytes ?? DEFAULTS.maxPushBytes;
  const catalog = deps.catalog ?? SourceCatalog.of(deps.sources);
  const byId = { get: (id: string) => catalog.get(id)?.source };
  const envHint = 'FEEDWRIGHT_ADMIN_TOKEN (or FEEDWRIGHT_INGEST_TOKEN)';
  const ingest = bearerAuth({ tokens: [deps.adminToken, deps.ingestToken], what: 'The ingest API', envHint });
  const admin = adminAuth({ adminToken: deps.adminToken, session: deps.adminSession, studio: deps.studioSession, now });

  const api = new Hono();
  sourcesApi(api, admin, {
    catalog, store: deps.store, now, baseUrl: (deps.baseUrl ?? '').replace(/\/+$/, ''), onSourcesChanged: deps.onSourcesChanged, background: waitUntilOf,
  });

  /** The push source named in the path, or the error response. */
  const pushSource = (c: Context): SourceConfig | Response => {
    const id = c.req.param('id') ?? '';
    const source = byId.get(id);
    if (!source) return problem(c, 404, 'not_found', `No source with id ${JSON.stringify(id)}.`);
    if (source.type !== 'push') {
      return problem(c, 409, 'not_a_push_source', `Source ${JSON.stringify(id)} is of type ${source.type ?? 'html'}: only push sources accept items through the API.`);
    }
    return source;
  };

  api.post(
    '/sources/:id/items',
    ingest,
    bodyLimit({
      maxSize: maxBodyBytes,
      onError: (c) => problem(c, 413, 'payload_too_large', `Push request bodies are limited to ${maxBodyBytes} bytes.`),
    }),
    async (c) => {
      const source = pushSource(c);
      if (source instanceof Response) return source;
      const type = c.req.header('content-type') ?? '';
      if (type !== '' && !/^application\/([\w.+-]*\+)?json\b/i.test(type)) {
        return problem(c, 415, 'unsupported_media_type', `Send JSON (Content-Type: application/json), not ${type}.`);
      }
      let body: unknown;
      try {
        body = JSON.parse(await c.req.text());
      } catch (err) {
        return problem(c, 400, 'bad_json', `The body is not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
      }
      const read = readPushBody(body);
      if (!read.ok) return problem(c, 400, 'bad_request', read.message);
      const { entries, defaults } = read;
      if (entries.length === 0) return problem(c, 400, 'bad_request', 'The list of items is empty.');
      if (entries.length > maxItems) {
        return problem(c, 413, 'too_many_items', `At most ${maxItems} items per request, got ${entries.length}.`);
      }

      const at = now();
      const rejected: { index: number; reason: string }[] = [];
      const valid: { index: number; item: Item; explicitId: boolean }[] = [];
      for (let index = 0; index < entries.length; index++) {
        const outcome = await pushedItem(entries[index], source, at, defaults);
        if (outcome.ok) valid.push({ index, item: outcome.item, explicitId: outcome.explicitId });
        else rejected.push({ index, reason: outcome.reason });
      }

      // A feed shows each link once (it is the entry's Atom id, RSS guid and JSON Feed id), so a URL
      // belongs to one item: without `id` it names that item; under another `id` it is refused.
      // Entries are taken in order, against what is stored and what earlier entries did.
      const urlOwner = await deps.store.idsForUrls(source.id, valid.map((v) => v.item.url));
      const stored = new Map<string, { hash: string; url: string } | null>();
      const storedItem = async (id: string) => {
        if (!stored.has(id)) {
          const found = await deps.store.getItem(source.id, id);
          stored.set(id, found ? { hash: found.contentHash, url: found.url } : null);
        }
        return stored.get(id) ?? null;
      };
      const accepted: { index: number; item: Item }[] = [];
      const created: Entry[] = [];
      const updated: Entry[] = [];
      const unchanged: Entry[] = [];
      for (const { index, item, explicitId } of valid) {
        const owner = urlOwner.get(item.url);
        if (owner !== undefined && owner !== item.id) {
          if (explicitId) {
            rejected.push({ index, reason: urlTakenReason(item.url, owner) });
            continue;
          }
          item.id = owner;
        }
        const known = await storedItem(item.id);
        if (known && known.url !== item.url && urlOwner.get(known.url) === item.id) urlOwner.delete(known.url);
        urlOwner.set(item.url, item.id);
        stored.set(item.id, { hash: item.contentHash, url: item.url });
        const entry = { index, id: item.id, url: item.url };
        (known === null ? created : known.hash === item.contentHash ? unchanged : updated).push(entry);
        accepted.push({ index, item });
      }
      rejected.sort((a, b) => a.index - b.index);

      if (accepted.length > 0) {
        // Like every write, a push prunes the source to its item cap (oldest first).
        const result = await deps.store.upsertItems(source.id, accepted.map((a) => a.item), at, {
          maxItems: source.maxItems ?? DEFAULTS.maxItems,
        });
        if (result.created + result.updated > 0) notifyChanged(c, deps, source.id);
      }
      const status = rejected.length === 0 ? (created.length > 0 ? 201 : 200) : accepted.length > 0 ? 207 : 422;
      c.header('Cache-Control', 'no-store');
      return c.json({ created, updated, unchanged, rejected }, status);
    },
  );

  const remove = async (c: Context, named: string | null) => {
    const source = pushSource(c);
    if (source instanceof Response) return source;
    let id = named;
    if (id === null) {
      const url = c.req.query('url');
      if (!url) return problem(c, 400, 'bad_request', 'Name the item: DELETE …/items/<id> or …/items?url=<article URL>.');
      try {
        if (!['http:', 'https:'].includes(new URL(url).protocol)) throw new TypeError('not http(s)');
      } catch {
        return problem(c, 400, 'bad_request', `url must be an absolute http or https URL, got ${JSON.stringify(url)}.`);
      }
      // The item that holds the URL (pushed with or without id), as pushes store it.
      const canonical = canonicalUrl(null, url);
      id = (await deps.store.idsForUrls(source.id, [canonical])).get(canonical) ?? await itemId(canonical);
    }
    if (!(await deps.store.deleteItem(source.id, id))) {
      return problem(c, 404, 'not_found', `Source ${JSON.stringify(source.id)} has no item ${JSON.stringify(id)}.`);
    }
    notifyChanged(c, deps, source.id);
    c.header('Cache-Control', 'no-store');
    return c.json({ deleted: id }, 200);
  };
  api.delete('/sources/:id/items/:itemId', ingest, (c) => remove(c, c.req.param('itemId')));
  api.delete('/sources/:id/items', ingest, (c) => remove(c, null));

  api.post('/sources/:id/refresh', admin, async (c) => {
    const id = c.req.param('id');
    const source = byId.get(id);
    if (!source) return problem(c, 404, 'not_found', `No source with id ${JSON.stringify(id)}.`);
    if (source.type === 'push') {
      return problem(c, 409, 'push_source', `Source ${JSON.stringify(id)} is a push source: it is never fetched, push items instead.`);
    }
    if (source.type === 'merge') {
      return problem(c, 409, 'merge_source', `Source ${JSON.stringify(id)} bundles other sources: refresh its members (${(source.sources ?? []).join(', ')}) instead.`);
    }
    if (!deps.refresh) return problem(c, 501, 'not_available', 'This runtime cannot refresh sources on demand.');
    const report = await deps.refresh(id);
    c.header('Cache-Control', 'no-store');
    return report === undefined ? c.json({ queued: id }, 202) : c.json({ report }, 200);
  });

  previewRoute(api, { admin, preview: deps.preview });

  return api;
}
