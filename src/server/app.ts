import { Hono } from 'hono';
import type { Context } from 'hono';
import { compress } from 'hono/compress';
import { SourceCatalog } from '../config/catalog.ts';
import { LOCAL_ROUTE } from '../config/local-mounts.ts';
import type { SourceConfig } from '../config/types.ts';
import { DEFAULTS } from '../defaults.ts';
import { feedListing } from '../render/document.ts';
import { renderIndexPage } from '../render/index-page.ts';
import type { FeedListing } from '../render/listing.ts';
import { renderOpml } from '../render/opml.ts';
import { FEED_STYLESHEET, FEED_STYLESHEET_CONTENT_TYPE, FEED_STYLESHEET_PATH } from '../render/stylesheet.ts';
import type { Store } from '../store/store.ts';
import type { WebSub } from '../websub/types.ts';
import { createApi, waitUntilOf, type ApiDeps } from './api.ts';
import { archiveRoute } from './archive-route.ts';
import type { FeedCache } from './cache.ts';
import { DEFAULT_COMPRESSORS, type Compressors } from './encoding.ts';
import { bearerAuth, bearerCheck, TokenVerifier } from './auth.ts';
import { health, publicHealth, sourceStatus } from './health.ts';
import { METRICS_CONTENT_TYPE, routeLabel, type Metrics } from './metrics.ts';
import { DEFAULT_LIMITS, requestLimits, type RequestLimits } from './limits.ts';
import { SessionKeys, sessionCookieOf } from './session.ts';
import { feedStatus } from './status.ts';
import type { PreviewFn } from './preview-types.ts';
import { createStudio } from './studio/routes.ts';
import { feedRoute } from './feed-route.ts';
import { indexPage } from './index-page.ts';

export interface AppDeps {
  /** Fixed sources; ignored when `catalog` is given. */
  sources?: SourceConfig[];
  /** The live sources (file and database; config/catalog.ts): every route reads them per request. */
  catalog?: SourceCatalog;
  store: Store;
  cache: FeedCache;
  /** Public base URL of this service (trailing slash ignored). */
  baseUrl: string;
  now?: () => Date;
  /** WebSub hub announced in every feed. */
  hub?: string | null;
  /** Last-Modified of feeds that have no items yet. Default: when createApp ran. */
  startedAt?: Date;
  /** Feed body compressors by coding (default gzip; the Node entry adds brotli). */
  compressors?: Compressors;
  /** Upper bound of `?limit=` (default DEFAULTS.maxFeedItems). */
  maxLimit?: number;
  /** FEEDWRIGHT_ADMIN_TOKEN: admin + ingest API (api.ts). Without any token the API is off. */
  adminToken?: string | null;
  /** FEEDWRIGHT_INGEST_TOKEN: push/delete items only. */
  ingestToken?: string | null;
  /** Told when the admin API added, changed, removed, paused or resumed a source (sources-api.ts). */
  onSourcesChanged?: ApiDeps['onSourcesChanged'];
  /** Another way past the admin guard, e.g. the studio's session (auth.ts#adminAuth). */
  adminSession?: ApiDeps['adminSession'];
  /** Runs or queues a refresh (POST /api/sources/<id>/refresh); see api.ts. */
  refresh?: (sourceId: string) => Promise<unknown>;
  /** The dry run of POST /api/preview (pipeline/preview/), injected by the runtime as `refresh` is. */
  preview?: PreviewFn;
  /** Called when an API write changed a feed. Default: `websub.feedChanged`. */
  onFeedChanged?: (sourceId: string, background?: (task: Promise<unknown>) => void) => void | Promise<void>;
  /** WebSub: announced as the hub when `hub` is unset; serves POST /websub when it is our own hub. */
  websub?: WebSub | null;
  /** URL, header and body size caps (see limits.ts; defaults there). */
  limits?: Partial<RequestLimits>;
  /** GET|HEAD /local/<id>/…: the runtime's local sites (config/local-mounts.ts); null → 404. */
  localSites?: (request: Request) => Promise<Response | null>;
  /** Counts requests and serves GET /metrics (server/metrics.ts); absent: no /metrics. */
  metrics?: Metrics | null;
  /** FEEDWRIGHT_METRICS_TOKEN: guards /metrics (else the admin token; neither: 403). */
  metricsToken?: string | null;
  /** Config `health: public`: /health shows error details and source URLs without the admin token. */
  healthPublic?: boolean;
}

/**
 * Bump whenever renderer output changes for the same input: it is part of every ETag and cache
 * key, so clients and persistent caches (KV on Workers) never keep bytes of an older renderer.
 */
const RENDER_REVISION = 'render-2';

/**
 * The HTTP surface, identical on Node and Workers (Web-standard Request/Response only):
 *
 *   GET|HEAD /feeds/<id>.rss|.atom|.json[?limit=N&filter…]   the feeds (RSSHub's filters: render/filters.ts),
 *                    with validators (304s) and gzip
 *   GET|HEAD /feeds/<id>/archive/<n>.<ext>          RFC 5005 archive pages (archive-route.ts)
 *   GET /            index page with autodiscovery links and each source's state
 *   GET /feed.xsl    the stylesheet browsers apply to RSS and Atom (render/stylesheet.ts)
 *   GET /feeds.opml  OPML 2.0 list of all feeds
 *   GET /health      per-source scrape status (503 when every source is failing; health.ts);
 *                    error details and URLs with the admin token or `health: public`
 *   GET /metrics     Prometheus text (metrics.ts; FEEDWRIGHT_METRICS_TOKEN, else the admin token)
 *   /api/…           push, delete, refresh and preview (bearer token or studio session; api.ts)
 *   /admin/…         the studio (studio/routes.ts)
 *   POST /websub     WebSub hub subscriptions (websub/own-hub.ts)
 *   GET /local/<id>/… the runtime's local sites (deps.localSites)
 *
 * A feed request costs one `store.feedVersion()`. When the client's validator still matches,
 * the 304 is decided from that alone; otherwise the bytes come from the FeedCache, keyed by the
 * version, and items are listed and rendered only on a miss (i.e. once per version and variant;
 * feed-answer.ts, which the Node listener also answers polls with in front of the app).
 */
export function createApp(deps: AppDeps): Hono {
  const now = deps.now ?? (() => new Date());
  const startedAt = deps.startedAt ?? now();
  const baseUrl = deps.baseUrl.replace(/\/+$/, '');
  const maxLimit = deps.maxLimit ?? DEFAULTS.maxFeedItems;
  const catalog = deps.catalog ?? SourceCatalog.of(deps.sources ?? []);
  const byId = { get: (id: string) => catalog.get(id)?.source };
  const compressors = deps.compressors ?? DEFAULT_COMPRESSORS;
  const session = deps.adminToken ? new SessionKeys(deps.adminToken, DEFAULTS.studioSessionSeconds) : null;
  const app = new Hono();
  const metrics = deps.metrics;
  // First, so every answer is counted (API, limits, 404s): one map increment per request.
  if (metrics) app.use('*', async (c, next) => { await next(); metrics.httpRequest(routeLabel(c), c.res.status); });
  // The write API first: it applies its own (larger) body limit and auth (api.ts); URL and header caps hold for it too.
  app.use('/api/*', requestLimits({ ...deps.limits, maxBodyBytes: null }));
  app.route('/api', createApi({ ...deps, sources: catalog.sources, catalog, baseUrl, now, studioSession: session, onFeedChanged: deps.onFeedChanged ?? deps.websub?.feedChanged }));
  app.use('*', requestLimits(deps.limits));
  // Feeds compress themselves (memoized per version, see encoding.ts) and are answered before the
  // other middleware runs (metrics aside): polls are most requests (feed-route.ts).
  feedRoute(app, {
    byId, sources: () => catalog.sources, store: deps.store, cache: deps.cache, baseUrl, hub: deps.hub ?? deps.websub?.hub ?? null,
    startedAt, now, compressors, maxLimit, revision: RENDER_REVISION, notFound,
    limits: { ...DEFAULT_LIMITS, ...deps.limits }, countRequest: metrics ? (route, status) => metrics.httpRequest(route, status) : undefined,
  });
  // gzip/deflate via CompressionStream (Node 20 and Workers; neither offers brotli there) for the
  // small routes; compress leaves responses that already carry Content-Encoding alone.
  app.use('*', compress());
  app.route('/', createStudio({ baseUrl, now, session, verifier: new TokenVerifier([deps.adminToken]) }));

  archiveRoute(app, { byId, store: deps.store, baseUrl, startedAt, now, revision: RENDER_REVISION });

  const isAdmin = bearerCheck([deps.adminToken]);
  app.get('/', async (c) => {
    const at = now();
    const sources = catalog.sources;
    // Paginated and searchable: thousands of sources make one page too large to serve or read.
    const { feeds, pagination } = indexPage(sources, c.req.query('q'), c.req.query('page'));
    // Error texts as /health shows them: to everyone with `health: public`, else to an admin (token
    // or studio session) only, on a page no cache keeps.
    const admin = !deps.healthPublic && (await isAdmin(c.req.header('authorization'))
      || (session !== null && (await session.verify(sessionCookieOf(c.req.raw), at)) !== null));
    const full = await health(sources, deps.store, at);
    const report = deps.healthPublic || admin ? full : publicHealth(full);
    const byIndex = new Map(sources.map((s, i) => [s.id, report.sources[i]]));
    const listings = feeds.map((s): FeedListing => {
      const h = byIndex.get(s.id)!;
      return { ...feedListing(s, h), status: feedStatus(s, h, at) };
    });
    c.header('Cache-Control', admin ? 'private, no-store' : 'public, max-age=60');
    return c.html(renderIndexPage(listings, { baseUrl, pagination }));
  });

  app.get(FEED_STYLESHEET_PATH, (c) => c.body(FEED_STYLESHEET, 200, {
    'Content-Type': FEED_STYLESHEET_CONTENT_TYPE,
    'Cache-Control': 'public, max-age=86400',
  }));

  app.get('/feeds.opml', (c) => {
    const body = renderOpml(catalog.sources.map((s) => feedListing(s)), { baseUrl });
    return c.body(body, 200, {
      'Content-Type': 'text/x-opml; charset=utf-8',
      'Cache-Control': 'public, max-age=300',
      'Access-Control-Allow-Origin': '*',
    });
  });

  app.get('/health', async (c) => {
    const report = await health(catalog.sources, deps.store, now());
    const full = deps.healthPublic || await isAdmin(c.req.header('authorization'));
    c.header('Cache-Control', 'no-store');
    // A refused config edit (the previous sources keep running) and sources left out: details, so admins only.
    const extra = full ? { ...(catalog.configFault ? { configError: catalog.configFault } : {}), ...(catalog.problems.length ? { sourceProblems: catalog.problems } : {}) } : {};
    return c.json({ ...(full ? report : publicHealth(report)), ...extra }, report.status === 'failing' ? 503 : 200);
  });

  if (metrics) {
    const guard = bearerAuth({
      tokens: [deps.metricsToken || deps.adminToken], what: 'The metrics endpoint', envHint: 'FEEDWRIGHT_METRICS_TOKEN (or FEEDWRIGHT_ADMIN_TOKEN)',
    });
    app.get('/metrics', guard, async (c) => {
      const states = new Map((await deps.store.listStates()).map((st) => [st.sourceId, st]));
      const current = catalog.sources.filter((s) => s.type !== 'merge').map((s) => ({ source: s.id, state: sourceStatus(s, states.get(s.id)).state }));
      return c.body(await metrics.expose(current), 200, { 'Content-Type': METRICS_CONTENT_TYPE, 'Cache-Control': 'no-store' });
    });
  }

  const localSites = deps.localSites;
  if (localSites) {
    app.get(`${LOCAL_ROUTE}/*`, async (c) => (await localSites(c.req.raw)) ?? notFound(c,
      `No file at ${new URL(c.req.url).pathname}. Local sites publish their web pages, images, stylesheets and feeds, nothing else.`));
  }

  const websub = deps.websub;
  if (websub?.handle) app.post('/websub', (c) => websub.handle!(c.req.raw, waitUntilOf(c)));

  app.notFound((c) => notFound(c, `No route for ${c.req.method} ${new URL(c.req.url).pathname}. See / for the feeds.`));
  app.onError((err, c) => {
    console.error('feedwright: request failed', c.req.method, c.req.url, err);
    return c.json({ error: 'internal_error', message: 'The server failed to answer this request.' }, 500);
  });
  return app;
}

function notFound(c: Context, message: string): Response {
  return c.json({ error: 'not_found', message }, 404);
}

