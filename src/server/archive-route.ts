/**
 * GET|HEAD /feeds/<id>/archive/<n>.rss|.atom|.json: RFC 5005 archive pages (render/archive.ts).
 * A page is immutable while nothing older is added or removed: a long max-age, and an ETag from
 * its own items (not the source's version), so new items never invalidate old pages.
 */
import type { Hono } from 'hono';
import type { SourceConfig } from '../config/types.ts';
import { DEFAULTS } from '../defaults.ts';
import { renderArchiveDocument } from '../render/document.ts';
import type { FeedFormat } from '../render/types.ts';
import type { Store } from '../store/store.ts';
import { httpDate, isNotModified, strongEtag } from './conditional.ts';

const EXT_TO_FORMAT: Record<string, FeedFormat> = { rss: 'rss', atom: 'atom', json: 'json' };

export interface ArchiveRouteDeps {
  byId: { get(id: string): SourceConfig | undefined };
  store: Store;
  baseUrl: string;
  startedAt: Date;
  now: () => Date;
  /** Part of every ETag (the app's render revision). */
  revision: string;
}

export function archiveRoute(app: Hono, deps: ArchiveRouteDeps): void {
  app.get('/feeds/:id/archive/:file', async (c) => {
    const source = deps.byId.get(c.req.param('id'));
    const m = /^([1-9]\d{0,8})\.(rss|atom|json)$/.exec(c.req.param('file'));
    const doc = source && m
      ? await renderArchiveDocument(deps.store, source, EXT_TO_FORMAT[m[2]], Number(m[1]), { baseUrl: deps.baseUrl, hub: null, startedAt: deps.startedAt })
      : null;
    if (!doc) {
      return c.json({ error: 'not_found', message: `No archive page at ${new URL(c.req.url).pathname}. Follow the feed's prev-archive link (JSON Feed: next_url).` }, 404);
    }
    const etag = await strongEtag([deps.revision, 'archive', doc.body]);
    const lastModified = new Date(doc.meta.updated ?? deps.startedAt.toISOString());
    const headers = new Headers({
      ETag: etag,
      'Last-Modified': httpDate(lastModified),
      'Cache-Control': `public, max-age=${DEFAULTS.archiveMaxAgeS}`,
      'Access-Control-Allow-Origin': '*',
    });
    if (isNotModified(c.req.raw.headers, { etag, lastModified }, deps.now())) return new Response(null, { status: 304, headers });
    headers.set('Content-Type', doc.contentType);
    return new Response(doc.body, { status: 200, headers });
  });
}
