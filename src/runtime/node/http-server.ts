import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import { createApp } from '../../server/app.ts';
import { MemoryFeedCache } from '../../server/cache.ts';
import { feedFrontOf } from '../../server/feed-route.ts';
import { withFeedFront } from './feed-listener.ts';
import { localSiteRoute } from '../../server/local-site-route.ts';
import { openContext, type NodeSettings } from './context.ts';
import { NODE_COMPRESSORS } from './compress.ts';
import { startScheduler, type Scheduler, type SchedulerStats } from './cron-timers.ts';
import { startLiveSources, type LiveSourcesOptions } from './live-sources.ts';

export interface RunningServer {
  url: string;
  host: string;
  port: number;
  /** Reload the config file (SIGHUP); false when the edit was refused and the old sources stay. */
  reload(): Promise<boolean>;
  stop(): Promise<void>;
  /** The scheduler's queue and tick costs (bench:scale). */
  schedulerStats(): SchedulerStats;
}

/**
 * `npm start`: load the config, open SQLite, serve the Hono app and start the scheduler.
 * The first scrape of never-scraped sources starts right after the server listens. Sources follow
 * the config file, the database and the admin API while it runs (live-sources.ts, sources-api.ts).
 */
export async function startNodeServer(
  settings: NodeSettings, log = (l: string) => console.log(l), live: LiveSourcesOptions = {},
): Promise<RunningServer> {
  const ctx = await openContext(settings, log);
  let scheduler: Scheduler | null = null;
  const app = createApp({
    catalog: ctx.catalog,
    store: ctx.store,
    cache: new MemoryFeedCache(),
    baseUrl: ctx.baseUrl,
    startedAt: ctx.startedAt,
    compressors: NODE_COMPRESSORS,
    adminToken: settings.adminToken,
    ingestToken: settings.ingestToken,
    metrics: ctx.metrics,
    metricsToken: settings.metricsToken,
    healthPublic: ctx.config.health === 'public',
    websub: ctx.websub,
    localSites: localSiteRoute(ctx.localSites, ctx.readLocalFile),
    refresh: async (id) => {
      const source = ctx.catalog.get(id)?.source;
      return source ? ctx.runner.run(source) : undefined;
    },
    preview: ctx.preview,
    // Added, changed and removed sources reach the scheduler through the catalog (below).
    onSourcesChanged: async (event) => {
      if (event.kind === 'resumed') await scheduler?.kick(event.id);
    },
  });
  const host = settings.host ?? DEFAULT_HOST;
  const server = createServer(nodeListener(app));
  let sources: Awaited<ReturnType<typeof startLiveSources>> | undefined;
  try {
    // The database's sources are served from the first request on.
    sources = await startLiveSources(ctx, log, live);
    await listen(server, host, settings.port);
  } catch (err) {
    sources?.close();
    await ctx.close();
    throw err;
  }
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : settings.port;
  const url = `http://${urlHost(host)}:${port}`;
  const fromDb = ctx.catalog.entries.filter((e) => e.origin === 'db').length;
  log(`feedwright listening on ${url}${host === DEFAULT_HOST ? ' (all interfaces)' : ''} with ${ctx.catalog.sources.length - fromDb} source(s) from ${settings.configPath}${fromDb ? ` and ${fromDb} from the database` : ''}`);
  const running = await startScheduler(ctx.catalog.sources, ctx.runner, ctx.store, undefined, {
    maxConcurrent: ctx.config.scrapeConcurrency, maxPerHost: ctx.config.scrapeConcurrencyPerHost,
  });
  scheduler = running;
  const unfollow = ctx.catalog.onChange(() => void running.update(ctx.catalog.sources));
  let stopping: Promise<void> | undefined;
  return {
    url,
    host,
    port,
    reload: () => sources.reload(),
    schedulerStats: () => running.stats(),
    stop() {
      stopping ??= (async () => {
        unfollow();
        sources.close();
        await new Promise<void>((r) => {
          server.close(() => r());
          server.closeAllConnections();
        });
        await running.stop();
        await ctx.close();
      })();
      return stopping;
    },
  };
}

/** The listen address when neither --host nor HOST says otherwise: every IPv4 interface. */
const DEFAULT_HOST = '0.0.0.0';

/** Listens, or fails with one line saying what to change (the port in use, the address). */
function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException) => reject(new Error(listenProblem(err, host, port)));
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
}

function listenProblem(err: NodeJS.ErrnoException, host: string, port: number): string {
  const where = `${urlHost(host)}:${port}`;
  switch (err.code) {
    case 'EADDRINUSE':
      return `port ${port} is already in use (on ${host}): stop the program using it, or choose another port with --port or the PORT environment variable`;
    case 'EACCES':
      return `not allowed to listen on port ${port}: ports below 1024 need privileges; choose another with --port or PORT`;
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `cannot listen on ${host}: not an address of this machine; choose one with --host or HOST (default ${DEFAULT_HOST}, every interface)`;
    default:
      return `cannot listen on ${where}: ${err.code ?? err.message}`;
  }
}

/** `localhost` for the wildcard addresses, IPv6 in brackets. */
function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return 'localhost';
  return host.includes(':') ? `[${host}]` : host;
}

/**
 * The request listener the Node server runs the app with (also what `npm run bench` measures):
 * @hono/node-server's, with feed polls answered in front of it (feed-listener.ts) when `app` came
 * from createApp, unless `feedFront: false`.
 */
export function nodeListener(
  app: { fetch: (request: Request) => Response | Promise<Response> }, options: { feedFront?: boolean } = {},
): RequestListener {
  const listener = closingAfterIgnoredBodies(getRequestListener(app.fetch));
  const front = options.feedFront === false ? undefined : feedFrontOf(app);
  return front ? withFeedFront(front, listener) : listener;
}

/**
 * A body sent with GET or HEAD is never read: @hono/node-server hands the app none, and Node
 * would then leave the connection stalled behind the unread bytes. Such a connection is closed
 * after the response instead. (The app refuses a declared length over its cap with 413; unread
 * bodies of other methods are drained a little, then closed, by @hono/node-server.)
 */
function closingAfterIgnoredBodies(listener: RequestListener): RequestListener {
  return (req: IncomingMessage, res: ServerResponse) => {
    const carriesBody = req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
    if ((req.method === 'GET' || req.method === 'HEAD') && carriesBody) res.setHeader('Connection', 'close');
    return listener(req, res);
  };
}
