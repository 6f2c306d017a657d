import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import { createApp } from '../../server/app.ts';
import { MemoryFeedCache } from '../../server/cache.ts';
import { openContext, type NodeSettings } from './context.ts';
import { NODE_COMPRESSORS } from './compress.ts';
import { localSiteRoutes } from './local-sites.ts';
import { startScheduler } from './scheduler.ts';

export interface RunningServer {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/**
 * `npm start`: load the config, open SQLite, serve the Hono app and start the scheduler.
 * The first scrape of never-scraped sources starts right after the server listens.
 */
export async function startNodeServer(settings: NodeSettings, log = (l: string) => console.log(l)): Promise<RunningServer> {
  const ctx = await openContext(settings, log);
  const app = new Hono();
  app.route('/', localSiteRoutes(ctx.localSites));
  app.route('/', createApp({
    sources: ctx.config.sources,
    store: ctx.store,
    cache: new MemoryFeedCache(),
    baseUrl: ctx.baseUrl,
    compressors: NODE_COMPRESSORS,
    adminToken: settings.adminToken,
    ingestToken: settings.ingestToken,
    websub: ctx.websub,
    refresh: async (id) => {
      const source = ctx.config.sources.find((s) => s.id === id);
      return source ? ctx.runner.run(source) : undefined;
    },
  }));
  const server: ServerType = await new Promise((resolveServer) => {
    const s = serve({ fetch: app.fetch, port: settings.port, hostname: '0.0.0.0' }, () => resolveServer(s));
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : settings.port;
  log(`feedwright listening on http://localhost:${port} with ${ctx.config.sources.length} source(s) from ${settings.configPath}`);
  const scheduler = await startScheduler(ctx.config.sources, ctx.runner, ctx.store);
  let stopping: Promise<void> | undefined;
  return {
    url: `http://localhost:${port}`,
    port,
    stop() {
      stopping ??= (async () => {
        await new Promise<void>((r) => {
          server.close(() => r());
          (server as { closeAllConnections?: () => void }).closeAllConnections?.();
        });
        await scheduler.stop();
        await ctx.close();
      })();
      return stopping;
    },
  };
}
